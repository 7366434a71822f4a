import Core
import Documents
import Foundation

/// Walks a document's paragraphs and tables in reading order and builds plans from them.
/// See `docs/import.md` for the rules as a performance officer reads them.
struct PlanRecogniser {
    let document: Document
    let options: ImportOptions
    var plans: [WorkingPlan] = []
    var warnings: [ImportWarning] = []
    var notes: [ImportWarning] = []

    /// Paragraphs since the last table: where a new plan's title and date come from.
    var region: [Paragraph] = []
    /// Themes and areas announced by headings, waiting for the table that follows them.
    var pending: [PendingSection] = []
    /// The label a run of paragraphs (or single-cell rows) is filling: `Objectives:` …
    var label: AreaLabel?
    var skipped: [Paragraph] = []
    /// What each table was taken for, in file order.
    var readings: [TableReading] = []
    /// Boards' work programmes read from tables, in file order (`readWorkProgramme`).
    var workProgrammes: [ImportedWorkProgramme] = []
    /// The document's tables, each one's header columns (nil when it has no header row), the
    /// position of the next table from each that has one, and the tables nested in each: worked
    /// out once, so a file of many tables is read in time proportional to its size.
    var tables: [Table] = []
    var headerOfTable: [TableColumns?] = []
    var nextWithHeader: [Int?] = []
    var nestedTables: [Int: [Table]] = [:]
    /// The plan the last block was a table of, while nothing but page numbers has come since:
    /// a table with no header row straight after it is the same table broken by a page.
    var planOfLastTable: Int?

    enum PendingSection {
        case theme(Theme)
        case area(WorkingArea)
    }

    init(document: Document, options: ImportOptions) {
        self.document = document
        self.options = options
    }

    var fileName: String { document.fileName }

    // MARK: Reading order

