/// The rule that an action's lifecycle status and its % complete never contradict each other,
/// whichever way the change comes: the progress update and status forms, the API's update and
/// PATCH routes. One place, so the pages and the API settle the same change the same way.
///
/// - **Complete ⇒ 100%.** Marking an action complete sets it to 100% complete, whatever figure
///   came with it. Completion is the deliberate signal: a status is chosen, while the % in a form
///   is often last month's figure left in the box. Refusing would make a lead retype a number that
///   carries no information, and a board reads "Complete" as all done, so 100% is what it expects.
///   The person is told the figure was set (`Settled.adjustments`).
/// - **100% without a status asks.** 100% with no status given (the status left as it was) is
///   ambiguous — finished, or finished but awaiting sign-off? — so the person is asked "Is the
///   action complete?" (`isComplete`). Yes marks it complete; No keeps it open at 100%. Giving a
///   status answers the question (the API has no question: it refuses until a status is sent).
/// - **Not started ⇒ 0%.** % complete above 0 on an action that has not started: when the % was
///   reported and the status left as it was, the work has begun and the action is in progress;
///   when "not started" was chosen together with a figure above 0, the two were both meant and
///   contradict, so the change is refused, naming the figure.
public enum ProgressRules {
    /// The question a form asks when 100% comes without a status.
    public static let question = "You entered 100% complete. Is the action complete?"

    /// The status and % complete an action is left with, and what the rule changed on the way.
    public struct Settled: Sendable, Hashable {
        public var status: LifecycleStatus
        public var percentComplete: Int
        /// The status to record with a progress update: the one given, or the one the rule set;
        /// nil when the status stays as it was and none was given.
        public var statusSet: LifecycleStatus?
        /// The % complete to record with a progress update: the one given, or the one the rule set.
        public var percentSet: Int?
        /// Sentences telling the person what the rule set for them, for the banner or the response.
        public var adjustments: [String]
    }

    public enum Outcome: Sendable, Hashable {
        case settled(Settled)
        /// 100% came without a status: ask whether the action is complete (`question`).
        case askWhetherComplete
        case refused(ValidationError)
    }

    /// Settles a change of `status` and/or `percentComplete` (nil: not given) against what the
    /// action has now. `isComplete` is the answer to `question`, where it was asked.
    public static func settle(currentStatus: LifecycleStatus, currentPercent: Int, status: LifecycleStatus?,
                              percentComplete: Int?, isComplete: Bool? = nil) -> Outcome {
        var chosen = status
        if status == nil, percentComplete == 100, currentStatus != .complete {
            switch isComplete {
            case nil: return .askWhetherComplete
            case true?: chosen = .complete
            case false?: break
            }
        }
        var newStatus = chosen ?? currentStatus
        var percent = percentComplete ?? currentPercent
        var adjustments: [String] = []
        switch newStatus {
        case .complete where percent != 100:
            if percentComplete != nil || currentStatus != .complete {
                adjustments.append("An action marked complete is 100% complete, so % complete is now 100% (not \(percent)%)")
            }
            percent = 100
        case .notStarted where percent > 0:
            if status == .notStarted {
                return .refused(ValidationError(
                    field: percentComplete == nil ? "status" : "percentComplete",
                    message: "An action that has not started is 0% complete: enter 0% or choose In progress (it is \(percent)% complete)"))
            }
            if percentComplete != nil {
                newStatus = .inProgress
                adjustments.append("\(percent)% complete means work has begun, so the status is now In progress")
            }
        default:
            break
        }
        let statusSet: LifecycleStatus? = chosen ?? (newStatus != currentStatus ? newStatus : nil)
        let percentSet: Int? = percentComplete != nil || percent != currentPercent ? percent : nil
        return .settled(Settled(status: newStatus, percentComplete: percent, statusSet: statusSet,
                                percentSet: percentSet, adjustments: adjustments))
    }

    /// As `settle`, against `action`.
    public static func settle(_ action: Action, status: LifecycleStatus?, percentComplete: Int?, isComplete: Bool? = nil) -> Outcome {
        settle(currentStatus: action.status, currentPercent: action.percentComplete, status: status,
               percentComplete: percentComplete, isComplete: isComplete)
    }

    /// What the API answers when 100% comes without a status: it cannot ask, so it refuses,
    /// naming both fields.
    public static let statusNeededWithFullPercent = ValidationError(
        field: "percentComplete",
        message: "percentComplete is 100 but no status was given: send status \"complete\" to mark the action complete, or the status it keeps (for example \"in progress\")")
}

extension Action {
    /// Sets the status and % complete a settled change leaves (completion date as `setStatus`).
    public mutating func apply(_ settled: ProgressRules.Settled, on day: Day) {
        // Completing again is harmless (`setStatus` keeps a recorded completion day) and fills
        // in a missing one.
        if settled.status != status || settled.status == .complete { setStatus(settled.status, on: day) }
        percentComplete = settled.percentComplete
    }
}
