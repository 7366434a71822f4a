import Foundation
import Testing
import ZIPFoundation
@testable import Documents

/// Files built to hurt a server, or broken by accident: each gives a `DocumentError` that
/// names the file and says what is wrong, and none is read into memory whole.
@Suite("Hostile and broken files")
struct HostileFileTests {
    private static let sheet = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row></sheetData>"#

    @Test("A file over the size limit is refused before it is read")
    func fileTooLarge() throws {
        let limits = ReadingLimits(maximumFileSize: 100)
        let error = try #require(throws: DocumentError.self) {
            try DocumentReader.read(data: Data(repeating: 65, count: 101), fileName: "big.csv", limits: limits)
        }
        #expect(error.reason == .fileTooLarge(limit: 100))
        #expect(error.fileName == "big.csv")
    }

    @Test("An archive declaring more unzipped bytes than the limit is refused from its directory")
    func declaredSizeTooLarge() throws {
        let padding = String(repeating: "0", count: 200_000)
        let data = try OfficeFixture.workbook(sheets: [("S", Self.sheet + "<!--\(padding)-->")])
        let limits = ReadingLimits(maximumUncompressedSize: 100_000)
        let error = try #require(throws: DocumentError.self) { try DocumentReader.read(data: data, fileName: "bomb.xlsx", limits: limits) }
        #expect(error.reason == .uncompressedTooLarge(limit: 100_000))
    }

    @Test("An archive that lies about its sizes is stopped while unzipping")
    func lyingSizes() throws {
        let padding = String(repeating: "0", count: 300_000)
        var data = try OfficeFixture.workbook(sheets: [("S", Self.sheet + "<!--\(padding)-->")])
        // Rewrite every declared uncompressed size (local headers and central directory) to 1 byte.
        data = Self.rewritingDeclaredSizes(of: data, to: 1)
        let limits = ReadingLimits(maximumUncompressedSize: 100_000)
        let error = try #require(throws: DocumentError.self) {
            try XLSXReader(data: data, fileName: "liar.xlsx", limits: limits).table(sheetAt: 1)
        }
        #expect(error.reason == .uncompressedTooLarge(limit: 100_000))
    }

    @Test("An archive with too many entries is refused")
    func tooManyEntries() throws {
        var parts: [(String, String)] = (0..<50).map { ("filler/\($0).txt", "x") }
        parts.append(("xl/workbook.xml", "<workbook/>"))
        let data = try OfficeFixture.zip(parts)
        let error = try #require(throws: DocumentError.self) {
            try DocumentReader.read(data: data, fileName: "many.xlsx", limits: ReadingLimits(maximumEntryCount: 20))
        }
        #expect(error.reason == .tooManyEntries(limit: 20))
    }

    @Test("XML with a document type declaration is refused, so entities are never expanded")
    func billionLaughs() throws {
        let laughs = #"""
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
        """#
        let data = try OfficeFixture.zip([
            ("xl/workbook.xml", #"<workbook \#(OfficeFixture.spreadsheetNamespace)><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/worksheets/sheet1.xml", laughs),
        ])
        let error = try #require(throws: DocumentError.self) { try DocumentReader.read(data: data, fileName: "laughs.xlsx") }
        #expect(error.reason == .documentTypeDeclaration)
        #expect(error.sheet == "S")
    }

    @Test("An external entity in a Word document is refused")
    func externalEntity() throws {
        let xml = #"<?xml version="1.0"?><!-- hello --><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"#
        let data = try OfficeFixture.zip([("word/document.xml", xml)])
        let error = try #require(throws: DocumentError.self) { try DocumentReader.read(data: data, fileName: "xxe.docx") }
        #expect(error.reason == .documentTypeDeclaration)
        #expect(!error.message.contains("root:"))
    }

    @Test("A zip cut short is reported as damaged", arguments: [0.3, 0.6, 0.95])
    func truncatedZip(fraction: Double) throws {
        let data = try OfficeFixture.workbook(sheets: [("S", Self.sheet)])
        let cut = data.prefix(Int(Double(data.count) * fraction))
        let error = try #require(throws: DocumentError.self) { try DocumentReader.read(data: cut, fileName: "cut.xlsx") }
        #expect(error.reason == .damagedArchive)
        #expect(error.message.contains("damaged or incomplete"))
    }

    @Test("Malformed XML inside a workbook is reported as damaged, naming the sheet")
    func malformedXML() throws {
        let data = try OfficeFixture.workbook(sheets: [("Actions", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row>")])
        let error = try #require(throws: DocumentError.self) { try DocumentReader.read(data: data, fileName: "bad.xlsx") }
        guard case .malformedXML = error.reason else {
            Issue.record("expected malformed XML, got \(error)")
            return
        }
        #expect(error.sheet == "Actions")
    }

    @Test("A workbook named .docx is refused with a sentence saying what it really is")
    func workbookNamedDocx() throws {
        let data = try OfficeFixture.workbook(sheets: [("S", Self.sheet)])
        let error = try #require(throws: DocumentError.self) { try DocumentReader.read(data: data, fileName: "plan.docx") }
        #expect(error.reason == .formatMismatch(named: .docx, actual: .xlsx))
        #expect(error.description == "plan.docx: The file is named as a Word document (.docx) but is really an Excel workbook (.xlsx). Rename it with the right extension, or save it again from the program that made it.")
    }

    @Test("Old binary Office files and PDFs are named in the message", arguments: [
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "older Excel or Word"),
        (Array("%PDF-1.7 ...".utf8), "PDF"),
    ] as [([UInt8], String)])
    func binaryFormats(bytes: [UInt8], named: String) throws {
        let error = try #require(throws: DocumentError.self) { try DocumentReader.read(data: Data(bytes), fileName: "plan.xls") }
        #expect(error.message.contains(named))
    }

    @Test("Invalid UTF-8 in text does not stop reading")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array("Ref\tAction\n<p>1.1</p>\t<p>Bad ".utf8) + [0xFF, 0xC3] + Array("</p>\n".utf8)
        let document = try DocumentReader.read(data: Data(bytes), fileName: "odd.txt")
        #expect(document.tables.first?.rows.count == 2)
    }

    @Test("A row limit stops a sheet of endless rows")
    func rowLimit() throws {
        let rows = (1...50).map { #"<row r="\#($0)"><c r="A\#($0)"><v>1</v></c></row>"# }.joined()
        let data = try OfficeFixture.workbook(sheets: [("S", "<sheetData>\(rows)</sheetData>")])
        let error = try #require(throws: DocumentError.self) {
            try XLSXReader(data: data, fileName: "rows.xlsx", limits: ReadingLimits(maximumRowCount: 10)).table(sheetAt: 1)
        }
        #expect(error.reason == .tooManyRows(limit: 10))
        #expect(error.row == 11)
    }

    /// Overwrites the uncompressed-size field of every local header and central directory
    /// record, as a zip bomb would.
    static func rewritingDeclaredSizes(of data: Data, to size: UInt32) -> Data {
        var bytes = [UInt8](data)
        let sizeBytes = withUnsafeBytes(of: size.littleEndian) { Array($0) }
        var index = 0
        while index + 30 < bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B {
                if bytes[index + 2] == 0x03, bytes[index + 3] == 0x04 {
                    bytes.replaceSubrange(index + 22..<index + 26, with: sizeBytes)
                } else if bytes[index + 2] == 0x01, bytes[index + 3] == 0x02 {
                    bytes.replaceSubrange(index + 24..<index + 28, with: sizeBytes)
                }
            }
            index += 1
        }
        return Data(bytes)
    }
}
