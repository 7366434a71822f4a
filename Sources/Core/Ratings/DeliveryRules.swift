/// The delivery rules of `domain.md`, as pure functions of an action and an as-at date.
public enum DeliveryRules {
    /// Progress below this share of the expected progress is behind schedule.
    public static let expectedProgressThreshold = 0.9

    /// Rates an action as at `day`, with the reasons.
    public static func deliveryRating(of action: Action, asAt day: Day) -> DeliveryAssessment {
        let (calculated, reasons) = calculatedRating(of: action, asAt: day)
        // An override past its end date no longer stands: the rules speak again.
        guard let override = action.override, override.isInForce(on: day) else {
            return DeliveryAssessment(rating: calculated, reasons: reasons, calculated: calculated, override: nil)
        }
        var explained = ["Rating set to \(override.rating.colour) by \(override.by) on \(override.on.formatted): \(override.reason)"]
        if override.rating != calculated {
            explained.append("The rules give \(calculated.colour)" + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"))
        }
        return DeliveryAssessment(rating: override.rating, reasons: explained, calculated: calculated, override: override)
    }

    static func calculatedRating(of action: Action, asAt day: Day) -> (DeliveryRating, [String]) {
        switch action.status {
        case .complete:
            if let done = action.completedOn {
                return (.blue, ["Completed on \(done.formatted)"])
            }
            return (.blue, ["Marked complete (no completion date recorded)"])
        case .onHold:
            return (.onHold, ["On hold: not counted in the RAG figures"])
        case .withdrawn:
            return (.withdrawn, ["Withdrawn: not counted in the RAG figures"])
        case .notStarted, .inProgress:
            break
        }

        if let due = action.dueDate, due < day {
            let late = due.days(until: day)
            var reason = "Due \(due.formatted) and not complete (\(late) day\(late == 1 ? "" : "s") overdue)"
            if action.isReprogrammed, let original = action.originalDueDate {
                reason += "; reprogrammed from \(original.formatted)"
            }
            return (.red, [reason])
        }

        var behind: [String] = []
        for milestone in action.milestones where !milestone.isComplete {
            if let due = milestone.dueDate, due < day {
                behind.append("Milestone '\(milestone.title)' was due \(due.formatted) and is not complete")
            }
        }
        if action.status == .notStarted, let start = action.startDate, start < day {
            behind.append("Not started, although it was due to start on \(start.formatted)")
        }
        if action.status == .inProgress, let expected = expectedProgress(of: action, asAt: day),
           // The margin keeps "exactly at the threshold" green despite binary rounding (75% of 6 days' 5/6).
           Double(action.percentComplete) < expected * expectedProgressThreshold - 1e-9 {
            behind.append("\(action.percentComplete)% complete against \(Int(expected.rounded()))% expected by now")
        }
        if !behind.isEmpty {
            return (.amber, behind)
        }

        if action.status == .notStarted {
            if let start = action.startDate {
                if start == day {
                    return (.grey, ["Due to start today, \(start.formatted)"])
                }
                return (.grey, ["Not due to start until \(start.formatted)"])
            }
            return (.grey, ["Not started; no start date set"])
        }

        var reasons: [String] = []
        if let due = action.dueDate {
            reasons.append(due == day ? "Due today, \(due.formatted)" : "On track for \(due.formatted)")
        } else {
            reasons.append("In progress; no due date set")
        }
        if let next = action.milestones.filter({ !$0.isComplete }).compactMap({ m in m.dueDate.map { (m, $0) } })
            .min(by: { $0.1 < $1.1 }) {
            reasons.append("next milestone '\(next.0.title)' due \(next.1.formatted)")
        }
        return (.green, reasons)
    }

    /// The % complete expected by `day`: the elapsed share of start → due, or nil without both dates.
    public static func expectedProgress(of action: Action, asAt day: Day) -> Double? {
        guard let start = action.startDate, let due = action.dueDate, start < due else { return nil }
        let total = Double(start.days(until: due))
        let elapsed = Double(start.days(until: day))
        return max(0, min(1, elapsed / total)) * 100
    }

    /// Whether the action's lead owes a progress update, judged against the plan's update cycle.
    public static func updateStatus(of action: Action, cycle: UpdateCycle, asAt day: Day) -> UpdateStatus {
        switch action.status {
        case .complete, .withdrawn, .onHold:
            return UpdateStatus(isDue: false, reason: "No updates needed while \(action.status.word.lowercased())", nextDue: nil)
        case .notStarted:
            if let start = action.startDate, start > day {
                return UpdateStatus(isDue: false, reason: "Not due to start until \(start.formatted)", nextDue: cycle.nextUpdateDue(after: start))
            }
        case .inProgress:
            break
        }
        guard let latest = action.latestUpdate else {
            let from = action.startDate
            if let from, cycle.nextUpdateDue(after: from) >= day {
                let next = cycle.nextUpdateDue(after: from)
                return UpdateStatus(isDue: false, reason: "First update expected by \(next.formatted)", nextDue: next)
            }
            return UpdateStatus(isDue: true, reason: "Update due: no progress update has been recorded", nextDue: from.map(cycle.nextUpdateDue(after:)))
        }
        let next = cycle.nextUpdateDue(after: latest.date)
        // Due once the last update is older than the cycle: "next update by 15 Oct" still allows 15 Oct.
        if next < day {
            return UpdateStatus(isDue: true,
                                reason: "Update due: the last update was on \(latest.date.formatted), more than a \(cycle.word) ago",
                                nextDue: next)
        }
        return UpdateStatus(isDue: false, reason: "Last updated \(latest.date.formatted); next update by \(next.formatted)", nextDue: next)
    }
}

/// Whether a progress update is owed, and why.
public struct UpdateStatus: Sendable, Codable, Hashable {
    public var isDue: Bool
    public var reason: String
    public var nextDue: Day?
}
