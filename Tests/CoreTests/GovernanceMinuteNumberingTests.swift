import Testing
@testable import Core

@Suite("Minute numbers run on across a board's meetings")
struct GovernanceMinuteNumberingTests {
    @Test("A running number continues from the previous meeting's last minute: 184 follows 183")
    func runningNumberContinues() {
        let numbering = MinuteNumbering.running(from: 179)
        let first = numbering.numbered(GovernanceFixture.items(["Apologies", "Declarations", "Minutes", "Actions", "Annual report"]), after: nil)
        #expect(first.compactMap { $0.minute?.label } == ["179", "180", "181", "182", "183"])

        let held = GovernanceFixture.meeting(1, Day(2024, 5, 14), .held, agenda: first)
        let next = GovernanceFixture.meeting(2, Day(2024, 7, 9), .held, agenda: GovernanceFixture.items(["Apologies", "Declarations", "Minutes"]))
        let last = MinuteNumbering.lastNumber(before: next, in: [held, next])
        #expect(last == 183)
        let second = numbering.numbered(next.agenda, after: last)
        #expect(second.compactMap { $0.minute?.label } == ["184", "185", "186"])
        #expect(second.compactMap { $0.minute?.number } == [184, 185, 186])
    }

    @Test("A prefixed number continues too: CYP SC-13, CYP SC-14 after CYP SC-12")
    func prefixedNumberContinues() {
        let numbering = MinuteNumbering.prefixed("CYP SC-", from: 10)
        let first = numbering.numbered(GovernanceFixture.items(["Apologies", "Declarations", "Minutes"]), after: nil)
        #expect(first.compactMap { $0.minute?.label } == ["CYP SC-10", "CYP SC-11", "CYP SC-12"])
        let held = GovernanceFixture.meeting(1, Day(2024, 6, 3), .held, agenda: first)
        let next = GovernanceFixture.meeting(2, Day(2024, 9, 2), .held, agenda: GovernanceFixture.items(["Apologies", "Ofsted monitoring visit"]))
        let second = numbering.numbered(next.agenda, after: MinuteNumbering.lastNumber(before: next, in: [next, held]))
        #expect(second.compactMap { $0.minute?.label } == ["CYP SC-13", "CYP SC-14"])
        #expect(numbering.example == "CYP SC-10, CYP SC-11, CYP SC-12")
    }

    @Test("Numbering keeps the narrative and resolutions already drafted")
    func numberingKeepsText() {
        var items = GovernanceFixture.items(["Apologies", "Sufficiency strategy"])
        items[1].minute = AgendaItem.Minute(narrative: "Members discussed placement sufficiency.", resolutions: ["that the strategy be endorsed"])
        let numbered = MinuteNumbering.running(from: 1).numbered(items, after: 41)
        #expect(numbered[1].minute == AgendaItem.Minute(number: 43, label: "43", narrative: "Members discussed placement sufficiency.",
                                                        resolutions: ["that the strategy be endorsed"]))
    }

    @Test("A later meeting's numbers, or a cancelled meeting, do not count as the previous meeting's")
    func onlyEarlierMeetingsCount() {
        let numbering = MinuteNumbering.running(from: 1)
        let may = GovernanceFixture.meeting(1, Day(2024, 5, 14), .held, agenda: numbering.numbered(GovernanceFixture.items(["A", "B"]), after: nil))
        let sept = GovernanceFixture.meeting(3, Day(2024, 9, 10), .held, agenda: numbering.numbered(GovernanceFixture.items(["A"]), after: 50))
        let july = GovernanceFixture.meeting(2, Day(2024, 7, 9), .held)
        #expect(MinuteNumbering.lastNumber(before: july, in: [may, july, sept]) == 2)
        #expect(MinuteNumbering.lastNumber(before: may, in: [may, july, sept]) == nil)
    }
}
