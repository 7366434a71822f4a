import Testing
@testable import Core

/// Changing who sits on a board: the chair and vice chair posts, and taking members off.
@Suite("Board membership")
struct GovernanceMembershipTests {
    @Test("Appointing a new chair takes the post from the old one; one person never holds both posts")
    func appointing() {
        var board = GovernanceFixture.board()
        board.appoint(3, to: .chair)
        #expect(board.chair?.name == "Cllr Sue Hill")
        #expect(board.viceChair?.name == "Cllr Tom Reid")
        board.appoint(3, to: .viceChair)
        #expect(board.chairID == nil, "the vice chair cannot also chair")
        #expect(board.viceChair?.name == "Cllr Sue Hill")
        board.appoint(3, to: nil)
        #expect(board.viceChairID == nil)
        #expect(GovernanceValidation.errors(in: board).isEmpty)
    }

    @Test("A member in no meeting's attendance leaves the board and their post; one who came stays on the record")
    func removing() throws {
        var board = GovernanceFixture.board()
        let held = GovernanceFixture.meeting(1, Day(2024, 5, 14), .held, attendance: Attendance(present: [1], apologies: [3]))
        try board.removeMember(id: 2, meetings: [held])
        #expect(board.member(id: 2) == nil)
        #expect(board.viceChairID == nil)
        #expect(GovernanceValidation.errors(in: board).isEmpty)

        #expect(throws: ValidationError.self) { try board.removeMember(id: 3, meetings: [held]) }
        let refusal = #expect(throws: ValidationError.self) { try board.removeMember(id: 1, meetings: [held]) }
        #expect(refusal?.message.contains("Cllr Amina Patel is in the attendance of 1 meeting") == true)
        #expect(board.chair?.name == "Cllr Amina Patel")
    }
}
