import Testing
@testable import Core

@Suite("Attendance figures never count cancelled meetings")
struct GovernanceAttendanceTests {
    @Test("Present, by substitute, apologies and absent, with the clerk's sentence; the cancelled meeting is left out")
    func figures() {
        let board = GovernanceFixture.board()
        let meetings = [
            GovernanceFixture.meeting(1, Day(2024, 5, 14), .held, attendance: Attendance(
                present: [1, 2, 3, 4], alsoInAttendance: [.init(name: "Jo Bloggs", role: "Head of Service, Children in Care")])),
            GovernanceFixture.meeting(2, Day(2024, 7, 9), .held, attendance: Attendance(
                present: [1, 2], apologies: [3, 4],
                substitutes: [.init(forMemberID: 3, substituteName: "Cllr Ben Ward", substituteMemberID: 5)])),
            GovernanceFixture.meeting(3, Day(2024, 9, 10), .held, attendance: Attendance(present: [1, 4], apologies: [3])),
            GovernanceFixture.meeting(4, Day(2024, 11, 12), .held, attendance: Attendance(present: [1, 2, 3, 6])),
            // Cancelled: would otherwise count against everyone.
            GovernanceFixture.meeting(5, Day(2025, 1, 14), .cancelled),
            // Not yet held.
            GovernanceFixture.meeting(6, Day(2025, 3, 11)),
        ]
        let stats = AttendanceStatistics(board: board, meetings: meetings, from: Day(2024, 4, 1), to: Day(2025, 3, 31))
        #expect(stats.meetingsHeld == 4)
        #expect(stats.meetingsCancelled == 1)
        #expect(stats.summary == "4 meetings held between 1 April 2024 and 31 March 2025; 1 cancelled meeting is not counted.")
        // Named substitutes have no figures of their own.
        #expect(stats.members.map(\.member.id) == [1, 2, 3, 4, 6])

        let sue = stats.figures(for: 3)
        #expect(sue?.expected == 4)
        #expect(sue?.inPerson == 2)
        #expect(sue?.bySubstitute == 1)
        #expect(sue?.apologies == 1)
        #expect(sue?.sentence == "Cllr Sue Hill attended 2 of 4 meetings (50%), was represented by a substitute at 1 and sent apologies for 1.")

        let tom = stats.figures(for: 2)
        #expect(tom?.absent == 1)
        #expect(tom?.sentence == "Cllr Tom Reid attended 3 of 4 meetings (75%) and was absent without apologies from 1.")
        #expect(stats.figures(for: 1)?.sentence == "Cllr Amina Patel attended 4 of 4 meetings (100%).")
        // Joined in October: only November was expected of her.
        #expect(stats.figures(for: 6)?.expected == 1)
        #expect(stats.figures(for: 6)?.inPerson == 1)
    }

    @Test("Substitute sentence: X attending as Y's substitute")
    func substituteSentence() {
        let substitution = Attendance.Substitution(forMemberID: 3, substituteName: "Cllr Ben Ward", substituteMemberID: 5)
        #expect(substitution.sentence(on: GovernanceFixture.board()) == "Cllr Ben Ward attending as Cllr Sue Hill's substitute")
    }
}
