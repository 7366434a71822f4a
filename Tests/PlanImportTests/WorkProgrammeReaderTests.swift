import Core
import Documents
import Foundation
import Testing
@testable import PlanImport

/// Cause 8 of issue 10: a board's work programme in a file is read into typed items (meetings
/// with their items, leads and purposes, standing items with their rules), never into a plan.
@Suite("Reading a board's work programme from a file")
struct WorkProgrammeReaderTests {
    func read(_ body: String, fileName: String = "programme.txt") throws -> ImportResult {
        try PlanImporter.importPlans(data: Data(body.utf8), fileName: fileName, options: ImportOptions(asAt: Day(2024, 5, 1)))
    }

    @Test("Meeting dates as councils write them", arguments: [
        ("14 March 2026", WorkProgrammeImport.When.day(Day(2026, 3, 14))),
        ("14/03/2026", .day(Day(2026, 3, 14))),
        ("Tuesday 14 March 2026 2pm", .day(Day(2026, 3, 14))),
        ("Tues 14th March 2026, 2.00pm", .day(Day(2026, 3, 14))),
        ("14 March 2026 at 10:00 (provisional)", .day(Day(2026, 3, 14))),
        ("March 2026", .month(year: 2026, month: 3)),
        ("2026-03-14", .day(Day(2026, 3, 14))),
    ])
    func meetingDates(_ written: String, _ expected: WorkProgrammeImport.When) {
        #expect(WorkProgrammeReader.meetingDate(written) == expected)
    }

    @Test("Text that is not a meeting's date is not read as one", arguments: [
        "Q3 2025-26", "2025/26", "To be scheduled", "Improvement plan report 14 March 2026 for the board to approve", "TBC",
    ])
    func notMeetingDates(_ written: String) {
        #expect(WorkProgrammeReader.meetingDate(written) == nil)
    }

    @Test("Standing rules as written", arguments: [
        ("Every meeting", WorkProgrammeItem.StandingRule.everyMeeting),
        ("Standing item – each meeting", .everyMeeting),
        ("Quarterly", .quarterly),
        ("Once a quarter", .quarterly),
        ("Annually in November", .annually(month: 11)),
        ("Annual (November)", .annually(month: 11)),
        ("Each June", .annually(month: 6)),
    ])
    func standingRules(_ written: String, _ expected: WorkProgrammeItem.StandingRule) {
        #expect(WorkProgrammeReader.standingRule(written) == expected)
    }

    @Test("Not standing rules: a date, 'annually' with no month, an item's title", arguments: [
        "November 2025", "Annually", "IRO annual report", "Sufficiency strategy update",
    ])
    func notStandingRules(_ written: String) {
        #expect(WorkProgrammeReader.standingRule(written) == nil)
    }

    @Test("Meeting-date rows, then agenda item | lead rows, then standing items: each item on its meeting, standing items by their rule")
    func dateRowsAndStandingItems() throws {
        let result = try read("""
            Children's Improvement Board
            Work programme 2023-24
            Meeting date\tAgenda item\tLead\tPurpose
            Tuesday 12 September 2023 2pm\t\t\t
            \tImprovement plan progress report\tDirector of Children's Services\tFor decision
            \tPerformance scorecard\tHead of Performance\tFor information
            14/11/2023\t\t\t
            \tIRO annual report\tIRO Service Manager\tNoting
            Standing items\t\t\t
            \tMinutes and action log\tChair\t
            \tQuarter data by exception (quarterly)\tHead of Performance\t

            """)
        #expect(result.plans.isEmpty)
        let programme = try #require(result.workProgrammes.first)
        #expect(programme.title == "Work programme 2023-24")
        #expect(programme.meetings == [.day(Day(2023, 9, 12)), .day(Day(2023, 11, 14))])
        #expect(programme.plannedCount == 3)
        #expect(programme.standingCount == 2)
        let report = try #require(programme.entries.first)
        #expect(report.title == "Improvement plan progress report")
        #expect(report.presenter == "Director of Children's Services")
        #expect(report.purpose == .decision)
        #expect(programme.entries[1].purpose == .information)
        #expect(programme.entries[2].purpose == .noting)
        #expect(programme.entries[2].when == .day(Day(2023, 11, 14)))
        #expect(programme.entries[3].when == .standing(.everyMeeting))
        #expect(programme.entries[3].title == "Minutes and action log")
        #expect(result.tables.map(\.kind) == [.workProgramme])
        #expect(result.warnings.isEmpty)
    }

