import Foundation
import Testing
@testable import Core

@Suite("Period: months, financial quarters and years, rolling 12 months")
struct PeriodTests {
    // MARK: Which period a day falls in

    @Test("Financial quarters run April to March across calendar year ends", arguments: [
        (Day(2024, 1, 1), Period.quarter(startYear: 2023, quarter: 4), "2023-24 Q4"),
        (Day(2024, 1, 15), Period.quarter(startYear: 2023, quarter: 4), "2023-24 Q4"),
        (Day(2024, 3, 31), Period.quarter(startYear: 2023, quarter: 4), "2023-24 Q4"),
        (Day(2024, 4, 1), Period.quarter(startYear: 2024, quarter: 1), "2024-25 Q1"),
        (Day(2024, 6, 30), Period.quarter(startYear: 2024, quarter: 1), "2024-25 Q1"),
        (Day(2024, 7, 1), Period.quarter(startYear: 2024, quarter: 2), "2024-25 Q2"),
        (Day(2024, 9, 30), Period.quarter(startYear: 2024, quarter: 2), "2024-25 Q2"),
        (Day(2024, 10, 1), Period.quarter(startYear: 2024, quarter: 3), "2024-25 Q3"),
        (Day(2024, 12, 31), Period.quarter(startYear: 2024, quarter: 3), "2024-25 Q3"),
        (Day(2025, 1, 1), Period.quarter(startYear: 2024, quarter: 4), "2024-25 Q4"),
    ])
    func quarterContaining(day: Day, quarter: Period, label: String) {
        #expect(Period.quarter(containing: day) == quarter)
        #expect(Period.containing(day, kind: .quarter) == quarter)
        #expect(quarter.label == label)
        #expect(quarter.contains(day))
    }

    @Test("Financial years start on 1 April")
    func financialYearContaining() {
        #expect(Period.financialYearStart(of: Day(2024, 3, 31)) == 2023)
        #expect(Period.financialYearStart(of: Day(2024, 4, 1)) == 2024)
        #expect(Period.financialYear(containing: Day(2024, 3, 31)) == .financialYear(startYear: 2023))
        #expect(Period.financialYear(containing: Day(2024, 4, 1)) == .financialYear(startYear: 2024))
        #expect(Period.containing(Day(2024, 1, 10), kind: .year) == .financialYear(startYear: 2023))
    }

    @Test("Months and rolling periods containing a day")
    func otherContaining() {
        #expect(Period.month(containing: Day(2024, 2, 29)) == .month(year: 2024, month: 2))
        #expect(Period.containing(Day(2024, 3, 15), kind: .month) == .month(year: 2024, month: 3))
        #expect(Period.containing(Day(2024, 3, 15), kind: .rolling12) == .rolling12(endYear: 2024, endMonth: 3))
    }

    @Test("Kinds")
    func kinds() {
        #expect(Period.month(year: 2024, month: 1).kind == .month)
        #expect(Period.quarter(startYear: 2024, quarter: 1).kind == .quarter)
        #expect(Period.financialYear(startYear: 2024).kind == .year)
        #expect(Period.rolling12(endYear: 2024, endMonth: 3).kind == .rolling12)
        #expect(Measure.Frequency.quarterly.periodKind == .quarter)
        #expect(Measure.Frequency.annual.periodKind == .year)
        #expect(Measure.Frequency.monthly.periodKind == .month)
    }

    // MARK: Start and end

    @Test("Start and end days", arguments: [
        (Period.quarter(startYear: 2023, quarter: 1), Day(2023, 4, 1), Day(2023, 6, 30)),
        (Period.quarter(startYear: 2023, quarter: 2), Day(2023, 7, 1), Day(2023, 9, 30)),
        (Period.quarter(startYear: 2023, quarter: 3), Day(2023, 10, 1), Day(2023, 12, 31)),
        (Period.quarter(startYear: 2023, quarter: 4), Day(2024, 1, 1), Day(2024, 3, 31)),
        (Period.quarter(startYear: 2024, quarter: 1), Day(2024, 4, 1), Day(2024, 6, 30)),
        (Period.financialYear(startYear: 2023), Day(2023, 4, 1), Day(2024, 3, 31)),
        (Period.month(year: 2024, month: 2), Day(2024, 2, 1), Day(2024, 2, 29)),
        (Period.month(year: 2023, month: 2), Day(2023, 2, 1), Day(2023, 2, 28)),
        (Period.month(year: 2023, month: 12), Day(2023, 12, 1), Day(2023, 12, 31)),
        (Period.rolling12(endYear: 2024, endMonth: 3), Day(2023, 4, 1), Day(2024, 3, 31)),
        (Period.rolling12(endYear: 2024, endMonth: 2), Day(2023, 3, 1), Day(2024, 2, 29)),
        (Period.rolling12(endYear: 2024, endMonth: 12), Day(2024, 1, 1), Day(2024, 12, 31)),
    ])
    func startAndEnd(period: Period, start: Day, end: Day) {
        #expect(period.start == start)
        #expect(period.end == end)
        #expect(period.contains(start))
        #expect(period.contains(end))
        #expect(!period.contains(start.adding(days: -1)))
        #expect(!period.contains(end.adding(days: 1)))
    }

