import Core
import Testing
@testable import PlanImport

/// Dates as plans write them, and the day each stands for.
@Suite("Reading dates as people write them")
struct WrittenDateTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var text: String
        var day: Day
        var complete = false
        var ongoing = false
        var start: Day? = nil
        var testDescription: String { text }
    }

    @Test("A date alone in a cell is read, month-only dates as the month's last day", arguments: [
        Example(text: "April 2023 (COMPLETE)", day: Day(2023, 4, 30), complete: true),
        Example(text: "Nov 2019", day: Day(2019, 11, 30)),
        Example(text: "Nov 2019 & ongoing", day: Day(2019, 11, 30), ongoing: true),
        Example(text: "Q3 23-24", day: Day(2023, 12, 31)),
        Example(text: "Q4 2023/24", day: Day(2024, 3, 31)),
        Example(text: "Began September 2016", day: Day(2016, 9, 30), start: Day(2016, 9, 1)),
        Example(text: "31/07/2023", day: Day(2023, 7, 31)),
        Example(text: "31.07.23", day: Day(2023, 7, 31)),
        Example(text: "March2017", day: Day(2017, 3, 31)),
        Example(text: "End of March 2024", day: Day(2024, 3, 31)),
        Example(text: "Feb 2020", day: Day(2020, 2, 29)),
        Example(text: "21st August 2023", day: Day(2023, 8, 21)),
        Example(text: "Sept. 2019", day: Day(2019, 9, 30)),
        Example(text: "2023-07-31", day: Day(2023, 7, 31)),
        Example(text: "April 2023. (COMPLETE)", day: Day(2023, 4, 30), complete: true),
        Example(text: "September - November 2023", day: Day(2023, 11, 30), start: Day(2023, 9, 1)),
        Example(text: "Nov-19", day: Day(2019, 11, 30)),
        // A financial year as a timescale: April to March, due by its end.
        Example(text: "2024/25", day: Day(2025, 3, 31), start: Day(2024, 4, 1)),
        Example(text: "2024-25", day: Day(2025, 3, 31), start: Day(2024, 4, 1)),
        Example(text: "2024/2025", day: Day(2025, 3, 31), start: Day(2024, 4, 1)),
        // A month and a two-digit year, as trackers abbreviate them.
        Example(text: "Sept 24", day: Day(2024, 9, 30)),
        Example(text: "Dec 23", day: Day(2023, 12, 31)),
    ])
    func reads(example: Example) throws {
        let date = try #require(WrittenDates.parse(example.text))
        #expect(date.day == example.day)
        #expect(date.isComplete == example.complete)
        #expect(date.isOngoing == example.ongoing)
        #expect(date.start == example.start)
    }

    @Test("What is not a date is not guessed", arguments: [
        "TBC", "Ongoing", "Summer", "31/02/2023", "2.1.0", "45 days", "Q5 23-24", "May", "Quarter 2", "", "1/2", "2024/26", "2023-2021", "Item 12", "March 7",
    ])
    func refuses(text: String) {
        #expect(WrittenDates.parse(text) == nil)
    }

    @Test("Dates are found inside milestone text, with what marks them complete")
    func findsInText() {
        let matches = WrittenDates.find(in: "Present proposal for reform to DLT: July 2023 (COMPLETE)")
        #expect(matches.count == 1)
        #expect(matches.first?.date.day == Day(2023, 7, 31))
        #expect(matches.first?.date.isComplete == true)
        #expect(matches.first?.date.text == "July 2023 (COMPLETE)")
    }

    @Test("A timeline cell becomes milestones: each line, and each date in a line, ends one")
    func timeline() {
        // Wokingham 3.7: three milestones run onto one line by the PDF extraction.
        let entries = TimelineEntry.entries(in: "Finalise process for recording mid-way reviews on Mosaic: August 2023 (COMPLETE) Expectation for CP Chairs to deliver mid-way reviews to commence: September 2023 Review progress as part of quarterly CP reporting: October 2023")
        #expect(entries.map(\.title) == [
            "Finalise process for recording mid-way reviews on Mosaic",
            "Expectation for CP Chairs to deliver mid-way reviews to commence",
            "Review progress as part of quarterly CP reporting",
        ])
        #expect(entries.map { $0.date?.day } == [Day(2023, 8, 31), Day(2023, 9, 30), Day(2023, 10, 31)])
        #expect(entries.map(\.isComplete) == [true, false, false])

        let planned = TimelineEntry.entries(in: "Audit planned for November 2023")
        #expect(planned.map(\.title) == ["Audit planned"])

        let note = TimelineEntry.entries(in: "Structural changes to EMRAC: April 2023 (COMPLETE)\n(Inclusion of adult safeguarding and transition lead from June 2023 onwards.)")
        #expect(note.count == 1)
        #expect(note.first?.title.hasSuffix("(Inclusion of adult safeguarding and transition lead from June 2023 onwards.)") == true)

        let undated = TimelineEntry.entries(in: "To be agreed with partners")
        #expect(undated.count == 1)
        #expect(undated.first?.date == nil)
        #expect(undated.first?.title == "To be agreed with partners")

        // A due cell listing one date per action.
        let dues = TimelineEntry.entries(in: "Nov 2019 Jun 2019 Jan 2019 Aug 2019 Dec 2019")
        #expect(dues.count == 5)
        #expect(dues.allSatisfy { $0.title.isEmpty })
    }
}
