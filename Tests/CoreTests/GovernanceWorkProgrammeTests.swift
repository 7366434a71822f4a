import Testing
@testable import Core

@Suite("Standing items place themselves on the matching meetings")
struct GovernanceWorkProgrammeTests {
    static let board = GovernanceFixture.boardID

    /// Monthly meetings from April 2024 to March 2025, with December's cancelled.
    static let monthly: [Meeting] = (0..<12).map { index in
        let day = Day(2024, 4, 16).adding(months: index)
        return GovernanceFixture.meeting(Int64(index + 1), day, index == 8 ? .cancelled : .scheduled)
    }

    static func item(_ id: Int64, _ title: String, _ rule: WorkProgrammeItem.StandingRule) -> WorkProgrammeItem {
        WorkProgrammeItem(id: id, boardID: board, title: title, placement: .standing(rule))
    }

    static func months(of item: WorkProgrammeItem, in meetings: [Meeting]) -> [Int] {
        WorkProgramme(boardID: board, items: [item]).slots(calendar: meetings)
            .filter { !$0.items.isEmpty }.map(\.meeting.date.month)
    }

    @Test("IRO annual report — November lands on the November meeting only")
    func annual() {
        #expect(Self.months(of: Self.item(1, "IRO annual report", .annually(month: 11)), in: Self.monthly) == [11])
        #expect(Self.months(of: Self.item(1, "IRO annual report", .annually(month: 11)), in: GovernanceFixture.calendar) == [11])
    }

    @Test("Two meetings in November: the annual item goes to the first")
    func annualFirstInMonth() {
        let meetings = [GovernanceFixture.meeting(1, Day(2024, 11, 5)), GovernanceFixture.meeting(2, Day(2024, 11, 26))]
        let slots = WorkProgramme(boardID: Self.board, items: [Self.item(1, "IRO annual report", .annually(month: 11))]).slots(calendar: meetings)
        #expect(slots.map(\.items.count) == [1, 0])
    }

    @Test("Quarterly: the first meeting of each financial quarter (Apr, Jul, Oct, Jan)")
    func quarterly() {
        #expect(Self.months(of: Self.item(1, "Quarter data — matters raised by exception", .quarterly), in: Self.monthly) == [4, 7, 10, 1])
    }

    @Test("Quarterly, when the quarter's first meeting is cancelled: the next meeting in the quarter takes it")
    func quarterlyAfterCancellation() {
        // Bi-monthly calendar: Oct–Dec has only November; Jan–Mar has January (cancelled) and March.
        #expect(Self.months(of: Self.item(1, "Quarter data", .quarterly), in: GovernanceFixture.calendar) == [5, 7, 11, 3])
    }

    @Test("Every meeting: all meetings except the cancelled one")
    func everyMeeting() {
        #expect(Self.months(of: Self.item(1, "Performance scorecard", .everyMeeting), in: Self.monthly) == [4, 5, 6, 7, 8, 9, 10, 11, 1, 2, 3])
    }

    @Test("A meeting being created is judged as if it were on the calendar")
    func newMeeting() {
        let programme = WorkProgramme(boardID: Self.board, items: [Self.item(1, "IRO annual report", .annually(month: 11)),
                                                                   Self.item(2, "Quarter data", .quarterly)])
        let existing = GovernanceFixture.calendar.filter { $0.date.month != 11 }
        let november = GovernanceFixture.meeting(0, Day(2024, 11, 12))
        #expect(programme.items(for: november, calendar: existing).map(\.title) == ["IRO annual report", "Quarter data"])
    }

    @Test("An annual item with no meeting in its month is reported as unplaced")
    func unplaced() {
        let programme = WorkProgramme(boardID: Self.board, items: [Self.item(1, "Fostering annual report", .annually(month: 6))])
        #expect(programme.unplaced(calendar: GovernanceFixture.calendar).map(\.id) == [1])
    }
}
