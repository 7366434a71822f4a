import Core
import Documents
import Foundation

extension PlanRecogniser {
    /// Turns a plan as read into a `PlanDraft` Core can validate and the store can keep.
    mutating func draft(of p: Int) -> ImportedPlan {
        let working = plans[p]
        let author = "Imported from \(fileName)"
        let asAt: Day
        if let date = working.documentDate {
            asAt = date.day
        } else {
            asAt = options.asAt ?? Day.today()
        }
        let asAtWords = working.documentDateText.map { "\(asAt.formattedLong), the date on the document (\"\($0)\")" }
            ?? (options.asAt == nil ? "today, \(asAt.formattedLong), as the document carries no date" : "\(asAt.formattedLong), the date given")
        let hasUndatedProgress = working.areas.contains { $0.actions.contains { action in
            action.progress.contains { working.columns.asAt[$0.column] == nil && Self.datedText($0.text) == nil }
                || action.evidence.contains { Self.datedText(lines($0).first ?? "") == nil }
        } }
        if hasUndatedProgress {
            warnings.append(ImportWarning(fileName: fileName, table: working.tables.first, location: "\(fileName), plan \"\(working.title)\"",
                                          message: "Progress and evidence are not dated in the file; they are dated \(asAtWords).", plan: p))
        }

        var themes = working.themes.enumerated().map { index, theme in
            PlanDraft.ThemeDraft(theme: Theme(planID: 0, position: index + 1, ref: theme.ref, title: theme.title), areas: [])
        }
        var latestDue: Day?
        // Per theme, in the draft's order (themes, then their areas), whatever order the areas were read in.
        var given = [[Set<ReimportedAction.Field>]](repeating: [], count: themes.count)
        for area in working.areas {
            var actions: [PlanDraft.ActionDraft] = []
            for (index, workingAction) in area.actions.enumerated() {
                let action = makeAction(workingAction, position: index + 1, asAt: asAt, author: author, plan: p)
                given[area.themeIndex].append(Self.given(workingAction, action))
                if let due = action.dueDate, latestDue.map({ due > $0 }) ?? true { latestDue = due }
                actions.append(PlanDraft.ActionDraft(action: action, measureCodes: unique(area.measureCodes + workingAction.measureCodes)))
            }
            if area.inferred {
                let refs = area.actions.map(\.ref)
                let place = area.table.map { table in
                    document.tables.first { $0.source.index == table }?.source.describe(row: area.row) ?? fileName
                } ?? fileName
                warnings.append(ImportWarning(fileName: fileName, table: area.table, row: area.row, location: place, message:
                    "Actions \(Self.refList(refs)) come before any area heading or area row (the file starts part-way through area \(area.area.ref)); they are put in an area \(area.area.ref) made from their references. Give it its title after import.",
                    plan: p))
            }
            var areaValue = area.area
            areaValue.position = themes[area.themeIndex].areas.count + 1
            themes[area.themeIndex].areas.append(PlanDraft.AreaDraft(area: areaValue, actions: actions))
        }
        // A theme given no areas (a heading with nothing under it) is left out.
        themes = themes.filter { !$0.areas.isEmpty }

        var measures: [Measure] = []
        var measureAreas: [String: String] = [:]
        var undated: [(measure: WorkingMeasure, targets: [String])] = []
        for measure in working.measures {
            let (made, dateless) = makeMeasure(measure, planEnd: latestDue, plan: p)
            measures.append(made)
            if !dateless.isEmpty { undated.append((measure, dateless)) }
            if let area = measure.areaRef { measureAreas[measure.code] = area }
        }
        // One warning per cell for targets written without a date.
        if let planEnd = latestDue {
            var cells: [(table: Int, row: Int, column: Int, numbers: [Int])] = []
            for (measure, _) in undated {
                if let last = cells.indices.last, cells[last].table == measure.table, cells[last].row == measure.row, cells[last].column == measure.column {
                    cells[last].numbers.append(measure.written.number)
                } else {
                    cells.append((measure.table, measure.row, measure.column, [measure.written.number]))
                }
            }
            for cell in cells {
                let which = cell.numbers.count == 1 ? "Measure \(cell.numbers[0]) has a target" : "Measures \(cell.numbers.map(String.init).joined(separator: ", ")) have targets"
                warnings.append(ImportWarning(fileName: fileName, table: cell.table, row: cell.row, column: cell.column,
                                              location: location(table: cell.table, row: cell.row, column: cell.column),
                                              message: "\(which) with no date; taken as due by \(planEnd.formattedLong), the plan's last due date.",
                                              plan: p))
            }
        }
        let plan = Plan(organisationID: 0, title: working.title, kind: working.kind)
        let draft = PlanDraft(plan: plan, themes: themes, measures: measures)
        var imported = ImportedPlan(draft: draft, tables: working.tables, mapping: working.columns.mapping, measureAreas: measureAreas)
        imported.given = given.flatMap { $0 }
        return imported
    }

