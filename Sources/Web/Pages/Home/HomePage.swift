import Core

/// `/home`: the signed-in person's worklist in sections, each with its empty state in words.
/// Field names are distinct per section because a Mustache lookup that misses climbs outwards.
struct HomePage: PageModel, Sendable {
    static let template = Template.home

    struct ActionRow: Sendable {
        var actionHref: String
        var actionLabel: String
        var actionPlan: String
        var actionRating: Chip
        var actionRatingReason: String
        var actionUpdate: String
        var actionUpdateDue: Bool
        var actionNextUpdate: String
    }

    struct PointRow: Sendable {
        var pointHref: String
        var pointText: String
        var pointBoard: String
        var pointDue: String
        var pointChip: Chip
        var pointReason: String?
    }

    struct MeetingLine: Sendable {
        var meetingHref: String
        var meetingBoard: String
        var meetingWhen: String
        var meetingVenue: String
    }

    struct ExceptionRow: Sendable {
        var exceptionHref: String
        var exceptionLabel: String
        var exceptionChip: Chip
        var exceptionReasons: [String]
    }

    struct MeasureRow: Sendable {
        var measureHref: String
        var measureLabel: String
        var measureReason: String
    }

    struct AwaitingRow: Sendable {
        var awaitingHref: String
        var awaitingBoard: String
        var awaitingWhat: String
    }

    var title = "Home"
    var navHome = true
    var heading: String
    var asAt: String
    var summary: String
    var actions: [ActionRow]
    var hasActions: Bool
    var actionsEmpty: String?
    var updatesDue: [ActionRow]
    var updatesEmpty: String?
    var points: [PointRow]
    var pointsEmpty: String?
    var meetings: [MeetingLine]
    var meetingsEmpty: String?
    /// Editors and administrators: the plan's exceptions.
    var keepsPlans: Bool
    var exceptions: [ExceptionRow]
    var exceptionsEmpty: String?
    var measureExceptions: [MeasureRow]
    var measuresEmpty: String?
    /// Those who run the boards: what is waiting for them.
    var runsBoards: Bool
    var awaiting: [AwaitingRow]
    var awaitingEmpty: String?
    var plansHref: String

    init(worklist: Worklist, identity: Identity) {
        heading = "What needs you, \(identity.name)"
        asAt = worklist.asAt.formatted
        func row(_ led: Worklist.LedAction) -> ActionRow {
            ActionRow(actionHref: Path.action(led.action.id).href, actionLabel: "\(led.action.ref) \(led.action.title)",
                      actionPlan: led.planTitle, actionRating: Chip(led.delivery.rating), actionRatingReason: led.delivery.summary,
                      actionUpdate: led.update.reason, actionUpdateDue: led.update.isDue,
                      actionNextUpdate: led.update.nextDue.map { ($0 < worklist.asAt ? "Was due " : "By ") + $0.formatted } ?? "None needed")
        }
        actions = worklist.actions.map(row)
        hasActions = !actions.isEmpty
        actionsEmpty = actions.isEmpty
            ? "No action names you as its lead. Actions are matched by the name on your account, \(identity.name), or your email address, as the plan gives their leads."
            : nil
        updatesDue = worklist.updatesDue.map(row)
        updatesEmpty = updatesDue.isEmpty ? "You owe no progress updates." : nil
        points = worklist.actionPoints.map { owned in
            PointRow(pointHref: Path.board(owned.board.id).href(fragment: "action-point-\(owned.actionPoint.id)"),
                     pointText: owned.actionPoint.text, pointBoard: owned.board.name, pointDue: owned.dueText,
                     pointChip: ActionPointRow.chip(owned.standing.standing), pointReason: owned.standing.reason)
        }
        pointsEmpty = points.isEmpty ? "You own no open action points. Boards' action points are matched by the owner's name or email address." : nil
        meetings = worklist.meetings.map {
            MeetingLine(meetingHref: Path.meeting($0.meeting.id).href, meetingBoard: $0.board.name, meetingWhen: $0.meeting.whenText,
                        meetingVenue: $0.meeting.venue)
        }
        meetingsEmpty = meetings.isEmpty
            ? (worklist.isBoardMember || identity.can(.manageBoards) ? "No meetings of your boards are scheduled." : "You are not a member of any board.")
            : nil
        keepsPlans = identity.can(.editPlans)
        exceptions = worklist.actionExceptions.map {
            ExceptionRow(exceptionHref: Path.action($0.action.id).href, exceptionLabel: "\($0.action.ref) \($0.action.title)",
                         exceptionChip: Chip($0.delivery.rating), exceptionReasons: $0.reasons)
        }
        exceptionsEmpty = exceptions.isEmpty ? "No action is red, overdue or reprogrammed." : nil
        measureExceptions = worklist.measureExceptions.map {
            MeasureRow(measureHref: Path.measure($0.measure.id).href, measureLabel: "\($0.measure.code) \($0.measure.title)", measureReason: $0.reason)
        }
        measuresEmpty = measureExceptions.isEmpty ? "No KPI is off target." : nil
        runsBoards = identity.can(.manageBoards)
        awaiting = worklist.awaiting.map {
            AwaitingRow(awaitingHref: Path.meeting($0.meeting.id).href, awaitingBoard: $0.board.name, awaitingWhat: $0.what)
        }
        awaitingEmpty = awaiting.isEmpty ? "Nothing is waiting for you: every past meeting has its attendance and minutes." : nil
        let due = worklist.updatesDue.count
        summary = worklist.actions.isEmpty
            ? "You lead no actions."
            : "You lead \(worklist.actions.count) action\(worklist.actions.count == 1 ? "" : "s"); \(due == 0 ? "no update is" : (due == 1 ? "1 update is" : "\(due) updates are")) overdue."
        plansHref = Path.plans.href
    }
}
