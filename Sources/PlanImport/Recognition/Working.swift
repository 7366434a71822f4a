import Core
import Documents

/// An action as it is being read: cells accumulate across continuation rows before the
/// `Action` is made.
struct WorkingAction {
    var ref: String
    var title: String
    var outcome: [String] = []
    var leads: [String] = []
    var entries: [TimelineEntry] = []
    /// A due date given by itself (not a milestone).
    var due: WrittenDate?
    var start: WrittenDate?
    var status: LifecycleStatus?
    var percent: Int?
    var progress: [(column: Int, text: String)] = []
    var evidence: [String] = []
    var difference: (Difference, String)?
    var notes: [(header: String, text: String)] = []
    var measureCodes: [String] = []
    /// Lines of a Milestones column kept apart from the Due column.
    var milestoneLines: [String] = []
    /// An Original due date: the due date before the action was reprogrammed.
    var originalDue: WrittenDate?
    var table: Int
    var row: Int
    var column: Int?
}

struct WorkingArea {
    var area: Area
    var themeIndex: Int
    var actions: [WorkingAction] = []
    var measureCodes: [String] = []
    /// Made from action references because the file holds no row or heading for it.
    var inferred = false
    /// Made from action references (inferred, or named by a theme heading with its number):
    /// it ends where the references move on to another area.
    var madeFromReferences = false
    /// Started by a row with a reference and a title and nothing else (`2.3 | Make sure that
    /// …`): rows under it with no reference of their own are its actions, numbered 2.3.1, ….
    var numbersItsActions = false
    /// Announced by a heading with prose under it, not labelled text: a heading of the report
    /// (`3. CONTEXT`) unless the table that follows numbers its actions under it.
    var followedByProse = false
    var table: Int?
    var row: Int?
}

struct WorkingMeasure {
    var written: WrittenMeasure
    var code: String
    var areaRef: String?
    var table: Int
    var row: Int
    var column: Int
}

struct WorkingPlan {
    var title: String
    var kind: Plan.Kind
    var columns: TableColumns
    var tables: [Int] = []
    var themes: [Theme] = []
    var areas: [WorkingArea] = []
    var measures: [WorkingMeasure] = []
    var lastMeasureNumber: Int?
    /// The date on the document near the plan (its cover: "August 2023").
    var documentDate: WrittenDate?
    var documentDateText: String?
    /// Whether the plan's tables number their areas in a reference column (`2` with actions
    /// `2.1 …`): then outcome, inspection and measure columns describe the area.
    var areaRows = false
    /// Whether actions carry references (`1.1`), so a row without one continues the last action.
    var actionsHaveRefs = false
    /// Whether actions are written without references and numbered in order instead.
    var actionsHaveNoRefs = false

    var currentArea: Int? { areas.indices.last }

    /// Every action reference used so far, kept as actions start (not rebuilt for each one:
    /// a file of thousands of rows would take the square of that).
    var allRefs: Set<String> = []
}

/// Text joining: a sentence cut by a page break carries on with a space; a finished one
/// starts a new line.
func join(_ first: String, _ second: String) -> String {
    let a = first.trimmingCharacters(in: .whitespacesAndNewlines)
    let b = second.trimmingCharacters(in: .whitespacesAndNewlines)
    if a.isEmpty { return b }
    if b.isEmpty { return a }
    if let last = a.last, ".:;!?)".contains(last) { return a + "\n" + b }
    return a + " " + b
}

/// Lines of a cell, trimmed, without empty ones.
func lines(_ text: String) -> [String] {
    text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// A line that is only a page number left by PDF extraction (`83`).
func isPageNumber(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return (1...3).contains(trimmed.count) && trimmed.allSatisfy { $0.isASCII && $0.isNumber }
}

import Foundation
