import Foundation

/// One action as a plan file gives it when the file is read again to update a stored plan: the
/// action as read, where it sits in the file (theme and area as read), and which of its fields
/// the file actually states. A blank Status cell says nothing, so it must not reset a stored
/// status to "Not started".
public struct ReimportedAction: Sendable, Hashable, Codable {
    /// The fields a re-import may change on a stored action.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        case status, percentComplete, progress, dueDate, startDate
    }

    /// As read: ids 0, progress and evidence dated as the file dates them.
    public var action: Action
    public var measureCodes: [String]
    public var theme: Theme
    public var area: Area
    public var given: Set<Field>

    public init(action: Action, measureCodes: [String] = [], theme: Theme, area: Area, given: Set<Field>) {
        self.action = action
        self.measureCodes = measureCodes
        self.theme = theme
        self.area = area
        self.given = given
    }
}

/// What reading a plan's file again changes in the stored plan: for each action the file and
/// the plan share (by reference, then by title), its new progress, status, % complete and dates;
/// the file's new actions, with the areas and themes they need; and the stored actions the file
/// no longer lists, which are reported and never deleted. Worked out by
/// `PlanReimport.comparing(_:with:fileName:on:by:)` (pure) and applied by a store in one
/// transaction.
public struct PlanReimport: Sendable, Hashable, Codable {
    /// The changes to one stored action.
    public struct Change: Sendable, Hashable, Codable {
        public var actionID: Int64
        /// The action's reference in the plan (a title match may have another in the file).
        public var ref: String
        public var title: String
        /// The version the changes were worked out against: a store refuses them on another.
        public var expectedVersion: Int
        /// The reference in the file, when the action was found by its title instead.
        public var fileRef: String?
        public var status: LifecycleStatus?
        public var percentComplete: Int?
        /// A new progress update's date and text (by the importing person).
        public var progressDate: Day?
        public var progressText: String?
        public var dueDate: Day?
        public var startDate: Day?
        /// The changes as a person reads them: "Status: In progress → Complete".
        public var sentences: [String]
    }

    /// Where a new area goes: a stored theme, or one of `newThemes`.
    public enum ThemePlace: Sendable, Hashable, Codable {
        case stored(themeID: Int64)
        case new(index: Int)
    }

    /// Where a new action goes: a stored area, or one of `newAreas`.
    public enum AreaPlace: Sendable, Hashable, Codable {
        case stored(areaID: Int64)
        case new(index: Int)
    }

    public struct NewArea: Sendable, Hashable, Codable {
        public var area: Area
        public var theme: ThemePlace
        /// "1.3 Quality of plans, in theme 1 Assessment".
        public var description: String
    }

    public struct Addition: Sendable, Hashable, Codable {
        public var action: Action
        public var measureCodes: [String]
        public var area: AreaPlace
        /// Where it goes, as a person reads it: "area 1.2 Quality of assessments".
        public var areaText: String
    }

    /// A stored action the file does not list.
    public struct Missing: Sendable, Hashable, Codable {
        public var actionID: Int64
        public var ref: String
        public var title: String
    }

    public var planID: Int64
    public var planTitle: String
    public var fileName: String
    public var changes: [Change]
    public var newThemes: [Theme]
    public var newAreas: [NewArea]
    public var additions: [Addition]
    public var missing: [Missing]
    /// Actions the file and the plan share with nothing to change.
    public var unchanged: Int

    /// Nothing would change: the file says what the plan says.
    public var changesNothing: Bool { changes.isEmpty && additions.isEmpty }

    /// "2 actions changed, 1 added, 3 unchanged; 1 not in the file (kept)".
    public var summary: String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var text = "\(count(changes.count, "action")) changed, \(additions.count) added, \(unchanged) unchanged"
        if !newAreas.isEmpty { text += ", \(count(newAreas.count, "new area"))" }
        if !newThemes.isEmpty { text += ", \(count(newThemes.count, "new theme"))" }
        if !missing.isEmpty { text += "; \(missing.count) not in the file (kept)" }
        return text
    }
}

