import Foundation

/// Why a meeting was cancelled, and who cancelled it when. Kept on the meeting while it stays
/// cancelled; reinstating clears it (the audit trail keeps it).
public struct MeetingCancellation: Sendable, Codable, Hashable {
    public var reason: String
    /// The signed-in person who cancelled it.
    public var by: String
    /// Their role, "Editor".
    public var byRole: String
    public var on: Day

    public init(reason: String, by: String, byRole: String, on: Day) {
        self.reason = reason
        self.by = by
        self.byRole = byRole
        self.on = on
    }

    /// "Cancelled on 3 Dec 2026 by Sam Okafor (Editor): the chair is unwell".
    public var sentence: String { "Cancelled on \(on.formatted) by \(by)\(byRole.isEmpty ? "" : " (\(byRole))"): \(reason)" }
}

/// The rules that keep a clerk from recording what has not happened or losing what cannot be
/// put back: attendance only once the meeting's day has come, cancelling only with a reason, and
/// a cancellation that can be undone. Pages and the API both apply them through here.
public enum MeetingSafeguards {
    /// The longest cancellation reason kept.
    public static let reasonLimit = 2_000

    /// The first day attendance can be recorded: the meeting's own day.
    public static func attendanceOpens(for meeting: Meeting) -> Day { meeting.date }

    /// Whether attendance can be recorded as at `today`.
    public static func mayRecordAttendance(at meeting: Meeting, today: Day) -> Bool {
        meeting.status != .cancelled && today >= attendanceOpens(for: meeting)
    }

    /// Why attendance cannot be recorded as at `today`, in words; nil when it can.
    public static func attendanceRefusal(at meeting: Meeting, today: Day) -> String? {
        if meeting.status == .cancelled { return "The meeting was cancelled, so it has no attendance. Reinstate it first if it is to take place" }
        guard today >= attendanceOpens(for: meeting) else {
            return "Attendance can be recorded from the day of the meeting, \(meeting.dayText), not before"
        }
        return nil
    }

    /// Records who came and marks the meeting as held.
    public static func recordAttendance(_ attendance: Attendance, at meeting: inout Meeting, today: Day) throws(ValidationError) {
        if let refusal = attendanceRefusal(at: meeting, today: today) {
            throw ValidationError(field: meeting.status == .cancelled ? "status" : "date", message: refusal)
        }
        meeting.status = .held
        meeting.attendance = attendance
    }

    /// Cancels a scheduled meeting, with the reason and who cancelled it.
    public static func cancel(_ meeting: inout Meeting, reason: String, by name: String, role: String, on day: Day) throws(ValidationError) {
        guard meeting.status == .scheduled else {
            throw ValidationError(field: "status", message: "Only a scheduled meeting can be cancelled; this one is \(meeting.status.word.lowercased())")
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw ValidationError(field: "reason", message: "Enter why the meeting is cancelled, for example 'Not quorate: too many apologies'")
        }
        guard trimmed.count <= reasonLimit else {
            throw ValidationError(field: "reason", message: "The reason must be \(reasonLimit) characters or fewer")
        }
        meeting.status = .cancelled
        meeting.cancellation = MeetingCancellation(reason: trimmed, by: name, byRole: role, on: day)
    }

    /// Undoes a cancellation: the meeting is scheduled again, its agenda as it was.
    public static func reinstate(_ meeting: inout Meeting) throws(ValidationError) {
        guard meeting.status == .cancelled else {
            throw ValidationError(field: "status", message: "Only a cancelled meeting can be reinstated; this one is \(meeting.status.word.lowercased())")
        }
        meeting.status = .scheduled
        meeting.cancellation = nil
    }
}
