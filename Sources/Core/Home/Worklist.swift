import Foundation

/// What needs one person, as at a day: the actions they lead with their rating and when their
/// next update is due, the updates they owe, the board action points they own, the next meetings
/// of their boards, and — for those who keep the plan and run the boards — the plan's exceptions
/// and the board business waiting for them. The home page and the API show it; the rules are here.
public struct Worklist: Sendable, Hashable {
    /// Who the worklist is for. Leads and owners are free text, so a person is matched by their
    /// name or email (case and surrounding spaces ignored), as `Identity.isNamed(by:)` does.
    public struct Person: Sendable, Hashable {
        public var name: String
        public var email: String
        /// Sees the plan's exceptions (edits plans).
        public var keepsPlans: Bool
        /// Sees every board and the business waiting for a clerk (manages boards).
        public var runsBoards: Bool

        public init(name: String, email: String, keepsPlans: Bool, runsBoards: Bool) {
            self.name = name
            self.email = email
            self.keepsPlans = keepsPlans
            self.runsBoards = runsBoards
        }

        public func isNamed(by text: String) -> Bool {
            let named = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard !named.isEmpty else { return false }
            return named == name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                || named == email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        }
    }

    /// An action the person leads, rated.
    public struct LedAction: Sendable, Hashable {
        public var planID: Int64
        public var planTitle: String
        public var action: Action
        public var delivery: DeliveryAssessment
        public var update: UpdateStatus
    }

    /// An action point the person owns, with its standing.
    public struct OwnedActionPoint: Sendable, Hashable {
        public var board: Board
        public var actionPoint: ActionPoint
        public var standing: ActionPoint.StandingAsAt
        /// "Due 30 Sep 2026", "Due at the meeting on 18 Nov 2026".
        public var dueText: String
    }

    /// A board's next meeting.
    public struct NextMeeting: Sendable, Hashable {
        public var board: Board
        public var meeting: Meeting
    }

    /// An action of the plan that needs an editor's eye: red, overdue or reprogrammed.
    public struct ActionException: Sendable, Hashable {
        public var planID: Int64
        public var action: Action
        public var delivery: DeliveryAssessment
        /// Why it is listed, "Red — Overdue: …", "Reprogrammed from 30 Sep 2026 to 31 Mar 2027".
        public var reasons: [String]
    }

    /// A KPI off target (an exception by `MeasureRules.exceptionStatus`).
    public struct MeasureException: Sendable, Hashable {
        public var measure: Measure
        public var reason: String
    }

    /// Board business a clerk has not done: attendance of a past meeting not recorded, minutes
    /// of a held meeting not written or not numbered.
    public struct AwaitingItem: Sendable, Hashable {
        public var board: Board
        public var meeting: Meeting
        public var what: String
    }

    public var asAt: Day
    public var actions: [LedAction]
    /// The led actions whose update is due (a subset of `actions`).
    public var updatesDue: [LedAction] { actions.filter(\.update.isDue) }
    public var actionPoints: [OwnedActionPoint]
    public var meetings: [NextMeeting]
    /// Whether the person is a member of any board (else `meetings` lists every board's, for clerks, or none).
    public var isBoardMember: Bool
    public var actionExceptions: [ActionException]
    public var measureExceptions: [MeasureException]
    public var awaiting: [AwaitingItem]