    /// The fields the file states for an action (a status cell, a % complete, progress, dates),
    /// as opposed to those worked out (a status from the milestones): only these may change a
    /// stored action when the file updates its plan.
    static func given(_ working: WorkingAction, _ action: Action) -> Set<ReimportedAction.Field> {
        var fields: Set<ReimportedAction.Field> = []
        if working.status != nil { fields.insert(.status) }
        if working.percent != nil || working.status == .complete { fields.insert(.percentComplete) }
        if !working.progress.isEmpty { fields.insert(.progress) }
        if action.dueDate != nil { fields.insert(.dueDate) }
        if action.startDate != nil { fields.insert(.startDate) }
        return fields
    }

    func unique(_ codes: [String]) -> [String] {
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }

    /// Builds the action: milestones from titled timeline entries, the due date from a bare date
    /// or the last milestone, the status from the status column or else the milestones.
    mutating func makeAction(_ working: WorkingAction, position: Int, asAt: Day, author: String, plan p: Int) -> Action {
        var action = Action(areaID: 0, position: position, ref: working.ref, title: working.title, leads: working.leads)
        var outcome = working.outcome.joined(separator: "\n")

        let entries = working.entries
        let dated = entries.compactMap(\.date)
        if entries.count == 1, let only = entries.first, only.title.isEmpty, let date = only.date {
            // A due cell with one date: the due date itself.
            if date.isStart {
                action.startDate = date.start
            } else {
                action.dueDate = date.day
                if let start = date.start { action.startDate = start }
            }
            if date.isOngoing { outcome = join(outcome, "Due as written: \(date.text)") }
            if date.isComplete { action.milestones.append(Milestone(title: date.text, dueDate: date.day, completedOn: date.day)) }
        } else {
            for entry in entries {
                if let date = entry.date, date.isStart, entry.title.isEmpty {
                    action.startDate = date.start
                    continue
                }
                let title = entry.title.isEmpty ? entry.text : entry.title
                action.milestones.append(Milestone(title: title, dueDate: entry.date?.day,
                                                   completedOn: entry.isComplete ? entry.date?.day : nil))
            }
            action.dueDate = dated.filter { !$0.isStart }.map(\.day).max()
            if action.startDate == nil { action.startDate = dated.compactMap { $0.isStart ? $0.start : nil }.min() }
        }
        for line in working.milestoneLines { action.milestones.append(Self.milestone(line)) }
        if let original = working.originalDue?.day, let due = action.dueDate, original != due {
            action.reprogrammings = [Reprogramming(from: original, to: due, reason: "Reprogrammed before import (Original due in the file)",
                                                   changedOn: asAt, changedBy: author)]
        }
        if let start = working.start { action.startDate = start.start ?? start.day }
        if let start = action.startDate, let due = action.dueDate, due < start {
            warnings.append(ImportWarning(fileName: fileName, table: working.table, row: working.row,
                                          location: location(table: working.table, row: working.row, column: working.column),
                                          message: "Action \(working.ref) starts (\(start.formattedLong)) after it is due (\(due.formattedLong)); the start date is left out.",
                                          plan: p))
            action.startDate = nil
        }

        // Status: as written, or from the milestones.
        let milestones = action.milestones
        if let status = working.status {
            action.status = status
        } else if !milestones.isEmpty, milestones.allSatisfy(\.isComplete) {
            action.status = .complete
        } else if milestones.contains(where: \.isComplete) || !working.progress.isEmpty {
            action.status = .inProgress
        }
        if action.status == .complete {
            action.completedOn = milestones.compactMap(\.completedOn).max() ?? action.dueDate ?? asAt
            action.percentComplete = 100
        } else if let percent = working.percent {
            action.percentComplete = percent
        }

        for (column, text) in working.progress {
            let dated = Self.datedText(text)
            let date = dated?.day ?? plans[p].columns.asAt[column]?.day ?? asAt
            action.updates.append(ProgressUpdate(actionID: 0, date: date, author: author, text: dated?.text ?? text))
        }
        action.updates.sort { $0.date > $1.date }
        for text in working.evidence {
            // One item a line when every line is dated (`12 Sep 2023 — …`), else the cell as one.
            let dated = lines(text).map(Self.datedText)
            if dated.count > 1, dated.allSatisfy({ $0 != nil }) {
                action.evidence += dated.compactMap { $0 }.map { EvidenceOfImpact(date: $0.day, text: $0.text, author: author) }
            } else {
                let one = Self.datedText(text)
                action.evidence.append(EvidenceOfImpact(date: one?.day ?? asAt, text: one?.text ?? text, author: author))
            }
        }
        if let (value, note) = working.difference {
            action.difference = DifferenceJudgement(value: value, date: asAt, by: author, note: note)
        }
        // Columns Oversight has no field for are kept in the outcome text, headed by the column.
        if !working.notes.isEmpty {
            let notes = working.notes.map { "\($0.header): \($0.text)" }.joined(separator: "\n")
            outcome = outcome.isEmpty ? notes : outcome + "\n\n" + notes
        }
        action.outcome = outcome
        if action.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            action.title = "Action \(working.ref)"
            warnings.append(ImportWarning(fileName: fileName, table: working.table, row: working.row,
                                          location: location(table: working.table, row: working.row, column: working.column),
                                          message: "Action \(working.ref) has no text; it is called \"Action \(working.ref)\".", plan: p))
        }
        return action
    }

    /// `12 Sep 2023 — Text`: a day, a spaced dash, then the text (how Oversight's export dates
    /// progress and evidence). Nil for anything else.
    static func datedText(_ text: String) -> (day: Day, text: String)? {
        guard let dash = text.range(of: " — ") else { return nil }
        let prefix = String(text[..<dash.lowerBound])
        guard prefix.count <= 20, let date = WrittenDates.parse(prefix), date.precision == .day, !date.isStart else { return nil }
        return (date.day, String(text[dash.upperBound...]))
    }

    /// `30 Sep 2023 — Title (COMPLETE)`, or a timeline line as people write it.
    static func milestone(_ line: String) -> Milestone {
        var text = line
        var complete = false
        for mark in [" (COMPLETE)", " (Complete)", " (complete)", " (COMPLETED)", " (Completed)"] where text.hasSuffix(mark) {
            text.removeLast(mark.count)
            complete = true
            break
        }
        if let dated = datedText(text) {
            return Milestone(title: dated.text, dueDate: dated.day, completedOn: complete ? dated.day : nil)
        }
        if let entry = TimelineEntry.entries(in: line).first, entry.date != nil {
            return Milestone(title: entry.title.isEmpty ? entry.text : entry.title, dueDate: entry.date?.day,
                             completedOn: entry.isComplete ? entry.date?.day : nil)
        }
        return Milestone(title: text, dueDate: nil, completedOn: nil)
    }

    /// Builds the measure. A target written without a date is due by the plan's end (its latest
    /// due date), with a warning saying so.
    mutating func makeMeasure(_ working: WorkingMeasure, planEnd: Day?, plan p: Int) -> (Measure, [String]) {
        let written = working.written
        var targets: [Target] = []
        var dateless: [String] = []
        var definition = written.definition
        for target in written.targets {
            // A figure out of MeasureFigure's range is a misreading or a typing slip, and could
            // not be shown or charted: it is left out, with a warning pointing at the cell.
            guard MeasureFigure.isUsable(target.value), target.from.map(MeasureFigure.isUsable) ?? true else {
                warnings.append(ImportWarning(fileName: fileName, table: working.table, row: working.row, column: working.column,
                                              location: location(table: working.table, row: working.row, column: working.column),
                                              message: "Measure \(written.number): the target \"\(target.text)\" is not a usable figure (it must be between -1,000,000,000,000 and 1,000,000,000,000), so it is not imported.",
                                              plan: p))
                continue
            }
            if let due = target.dueBy {
                targets.append(Target(value: target.value, dueBy: due.day, isInterim: target.isInterim))
            } else if let planEnd {
                targets.append(Target(value: target.value, dueBy: planEnd, isInterim: target.isInterim))
                dateless.append(target.text)
            } else {
                definition = join(definition, target.text)
                warnings.append(ImportWarning(fileName: fileName, table: working.table, row: working.row, column: working.column,
                                              location: location(table: working.table, row: working.row, column: working.column),
                                              message: "Measure \(written.number): the target \"\(target.text)\" has no date and the plan has none to go by; it is kept in the definition.",
                                              plan: p))
            }
            if let from = target.from { definition = join(definition, "Starting from \(MeasureFormatting.number(from, decimals: 1))") }
        }
        targets.sort { ($0.dueBy, $0.isInterim ? 0 : 1) < ($1.dueBy, $1.isInterim ? 0 : 1) }
        return (Measure(organisationID: 0, code: working.code, title: written.title, definition: definition,
                        unit: written.unit, polarity: written.polarity, decimals: written.unit == .percentage ? 1 : 0,
                        targets: targets), dateless)
    }

    func location(table: Int?, row: Int?, column: Int?) -> String {
        guard let table, let source = document.tables.first(where: { $0.source.index == table })?.source else { return fileName }
        return source.describe(row: row, column: column)
    }
}