    @Test("A date on every row (Date | Item | Lead | Type), rules in the date cell, and a row with no readable date is a warning naming it")
    func dateOnEveryRow() throws {
        let result = try read("""
            Date,Item,Lead,Type
            14 March 2026,Fostering service annual report,Fostering Manager,Information
            14 March 2026,Sufficiency strategy,Head of Commissioning,Decision
            June 2026,Ofsted monitoring visit feedback,Director of Children's Services,Discussion
            Annually in November,IRO annual report,IRO Service Manager,Noting
            TBC,Youth justice plan,Head of Youth Justice,Decision

            """, fileName: "programme.csv")
        #expect(result.plans.isEmpty)
        let programme = try #require(result.workProgrammes.first)
        #expect(programme.entries.map(\.title) == ["Fostering service annual report", "Sufficiency strategy",
                                                   "Ofsted monitoring visit feedback", "IRO annual report"])
        #expect(programme.entries.map(\.when) == [.day(Day(2026, 3, 14)), .day(Day(2026, 3, 14)), .month(year: 2026, month: 6),
                                                  .standing(.annually(month: 11))])
        #expect(programme.entries[1].purpose == .decision)
        let warning = try #require(result.warnings.first { $0.message.contains("Youth justice plan") })
        #expect(warning.row == 6)
        #expect(warning.location.contains("line 6"))
        #expect(warning.message.contains("TBC"))
    }

    @Test("Meetings as column headers: each item marked under the meetings it comes to; an unmarked item is a warning")
    func monthsAsColumns() throws {
        let result = try read("""
            <table>
            <tr><th>Report</th><th>Lead officer</th><th>June 2024</th><th>September 2024</th><th>December 2024</th><th>Frequency</th></tr>
            <tr><td>Children in care health annual report</td><td>Designated Nurse</td><td></td><td>X</td><td></td><td></td></tr>
            <tr><td>Placement sufficiency</td><td>Head of Commissioning</td><td>✓</td><td></td><td>✓</td><td></td></tr>
            <tr><td>Voice of the child</td><td>Participation Lead</td><td></td><td></td><td></td><td>Every meeting</td></tr>
            <tr><td>Corporate parenting strategy</td><td>Assistant Director</td><td></td><td></td><td></td><td></td></tr>
            </table>
            """, fileName: "programme.html")
        #expect(result.plans.isEmpty)
        let programme = try #require(result.workProgrammes.first)
        #expect(programme.entries.map(\.title) == ["Children in care health annual report", "Placement sufficiency", "Placement sufficiency", "Voice of the child"])
        #expect(programme.entries.map(\.when) == [.month(year: 2024, month: 9), .month(year: 2024, month: 6), .month(year: 2024, month: 12),
                                                  .standing(.everyMeeting)])
        #expect(programme.meetings.count == 3)
        #expect(result.warnings.contains { $0.message.contains("Corporate parenting strategy") && $0.row == 5 })
    }

    @Test("A table of monthly figures is not a work programme")
    func figuresAreNotAProgramme() throws {
        let result = try read("""
            <table>
            <tr><th>Measure</th><th>April 2024</th><th>May 2024</th><th>June 2024</th></tr>
            <tr><td>Re-referrals within 12 months</td><td>21%</td><td>19%</td><td>18%</td></tr>
            <tr><td>Visits in timescale</td><td>88</td><td>91</td><td>93</td></tr>
            </table>
            """, fileName: "figures.html")
        #expect(result.workProgrammes.isEmpty)
        #expect(result.tables.map(\.kind) != [.workProgramme])
    }

    @Test("An agenda (item, title, presenter, purpose, no dates) is not a work programme")
    func agendaStaysAnAgenda() throws {
        let result = try read("""
            <table><tr><th>Item</th><th>Title</th><th>Presenter</th><th>Purpose</th></tr>
            <tr><td>1</td><td>Welcome and apologies</td><td>Chair</td><td>Information</td></tr>
            <tr><td>2</td><td>Care leavers' offer</td><td>Head of Leaving Care</td><td>Discussion</td></tr></table>
            """, fileName: "agenda.html")
        #expect(result.workProgrammes.isEmpty)
        #expect(result.tables.map(\.kind) != [.workProgramme])
        #expect(result.plans.isEmpty)
    }

    @Test("A table the person chooses to read as a work programme is read as one")
    func chosenTable() throws {
        let body = """
            <table><tr><th>Committee</th><th>Business</th><th>Officer</th></tr>
            <tr><td>Wednesday 8 January 2025</td><td>Annual report of the virtual school</td><td>Virtual School Head</td></tr></table>
            """
        let chosen = try PlanImporter.importPlans(data: Data(body.utf8), fileName: "pack.html",
                                                  options: ImportOptions(mapping: ColumnMapping(tables: ["1": .workProgramme])))
        #expect(chosen.workProgrammes.first?.entries.first?.when == .day(Day(2025, 1, 8)))
        #expect(chosen.workProgrammes.first?.entries.first?.presenter == "Virtual School Head")
        #expect(chosen.tables.first?.kind == .workProgramme)
        #expect(ImportPreview.text(chosen).contains("Work programme 1: "))
    }
}
