import Foundation

/// How minutes move from draft to approved, and how approved minutes may still change.
///
/// The clerk drafts the minutes of a held meeting. At the board's next meeting, the "minutes of
/// the last meeting" item approves them as a correct record; that item's minute records it, and
/// the minutes are then locked. After that, a change is made only through `amend`, with a reason,
/// and the minutes as they stood are kept in the meeting's `minutesAmendments`.
public enum MinutesLifecycle {
    /// Approves the minutes of `previous` at `meeting`: the earlier meeting's minutes become
    /// approved (on the approving meeting's date, at it), and the approving meeting's "minutes of
    /// the last meeting" item gets the standard resolution in its minute.
    public static func approve(minutesOf previous: inout Meeting, at meeting: inout Meeting) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        if previous.boardID != meeting.boardID {
            errors.append(.init(field: "meetingID", message: "Minutes can only be approved at a meeting of the same board"))
        }
        if previous.status != .held {
            errors.append(.init(field: "status", message: "The meeting on \(previous.date.formatted) is not marked as held, so it has no minutes to approve"))
        }
        if meeting.status == .cancelled {
            errors.append(.init(field: "status", message: "The meeting on \(meeting.date.formatted) is cancelled; approve the minutes at a meeting that takes place"))
        }
        if meeting.date <= previous.date {
            errors.append(.init(field: "date", message: "Minutes are approved at a later meeting than the one they record"))
        }
        if previous.minutesStatus.isLocked {
            errors.append(.init(field: "minutesStatus", message: "The minutes of the meeting on \(previous.date.formatted) are already \(previous.minutesStatus.inSentence)"))
        }
        guard let index = meeting.agenda.firstIndex(where: { $0.kind == .minutesOfLastMeeting }) else {
            errors.append(.init(field: "agenda", message: "Add a 'minutes of the last meeting' item to the agenda of the meeting on \(meeting.date.formatted) to approve them there"))
            throw ValidationErrors(errors)
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }

        previous.minutesStatus = .approved(on: meeting.date, atMeetingID: meeting.id)
        var minute = meeting.agenda[index].minute ?? AgendaItem.Minute()
        if minute.narrative.isEmpty {
            minute.narrative = "The minutes of the meeting held on \(previous.date.formattedLong) were presented."
        }
        let resolution = "that the minutes of the meeting held on \(previous.date.formattedLong) be approved as a correct record and signed by the Chair"
        if !minute.resolutions.contains(resolution) { minute.resolutions.append(resolution) }
        meeting.agenda[index].minute = minute
    }

    /// Why the minutes of the previous meeting cannot be approved at `meeting` as at `today`, in
    /// words; nil when they can. Approval is the board's decision at the meeting, so it cannot be
    /// recorded before the meeting's day (the same rule as attendance): pages and the API both ask here.
    public static func approvalRefusal(at meeting: Meeting, today: Day) -> String? {
        guard today >= meeting.date else {
            return "Minutes can be approved at this meeting from its day, \(meeting.date.formattedLong), not before: the board approves them when it meets"
        }
        return nil
    }

    /// Throws `approvalRefusal` as a validation error on the meeting's date.
    public static func refuseEarlyApproval(at meeting: Meeting, today: Day) throws(ValidationError) {
        if let refusal = approvalRefusal(at: meeting, today: today) { throw ValidationError(field: "date", message: refusal) }
    }

    /// Changes minutes. Draft minutes change freely; approved or locked minutes change only with
    /// a reason, and the minutes the change touched are kept, as they stood, with who, when and why.
    public static func amend(_ meeting: inout Meeting, reason: String, by author: String, role: String? = nil, on day: Day,
                             _ change: (inout [AgendaItem]) -> Void) throws(ValidationError) {
        let before = meeting.agenda
        var after = before
        change(&after)
        guard meeting.minutesStatus.isLocked else {
            meeting.agenda = after
            return
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw ValidationError(field: "reason", message: "The minutes were \(meeting.minutesStatus.inSentence); enter the reason for changing them")
        }
        let changed = changedMinutes(from: before, to: after)
        guard !changed.isEmpty else { return }
        meeting.agenda = after
        meeting.minutesAmendments.append(MinutesAmendment(on: day, by: author, byRole: role, reason: trimmed, previous: changed))
    }

    /// The minutes (by item number) that differ between two versions of an agenda, as they were in `before`.
    public static func changedMinutes(from before: [AgendaItem], to after: [AgendaItem]) -> [MinutesAmendment.PreviousMinute] {
        var old: [Int: AgendaItem.Minute] = [:]
        for item in before { if let minute = item.minute { old[item.number] = minute } }
        var new: [Int: AgendaItem.Minute] = [:]
        for item in after { if let minute = item.minute { new[item.number] = minute } }
        let numbers = Set(old.keys).union(new.keys).sorted()
        return numbers.compactMap { number in
            old[number] == new[number] ? nil : MinutesAmendment.PreviousMinute(itemNumber: number, minute: old[number])
        }
    }

    /// What is wrong with storing `edited` over `stored`: locked minutes changed without a
    /// recorded amendment, or amendment history removed or rewritten.
    public static func errors(changing stored: Meeting, to edited: Meeting) -> [ValidationError] {
        var errors: [ValidationError] = []
        if edited.minutesAmendments.count < stored.minutesAmendments.count
            || Array(edited.minutesAmendments.prefix(stored.minutesAmendments.count)) != stored.minutesAmendments {
            errors.append(.init(field: "minutesAmendments", message: "The record of changes to approved minutes cannot be changed or removed"))
        }
        if stored.minutesStatus.isLocked {
            if edited.minutesStatus != stored.minutesStatus {
                errors.append(.init(field: "minutesStatus", message: "The minutes are \(stored.minutesStatus.inSentence); their status cannot be changed back"))
            }
            let changed = !changedMinutes(from: stored.agenda, to: edited.agenda).isEmpty
            if changed && edited.minutesAmendments.count == stored.minutesAmendments.count {
                errors.append(.init(field: "reason", message: "The minutes were \(stored.minutesStatus.inSentence); enter the reason for changing them"))
            }
        }
        return errors
    }
}