    mutating func run() -> ImportResult {
        let blocks = document.blocks
        tables = document.tables
        headerOfTable = tables.map { Self.headerColumns(of: $0, mapping: options.mapping) }
        nextWithHeader = Array(repeating: nil, count: tables.count + 1)
        for index in tables.indices.reversed() {
            nextWithHeader[index] = headerOfTable[index] != nil ? index : nextWithHeader[index + 1]
        }
        for table in tables {
            if let outer = table.enclosingCell?.table { nestedTables[outer, default: []].append(table) }
        }
        var position = 0
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                read(paragraph)
            case .table(let table):
                noteSkipped()
                read(table, at: position)
                position += 1
            }
        }
        noteSkipped()
        // Headings after the last table with nothing under them (`5. FINANCIAL IMPLICATIONS`)
        // are the report's, not areas of the plan.
        dropReportHeadings(before: nil)
        pending = pending.filter { if case .area(let area) = $0 { !area.area.isUndescribed } else { true } }
        if !plans.isEmpty { attachPending(to: plans.count - 1) }
        if plans.isEmpty, workProgrammes.isEmpty {
            let tables = document.tables.count
            warnings.append(ImportWarning(fileName: fileName, location: fileName, message: tables == 0
                ? "The file holds no tables, so no plan was found. Plans are read from tables with columns such as Action, Lead and Due."
                : "None of the \(tables) table\(tables == 1 ? "" : "s") has columns recognised as a plan's (such as Ref, Action, Leads, Due). Give a mapping file naming the columns (see docs/import.md)."))
        }
        var built: [ImportedPlan] = []
        for index in plans.indices { built.append(draft(of: index)) }
        // In file order, so a person can work down the document.
        let ordered = warnings.enumerated().sorted { a, b in
            (a.element.table ?? 0, a.element.row ?? 0, a.offset) < (b.element.table ?? 0, b.element.row ?? 0, b.offset)
        }.map(\.element)
        return ImportResult(fileName: fileName, plans: built, warnings: ordered, notes: notes, tables: readings,
                            workProgrammes: workProgrammes)
    }

    // MARK: Paragraphs

    mutating func read(_ paragraph: Paragraph) {
        let text = paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !isPageNumber(text) else { return }
        planOfLastTable = nil
        region.append(paragraph)
        // A heading naming a plan ("4. Service action plan for the year") titles the table
        // below it; it is not an area.
        if paragraph.isHeading || isCapitals(text), !Self.namesAPlan(text), let section = ActionReference.section(text) {
            dropReportHeadings(before: nil)
            switch section {
            case let .theme(ref, title):
                pending.append(.theme(Theme(planID: 0, position: 0, ref: ref, title: title)))
            case let .area(ref, title):
                var area = WorkingArea(area: Area(themeID: 0, position: 0, ref: ref, title: ActionReference.titleCase(title)), themeIndex: 0)
                area.row = paragraph.number
                pending.append(.area(area))
            }
            label = nil
            return
        }
        if let (found, rest) = AreaLabel.read(text), hasLabelTarget {
            label = found
            if !rest.isEmpty { applyLabel(rest) }
            return
        }
        if paragraph.isHeading {
            label = nil
        } else if label != nil, applyLabel(text) {
            return
        }
        // Prose straight under a numbered heading (`3. CONTEXT` and a paragraph of the report)
        // suggests a heading of the report, not an area of the plan: decided at the next
        // heading or table (`dropReportHeadings`).
        if case .area(var area)? = pending.last, area.area.isUndescribed {
            area.followedByProse = true
            pending[pending.count - 1] = .area(area)
        }
        skipped.append(paragraph)
    }

    /// Leaves out the headings with prose under them and nothing labelled (`3. CONTEXT`): the
    /// report's, not areas — unless the table that follows (`firstRef`, its first reference)
    /// numbers its actions under the heading (`1. ASSESSMENT`, a paragraph, then `1.1 …`).
    mutating func dropReportHeadings(before firstRef: String?) {
        pending = pending.filter { section in
            guard case .area(let area) = section, area.followedByProse, area.area.isUndescribed else { return true }
            if let firstRef, firstRef.hasPrefix(area.area.ref + ".") { return true }
            notes.append(ImportWarning(kind: .note, fileName: fileName, row: area.row, location: "\(fileName), \(lineWord) \(area.row ?? 0)",
                                       message: "The heading \"\(area.area.ref). \(area.area.title)\" is followed by text, not by a plan's table or labels, so it is read as a heading of the report, not an area of a plan.",
                                       plan: plans.isEmpty ? nil : plans.count - 1))
            return false
        }
    }

    /// The first reference a table's rows carry: in the reference column, or at the start of a
    /// line of a cell (`1.1 Recruit …`).
    static func firstReference(in rows: [TableRow], columns: TableColumns) -> String? {
        for row in rows {
            if let column = columns.column(of: .ref) {
                let ref = row[column: column].text.trimmingCharacters(in: .whitespacesAndNewlines)
                if ActionReference.looksLikeReference(ref) { return ref }
            }
            for cell in row.cells {
                if let leading = ActionReference.leading(lines(cell.text).first ?? "") { return leading.ref }
            }
        }
        return nil
    }

    var lineWord: String {
        document.format == .tabSeparatedHTML || document.format == .csv ? "line" : "paragraph"
    }

    /// A line naming a plan or tracker, with at least one word besides ("ILACS Improvement
    /// Plan", "Action log"; not "The plan" or "2. PLANNING").
    static func namesAPlan(_ text: String) -> Bool {
        let words = HeaderRecognition.normalise(text).split(separator: " ").map(String.init)
        let naming: Set<String> = ["plan", "plans", "tracker", "recommendations", "scorecard", "programme"]
        guard words.contains(where: naming.contains) || HeaderRecognition.normalise(text).contains("action log") else { return false }
        let empty: Set<String> = ["the", "a", "an", "our", "this", "plan", "plans", "of", "and"]
        return words.contains { !empty.contains($0) && !$0.allSatisfy(\.isNumber) }
    }

    var hasLabelTarget: Bool {
        pending.contains { if case .area = $0 { true } else { false } } || plans.last?.currentArea != nil
    }

    /// Adds text under the current label to the area being described: the one announced by
    /// the last heading, or else the last area read.
    @discardableResult
    mutating func applyLabel(_ text: String) -> Bool {
        guard let label else { return false }
        if let index = pending.lastIndex(where: { if case .area = $0 { true } else { false } }),
           case .area(var working) = pending[index] {
            label.apply(text, to: &working.area)
            pending[index] = .area(working)
            return true
        }
        if let planIndex = plans.indices.last, let areaIndex = plans[planIndex].currentArea {
            label.apply(text, to: &plans[planIndex].areas[areaIndex].area)
            return true
        }
        return false
    }

    mutating func noteSkipped() {
        defer { skipped = [] }
        guard let first = skipped.first, let last = skipped.last else { return }
        let lines = first.number == last.number ? "\(first.number)" : "\(first.number)–\(last.number)"
        let where_ = document.format == .tabSeparatedHTML || document.format == .csv ? "line" : "paragraph"
        let opening = first.text.count > 60 ? String(first.text.prefix(57)) + "…" : first.text
        let count = skipped.count
        notes.append(ImportWarning(kind: .note, fileName: fileName, row: first.number,
                                   location: "\(fileName), \(where_)\(count == 1 ? "" : "s") \(lines)",
                                   message: "\(count) paragraph\(count == 1 ? "" : "s") of text outside the tables skipped (\"\(opening)\").",
                                   plan: plans.isEmpty ? nil : plans.count - 1))
    }

    // MARK: Tables

    mutating func read(_ original: Table, at position: Int) {
        let later = tables[(position + 1)...]
        // A table in a cell of a plan's table (milestones drawn as a table): its text is that
        // cell's lines already, read with the row it sits in.
        if let outer = original.enclosingCell?.table,
           readings.contains(where: { $0.table == outer && ($0.kind == .plan || $0.kind == .continuation) }) {
            readings.append(reading(original, .notAPlan, "it sits in a cell of table \(outer), and its text is read with that cell"))
            return
        }
        let choice = options.mapping.choice(forTable: original.source.index)
        switch choice {
        case .ignore?:
            readings.append(reading(original, .notAPlan, "you chose to leave it out"))
            notes.append(note(original, message: "Skipped: you chose to leave this table out."))
            return
        case .workProgramme?:
            if !readWorkProgramme(Self.fillingDown(withNestedTables(original)), reason: "you chose to read it as a board's work programme") {
                readings.append(reading(original, .workProgramme, "you chose to read it as a work programme, but it has no header row naming an item column beside a lead or a meeting date, so nothing is read from it"))
                warnings.append(warning(original, message: "Nothing read: this table has no header row naming an item column beside a lead or a meeting date (such as Meeting date | Agenda item | Lead), so no work programme was read from it."))
            }
            return
        case .measures?:
            readings.append(reading(original, .measures, "you chose to read it as a KPI table, not a plan's actions"))
            notes.append(note(original, message: "Skipped: you chose to read this table as a KPI table, not a plan's actions."))
            return
        case .plan?, .tracker?, nil:
            break
        }
        label = nil
        let table = Self.fillingDown(withNestedTables(original))
        let adjacentPlan = planOfLastTable
        planOfLastTable = nil
        var columns: TableColumns?
        var headerRows = Set<Int>()
        // Rows above the header row: a title merged across the sheet, a group header.
        var aboveHeader: [TableRow] = []
        // The header: of the rows near the top that read as one, the one naming most columns
        // (a merged group header "Action | Delivery | Progress" can sit above the real one).
        // Each row read as a header once (nil for a row that is not one).
        let rowHeaders = table.rows.map { TableColumns.header($0.texts, mapping: options.mapping) }
        var isHeaderRow: [Int: Bool] = [:]
        for (row, header) in zip(table.rows, rowHeaders) { isHeaderRow[row.number] = header != nil }
        // A work programme's header row (meetings as columns, or a meeting date column) without
        // a plan's action column: its items are not actions, whatever a later row looks like.
        if choice == nil, let layout = WorkProgrammeReader.plainLayout(of: table),
           !(rowHeaders[layout.headerRow].map { $0.column(of: .action) != nil || $0.column(of: .recommendation) != nil } ?? false),
           readWorkProgramme(table, reason: "it is a board's work programme: its header row names the meetings, and items are planned for them") {
            return
        }
        let candidates = rowHeaders.prefix(15).enumerated().compactMap { index, header in
            header.map { (index: index, columns: $0) }
        }
        if let best = candidates.max(by: { $0.columns.recognisedCount < $1.columns.recognisedCount }) {
            columns = best.columns
            // Rows above the header may be the sheet's cover (a title, "Owner: …", "Last
            // updated | date", a group header): those are not actions. Rows of a plan broken
            // by a page (a reference in the reference column, or none) are read as usual.
            var cover = 0
            for row in table.rows.prefix(best.index) {
                let texts = row.texts.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
                let ref = best.columns.column(of: .ref).map { row[column: $0].text.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                let isCover = texts.count == 1
                    ? ActionReference.section(texts[0]) == nil && AreaLabel.read(texts[0]) == nil && texts[0].split(separator: " ").count <= 12
                    : isHeaderRow[row.number] ?? false
                        || (!ref.isEmpty && !ActionReference.looksLikeReference(ref) && AreaLabel.read(lines(ref).first ?? "") == nil)
                guard isCover else { continue }
                headerRows.insert(row.number)
                cover += 1
                if texts.count == 1 { aboveHeader.append(row) }
            }
            if cover > 0 {
                notes.append(note(table, row: table.rows[best.index].number, message:
                    "\(cover == 1 ? "One row" : "\(cover) rows") above the header row (a title, an owner or a date) \(cover == 1 ? "is" : "are") not read as actions."))
            }
        } else {
            columns = rowHeaders.first { $0 != nil } ?? nil
        }
        if let signature = columns?.signature {
            for (row, header) in zip(table.rows, rowHeaders) where header?.signature == signature {
                headerRows.insert(row.number)
            }
        }
        if columns == nil, let numbered = TableColumns.numbered(options.mapping) {
            columns = numbered
        }
        if columns == nil, let first = table.rows.first,
           first.texts.map(HeaderRecognition.normalise).prefix(5) == ["code", "title", "unit", "polarity", "targets"] {
            // The Measures sheet of Oversight's own export: measures are linked by code.
            notes.append(note(table, message: "Skipped: the Measures sheet of an Oversight export (actions link to measures by code)."))
            readings.append(reading(table, .measures, "the Measures sheet of an Oversight export (actions link to measures by code)"))
            return
        }
        var continuation = false
        if columns == nil {
            let width = table.columnCount
            if let plan = adjacentPlan, width <= (plans[plan].columns.fields.keys.max() ?? 0) + 1,
               Self.continues(table, as: plans[plan].columns, strictly: false) {
                // Straight after a table of the plan, with only a page number between: the same table.
                columns = plans[plan].columns
                continuation = true
                notes.append(note(table, message: "This table has no header row; it is read as a continuation of the one before (\(Self.headerList(plans[plan].columns)))."))
            } else if let nextIndex = nextWithHeader[position + 1], let nextColumns = headerOfTable[nextIndex],
               case let next = tables[nextIndex],
               next.columnCount == width || (nextColumns.fields.keys.max() ?? 0) >= width,
               plans.last.map({ $0.columns.signature != nextColumns.signature }) ?? true,
               Self.continues(table, as: nextColumns, strictly: true) {
                columns = nextColumns
                warnings.append(warning(table, row: table.rows.first?.number, message:
                    "This table has no header row; its columns are read as those of table \(next.source.index) (\(Self.headerList(nextColumns)))."))
            } else if let plan = plans.last, width <= (plan.columns.fields.keys.max() ?? 0),
                      Self.continues(table, as: plan.columns, strictly: true) {
                columns = plan.columns
                continuation = true
                notes.append(note(table, message: "This table has no header row; it is read as a continuation of the one before (\(Self.headerList(plan.columns)))."))
            }
        }
        if columns == nil, choice == nil, WorkProgrammeReader.isWorkProgramme(table),
           readWorkProgramme(table, reason: "it is a board's work programme: items planned for meetings it dates") {
            return
        }
        guard var columns else {
            let first = table.rows.first.map { $0.texts.filter { !$0.isEmpty }.prefix(4).joined(separator: " | ") } ?? ""
            notes.append(note(table, message: "Skipped: no plan columns recognised (first row: \(first.prefix(120))). Give a mapping file to import it."))
            readings.append(reading(table, .notAPlan, "it has no header row naming a plan's columns, and its rows do not carry on the plan before it (first row: \(first.prefix(80)))"
                                    + (choice == nil ? "" : "; to read it as you chose, name its columns in the columns below or in a mapping file")))
            pending = pending.filter { if case .theme = $0 { false } else { true } }
            return
        }
        if !continuation, columns.column(of: .action) == nil, columns.column(of: .recommendation) == nil,
           let column = Self.textColumn(of: table.rows.filter { !headerRows.contains($0.number) }, columns: columns) {
            // `Ref | Description | Owner | Due date`: the column of sentences is the action, whatever its header.
            columns.fields[column] = .action
            notes.append(note(table, message: "No column is headed as the action; \(columns.name(of: column)) holds a sentence on each row, so it is read as the action."))
        } else if !continuation, columns.column(of: .action) == nil, columns.column(of: .recommendation) == nil,
                  columns.column(of: .successMeasure) == nil, let outcome = columns.column(of: .outcome),
                  columns.column(of: .ref) != nil || columns.column(of: .leads) != nil || columns.column(of: .due) != nil {
            // `Ref | Outcome | Lead | Due`: the outcomes are the items tracked.
            columns.fields[outcome] = .action
            notes.append(note(table, message: "No column is headed as the action; the outcomes in \(columns.name(of: outcome)) are read as the actions."))
        }
        if !continuation, let column = columns.referenceColumnWithoutHeader(in: table.rows.filter { !headerRows.contains($0.number) }) {
            // `|  | Recommendation | Lead |`: the references stand under an empty header.
            columns.fields[column] = .ref
            notes.append(note(table, message: "Column \(table.source.columnName(column)) has no header; its cells read as references (such as \"\(table.rows.first { !headerRows.contains($0.number) }.map { $0[column: column].text } ?? "")\"), so it is read as the reference column."))
        }

        if choice == nil, let (kind, reason) = Self.notAPlan(columns) {
            // A work programme's columns (`Meeting date | Agenda item | Lead`), or a table of
            // items on dated meetings however headed, is a board's work programme.
            if kind == .workProgramme || WorkProgrammeReader.isWorkProgramme(table),
               readWorkProgramme(table, reason: kind == .workProgramme ? reason : "it is a board's work programme: items planned for meetings it dates") {
                return
            }
            notes.append(note(table, message: "Skipped: \(reason)."))
            readings.append(reading(table, kind, reason))
            pending = pending.filter { if case .theme = $0 { false } else { true } }
            return
        }
        dropReportHeadings(before: Self.firstReference(in: table.rows.filter { !headerRows.contains($0.number) }, columns: columns))
        let planIndex: Int
        if let last = plans.indices.last, plans[last].columns.signature == columns.signature {
            planIndex = last
            attachPending(to: planIndex)
        } else {
            if !plans.isEmpty { attachPending(to: plans.count - 1, onlyThemes: true) }
            let titles = aboveHeader.compactMap { row -> String? in
                let texts = row.texts.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                return texts.count == 1 ? texts[0] : nil
            }
            plans.append(newPlan(columns: columns, table: table, at: position, titles: titles))
            planIndex = plans.count - 1
            attachPending(to: planIndex)
        }
        if let choice {
            plans[planIndex].kind = choice == .tracker ? .recommendationTracker : .improvementPlan
        }
        let kind = plans[planIndex].kind == .recommendationTracker ? "tracker" : "plan"
        readings.append(reading(table, continuation ? .continuation : .plan, (continuation
            ? "it has no header row and carries on the \(kind) before it (\(Self.headerList(columns)))"
            : "its header row names \(Self.headerList(columns))") + (choice == nil ? "" : ", and you chose to read it as a \(kind)"), plan: planIndex))
        plans[planIndex].tables.append(table.source.index)
        region = []
        var rowState = RowState()
        let rows = table.rows.filter { !headerRows.contains($0.number) && !$0.isBlank }
        func canHoldAction(_ row: TableRow) -> Bool {
            let filled = row.cells.filter { !$0.isBlank }
            guard filled.count > 1, let first = filled.first else { return false }
            return AreaLabel.read(lines(first.text).first ?? "") == nil
                && !(isHeaderRow[row.number] ?? (TableColumns.header(row.texts, mapping: options.mapping) != nil))
        }
        // A page break can fall between an area row and its actions: then the next table goes on.
        let nextTableRow = later.first?.rows.first(where: canHoldAction)
        // The next row that can hold an action (not a label or a header, more than one cell),
        // found for every row in one pass from the end.
        var nextHolding = [TableRow?](repeating: nextTableRow, count: rows.count)
        if rows.count >= 2 {
            for index in stride(from: rows.count - 2, through: 0, by: -1) {
                nextHolding[index] = canHoldAction(rows[index + 1]) ? rows[index + 1] : nextHolding[index + 1]
            }
        }
        for (index, row) in rows.enumerated() {
            rowState.next = nextHolding[index]
            readRow(row, table: table, plan: planIndex, state: &rowState)
        }
        label = rowState.label
        planOfLastTable = planIndex
    }

    /// A column whose header is not recognised and whose cells are sentences (most filled cells
    /// of four words or more): the actions of a table with a reference, lead or due column but
    /// no column headed as the action. Not in a table of measures.
    static func textColumn(of rows: [TableRow], columns: TableColumns) -> Int? {
        guard columns.column(of: .successMeasure) == nil,
              columns.column(of: .ref) != nil || columns.column(of: .leads) != nil || columns.column(of: .due) != nil else { return nil }
        let agendaWords: Set<String> = ["subject", "purpose", "presenter", "page", "pages", "meeting"]
        for column in columns.fields.keys.sorted() where columns.fields[column] == .note {
            if agendaWords.contains(HeaderRecognition.normalise(columns.headers[column] ?? "")) { continue }
            let filled = rows.map { $0[column: column].text }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            let sentences = filled.filter { $0.split(whereSeparator: \.isWhitespace).count >= 4 }.count
            if sentences >= 1, sentences * 3 >= filled.count * 2 { return column }
        }
        return nil
    }

    func reading(_ table: Table, _ kind: TableReading.Kind, _ reason: String, plan: Int? = nil) -> TableReading {
        TableReading(table: table.source.index, location: table.source.describe(), kind: kind, reason: reason, plan: plan)
    }

    /// Why a table with a header row is not a plan, or nil when it is one.
    static func notAPlan(_ columns: TableColumns) -> (TableReading.Kind, String)? {
        let headers = columns.fields.keys.sorted().compactMap { columns.headers[$0] }
        let normal = headers.map(HeaderRecognition.normalise)
        let words = Set(normal.flatMap { $0.split(separator: " ").map(String.init) })
        let holdsActions = columns.column(of: .action) != nil || columns.column(of: .recommendation) != nil
        if let agenda = headers.first(where: {
            ["page", "pages", "page number", "page no", "presenter", "purpose", "subject"].contains(HeaderRecognition.normalise($0))
        }), !holdsActions || ["page", "pages", "page number", "page no"].contains(HeaderRecognition.normalise(agenda)) {
            return (.agenda, "it is an agenda (a '\(agenda)' column)")
        }
        guard !holdsActions else { return nil }
        if words.contains("meeting") || words.contains("meetings") {
            return (.workProgramme, "it is a work programme (meetings and the items planned for them), not a plan's actions")
        }
        if columns.column(of: .successMeasure) != nil {
            return (.measures, "it lists measures, not actions (no action or recommendation column)")
        }
        return (.notAPlan, "no column holds actions or recommendations (\(headers.prefix(5).joined(separator: ", ")))")
    }

    /// Whether a table with no header row carries on a plan with these columns: no row puts
    /// something other than a reference in the reference column (a glossary's terms, a
    /// membership list's names, a figure table's months), and, `strictly` (when the table does
    /// not follow the plan's table at once), some row has a reference and the due column holds
    /// a date where it holds anything.
    static func continues(_ table: Table, as columns: TableColumns, strictly: Bool) -> Bool {
        let refColumn = columns.column(of: .ref)
        var references = 0
        for row in table.rows where !row.isBlank {
            let filled = row.cells.filter { !$0.isBlank }.count
            if filled == 1 { continue }  // a section or label row, or one cell carried over a page
            if let refColumn {
                let ref = row[column: refColumn].text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !ref.isEmpty {
                    guard ActionReference.looksLikeReference(ref) else { return false }
                    references += 1
                    continue
                }
            }
            // `2.3. Develop and train staff …`: a reference written at the start of a line of
            // text, in any cell (a page break can shift a row's cells).
            if row.cells.contains(where: { cell in lines(cell.text).contains { ActionReference.leading($0).map { !$0.rest.isEmpty } ?? false } }) {
                references += 1
            }
        }
        guard strictly else { return true }
        if let due = columns.column(of: .due) {
            let cells = table.rows.map { $0[column: due].text.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            if !cells.isEmpty, !cells.contains(where: { !WrittenDates.find(in: $0).isEmpty }) { return false }
        }
        return references > 0
    }

    /// The table with the text of the tables nested in its cells added to those cells, a line
    /// per row with its cells joined by ": " (`Draft policy: March 2024`), so the row keeps the
    /// dates, leads or milestones drawn as a small table inside it.
    func withNestedTables(_ table: Table) -> Table {
        guard let nested = nestedTables[table.source.index], !nested.isEmpty else { return table }
        var copy = table
        for inner in nested {
            guard let position = inner.enclosingCell, let rowIndex = copy.rows.firstIndex(where: { $0.number == position.row }),
                  position.column >= 1 else { continue }
            let added = inner.rows.map { $0.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: ": ").replacingOccurrences(of: "\n", with: " ") }
                .filter { !$0.isEmpty }
            guard !added.isEmpty else { continue }
            while copy.rows[rowIndex].cells.count < position.column { copy.rows[rowIndex].cells.append(.empty) }
            let own = copy.rows[rowIndex].cells[position.column - 1].text
            copy.rows[rowIndex].cells[position.column - 1] = .text(([own].filter { !$0.isEmpty } + added).joined(separator: "\n"))
        }
        return copy
    }

    /// Vertically merged cells (a lead named once for three rows) are copied down, so each row
    /// stands alone; horizontal merges stay in their first cell so section rows still look like one.
    static func fillingDown(_ table: Table) -> Table {
        let vertical = table.mergedRegions.filter { $0.lastRow > $0.firstRow }
        guard !vertical.isEmpty else { return table }
        var copy = table
        copy.mergedRegions = vertical.map {
            CellRegion(firstRow: $0.firstRow, firstColumn: $0.firstColumn, lastRow: $0.lastRow, lastColumn: $0.firstColumn)
        }
        var filled = copy.fillingMergedCells()
        filled.mergedRegions = table.mergedRegions
        return filled
    }

    static func headerColumns(of table: Table, mapping: ColumnMapping) -> TableColumns? {
        for row in table.rows.prefix(5) {
            if let columns = TableColumns.header(row.texts, mapping: mapping) { return columns }
        }
        return nil
    }

    static func headerList(_ columns: TableColumns) -> String {
        columns.fields.keys.sorted().map { columns.headers[$0] ?? columns.fields[$0]!.label }.joined(separator: ", ")
    }

    mutating func newPlan(columns: TableColumns, table: Table, at position: Int, titles: [String] = []) -> WorkingPlan {
        let title = planTitle(table: table, above: titles)
        let kind: Plan.Kind = columns.column(of: .action) == nil && columns.column(of: .recommendation) != nil
            || title.lowercased().contains("tracker") ? .recommendationTracker : .improvementPlan
        var plan = WorkingPlan(title: title, kind: kind, columns: columns)
        // The date on the cover ("August 2023") dates undated progress.
        for paragraph in region where paragraph.text.split(separator: " ").count <= 5 {
            if let match = WrittenDates.find(in: paragraph.text).first {
                plan.documentDate = match.date
                plan.documentDateText = paragraph.text
                break
            }
        }
        if plan.documentDate == nil, let previous = plans.last {
            plan.documentDate = previous.documentDate
            plan.documentDateText = previous.documentDateText
        }
        // Areas numbered in a reference column: look through this family's tables.
        // The run of tables with these columns that starts here (ending at other columns).
        var family = [table]
        for index in tables.indices where index > position {
            guard let other = headerOfTable[index] else { continue }
            guard other.signature == columns.signature else { break }
            family.append(tables[index])
        }
        if let refColumn = columns.column(of: .ref), let actionColumn = columns.column(of: .action) {
            plan.areaRows = family.contains { table in
                table.rows.contains { row in
                    guard let number = ActionReference.areaNumber(row[column: refColumn].text) else { return false }
                    let first = lines(row[column: actionColumn].text).first ?? ""
                    return ActionReference.leading(first).map { ActionReference.areaRef(of: $0.ref) == String(number) } ?? false
                }
            }
        }
        return plan
    }

    /// The plan's title: the nearest short line before its table that names a plan or tracker
    /// ("ILACS Improvement Plan", "4. Service action plan for the year" → "Service action plan
    /// for the year") — a title row above the header inside the table first — else the nearest
    /// heading, else the file's name. A committee's name or a date further up is not a title.
    func planTitle(table: Table, above: [String] = []) -> String {
        func names(_ line: String) -> Bool {
            let text = line.trimmingCharacters(in: .whitespaces)
            return !text.contains("\n") && text.split(separator: " ").count <= 12 && !text.hasSuffix(".") && AreaLabel.read(text) == nil
                && Self.namesAPlan(text)
        }
        // A title row inside the table, or the nearest heading naming a plan; else the first
        // plain line naming one (a cover's "Practice Improvement Plan" before "Practice
        // Improvement plan - Our approach").
        let nearest = above.reversed().first(where: names)
            ?? region.reversed().first { $0.isHeading && names($0.text) }?.text
            ?? region.first { names($0.text) }?.text
        if let nearest {
            return ActionReference.titleCase(Self.withoutNumbering(nearest.trimmingCharacters(in: .whitespaces)))
        }
        let headings = region.filter { $0.isHeading && ActionReference.section($0.text) == nil && WrittenDates.parse($0.text) == nil }
        if let heading = headings.last { return ActionReference.titleCase(heading.text) }
        if let heading = table.heading, ActionReference.section(heading) == nil { return heading }
        let name = (fileName as NSString).deletingPathExtension
        return name.isEmpty ? "Imported plan" : name
    }

    /// A title without the report's numbering: `4. Service action plan` → `Service action
    /// plan`; `Appendix 1: Priority action plan` → `Priority action plan`.
    static func withoutNumbering(_ text: String) -> String {
        var title = text.trimmingCharacters(in: .whitespaces)
        for word in ["appendix", "annex", "annexe", "attachment"] where title.lowercased().hasPrefix(word + " ") {
            let rest = title.dropFirst(word.count + 1)
            let label = rest.prefix { $0.isLetter || $0.isNumber }
            let after = rest.dropFirst(label.count).drop { $0 == " " }
            if !label.isEmpty, label.count <= 3, let mark = after.first, ":-–—.".contains(mark) {
                title = after.dropFirst().trimmingCharacters(in: .whitespaces)
            }
        }
        let digits = title.prefix { $0.isASCII && $0.isNumber }
        if (1...2).contains(digits.count) {
            let rest = title.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " {
                title = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            }
        }
        return title.isEmpty ? text : title
    }

    mutating func attachPending(to planIndex: Int, onlyThemes: Bool = false) {
        guard !pending.isEmpty, !onlyThemes else { return }
        for section in pending {
            switch section {
            case .theme(var theme):
                theme.position = plans[planIndex].themes.count + 1
                plans[planIndex].themes.append(theme)
            case .area(var area):
                area.themeIndex = themeIndex(in: planIndex)
                area.area.position = plans[planIndex].areas.count + 1
                plans[planIndex].areas.append(area)
            }
        }
        pending = []
    }

    /// The theme new areas go in: the last one, or a first theme named after the plan.
    mutating func themeIndex(in planIndex: Int) -> Int {
        if plans[planIndex].themes.isEmpty {
            plans[planIndex].themes.append(Theme(planID: 0, position: 1, ref: "", title: plans[planIndex].title))
        }
        return plans[planIndex].themes.count - 1
    }

    // MARK: Messages

    func warning(_ table: Table, row: Int? = nil, column: Int? = nil, message: String) -> ImportWarning {
        ImportWarning(fileName: fileName, table: table.source.index, row: row, column: column,
                      location: table.source.describe(row: row, column: column), message: message,
                      plan: plans.isEmpty ? nil : plans.count - 1)
    }

    func note(_ table: Table, row: Int? = nil, message: String) -> ImportWarning {
        var made = warning(table, row: row, message: message)
        made.kind = .note
        return made
    }
}

func isCapitals(_ text: String) -> Bool {
    let letters = text.filter(\.isLetter)
    return letters.count >= 3 && letters.allSatisfy(\.isUppercase)
}
