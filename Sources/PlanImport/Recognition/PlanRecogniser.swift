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
        for (index, block) in blocks.enumerated() {
            switch block {
            case .paragraph(let paragraph):
                read(paragraph)
            case .table(let table):
                noteSkipped()
                let later = blocks[(index + 1)...].compactMap { block -> Table? in
                    if case .table(let table) = block { table } else { nil }
                }
                read(table, later: later)
            }
        }
        noteSkipped()
        if !plans.isEmpty { attachPending(to: plans.count - 1) }
        if plans.isEmpty {
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
        return ImportResult(fileName: fileName, plans: built, warnings: ordered, notes: notes)
    }

    // MARK: Paragraphs

    mutating func read(_ paragraph: Paragraph) {
        let text = paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !isPageNumber(text) else { return }
        region.append(paragraph)
        if paragraph.isHeading || isCapitals(text), let section = ActionReference.section(text) {
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
        skipped.append(paragraph)
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

    mutating func read(_ original: Table, later: [Table]) {
        label = nil
        let table = Self.fillingDown(original)
        var columns: TableColumns?
        var headerRows = Set<Int>()
        for row in table.rows {
            guard let found = TableColumns.header(row.texts, mapping: options.mapping) else { continue }
            if columns == nil { columns = found }
            if found.signature == columns?.signature { headerRows.insert(row.number) }
        }
        if columns == nil, let numbered = TableColumns.numbered(options.mapping) {
            columns = numbered
        }
        if columns == nil, let first = table.rows.first,
           first.texts.map(HeaderRecognition.normalise).prefix(5) == ["code", "title", "unit", "polarity", "targets"] {
            // The Measures sheet of Oversight's own export: measures are linked by code.
            notes.append(note(table, message: "Skipped: the Measures sheet of an Oversight export (actions link to measures by code)."))
            return
        }
        if columns == nil {
            let width = table.columnCount
            if let next = later.first(where: { Self.headerColumns(of: $0, mapping: options.mapping) != nil }),
               let nextColumns = Self.headerColumns(of: next, mapping: options.mapping),
               next.columnCount == width || (nextColumns.fields.keys.max() ?? 0) >= width,
               plans.last.map({ $0.columns.signature != nextColumns.signature }) ?? true {
                columns = nextColumns
                warnings.append(warning(table, row: table.rows.first?.number, message:
                    "This table has no header row; its columns are read as those of table \(next.source.index) (\(Self.headerList(nextColumns)))."))
            } else if let plan = plans.last, width <= (plan.columns.fields.keys.max() ?? 0) {
                columns = plan.columns
                notes.append(note(table, message: "This table has no header row; it is read as a continuation of the one before (\(Self.headerList(plan.columns)))."))
            }
        }
        guard let columns else {
            let first = table.rows.first.map { $0.texts.filter { !$0.isEmpty }.prefix(4).joined(separator: " | ") } ?? ""
            notes.append(note(table, message: "Skipped: no plan columns recognised (first row: \(first.prefix(120))). Give a mapping file to import it."))
            pending = pending.filter { if case .theme = $0 { false } else { true } }
            return
        }

        let planIndex: Int
        if let last = plans.indices.last, plans[last].columns.signature == columns.signature {
            planIndex = last
            attachPending(to: planIndex)
        } else {
            if !plans.isEmpty { attachPending(to: plans.count - 1, onlyThemes: true) }
            plans.append(newPlan(columns: columns, table: table, later: later))
            planIndex = plans.count - 1
            attachPending(to: planIndex)
        }
        plans[planIndex].tables.append(table.source.index)
        region = []
        var rowState = RowState()
        for row in table.rows where !headerRows.contains(row.number) && !row.isBlank {
            readRow(row, table: table, plan: planIndex, state: &rowState)
        }
        label = rowState.label
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

    mutating func newPlan(columns: TableColumns, table: Table, later: [Table]) -> WorkingPlan {
        let title = planTitle(table: table)
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
        let family = [table] + later.filter { Self.headerColumns(of: $0, mapping: options.mapping)?.signature == columns.signature }
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

    /// The plan's title: the first short line before its tables that names a plan or tracker
    /// ("ILACS Improvement Plan"), else the nearest heading, else the file's name.
    func planTitle(table: Table) -> String {
        let words = ["plan", "tracker", "recommendations", "action log", "scorecard", "programme"]
        for paragraph in region {
            let text = paragraph.text.trimmingCharacters(in: .whitespaces)
            let lower = text.lowercased()
            guard text.split(separator: " ").count <= 10, !text.hasSuffix("."), AreaLabel.read(text) == nil,
                  words.contains(where: { lower.contains($0) }) else { continue }
            return ActionReference.titleCase(text)
        }
        let headings = region.filter { $0.isHeading && ActionReference.section($0.text) == nil }
        if let heading = headings.last { return ActionReference.titleCase(heading.text) }
        if let heading = table.heading, ActionReference.section(heading) == nil { return heading }
        let name = (fileName as NSString).deletingPathExtension
        return name.isEmpty ? "Imported plan" : name
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
