import Core
import Documents
import Foundation

struct RowState {
    /// A single-cell label row ("Improvement Outcomes") whose text runs on in the rows below.
    var label: AreaLabel?
    /// The next row of the table that can hold an action (more than one cell, not a label):
    /// what tells a row heading the actions under it from an action.
    var next: TableRow?
}

extension PlanRecogniser {
    /// Reads one data row: a label or section row, an area row, actions, or a continuation.
    mutating func readRow(_ row: TableRow, table: Table, plan p: Int, state: inout RowState) {
        let columns = plans[p].columns
        let filled = row.cells.indices.map { $0 + 1 }.filter { !row[column: $0].isBlank }
        guard !filled.isEmpty else { return }
        let actionColumn = columns.column(of: .action)
        let refColumn = columns.column(of: .ref)
        let recommendationColumn = columns.column(of: .recommendation)
        let titleColumn = actionColumn ?? recommendationColumn

        // Single-cell rows: labels, their text, sections.
        if filled.count == 1, let column = filled.first {
            let text = row[column: column].text
            let firstLine = lines(text).first ?? text
            if let (found, rest) = AreaLabel.read(firstLine), found == .whatGoodLooksLike || column != titleColumn,
               plans[p].currentArea != nil {
                state.label = found
                let more = ([rest] + lines(text).dropFirst()).filter { !$0.isEmpty }
                for line in more { apply(found, line, plan: p) }
                return
            }
            if let current = state.label, column != titleColumn || refColumn == column {
                for line in lines(text) { apply(current, line, plan: p) }
                return
            }
            let spans = table.mergedRegions.contains { $0.firstRow == row.number && $0.lastColumn > $0.firstColumn }
            if column != titleColumn || spans || isCapitals(text), let section = ActionReference.section(text) {
                state.label = nil
                startSection(section, table: table, row: row, plan: p)
                return
            }
        }
        // A label and its text side by side (`Why this is important | Late reviews leave …`):
        // the area's, not an action's.
        if filled.count == 2, plans[p].currentArea != nil,
           let (found, rest) = AreaLabel.read(lines(row[column: filled[0]].text).first ?? ""), rest.isEmpty,
           !["lead", "leads"].contains(HeaderRecognition.normalise(row[column: filled[0]].text)) {
            state.label = found
            for line in lines(row[column: filled[1]].text) { apply(found, line, plan: p) }
            return
        }
        state.label = nil

        // Theme and area columns (Oversight's own export): the row's action goes in the area
        // they name, started when it differs from the row before's.
        placeByColumns(row, table: table, plan: p)

        // An area row: a whole number in the reference column, with actions numbered under it.
        var isAreaRow = false
        var recommendationContinues = false
        if let refColumn, let actionColumn, let number = ActionReference.areaNumber(row[column: refColumn].text) {
            let first = lines(row[column: actionColumn].text).first ?? ""
            let leading = ActionReference.leading(first)
            if leading.map({ ActionReference.areaRef(of: $0.ref) == String(number) }) ?? row[column: actionColumn].isBlank {
                isAreaRow = true
                startArea(number: number, row: row, table: table, plan: p)
            }
        } else if actionColumn != nil, let recommendationColumn, !row[column: recommendationColumn].isBlank,
                  let current = plans[p].currentArea, plans[p].areas[current].area.title == row[column: recommendationColumn].text,
                  refColumn.map({ row[column: $0].isBlank || row[column: $0].text == plans[p].areas[current].area.ref }) ?? true {
            // The same recommendation again: a cell merged down over its actions (copied into
            // each row), or written out on each row. Its actions stay in its area.
            recommendationContinues = true
        } else if actionColumn != nil, let recommendationColumn,
                  !row[column: recommendationColumn].isBlank {
            // "Recommendation | Action | …": each recommendation is an area of actions.
            isAreaRow = true
            let ref = refColumn.map { row[column: $0].text.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            let title = row[column: recommendationColumn].text
            startArea(ref: ref.isEmpty ? String(plans[p].areas.count + 1) : ref, title: title, recommendationNumber: Int(ref),
                      row: row, table: table, plan: p)
        }

        // A row heading the actions under it: a reference and a title and nothing an action
        // has (leads, dates, status), followed by rows numbered under it (`2.3` then `2.3.1`)
        // or by rows with no reference of their own (then numbered 2.3.1, 2.3.2, …).
        var titleIsArea = false
        if !isAreaRow, !plans[p].areaRows, let (ref, title, column) = headsActions(row, columns: columns, next: state.next) {
            isAreaRow = true
            titleIsArea = column == titleColumn
            startArea(ref: ref, title: title.replacingOccurrences(of: "\n", with: " "), recommendationNumber: Int(ref), row: row, table: table, plan: p)
            plans[p].areas[plans[p].areas.count - 1].numbersItsActions = true
        }

        // The actions the row starts.
        var started: [Int] = []
        var usedColumns: Set<Int> = []
        if titleIsArea, let titleColumn {
            usedColumns.insert(titleColumn)
        } else if let titleColumn {
            usedColumns.insert(titleColumn)
            let text = row[column: titleColumn].text
            if !isAreaRow, let refColumn, !row[column: refColumn].isBlank {
                usedColumns.insert(refColumn)
                var ref = row[column: refColumn].text.trimmingCharacters(in: .whitespacesAndNewlines)
                while ref.hasSuffix(".") { ref.removeLast() }
                var title = text
                if let leading = ActionReference.leading(lines(text).first ?? ""), leading.ref == ref {
                    title = ([leading.rest] + lines(text).dropFirst()).joined(separator: "\n")
                }
                if let index = startAction(ref: ref, writtenAs: nil, title: title, row: row, column: titleColumn, table: table, plan: p) {
                    started.append(index)
                }
            } else if !text.isEmpty {
                let (leadingText, segments) = actionSegments(text, plan: p)
                if !leadingText.isEmpty, segments.isEmpty, let area = plans[p].currentArea, plans[p].areas[area].numbersItsActions,
                   plans[p].areas[area].actions.isEmpty || Self.hasActionCells(row, columns: columns) {
                    // An action of the area row above, written without a reference of its own.
                    let areaRef = plans[p].areas[area].area.ref
                    if plans[p].areas[area].actions.isEmpty {
                        warnings.append(warning(table, row: row.number, column: titleColumn, message:
                            "The actions under \(areaRef) have no reference of their own; they are numbered \(areaRef).1, \(areaRef).2, … in the order they appear."))
                    }
                    let titles = Self.oneActionALine(leadingText, row: row, columns: columns) ?? [leadingText]
                    if titles.count > 1 {
                        warnings.append(warning(table, row: row.number, column: titleColumn, message:
                            "This cell holds \(titles.count) actions, one a line, matched line by line with the other cells' \(titles.count) lines; they are imported as separate actions. Check them."))
                    }
                    for title in titles {
                        let ref = "\(areaRef).\(plans[p].areas[area].actions.count + 1)"
                        if let index = startAction(ref: ref, writtenAs: nil, title: title, row: row, column: titleColumn, table: table, plan: p) {
                            started.append(index)
                        }
                    }
                } else if !leadingText.isEmpty {
                    let lastAction = plans[p].currentArea.flatMap { area in plans[p].areas[area].actions.indices.last.map { (area, $0) } }
                    if plans[p].actionsHaveNoRefs || (!plans[p].actionsHaveRefs && segments.isEmpty && lastAction == nil && !plans[p].areaRows) {
                        // Actions written without references are numbered in order.
                        let area = plans[p].currentArea.map { plans[p].areas[$0].area.ref } ?? ""
                        let count = (plans[p].currentArea.map { plans[p].areas[$0].actions.count } ?? 0) + 1
                        if !plans[p].actionsHaveNoRefs {
                            warnings.append(warning(table, row: row.number, column: titleColumn, message:
                                "The actions have no references; they are numbered in the order they appear (\(area.isEmpty ? "" : area + ".")\(count), …)."))
                        }
                        // Several actions in one cell, one a line, when another cell lists one
                        // value a line for them (see `oneActionALine`); else the cell is one action.
                        let titles = Self.oneActionALine(leadingText, row: row, columns: columns) ?? [leadingText]
                        if titles.count > 1 {
                            warnings.append(warning(table, row: row.number, column: titleColumn, message:
                                "This cell holds \(titles.count) actions, one a line, matched line by line with the other cells' \(titles.count) lines; they are imported as separate actions. Check them."))
                        }
                        for (offset, title) in titles.enumerated() {
                            let ref = area.isEmpty ? String(count + offset) : "\(area).\(count + offset)"
                            if let index = startAction(ref: ref, writtenAs: nil, title: title, row: row, column: titleColumn, table: table, plan: p) {
                                started.append(index)
                            }
                        }
                        plans[p].actionsHaveRefs = false
                        plans[p].actionsHaveNoRefs = true
                    } else if let (area, last) = lastAction {
                        plans[p].areas[area].actions[last].title = join(plans[p].areas[area].actions[last].title, leadingText)
                    } else {
                        warnings.append(warning(table, row: row.number, column: titleColumn, message:
                            "This text continues an action that is not in the file (the extract starts part-way through it), so it is not imported: \"\(Self.excerpt(leadingText))\""))
                    }
                }
                for segment in segments {
                    if let index = startAction(ref: segment.ref, writtenAs: segment.writtenAs, title: segment.text, row: row,
                                               column: titleColumn, table: table, plan: p) {
                        started.append(index)
                    }
                }
            }
        }
        if isAreaRow, let refColumn { usedColumns.insert(refColumn) }

        // The other cells go to the actions the row started, or continue the last action.
        guard let area = plans[p].currentArea else {
            let rest = filled.filter { !usedColumns.contains($0) }
            if !rest.isEmpty {
                warnings.append(warning(table, row: row.number, message: "This row comes before any area or action, so it is not imported."))
            }
            return
        }
        var targets = started
        let continuation = started.isEmpty
        if continuation, let last = plans[p].areas[area].actions.indices.last { targets = [last] }

        for column in filled where !usedColumns.contains(column) {
            guard let recognised = columns.fields[column] else {
                for target in targets { plans[p].areas[area].actions[target].notes.append(("Column \(column)", row[column: column].text)) }
                continue
            }
            let text = row[column: column].text
            let header = columns.headers[column] ?? recognised.label.capitalized
            var field = recognised
            if field == .leads, let measureColumn = columns.column(of: .successMeasure), Self.looksLikeMeasures(text) {
                // A row the extraction cut short: its measures slid into the leads column.
                warnings.append(warning(table, row: row.number, column: column, message:
                    "\(header) holds what reads as success measures (\"\(Self.excerpt(text))\"); the row looks shifted, so it is read as \(columns.name(of: measureColumn))."))
                field = .successMeasure
            }
            switch field {
            case .ref, .ignore, .theme, .areaRef, .area, .rating:
                continue
            case .recommendation where isAreaRow || recommendationContinues:
                continue
            case .outcome where isAreaRow || plans[p].areaRows:
                if !isAreaRow { AreaLabel.objectives.apply("… " + text.replacingOccurrences(of: "\n", with: " "), to: &plans[p].areas[area].area) }
                continue
            case .inspectionReference where isAreaRow || plans[p].areaRows:
                if !isAreaRow { addInspectionReferences(text, area: area, plan: p) }
                continue
            case .successMeasure:
                let codes = readMeasures(text, row: row, column: column, table: table, plan: p, areaLevel: plans[p].areaRows || isAreaRow,
                                         continuation: continuation, targets: targets)
                if plans[p].areaRows || isAreaRow {
                    plans[p].areas[area].measureCodes += codes
                } else {
                    for target in targets { plans[p].areas[area].actions[target].measureCodes += codes }
                }
                continue
            default:
                break
            }
            guard !targets.isEmpty else {
                warnings.append(warning(table, row: row.number, column: column, message:
                    "\(header) \"\(Self.excerpt(text))\" is on a row with no action, so it is not imported."))
                continue
            }
            distribute(field, text: text, header: header, column: column, to: targets, area: area, row: row, table: table, plan: p,
                       continuation: continuation)
        }
    }

    /// The reference, title and title's column of a row that heads the actions under it, or nil.
    func headsActions(_ row: TableRow, columns: TableColumns, next: TableRow?) -> (String, String, Int)? {
        guard let refColumn = columns.column(of: .ref), let ref = ActionReference.areaReference(row[column: refColumn].text),
              let next, !Self.hasActionCells(row, columns: columns) else { return nil }
        let titleColumns = [columns.column(of: .action), columns.column(of: .recommendation), columns.column(of: .outcome)].compactMap { $0 }
        guard let column = titleColumns.first(where: { !row[column: $0].isBlank }) else { return nil }
        let nextRef = next[column: refColumn].text.trimmingCharacters(in: .whitespacesAndNewlines)
        if nextRef.isEmpty {
            let nextTitle = columns.column(of: .action) ?? columns.column(of: .recommendation)
            return nextTitle.map { !next[column: $0].isBlank } ?? false ? (ref, row[column: column].text, column) : nil
        }
        return nextRef.hasPrefix(ref + ".") && nextRef.count > ref.count + 1 ? (ref, row[column: column].text, column) : nil
    }

    /// The actions of a cell written one a line with no references, when the row says they
    /// are several: the due cell holds one bare date a line for them, or every line starts
    /// with a bullet and the leads or due cell has one line each. Nil otherwise: lines of one
    /// action (or its steps) stay together.
    static func oneActionALine(_ text: String, row: TableRow, columns: TableColumns) -> [String]? {
        let actionLines = lines(text)
        guard actionLines.count >= 2 else { return nil }
        let dueLines = columns.column(of: .due).map { lines(row[column: $0].text) } ?? []
        let entries = dueLines.flatMap { TimelineEntry.entries(in: $0) }
        if dueLines.count == actionLines.count, entries.count == actionLines.count, entries.allSatisfy({ $0.date != nil && $0.title.isEmpty }) {
            return actionLines.map { AreaLabel.bulletText($0) ?? $0 }
        }
        let bullets = actionLines.compactMap(AreaLabel.bulletText)
        let leadLines = columns.column(of: .leads).map { lines(row[column: $0].text) } ?? []
        if bullets.count == actionLines.count, leadLines.count == actionLines.count || dueLines.count == actionLines.count {
            return bullets
        }
        return nil
    }

    /// Whether a row fills any cell only an action has: leads, dates, status, progress.
    static func hasActionCells(_ row: TableRow, columns: TableColumns) -> Bool {
        let fields: Set<ImportField> = [.leads, .due, .start, .status, .percentComplete, .progress, .evidence, .difference,
                                        .milestones, .originalDue]
        return columns.fields.contains { fields.contains($0.value) && !row[column: $0.key].isBlank }
    }

    /// Gives a cell to the row's actions: all of it to one action; line by line (or date by
    /// date) when it lists one value per action; the same value to each when it holds one.
    mutating func distribute(_ field: ImportField, text: String, header: String, column: Int, to targets: [Int], area: Int,
                             row: TableRow, table: Table, plan p: Int, continuation: Bool) {
        let refs = targets.map { plans[p].areas[area].actions[$0].ref }
        func each(_ body: (inout WorkingAction) -> Void) {
            for target in targets { body(&plans[p].areas[area].actions[target]) }
        }
        /// Values for each target, or nil (with a warning and the cell kept as a note) when
        /// the values cannot be matched to the actions.
        func aligned<T>(_ values: [T]) -> [[T]]? {
            if targets.count <= 1 { return [values] }
            if values.count == targets.count { return values.map { [$0] } }
            if values.count == 1 { return Array(repeating: values, count: targets.count) }
            // One value per numbered action, sub-actions (9.3.1) sharing their parent's (9.3).
            let groups = refs.map { $0.split(separator: ".").prefix(2).joined(separator: ".") }
            var distinct: [String] = []
            for group in groups where !distinct.contains(group) { distinct.append(group) }
            if values.count == distinct.count, distinct.count < targets.count {
                warnings.append(warning(table, row: row.number, column: column, message:
                    "\(header) lists \(values.count) entries for the \(targets.count) actions \(Self.refList(refs)); they are read one for each of \(distinct.joined(separator: ", ")), with sub-actions sharing their parent's. Check them."))
                return groups.map { [values[distinct.firstIndex(of: $0)!]] }
            }
            warnings.append(warning(table, row: row.number, column: column, message:
                "\(header) lists \(values.count) entries for the \(targets.count) actions \(Self.refList(refs)), so they cannot be matched one to one; the cell is kept as a note on each of them. Set each action's \(field.label) after import."))
            each { $0.notes.append((header + " (as written for \(Self.refList(refs)))", text)) }
            return nil
        }

        switch field {
        case .action, .note, .recommendation:
            each { $0.notes.append((header, text)) }
        case .outcome:
            each { $0.outcome.append(text) }
        case .inspectionReference:
            each { $0.notes.append((header, text)) }
        case .leads:
            let values = lines(text)
            guard let split = aligned(values) else { return }
            if targets.count > 1, values.count == 1, (plans[p].columns.column(of: .due).map { TimelineEntry.entries(in: row[column: $0].text).count > 1 } ?? false) {
                warnings.append(warning(table, row: row.number, column: column, message:
                    "\(header) is one line for the \(targets.count) actions \(Self.refList(refs)) while their due dates are listed one per action; it may name a lead for each, which cannot be told apart, so each action is given all of it. Check their leads."))
            }
            for (target, lines) in zip(targets, split) {
                let leads = lines.flatMap { Self.leads(in: $0) }
                for lead in leads where !plans[p].areas[area].actions[target].leads.contains(lead) {
                    plans[p].areas[area].actions[target].leads.append(lead)
                }
            }
        case .due, .start:
            let entries = TimelineEntry.entries(in: text)
            for entry in entries where entry.date == nil {
                warnings.append(warning(table, row: row.number, column: column, message:
                    "No date could be read in \"\(Self.excerpt(entry.text))\"; it is kept as \(field == .due ? "a milestone without a date" : "a note"). Add the date after import."))
            }
            guard let split = aligned(entries) else { return }
            for (target, entries) in zip(targets, split) {
                if field == .start {
                    if let date = entries.compactMap(\.date).first {
                        plans[p].areas[area].actions[target].start = date
                    }
                    for entry in entries where entry.date == nil { plans[p].areas[area].actions[target].notes.append((header, entry.text)) }
                } else {
                    plans[p].areas[area].actions[target].entries += entries
                }
            }
        case .status:
            let values = lines(text)
            guard let split = aligned(values) else { return }
            for (target, values) in zip(targets, split) {
                let value = values.joined(separator: " ")
                if let reading = StatusWords.read(value) {
                    plans[p].areas[area].actions[target].status = reading.status
                    if let rag = reading.ragWord { plans[p].areas[area].actions[target].notes.append(("RAG as written", rag)) }
                } else {
                    warnings.append(warning(table, row: row.number, column: column, message:
                        "The status \"\(Self.excerpt(value))\" is not one Oversight knows (such as Not started, In progress, Complete, On hold); it is kept as a note and the status is worked out from the milestones."))
                    plans[p].areas[area].actions[target].notes.append((header, value))
                }
            }
        case .percentComplete:
            let values = lines(text)
            guard let split = aligned(values) else { return }
            for (target, values) in zip(targets, split) {
                let digits = values.joined().filter { $0.isASCII && $0.isNumber || $0 == "." }
                if let number = Double(digits), (0...100).contains(number) {
                    plans[p].areas[area].actions[target].percent = Int(number.rounded())
                } else {
                    warnings.append(warning(table, row: row.number, column: column, message:
                        "\"\(Self.excerpt(values.joined(separator: " ")))\" is not a % complete from 0 to 100; it is kept as a note."))
                    plans[p].areas[area].actions[target].notes.append((header, values.joined(separator: " ")))
                }
            }
        case .progress:
            each { action in
                if continuation, let last = action.progress.indices.last, action.progress[last].column == column {
                    action.progress[last].text = join(action.progress[last].text, text)
                } else {
                    action.progress.append((column, text))
                }
            }
        case .evidence:
            each { action in
                if continuation, let last = action.evidence.indices.last {
                    action.evidence[last] = join(action.evidence[last], text)
                } else {
                    action.evidence.append(text)
                }
            }
        case .difference:
            if let value = StatusWords.difference(text) {
                each { $0.difference = (value, text) }
            } else {
                each { $0.notes.append((header, text)) }
            }
        case .milestones:
            each { $0.milestoneLines += lines(text) }
        case .originalDue:
            if let date = WrittenDates.parse(text) {
                each { $0.originalDue = date }
            } else {
                warnings.append(warning(table, row: row.number, column: column, message:
                    "No date could be read in \"\(Self.excerpt(text))\"; it is kept as a note."))
                each { $0.notes.append((header, text)) }
            }
        case .measureCodes:
            let codes = text.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            each { $0.measureCodes += codes }
        case .successMeasure, .ref, .ignore, .theme, .areaRef, .area, .rating:
            break
        }
    }

    /// Starts the theme and area a row names in Theme, Area ref and Area columns, when they
    /// differ from the current ones.
    mutating func placeByColumns(_ row: TableRow, table: Table, plan p: Int) {
        let columns = plans[p].columns
        func cell(_ field: ImportField) -> String {
            columns.column(of: field).map { row[column: $0].text.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        }
        let themeText = cell(.theme), areaRef = cell(.areaRef), areaTitle = cell(.area)
        if !themeText.isEmpty {
            var theme = Theme(planID: 0, position: plans[p].themes.count + 1, ref: "", title: themeText)
            if case let .theme(ref, title)? = ActionReference.section(themeText) {
                theme.ref = ref
                theme.title = title
            }
            if plans[p].themes.last.map({ ($0.ref, $0.title) != (theme.ref, theme.title) }) ?? true {
                plans[p].themes.append(theme)
            }
        }
        guard !areaRef.isEmpty || !areaTitle.isEmpty else { return }
        let theme = themeIndex(in: p)
        if let current = plans[p].currentArea, plans[p].areas[current].themeIndex == theme,
           plans[p].areas[current].area.ref == areaRef, plans[p].areas[current].area.title == areaTitle || areaTitle.isEmpty {
            return
        }
        startArea(ref: areaRef, title: areaTitle, recommendationNumber: nil, row: row, table: table, plan: p)
    }

    // MARK: Sections and areas

    mutating func startSection(_ section: ActionReference.Section, table: Table, row: TableRow, plan p: Int) {
        switch section {
        case let .theme(ref, title):
            plans[p].themes.append(Theme(planID: 0, position: plans[p].themes.count + 1, ref: ref, title: title))
        case let .area(ref, title):
            startArea(ref: ref, title: ActionReference.titleCase(title), recommendationNumber: nil, row: row, table: table, plan: p)
        }
    }

    mutating func startArea(number: Int, row: TableRow, table: Table, plan p: Int) {
        let columns = plans[p].columns
        let title = [columns.column(of: .outcome), columns.column(of: .recommendation)].compactMap { $0 }
            .map { row[column: $0].text }.first { !$0.isEmpty } ?? ""
        startArea(ref: String(number), title: title.replacingOccurrences(of: "\n", with: " "), recommendationNumber: number,
                  row: row, table: table, plan: p)
        if let column = columns.column(of: .inspectionReference), !row[column: column].isBlank {
            addInspectionReferences(row[column: column].text, area: plans[p].areas.count - 1, plan: p)
        }
    }

    mutating func startArea(ref: String, title: String, recommendationNumber: Int?, row: TableRow, table: Table, plan p: Int) {
        let theme = themeIndex(in: p)
        var area = WorkingArea(area: Area(themeID: 0, position: plans[p].areas.count + 1, ref: ref,
                                          title: title.isEmpty ? "Area \(ref)" : title, recommendationNumber: recommendationNumber),
                               themeIndex: theme)
        area.table = table.source.index
        area.row = row.number
        if title.isEmpty {
            warnings.append(warning(table, row: row.number, message: "Area \(ref) has no title in the file; it is called \"Area \(ref)\"."))
        }
        plans[p].areas.append(area)
    }

    /// `Pg 3 Para 2 Pg 4 Para 8` on an area row: the area's inspection paragraphs, kept as an
    /// issue quoting what needs to improve.
    mutating func addInspectionReferences(_ text: String, area: Int, plan p: Int) {
        let references = AreaLabel.inspectionReferences(text)
        guard !references.isEmpty else { return }
        if plans[p].areas[area].area.issues.isEmpty {
            plans[p].areas[area].area.issues.append(Area.Issue(heading: "What needs to improve",
                                                               quote: plans[p].areas[area].area.title, paragraphs: references))
        } else {
            plans[p].areas[area].area.issues[plans[p].areas[area].area.issues.count - 1].paragraphs += references
        }
    }

    /// Adds text under a label to the current area (single-cell label rows in a table).
    mutating func apply(_ label: AreaLabel, _ text: String, plan p: Int) {
        guard let area = plans[p].currentArea else { return }
        label.apply(text, to: &plans[p].areas[area].area)
    }

    // MARK: Actions

    /// Splits an action cell at references starting lines: the text before the first
    /// reference (a continuation) and each numbered action.
    func actionSegments(_ text: String, plan p: Int) -> (String, [(ref: String, writtenAs: String?, text: String)]) {
        var leading: [String] = []
        var segments: [(ref: String, writtenAs: String?, text: String)] = []
        for line in lines(text) where !isPageNumber(line) {
            if let found = ActionReference.leading(line) {
                segments.append((found.ref, found.writtenAs, found.rest))
            } else if segments.isEmpty {
                leading.append(line)
            } else {
                segments[segments.count - 1].text = segments[segments.count - 1].text.isEmpty
                    ? line : segments[segments.count - 1].text + "\n" + line
            }
        }
        return (leading.joined(separator: "\n"), segments)
    }

    /// Starts an action in the current area (inferring an area from the reference when there
    /// is none); returns its index in the area.
    mutating func startAction(ref rawRef: String, writtenAs: String?, title: String, row: TableRow, column: Int,
                              table: Table, plan p: Int) -> Int? {
        var ref = rawRef
        plans[p].actionsHaveRefs = true
        if let writtenAs {
            warnings.append(warning(table, row: row.number, column: column, message:
                "The reference \"\(writtenAs)\" is read as action \(ref)."))
        }
        let areaRef = ActionReference.areaRef(of: ref)
        // An area made from references ends where the references move on to the next area
        // (1.2 then 2.1): each gets its own.
        let movesOn = plans[p].currentArea.map { current in
            plans[p].areas[current].madeFromReferences && ref.contains(".") && plans[p].areas[current].area.ref != areaRef
        } ?? false
        if plans[p].currentArea == nil || movesOn {
            let theme = themeIndex(in: p)
            var area = WorkingArea(area: Area(themeID: 0, position: plans[p].areas.count + 1, ref: areaRef, title: "Area \(areaRef)"), themeIndex: theme)
            // The first such area is where the file starts part-way through (a warning says so
            // when the plan is drafted); a later one is where the references move on.
            area.inferred = !movesOn
            area.madeFromReferences = true
            if let named = plans[p].themes.last, named.ref == areaRef, !named.title.isEmpty {
                // "PRIORITY 1: Front door" above actions 1.1, 1.2: the heading names their area.
                area.area.title = named.title
                area.inferred = false
            } else if movesOn {
                warnings.append(warning(table, row: row.number, column: column, message:
                    "Action \(ref) starts area \(areaRef), which no heading or area row names; it is made from the references and called \"Area \(areaRef)\". Give it its title after import."))
            }
            area.table = table.source.index
            area.row = row.number
            plans[p].areas.append(area)
        }
        let area = plans[p].currentArea!
        if plans[p].allRefs.contains(ref) {
            var copy = 2
            while plans[p].allRefs.contains("\(rawRef) (\(copy))") { copy += 1 }
            ref = "\(rawRef) (\(copy))"
            warnings.append(warning(table, row: row.number, column: column, message:
                "Action \(rawRef) appears more than once; this one is imported as \"\(ref)\". Renumber it after import."))
        }
        plans[p].allRefs.insert(ref)
        let cleanTitle = lines(title).filter { !isPageNumber($0) }.joined(separator: "\n")
        plans[p].areas[area].actions.append(WorkingAction(ref: ref, title: cleanTitle, table: table.source.index, row: row.number, column: column))
        return plans[p].areas[area].actions.count - 1
    }

    // MARK: Measures

    /// Reads numbered KPIs from a success-measure cell; returns their codes.
    mutating func readMeasures(_ text: String, row: TableRow, column: Int, table: Table, plan p: Int, areaLevel: Bool,
                               continuation: Bool, targets: [Int]) -> [String] {
        let split = MeasureList.split(text, after: plans[p].lastMeasureNumber)
        let area = plans[p].currentArea
        if !split.leading.isEmpty {
            if (areaLevel || continuation), let last = plans[p].measures.indices.last {
                let definition = plans[p].measures[last].written.definition
                plans[p].measures[last].written.definition = definition.isEmpty ? split.leading : definition + "\n" + split.leading
            } else if let area, !targets.isEmpty {
                let header = plans[p].columns.headers[column] ?? "Success measure"
                for target in targets { plans[p].areas[area].actions[target].notes.append((header, split.leading)) }
            } else {
                warnings.append(warning(table, row: row.number, column: column, message:
                    "\"\(Self.excerpt(split.leading))\" in the measures column is not a numbered measure and has no action to go with, so it is not imported."))
            }
        }
        var codes: [String] = []
        for item in split.items {
            var written = MeasureList.measure(number: item.number, text: item.text)
            if written.title.isEmpty {
                written.title = "Measure \(item.number)"
                warnings.append(warning(table, row: row.number, column: column, message: "Measure \(item.number) has no title; it is called \"Measure \(item.number)\"."))
            }
            var code = String(item.number)
            if plans[p].measures.contains(where: { String($0.written.number) == code || $0.code == code }) {
                var copy = 2
                while plans[p].measures.contains(where: { $0.code == "\(item.number) (\(copy))" }) { copy += 1 }
                code = "\(item.number) (\(copy))"
                warnings.append(warning(table, row: row.number, column: column, message:
                    "Measure \(item.number) appears more than once; this one is imported as \"\(code)\"."))
            }
            plans[p].measures.append(WorkingMeasure(written: written, code: code, areaRef: area.map { plans[p].areas[$0].area.ref },
                                                    table: table.source.index, row: row.number, column: column))
            plans[p].lastMeasureNumber = item.number
            codes.append(code)
        }
        return codes
    }

    // MARK: Helpers

    /// Text that reads as KPIs rather than names: numbered or lettered items, or a target.
    static func looksLikeMeasures(_ text: String) -> Bool {
        let first = lines(text).first ?? ""
        if MeasureList.isLetteredItem(first) || MeasureList.leadingNumber(first) != nil { return true }
        let (targets, _) = MeasureList.readTargets(in: text.replacingOccurrences(of: "\n", with: " "))
        return !targets.isEmpty
    }

    /// A lead cell line split where people separate leads with a slash or a semicolon: `Ann
    /// Marie Dodds/ Housing` → two leads. (A comma is not a separator: `Service Manager,
    /// Safeguarding` is one role.)
    static func leads(in line: String) -> [String] {
        line.split(whereSeparator: { $0 == "/" || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func refList(_ refs: [String]) -> String {
        guard refs.count > 2, let first = refs.first, let last = refs.last else { return refs.joined(separator: " and ") }
        return "\(first)–\(last)"
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 80 ? String(flat.prefix(77)) + "…" : flat
    }
}