    // MARK: Previous and same period last year

    @Test("Previous period of the same kind", arguments: [
        (Period.quarter(startYear: 2024, quarter: 1), Period.quarter(startYear: 2023, quarter: 4)),
        (Period.quarter(startYear: 2023, quarter: 4), Period.quarter(startYear: 2023, quarter: 3)),
        (Period.quarter(startYear: 2023, quarter: 2), Period.quarter(startYear: 2023, quarter: 1)),
        (Period.month(year: 2024, month: 1), Period.month(year: 2023, month: 12)),
        (Period.month(year: 2024, month: 3), Period.month(year: 2024, month: 2)),
        (Period.financialYear(startYear: 2024), Period.financialYear(startYear: 2023)),
        (Period.rolling12(endYear: 2024, endMonth: 3), Period.rolling12(endYear: 2024, endMonth: 2)),
        (Period.rolling12(endYear: 2024, endMonth: 1), Period.rolling12(endYear: 2023, endMonth: 12)),
    ])
    func previous(period: Period, previous: Period) {
        #expect(period.previous == previous)
        #expect(previous.shifted(by: 1) == period)
    }

    @Test("Shifting by several periods")
    func shifting() {
        let q1 = Period.quarter(startYear: 2024, quarter: 1)
        #expect(q1.shifted(by: 4) == .quarter(startYear: 2025, quarter: 1))
        #expect(q1.shifted(by: 3) == .quarter(startYear: 2024, quarter: 4))
        #expect(q1.shifted(by: -5) == .quarter(startYear: 2022, quarter: 4))
        #expect(q1.shifted(by: 0) == q1)
        #expect(Period.month(year: 2024, month: 1).shifted(by: 12) == .month(year: 2025, month: 1))
        #expect(Period.month(year: 2024, month: 1).shifted(by: -13) == .month(year: 2022, month: 12))
        #expect(Period.financialYear(startYear: 2023).shifted(by: 2) == .financialYear(startYear: 2025))
    }

    @Test("Same period last year", arguments: [
        (Period.quarter(startYear: 2024, quarter: 1), Period.quarter(startYear: 2023, quarter: 1)),
        (Period.quarter(startYear: 2023, quarter: 4), Period.quarter(startYear: 2022, quarter: 4)),
        (Period.month(year: 2024, month: 2), Period.month(year: 2023, month: 2)),
        (Period.financialYear(startYear: 2023), Period.financialYear(startYear: 2022)),
        (Period.rolling12(endYear: 2024, endMonth: 3), Period.rolling12(endYear: 2023, endMonth: 3)),
    ])
    func sameLastYear(period: Period, lastYear: Period) {
        #expect(period.sameLastYear == lastYear)
        #expect(period.sameLastYear.start == period.start.adding(months: -12))
    }

    // MARK: Labels

    @Test("Labels as a performance officer writes them", arguments: [
        (Period.month(year: 2023, month: 4), "2023-04"),
        (Period.month(year: 2023, month: 11), "2023-11"),
        (Period.quarter(startYear: 2023, quarter: 1), "2023-24 Q1"),
        (Period.quarter(startYear: 2023, quarter: 4), "2023-24 Q4"),
        (Period.financialYear(startYear: 2023), "2023-24"),
        (Period.financialYear(startYear: 2009), "2009-10"),
        (Period.financialYear(startYear: 1999), "1999-00"),
        (Period.financialYear(startYear: 2008), "2008-09"),
        (Period.rolling12(endYear: 2024, endMonth: 3), "12 months to Mar 2024"),
    ])
    func labels(period: Period, label: String) {
        #expect(period.label == label)
        #expect(period.description == label)
    }