    /// - Parameters:
    ///   - plans: the organisation's plans with their actions.
    ///   - measures: the organisation's measures (for exceptions; only read for those who keep plans).
    ///   - boards: each board with its meetings (by date) and action points.
    public init(for person: Person, plans: [PlanContents], measures: [Measure],
                boards: [(board: Board, meetings: [Meeting], actionPoints: [ActionPoint])], asAt day: Day) {
        asAt = day
        var led: [LedAction] = []
        var exceptions: [ActionException] = []
        for contents in plans {
            for action in contents.actions {
                let delivery = DeliveryRules.deliveryRating(of: action, asAt: day)
                if action.leads.contains(where: person.isNamed(by:)) {
                    led.append(LedAction(planID: contents.plan.id, planTitle: contents.plan.title, action: action, delivery: delivery,
                                         update: DeliveryRules.updateStatus(of: action, cycle: contents.plan.updateCycle, asAt: day)))
                }
                guard person.keepsPlans, action.status != .complete, action.status != .withdrawn else { continue }
                var reasons: [String] = []
                if delivery.rating == .red || delivery.calculated == .red { reasons.append(delivery.summary) }
                if let last = action.reprogrammings.last, let from = action.originalDueDate, let to = last.to {
                    reasons.append("Reprogrammed from \(from.formatted) to \(to.formatted): \(last.reason)")
                }
                if !reasons.isEmpty { exceptions.append(ActionException(planID: contents.plan.id, action: action, delivery: delivery, reasons: reasons)) }
            }
        }
        // Updates owed first, then by the day the next one is due.
        actions = led.sorted { a, b in
            if a.update.isDue != b.update.isDue { return a.update.isDue }
            switch (a.update.nextDue, b.update.nextDue) {
            case let (x?, y?) where x != y: return x < y
            case (.some, .none): return true
            case (.none, .some): return false
            default: return ReferenceOrder.precedes(a.action.ref, b.action.ref)
            }
        }
        actionExceptions = exceptions.sorted { ReferenceOrder.precedes($0.action.ref, $1.action.ref) }
        measureExceptions = person.keepsPlans
            ? measures.compactMap { measure in
                let status = MeasureRules.exceptionStatus(of: measure)
                return status.isException ? MeasureException(measure: measure, reason: status.reason) : nil
            }
            : []

        var points: [OwnedActionPoint] = []
        var next: [NextMeeting] = []
        var waiting: [AwaitingItem] = []
        var member = false
        for (board, meetings, actionPoints) in boards {
            var byID: [Int64: Meeting] = [:]
            for m in meetings { byID[m.id] = m }
            let now = Meeting(id: Int64.max, boardID: board.id, date: day)
            for point in actionPoints where point.status.isOutstanding && person.isNamed(by: point.owner) {
                let entry = ActionLog.entry(for: point, at: now, meetings: byID)
                points.append(OwnedActionPoint(board: board, actionPoint: point, standing: point.standing(asAt: day, meetings: byID),
                                               dueText: entry.dueText))
            }
            let isMember = board.members.contains { person.isNamed(by: $0.name) && ($0.leftOn.map { $0 >= day } ?? true) }
            member = member || isMember
            if isMember || person.runsBoards, let coming = meetings.first(where: { $0.date >= day && $0.status == .scheduled }) {
                next.append(NextMeeting(board: board, meeting: coming))
            }
            guard person.runsBoards else { continue }
            for meeting in meetings where meeting.date < day {
                if meeting.status == .scheduled {
                    waiting.append(AwaitingItem(board: board, meeting: meeting, what: "Record the attendance of the meeting on \(meeting.date.formatted), or cancel it"))
                } else if meeting.status == .held, !meeting.minutesStatus.isLocked {
                    let written = meeting.agenda.contains { ($0.minute.map { !$0.narrative.isEmpty || !$0.resolutions.isEmpty }) ?? false }
                    if !written {
                        waiting.append(AwaitingItem(board: board, meeting: meeting, what: "Write the minutes of the meeting on \(meeting.date.formatted)"))
                    } else if meeting.lastMinuteNumber == nil {
                        waiting.append(AwaitingItem(board: board, meeting: meeting, what: "Number the minutes of the meeting on \(meeting.date.formatted)"))
                    }
                }
            }
        }
        actionPoints = points.sorted { a, b in
            if a.standing.isOverdue != b.standing.isOverdue { return a.standing.isOverdue }
            return a.actionPoint.id < b.actionPoint.id
        }
        self.meetings = next.sorted { ($0.meeting.date, $0.meeting.id) < ($1.meeting.date, $1.meeting.id) }
        isBoardMember = member
        awaiting = waiting.sorted { ($0.meeting.date, $0.meeting.id) < ($1.meeting.date, $1.meeting.id) }
    }
}
