import Foundation

/// What an editor sets on "Change the action": its wording, leads, dates and place in the plan.
public struct ActionDetails: Sendable, Hashable {
    public var ref: String
    public var title: String
    public var outcome: String
    public var leads: [String]
    public var startDate: Day?
    public var dueDate: Day?
    public var areaID: Int64

    public init(ref: String, title: String, outcome: String, leads: [String], startDate: Day?, dueDate: Day?, areaID: Int64) {
        self.ref = ref
        self.title = title
        self.outcome = outcome
        self.leads = leads
        self.startDate = startDate
        self.dueDate = dueDate
        self.areaID = areaID
    }

    /// The details an action has now, to fill the form.
    public init(_ action: Action) {
        self.init(ref: action.ref, title: action.title, outcome: action.outcome, leads: action.leads,
                  startDate: action.startDate, dueDate: action.dueDate, areaID: action.areaID)
    }
}

/// The rules every edit of an action keeps, whether it comes from a page, the API or an import:
/// one place, so the forms and the API refuse the same things with the same words.
public enum ActionEditRules {
    public static let longestTitle = 500
    public static let longestRef = 20
    public static let longestLead = 200
    public static let longestText = 20_000

    /// Leads as stored: trimmed, blanks dropped, each named once (case ignored), in the order given.
    public static func normalisedLeads(_ leads: [String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for lead in leads {
            let trimmed = lead.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted else { continue }
            result.append(trimmed)
        }
        return result
    }

    /// Whether `ref` is taken by another action of the plan (`others`: the plan's actions).
    /// References are compared as people read them: "2.1" and " 2.1 " are one reference.
    public static func refProblem(_ ref: String, actionID: Int64?, among others: [Action]) -> ValidationError? {
        let wanted = refKey(ref)
        guard let taken = others.first(where: { $0.id != actionID && refKey($0.ref) == wanted }) else {
            return nil
        }
        return ValidationError(field: "ref", message: refTakenMessage(taken.ref))
    }

    /// A reference as the plan compares it: trimmed and in lower case. The store keeps it beside
    /// the reference and indexes it unique per plan, so the database holds the same rule.
    public static func refKey(_ ref: String) -> String {
        ref.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The message for a reference another action of the plan has.
    public static func refTakenMessage(_ ref: String) -> String {
        "Action \(ref) already exists in this plan: choose another reference"
    }

    /// The reference suggested for a new action in `area`: one after the area's highest last
    /// number ("2.1.3" after "2.1.2"), or the area's reference with ".1" when it has none yet.
    /// A suggestion only: the editor may change it, and it must still be free in the plan.
    public static func suggestedRef(in area: Area, actions: [Action], planActions: [Action]) -> String {
        let taken = Set(planActions.map { $0.ref.trimmingCharacters(in: .whitespaces).lowercased() })
        var prefix = area.ref.trimmingCharacters(in: .whitespaces)
        var next = 1
        let refs = actions.filter { $0.areaID == area.id }.map { $0.ref.trimmingCharacters(in: .whitespaces) }
        var highest = 0
        for ref in refs {
            let parts = ref.split(separator: ".", omittingEmptySubsequences: false)
            guard let last = parts.last, let number = Int(last), number >= highest else { continue }
            highest = number
            prefix = parts.dropLast().joined(separator: ".")
        }
        next = highest + 1
        func candidate(_ n: Int) -> String { prefix.isEmpty ? String(n) : "\(prefix).\(n)" }
        // Another area may already use the next number (imported plans are not always tidy).
        while taken.contains(candidate(next).lowercased()) { next += 1 }
        return candidate(next)
    }

    /// A status that takes an action out of the RAG counts needs a reason the board can read.
    public static func needsReason(_ status: LifecycleStatus) -> Bool {
        status == .onHold || status == .withdrawn
    }

    /// Why the change of status is refused, if it is: putting an action on hold or withdrawing
    /// it without saying why.
    public static func statusProblem(from old: LifecycleStatus, to new: LifecycleStatus, reason: String?) -> ValidationError? {
        guard new != old, needsReason(new) else { return nil }
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard trimmed.isEmpty else { return nil }
        return ValidationError(field: "statusReason",
                               message: new == .onHold ? "Enter why the action is being put on hold" : "Enter why the action is being withdrawn")
    }
}

extension Action {
    /// Applies an editor's change of the action's details as at `day` by `person`. A due date
    /// that moves (or is taken away) needs a reason and is kept as a reprogramming; a first due
    /// date is simply set. Every problem is reported at once, and nothing changes unless all pass.
    public mutating func change(to details: ActionDetails, reprogrammeReason: String?, on day: Day,
                                by person: String) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let ref = details.ref.trimmingCharacters(in: .whitespaces)
        if ref.isEmpty {
            errors.append(.init(field: "ref", message: "Enter the action's reference, for example 2.1.3"))
        } else if ref.count > ActionEditRules.longestRef {
            errors.append(.init(field: "ref", message: "The reference must be \(ActionEditRules.longestRef) characters or fewer"))
        }
        let title = details.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            errors.append(.init(field: "title", message: "Enter what the action is"))
        } else if title.count > ActionEditRules.longestTitle {
            errors.append(.init(field: "title", message: "What the action is must be \(ActionEditRules.longestTitle) characters or fewer"))
        }
        let outcome = details.outcome.trimmingCharacters(in: .whitespacesAndNewlines)
        if outcome.count > ActionEditRules.longestText {
            errors.append(.init(field: "outcome", message: "The outcome must be 20,000 characters or fewer"))
        }
        let leads = ActionEditRules.normalisedLeads(details.leads)
        if let long = leads.first(where: { $0.count > ActionEditRules.longestLead }) {
            errors.append(.init(field: "leads", message: "Each lead must be \(ActionEditRules.longestLead) characters or fewer: \(long.prefix(40))…"))
        }
        if let start = details.startDate, let due = details.dueDate, due < start {
            errors.append(.init(field: "dueDate", message: "The due date must be the same as or after the start date"))
        }
        let reason = reprogrammeReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let moves = dueDate != nil && details.dueDate != dueDate
        if moves, reason.isEmpty {
            errors.append(.init(field: "reprogrammeReason", message: "Enter why the due date is changing"))
        } else if reason.count > 5_000 {
            errors.append(.init(field: "reprogrammeReason", message: "The reason must be 5,000 characters or fewer"))
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }

        self.ref = ref
        self.title = title
        self.outcome = outcome
        self.leads = leads
        startDate = details.startDate
        areaID = details.areaID
        if moves {
            reprogrammings.append(Reprogramming(from: dueDate, to: details.dueDate, reason: reason, changedOn: day, changedBy: person))
        }
        dueDate = details.dueDate
    }