    @Test("Readable labels spell out the months", arguments: [
        (Period.month(year: 2023, month: 4), "April 2023"),
        (Period.quarter(startYear: 2023, quarter: 1), "2023-24 Q1 (April to June 2023)"),
        (Period.quarter(startYear: 2023, quarter: 4), "2023-24 Q4 (January to March 2024)"),
        (Period.financialYear(startYear: 2023), "2023-24 (April 2023 to March 2024)"),
        (Period.rolling12(endYear: 2024, endMonth: 3), "12 months to March 2024"),
    ])
    func readableLabels(period: Period, label: String) {
        #expect(period.readableLabel == label)
    }

    @Test("Labels parse back", arguments: [
        ("2023-04", Period.month(year: 2023, month: 4)),
        ("2023-24 Q1", Period.quarter(startYear: 2023, quarter: 1)),
        ("2023-24 Q4", Period.quarter(startYear: 2023, quarter: 4)),
        ("2011-12 Q2", Period.quarter(startYear: 2011, quarter: 2)),
        ("2023-24", Period.financialYear(startYear: 2023)),
        ("2012-13", Period.financialYear(startYear: 2012)),
        ("1999-00", Period.financialYear(startYear: 1999)),
        // "2011-12" is December 2011; the financial year is written FY2011-12.
        ("2011-12", Period.month(year: 2011, month: 12)),
        ("FY2011-12", Period.financialYear(startYear: 2011)),
        ("FY2023-24", Period.financialYear(startYear: 2023)),
        ("12 months to Mar 2024", Period.rolling12(endYear: 2024, endMonth: 3)),
        // As `readableLabel` writes it, so a period copied from a page reads back.
        ("12 months to March 2024", Period.rolling12(endYear: 2024, endMonth: 3)),
        ("R12-2024-03", Period.rolling12(endYear: 2024, endMonth: 3)),
        ("R12-2011-12", Period.rolling12(endYear: 2011, endMonth: 12)),
        ("  2023-24 Q1 ", Period.quarter(startYear: 2023, quarter: 1)),
    ])
    func parses(label: String, period: Period) {
        #expect(Period(label: label) == period)
    }

    @Test("Labels that are not periods are refused", arguments: [
        "", "2023-25", "2023-00", "2023-13", "2023-4", "2023-24 Q5", "2023-24 Q0", "2023-25 Q1",
        "Q1 2023-24", "FY2023-25", "FY2023", "12 months to Sept 2024", "R12-2023-24", "2023-24-01", "April 2023",
    ])
    func refuses(label: String) {
        #expect(Period(label: label) == nil)
    }

    @Test("Storage labels parse back unambiguously, incl. FY2011-12", arguments: [
        (Period.month(year: 2011, month: 12), "2011-12"),
        (Period.financialYear(startYear: 2011), "FY2011-12"),
        (Period.financialYear(startYear: 2000), "FY2000-01"),
        (Period.financialYear(startYear: 2023), "2023-24"),
        (Period.quarter(startYear: 2011, quarter: 1), "2011-12 Q1"),
        (Period.rolling12(endYear: 2024, endMonth: 3), "R12-2024-03"),
    ])
    func storageLabels(period: Period, storage: String) throws {
        #expect(period.storageLabel == storage)
        #expect(Period(label: storage) == period)
        let data = try JSONEncoder().encode([period])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(storage)\"]")
        #expect(try JSONDecoder().decode([Period].self, from: data) == [period])
    }

    @Test("Decoding a string that is not a period fails")
    func decodingFails() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Period].self, from: Data(#"["2023-25"]"#.utf8))
        }
    }

    @Test("Periods order by end date")
    func ordering() {
        let months = [Period.month(year: 2024, month: 1), .month(year: 2023, month: 11), .month(year: 2023, month: 12)]
        #expect(months.sorted() == [.month(year: 2023, month: 11), .month(year: 2023, month: 12), .month(year: 2024, month: 1)])
        #expect(Period.quarter(startYear: 2023, quarter: 4) < Period.quarter(startYear: 2024, quarter: 1))
        #expect(Period.quarter(startYear: 2023, quarter: 3) < Period.quarter(startYear: 2023, quarter: 4))
    }
}
