/// Each member's attendance over a period, as a clerk reports it in an annual report.
///
/// Only meetings marked held count. Cancelled meetings never count (nobody could attend them),
/// and scheduled meetings have not happened yet. A meeting is expected of a member only while
/// they sit on the board (`joinedOn`…`leftOn`); named substitutes are not expected at any
/// meeting and have no figures of their own. Each meeting counts once per member, in the first
/// of: present in person, represented by a substitute, apologies sent, absent.
public struct AttendanceStatistics: Sendable, Hashable {
    /// One member's figures.
    public struct MemberFigures: Sendable, Hashable {
        public var member: BoardMember
        /// Held meetings in the period while they were a member.
        public var expected: Int
        public var inPerson: Int
        public var bySubstitute: Int
        /// Apologies sent and no substitute came.
        public var apologies: Int
        /// Neither present, represented nor apologies sent.
        public var absent: Int

        /// Attended in person, as a whole percentage of the meetings expected (nil when none were).
        public var percentInPerson: Int? {
            expected == 0 ? nil : Int((Double(inPerson) * 100 / Double(expected)).rounded())
        }

        /// "Cllr Sue Hill attended 3 of 4 meetings (75%), was represented by a substitute at 1."
        public var sentence: String {
            guard expected > 0 else { return "\(member.name) was not expected at any meeting in the period." }
            var parts = ["\(member.name) attended \(inPerson) of \(expected) \(expected == 1 ? "meeting" : "meetings") (\(percentInPerson ?? 0)%)"]
            if bySubstitute > 0 { parts.append("was represented by a substitute at \(bySubstitute)") }
            if apologies > 0 { parts.append("sent apologies for \(apologies)") }
            if absent > 0 { parts.append("was absent without apologies from \(absent)") }
            if parts.count > 2 {
                let last = parts.removeLast()
                return parts.joined(separator: ", ") + " and " + last + "."
            }
            return parts.joined(separator: " and ") + "."
        }
    }

    public var from: Day
    public var to: Day
    /// Held meetings in the period, the ones the figures count.
    public var meetingsHeld: Int
    /// Cancelled meetings in the period, left out of every figure.
    public var meetingsCancelled: Int
    /// Voting and co-opted members, in the board's order.
    public var members: [MemberFigures]

    /// Figures for the board's meetings dated `from`…`to` inclusive.
    public init(board: Board, meetings: [Meeting], from: Day, to: Day) {
        self.from = from
        self.to = to
        let inPeriod = meetings.filter { $0.boardID == board.id && $0.date >= from && $0.date <= to }
        let held = inPeriod.filter { $0.status == .held }
        meetingsHeld = held.count
        meetingsCancelled = inPeriod.filter { $0.status == .cancelled }.count
        members = board.members.filter { $0.membership != .substitute }.map { member in
            var figures = MemberFigures(member: member, expected: 0, inPerson: 0, bySubstitute: 0, apologies: 0, absent: 0)
            for meeting in held where member.isMember(on: meeting.date) {
                figures.expected += 1
                let attendance = meeting.attendance
                if attendance.present.contains(member.id) {
                    figures.inPerson += 1
                } else if attendance.substitution(for: member.id) != nil {
                    figures.bySubstitute += 1
                } else if attendance.apologies.contains(member.id) {
                    figures.apologies += 1
                } else {
                    figures.absent += 1
                }
            }
            return figures
        }
    }

    public func figures(for memberID: Int64) -> MemberFigures? { members.first { $0.member.id == memberID } }

    /// "5 meetings held between 1 Apr 2024 and 31 Mar 2025; 1 cancelled meeting is not counted."
    public var summary: String {
        var text = "\(meetingsHeld) \(meetingsHeld == 1 ? "meeting" : "meetings") held between \(from.formatted) and \(to.formatted)"
        if meetingsCancelled > 0 {
            text += "; \(meetingsCancelled) cancelled \(meetingsCancelled == 1 ? "meeting is" : "meetings are") not counted"
        }
        return text + "."
    }
}
