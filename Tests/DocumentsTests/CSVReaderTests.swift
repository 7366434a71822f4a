import Foundation
import Testing
@testable import Documents

@Suite("Reading CSV files")
struct CSVReaderTests {
    private func table(_ bytes: [UInt8], name: String = "tracker.csv") throws -> Table {
        try #require(try CSVReader.read(data: Data(bytes), fileName: name).tables.first)
    }

    private func table(_ text: String, name: String = "tracker.csv") throws -> Table {
        try table(Array(text.utf8), name: name)
    }

    @Test("A UTF-8 byte order mark is not part of the first heading")
    func byteOrderMark() throws {
        let table = try table([0xEF, 0xBB, 0xBF] + Array("Ref,Action\n1.1,Café visits\n".utf8))
        #expect(table.rows[0].texts == ["Ref", "Action"])
        #expect(table.rows[1].texts == ["1.1", "Café visits"])
    }

    @Test("Text that is not valid UTF-8 is read as Windows-1252")
    func windows1252() throws {
        // "Children’s – £5" as Excel on Windows saves it.
        let bytes: [UInt8] = Array("Ref,Note\n1,Children".utf8) + [0x92] + Array("s ".utf8) + [0x96, 0x20, 0xA3] + Array("5\n".utf8)
        #expect(try table(bytes).rows[1][column: 2].text == "Children\u{2019}s \u{2013} £5")
    }

    @Test("Quoted fields keep separators, doubled quotes and line breaks; rows keep the line they start on")
    func quotedFields() throws {
        let text = "Ref,Action,Due\r\n1.1,\"Train staff, then audit\",Nov 2019\r\n1.2,\"Say \"\"no\"\" to drift\nand delay\",\"\"\r\n1.3,Last,Dec 2019\r\n"
        let table = try table(text)
        #expect(table.rows.count == 4)
        #expect(table.rows[1].texts == ["1.1", "Train staff, then audit", "Nov 2019"])
        #expect(table.rows[2].texts == ["1.2", "Say \"no\" to drift\nand delay"])
        #expect(table.rows.map(\.number) == [1, 2, 3, 5])
    }

    @Test("The separator is detected", arguments: [
        ("Ref;Action;Due\n1.1;Train; staff\n1.2;Audit;Dec", ";"),
        ("Ref\tAction\tDue\n1.1\tTrain, staff\tNov\n", "\t"),
        ("Ref,Action,Due\n1.1,\"a;b\",Nov\n", ","),
    ])
    func separatorDetection(text: String, separator: String) throws {
        #expect(CSVReader.detectSeparator(in: text) == Character(separator))
        #expect(try table(text).rows[0].texts == ["Ref", "Action", "Due"])
    }

    @Test("A quote that is never closed is an error naming the line it opens on")
    func unclosedQuote() throws {
        let error = try #require(throws: DocumentError.self) { try table("Ref,Action\n1.1,\"never closed\n1.2,next\n") }
        #expect(error.reason == .unclosedQuote)
        #expect(error.row == 2)
        #expect(error.fileName == "tracker.csv")
    }

    @Test("Blank lines are skipped and trailing empty cells trimmed")
    func blankLines() throws {
        let table = try table("Ref,Action,,\n\n,,\n1.1,Train,,\n")
        #expect(table.rows.map(\.number) == [1, 4])
        #expect(table.rows[1].cells == [.text("1.1"), .text("Train")])
    }
}
