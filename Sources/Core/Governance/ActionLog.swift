/// The rules of a board's action log: what the "review of previous action points" item of a
/// meeting shows, and how action points are carried forward, completed and closed.
public enum ActionLog {
    /// An action point as the review at a meeting shows it.
    public struct Entry: Sendable, Hashable {
        public var actionPoint: ActionPoint
        /// The day it is due: its due date, or the date of its due meeting.
        public var dueDay: Day?
        public var isOverdue: Bool
        /// "Due 30 Sep 2024", "Due at the meeting on 18 Nov 2024", "No due date".
        public var dueText: String
        /// Why it is overdue, "Overdue: due 30 Sep 2024, before this meeting".
        public var overdueReason: String?
    }

    /// The action points the "review of previous action points" item of `meeting` shows: every
    /// open or carried-forward action point of the board raised at an earlier meeting, live (no
    /// one copies them across). Overdue ones come first — due by a date before the meeting's
    /// date, or due at a meeting that was held before it — then by the day they are due (those
    /// without one last), then in the order they were raised.
    public static func review(at meeting: Meeting, actionPoints: [ActionPoint], meetings: [Meeting]) -> [Entry] {
        var byID: [Int64: Meeting] = [:]
        for m in meetings { byID[m.id] = m }
        byID[meeting.id] = meeting
        let entries = actionPoints.compactMap { point -> Entry? in
            guard point.boardID == meeting.boardID, point.status.isOutstanding,
                  let raisedAt = byID[point.raisedAtMeetingID], raisedAt.id != meeting.id,
                  (raisedAt.date, raisedAt.id) < (meeting.date, meeting.id) else { return nil }
            return entry(for: point, at: meeting, meetings: byID)
        }
        return entries.sorted { a, b in
            if a.isOverdue != b.isOverdue { return a.isOverdue }
            switch (a.dueDay, b.dueDay) {
            case let (x?, y?) where x != y: return x < y
            case (.some, .none): return true
            case (.none, .some): return false
            default: return (a.actionPoint.raisedAtMeetingID, a.actionPoint.raisedAtItem, a.actionPoint.id)
                < (b.actionPoint.raisedAtMeetingID, b.actionPoint.raisedAtItem, b.actionPoint.id)
            }
        }
    }

    /// How one action point stands at `meeting`: when it is due and whether it is overdue
    /// (`meetings` by id, for a point due at a meeting).
    public static func entry(for point: ActionPoint, at meeting: Meeting, meetings: [Int64: Meeting]) -> Entry {
        // Overdue at the meeting is the point's standing as at the meeting's day: the one rule
        // (`ActionPoint.standing`) the pages, the API and the pack use as at today.
        let standing = point.standing(asAt: meeting.date, meetings: meetings)
        switch point.due {
        case let .date(day):
            return Entry(actionPoint: point, dueDay: day, isOverdue: standing.isOverdue, dueText: "Due \(day.formatted)",
                         overdueReason: standing.reason.map { $0 + ", before this meeting" })
        case let .meeting(id):
            guard let dueMeeting = meetings[id] else {
                return Entry(actionPoint: point, dueDay: nil, isOverdue: false, dueText: "Due at a meeting no longer on the calendar", overdueReason: nil)
            }
            let text = dueMeeting.id == meeting.id ? "Due at this meeting" : "Due at the meeting on \(dueMeeting.date.formatted)"
            return Entry(actionPoint: point, dueDay: dueMeeting.date, isOverdue: standing.isOverdue, dueText: text,
                         overdueReason: standing.reason)
        case nil:
            return Entry(actionPoint: point, dueDay: nil, isOverdue: false, dueText: "No due date", overdueReason: nil)
        }
    }

    /// Carries an outstanding action point forward to a later meeting: it becomes due at that
    /// meeting, its status "carried forward", and an update records the move (with the note, if any).
    public static func carryForward(_ point: inout ActionPoint, to meeting: Meeting, on day: Day, by author: String,
                                    role: String? = nil, note: String = "") throws(ValidationError) {
        guard point.status.isOutstanding else {
            throw ValidationError(field: "status", message: "Only an open or carried-forward action point can be carried forward; this one is \(point.status.word.lowercased())")
        }
        guard meeting.boardID == point.boardID else {
            throw ValidationError(field: "due", message: "Choose a meeting of the same board to carry the action point forward to")
        }
        guard meeting.status != .cancelled else {
            throw ValidationError(field: "due", message: "The meeting on \(meeting.date.formatted) is cancelled; choose another meeting")
        }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        point.due = .meeting(id: meeting.id)
        point.status = .carriedForward
        point.updates.append(.init(date: day, author: author, authorRole: role,
                                   text: "Carried forward to the meeting on \(meeting.date.formatted)" + (trimmed.isEmpty ? "" : ". " + trimmed),
                                   status: .carriedForward))
    }

    /// Closes an action point as done or no longer required, with the note saying what happened.
    public static func close(_ point: inout ActionPoint, as status: ActionPoint.Status, on day: Day, by author: String,
                             role: String? = nil, note: String) throws(ValidationError) {
        guard status == .done || status == .noLongerRequired else {
            throw ValidationError(field: "status", message: "Close an action point as done or no longer required")
        }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw ValidationError(field: "text", message: status == .done
                ? "Say what was done, for example 'Figures circulated to members on 3 October'"
                : "Say why the action point is no longer required")
        }
        point.status = status
        point.updates.append(.init(date: day, author: author, authorRole: role, text: trimmed, status: status))
    }

    /// Completes an action point ("done"), with a note of what was done.
    public static func complete(_ point: inout ActionPoint, on day: Day, by author: String, note: String) throws(ValidationError) {
        try close(&point, as: .done, on: day, by: author, note: note)
    }

    /// Applies an update: appends it to the history and, where it carries a status, sets it.
    public static func apply(_ update: ActionPoint.Update, to point: inout ActionPoint) {
        point.updates.append(update)
        if let status = update.status { point.status = status }
    }
}
