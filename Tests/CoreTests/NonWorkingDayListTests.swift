import Testing
@testable import Core

@Suite("The bank holiday and closure day file")
struct NonWorkingDayListTests {
    @Test("Dates, names, comments, blank lines and names with commas are read")
    func readsLines() throws {
        let text = """
            # Council closures, winter 2024
            2024-12-27,Council closure

              2024-12-30 , Closure, between Christmas and New Year
            2024-12-31
            """
        let days = try NonWorkingDayList.parse(text, kind: .localClosure)
        #expect(days.map { $0.day } == [Day(2024, 12, 27), Day(2024, 12, 30), Day(2024, 12, 31)])
        #expect(days.map { $0.name } == ["Council closure", "Closure, between Christmas and New Year", "Local closure"])
        #expect(days.allSatisfy { $0.kind == .localClosure })
    }

    @Test("A file saved from Excel (byte order mark, Windows line endings) is read")
    func excelFile() throws {
        let days = try NonWorkingDayList.parse("\u{FEFF}2024-12-25,Christmas Day\r\n2024-12-26,Boxing Day\r\n", kind: .bankHoliday)
        #expect(days.map { $0.day } == [Day(2024, 12, 25), Day(2024, 12, 26)])
        #expect(days.map { $0.name } == ["Christmas Day", "Boxing Day"])
    }

    @Test("A bad line is an error naming the line number and its text", arguments: [
        ("2024-12-25,Christmas Day\n25/12/2024,Boxing Day\n", 2, "25/12/2024,Boxing Day"),
        ("# comment\n\n2024-02-30\n", 3, "2024-02-30"),
        ("2024-12-25\r\n2024-12-26\r\nBoxing Day\r\n", 3, "Boxing Day"),
    ])
    func badLine(text: String, line: Int, content: String) {
        #expect {
            try NonWorkingDayList.parse(text, kind: .bankHoliday)
        } throws: { error in
            guard let error = error as? NonWorkingDayList.LineError else { return false }
            return error.line == line && error.text == content
                && error.description.contains("line \(line)") && error.description.contains("YYYY-MM-DD")
        }
    }

    @Test("The built-in list written out reads back the same")
    func roundTrip() throws {
        let written = NonWorkingDayList.format(EnglandAndWalesBankHolidays.all)
        #expect(try NonWorkingDayList.parse(written, kind: .bankHoliday) == EnglandAndWalesBankHolidays.all)
        #expect(try WorkingDayCalendar(bankHolidayList: written, closureDayList: nil) == WorkingDayCalendar.englandAndWales)
    }
}