extension PlanReimport {
    /// References as people compare them: "2.1" and " 2.1 " are one, as are "7A" and "7a".
    static func refKey(_ ref: String) -> String { ref.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    /// Titles as people compare them: case, spacing and line breaks aside.
    static func titleKey(_ title: String) -> String {
        title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The stored plan a file's plan updates by default: the one with the same title (case and
    /// spacing aside) and, where both name an inspection, the same inspection (kind and start).
    /// Nil when none, or when several have that title and the inspection does not tell them apart.
    public static func matchingPlan(title: String, inspection: Inspection?,
                                    among plans: [(plan: Plan, inspection: Inspection?)]) -> Plan? {
        let sameTitle = plans.filter { titleKey($0.plan.title) == titleKey(title) }
        let candidates = sameTitle.filter { stored in
            guard let inspection, let other = stored.inspection else { return true }
            return inspection.kind == other.kind && inspection.startDate == other.startDate
        }
        return candidates.count == 1 ? candidates[0].plan : nil
    }

    /// Why a file's plan is taken to be a stored plan.
    public enum Match: Sendable, Hashable {
        /// The same title (and inspection, where both name one).
        case sameTitle(Plan)
        /// Another title (an export's sheet, a renamed file), but most of its actions are the
        /// plan's: the same reference and title.
        case sameActions(Plan, shared: Int, of: Int)

        public var plan: Plan {
            switch self {
            case let .sameTitle(plan), let .sameActions(plan, _, _): plan
            }
        }
    }

    /// The stored plan a file's plan updates by default: the one with its title (`matchingPlan`),
    /// else the one with which it shares at least half its actions (reference and title both).
    public static func match(title: String, inspection: Inspection?, actions: [Action],
                             among plans: [(plan: Plan, inspection: Inspection?, actions: [Action])]) -> Match? {
        if let plan = matchingPlan(title: title, inspection: inspection, among: plans.map { ($0.plan, $0.inspection) }) {
            return .sameTitle(plan)
        }
        guard !actions.isEmpty else { return nil }
        let wanted = Set(actions.map { refKey($0.ref) + "\u{0}" + titleKey($0.title) })
        let scored = plans.map { stored in
            (plan: stored.plan, shared: Set(stored.actions.map { refKey($0.ref) + "\u{0}" + titleKey($0.title) }).intersection(wanted).count)
        }
        guard let best = scored.max(by: { $0.shared < $1.shared }), best.shared * 2 >= actions.count, best.shared > 0,
              scored.filter({ $0.shared == best.shared }).count == 1 else { return nil }
        return .sameActions(best.plan, shared: best.shared, of: actions.count)
    }

    /// Compares the file's actions with the stored plan (read with its full history) as at
    /// `today`, for the importing `person`.
    public static func comparing(_ imported: [ReimportedAction], with contents: PlanContents, fileName: String,
                                 on today: Day, by person: String) -> PlanReimport {
        var result = PlanReimport(planID: contents.plan.id, planTitle: contents.plan.title, fileName: fileName, changes: [],
                                  newThemes: [], newAreas: [], additions: [], missing: [], unchanged: 0)
        // Match by reference first, then by title among the actions still unmatched.
        var matchOf = [Int?](repeating: nil, count: imported.count)
        var taken = Set<Int64>()
        var byRef: [String: Int] = [:]
        for (index, action) in contents.actions.enumerated() where byRef[refKey(action.ref)] == nil {
            byRef[refKey(action.ref)] = index
        }
        for (index, entry) in imported.enumerated() {
            let key = refKey(entry.action.ref)
            guard !key.isEmpty, let stored = byRef[key], !taken.contains(contents.actions[stored].id) else { continue }
            matchOf[index] = stored
            taken.insert(contents.actions[stored].id)
        }
        for (index, entry) in imported.enumerated() where matchOf[index] == nil {
            let key = titleKey(entry.action.title)
            guard !key.isEmpty, let stored = contents.actions.indices.first(where: {
                !taken.contains(contents.actions[$0].id) && titleKey(contents.actions[$0].title) == key
            }) else { continue }
            matchOf[index] = stored
            taken.insert(contents.actions[stored].id)
        }

        for (index, entry) in imported.enumerated() {
            if let stored = matchOf[index] {
                if let change = change(from: entry, to: contents.actions[stored], fileName: fileName, on: today) {
                    result.changes.append(change)
                } else {
                    result.unchanged += 1
                }
            } else {
                result.add(entry, to: contents, by: person)
            }
        }
        result.missing = contents.actions.filter { !taken.contains($0.id) }
            .map { Missing(actionID: $0.id, ref: $0.ref, title: $0.title) }
        return result
    }

    /// What the file changes on a stored action, or nil when it says what the plan says.
    static func change(from entry: ReimportedAction, to stored: Action, fileName: String, on today: Day) -> Change? {
        let read = entry.action
        var change = Change(actionID: stored.id, ref: stored.ref, title: stored.title, expectedVersion: stored.version,
                            fileRef: refKey(read.ref) == refKey(stored.ref) ? nil : read.ref, sentences: [])
        if entry.given.contains(.status), read.status != stored.status {
            change.status = read.status
            change.sentences.append("Status: \(stored.status.word) → \(read.status.word)")
        }
        let newStatus = change.status ?? stored.status
        if entry.given.contains(.percentComplete), newStatus != .complete, read.percentComplete != stored.percentComplete,
           (0...100).contains(read.percentComplete) {
            change.percentComplete = read.percentComplete
            change.sentences.append("% complete: \(stored.percentComplete)% → \(read.percentComplete)%")
        }
        if entry.given.contains(.progress), let update = read.latestUpdate {
            let text = update.text.trimmingCharacters(in: .whitespacesAndNewlines)
            // Text the action's history already holds is not news: importing the same file
            // twice adds nothing.
            let known = Set(stored.updates.map { titleKey($0.text) })
            if !text.isEmpty, !known.contains(titleKey(text)) {
                let latest = stored.latestUpdate?.date
                // The file's date where it is a real one for a new update; else today.
                let date = update.date <= today && latest.map { update.date >= $0 } ?? true ? update.date : today
                change.progressDate = date
                change.progressText = text
                change.sentences.append("Progress update (\(date.formatted)): \(text.count > 80 ? String(text.prefix(79)) + "…" : text)")
            }
        }
        if entry.given.contains(.dueDate), let due = read.dueDate, due != stored.dueDate {
            change.dueDate = due
            change.sentences.append(stored.dueDate.map { "Due: \($0.formatted) → \(due.formatted) (reprogrammed)" } ?? "Due: not set → \(due.formatted)")
        }
        if entry.given.contains(.startDate), let start = read.startDate, start != stored.startDate,
           (change.dueDate ?? stored.dueDate).map({ start <= $0 }) ?? true {
            change.startDate = start
            change.sentences.append("Start: \(stored.startDate?.formatted ?? "not set") → \(start.formatted)")
        }
        return change.sentences.isEmpty ? nil : change
    }

    /// Files a new action under the stored area with its reference (or title), else under a new
    /// area in the stored theme with its reference (or title), else under a new theme.
    mutating func add(_ entry: ReimportedAction, to contents: PlanContents, by person: String) {
        let areaRef = Self.refKey(entry.area.ref)
        let areaTitle = Self.titleKey(entry.area.title)
        func sameArea(_ area: Area) -> Bool {
            areaRef.isEmpty ? Self.titleKey(area.title) == areaTitle : Self.refKey(area.ref) == areaRef
        }
        let place: AreaPlace
        let areaText: String
        if let stored = contents.areas.first(where: sameArea) {
            place = .stored(areaID: stored.id)
            areaText = "area \(stored.ref) \(stored.title)".trimmingCharacters(in: .whitespaces)
        } else if let index = newAreas.firstIndex(where: { sameArea($0.area) }) {
            place = .new(index: index)
            areaText = "new area \(newAreas[index].area.ref) \(newAreas[index].area.title)".trimmingCharacters(in: .whitespaces)
        } else {
            let themeRef = Self.refKey(entry.theme.ref)
            let themeTitle = Self.titleKey(entry.theme.title)
            func sameTheme(_ theme: Theme) -> Bool {
                themeRef.isEmpty ? Self.titleKey(theme.title) == themeTitle : Self.refKey(theme.ref) == themeRef
            }
            let theme: ThemePlace
            let themeText: String
            if let stored = contents.themes.first(where: sameTheme) {
                theme = .stored(themeID: stored.id)
                themeText = "theme \(stored.ref) \(stored.title)"
            } else if let index = newThemes.firstIndex(where: sameTheme) {
                theme = .new(index: index)
                themeText = "new theme \(newThemes[index].ref) \(newThemes[index].title)"
            } else if entry.theme.title.trimmingCharacters(in: .whitespaces).isEmpty, let last = contents.themes.last {
                theme = .stored(themeID: last.id)
                themeText = "theme \(last.ref) \(last.title)"
            } else {
                var fresh = entry.theme
                fresh.id = 0
                fresh.planID = contents.plan.id
                newThemes.append(fresh)
                theme = .new(index: newThemes.count - 1)
                themeText = "new theme \(fresh.ref) \(fresh.title)"
            }
            var area = entry.area
            area.id = 0
            area.themeID = 0
            let description = "\(area.ref) \(area.title), in \(themeText.split(whereSeparator: \.isWhitespace).joined(separator: " "))"
                .trimmingCharacters(in: .whitespaces)
            newAreas.append(NewArea(area: area, theme: theme, description: description))
            place = .new(index: newAreas.count - 1)
            areaText = "new area \(area.ref) \(area.title)".trimmingCharacters(in: .whitespaces)
        }
        var action = entry.action
        action.id = 0
        action.areaID = 0
        action.position = 0
        action.version = 1
        // What the file says of a new action is recorded as the importing person's.
        for index in action.updates.indices { action.updates[index].author = person }
        for index in action.evidence.indices { action.evidence[index].author = person }
        for index in action.reprogrammings.indices { action.reprogrammings[index].changedBy = person }
        additions.append(Addition(action: action, measureCodes: entry.measureCodes, area: place, areaText: areaText))
    }

    /// Applies a change to the stored action as at `today` by `person`: the new progress update
    /// (carrying the new status and % complete, so the history reads as one update), or else the
    /// status and % complete themselves; a moved due date kept as a reprogramming. Returns the
    /// progress update to file, if any (its id is the store's to give).
    public static func apply(_ change: Change, to action: inout Action, fileName: String, on today: Day,
                             by person: String, role: String?) -> ProgressUpdate? {
        var update: ProgressUpdate?
        var text = change.progressText
        if text == nil, let status = change.status, ActionEditRules.needsReason(status) {
            // Taking an action out of the RAG counts needs words a board can read.
            text = "\(status.word) in \(fileName), which gives no reason."
        }
        if let text, let date = change.progressDate ?? (change.progressText == nil ? today : nil) {
            let filed = ProgressUpdate(actionID: action.id, date: date, author: person, authorRole: role, text: text,
                                       percentComplete: change.percentComplete, status: change.status)
            action.apply(filed)
            update = filed
        } else {
            if let percent = change.percentComplete { action.percentComplete = percent }
            if let status = change.status { action.setStatus(status, on: today) }
        }
        if let due = change.dueDate, due != action.dueDate {
            if action.dueDate != nil {
                action.reprogrammings.append(Reprogramming(from: action.dueDate, to: due, reason: "Due date changed in \(fileName)",
                                                           changedOn: today, changedBy: person))
            }
            action.dueDate = due
        }
        if let start = change.startDate { action.startDate = start }
        return update
    }
}