    /// Files an entry of evidence of impact by `author` (with their role), refusing empty text
    /// and dates after `today`.
    public mutating func addEvidence(_ text: String, date: Day, author: String, authorRole: String?, today: Day) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.isEmpty {
            errors.append(.init(field: "text", message: "Enter the evidence of impact"))
        } else if body.count > ActionEditRules.longestText {
            errors.append(.init(field: "text", message: "The evidence must be 20,000 characters or fewer"))
        }
        if let problem = ValidationError.afterToday(date, today: today, field: "date", what: "The date of the evidence") {
            errors.append(problem)
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        evidence.append(EvidenceOfImpact(date: date, text: body, author: author, authorRole: authorRole))
    }

    /// Replaces the milestones with `edited` (existing ones keep their ids; id 0 adds one).
    /// A milestone keeps its completion unless `edited` says otherwise; titles are required.
    public mutating func replaceMilestones(_ edited: [Milestone]) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let known = Set(milestones.map(\.id))
        for (i, milestone) in edited.enumerated() {
            let title = milestone.title.trimmingCharacters(in: .whitespacesAndNewlines)
            if title.isEmpty {
                errors.append(.init(field: "milestones[\(i)].title", message: "Enter the title of milestone \(i + 1)"))
            } else if title.count > ActionEditRules.longestTitle {
                errors.append(.init(field: "milestones[\(i)].title", message: "The title of milestone \(i + 1) must be \(ActionEditRules.longestTitle) characters or fewer"))
            }
            if milestone.id != 0, !known.contains(milestone.id) {
                errors.append(.init(field: "milestones[\(i)].id", message: "Milestone \(milestone.id) is not part of action \(ref)"))
            }
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        milestones = edited.map {
            var milestone = $0
            milestone.title = $0.title.trimmingCharacters(in: .whitespacesAndNewlines)
            return milestone
        }
    }
}
