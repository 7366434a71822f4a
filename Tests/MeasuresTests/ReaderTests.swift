import Core
import Documents
import Foundation
import Testing
import ZIPFoundation
@testable import Measures

@Suite("Annex A reader")
struct AnnexAReaderTests {
    @Test("every list's headers in the 2019 template are recognised")
    func templateHeaders() throws {
        let reader = try XLSXReader(url: Build.fixtures.appendingPathComponent("ofsted-annex-a-template-2019.xlsx"))
        var found: [AnnexAList: [AnnexAField: Int]] = [:]
        for name in reader.sheetNames {
            guard let list = AnnexAList.from(sheetName: name) else { continue }
            try reader.forEachRow(inSheet: name) { row in
                if found[list] == nil, let columns = AnnexAReader.columns(ofHeaderRow: row.cells, list: list) { found[list] = columns }
            }
        }
        #expect(Set(found.keys) == Set(AnnexAList.allCases))
        for list in AnnexAList.allCases {
            let missing = list.fields.filter { found[list]?[$0] == nil }
            #expect(missing.isEmpty, "\(list): \(missing)")
        }
        let inputs = try AnnexAReader.read(url: Build.fixtures.appendingPathComponent("ofsted-annex-a-template-2019.xlsx"))
        #expect(inputs.dataQuality.isEmpty)
        #expect(inputs.supplied == Set((3...10).map { "list\($0)" }))
    }

    @Test("the small workbook: Excel dates, text dates, (DD/MM/YYYY) headers, a bad date reported by sheet, row and column")
    func smallWorkbook() throws {
        let inputs = try AnnexAReader.read(url: Build.fixtures.appendingPathComponent("small-annex-a.xlsx"))
        #expect(inputs.assessments.map(\.child.childID) == ["A1", "A2", "A3", "A4", "A5"])
        let a1 = inputs.assessments[0]
        #expect(a1.start == Day(2024, 3, 28))
        #expect(a1.authorised == Day(2024, 6, 5))
        #expect(a1.childSeen == .yes)
        #expect(a1.child.team == "North")
        #expect(a1.child.gender == "Male")
        #expect(inputs.assessments[2].start == Day(2024, 4, 1))
        #expect(inputs.assessments[2].authorised == Day(2024, 4, 15))
        #expect(inputs.assessments[3].authorised == nil)
        #expect(inputs.dataQuality == [DataQualityIssue(sheet: "List_4", row: 6, column: "Continuous Assessment Date of Authorisation",
                                                        reason: "'31/02/2024' is not a date")])
        #expect(inputs.enquiries.count == 2)
    }

    @Test("tolerant matching: sheet names, header spelling, bare codes; bad codes and missing ids reported")
    func tolerant() throws {
        // Sheet "LIST 3 - Referrals", headers in other spellings, a title row above the header.
        let rows: [[String]] = [
            ["Referrals"],
            ["child unique id", "AGE", "Date Of Referral (dd/mm/yyyy)", "Referral  NFA", "Number of referrals in last 12 months", "Team"],
            ["R1", "7", "2024-04-02", "Y", "0", "North"],
            ["R2", "8", "45383", "b) No", "2", "North"], // serial 45383 = 2024-04-01
            ["R3", "9", "03/04/2024", "maybe", "x", "South"],
            ["", "9", "03/04/2024", "Yes", "0", "South"],
        ]
        let data = try Workbook.make(sheets: [("LIST 3 - Referrals", rows)])
        let inputs = try AnnexAReader.read(data: data, fileName: "returns.xlsx")
        #expect(inputs.referrals.map(\.child.childID) == ["R1", "R2", "R3"])
        #expect(inputs.referrals.map(\.date) == [Day(2024, 4, 2), Day(2024, 4, 1), Day(2024, 4, 3)])
        #expect(inputs.referrals.map(\.nfa) == [.yes, .no, nil])
        #expect(inputs.referrals[0].child.statedAge == 7)
        #expect(inputs.dataQuality.map(\.reason) == ["unknown code 'maybe'", "'x' is not a whole number", "no child id: row not used"])
        #expect(inputs.dataQuality.map(\.row) == [5, 5, 6])
        #expect(inputs.dataQuality[0].column == "Referral  NFA")
        #expect(inputs.dataQuality[0].sheet == "LIST 3 - Referrals")
    }

    @Test("end before start marks the later date unusable")
    func endBeforeStart() throws {
        let rows: [[String]] = [
            ["Child Unique ID", "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"],
            ["A1", "2024-05-01", "2024-04-01"],
        ]
        let inputs = try AnnexAReader.read(data: try Workbook.make(sheets: [("List_4", rows)]), fileName: "a.xlsx")
        #expect(inputs.assessments.first?.unusable == ["assessmentAuthorised"])
        #expect(inputs.dataQuality.first?.reason.hasPrefix("authorised before the assessment started") == true)
        let result = MeasureEngine(inputs: inputs).compute("ASM-45WD", period: q1, asAt: june30)!
        #expect(result.denominator == 0)
        #expect(result.excluded.count == 1)
    }

    @Test("codes and dates", arguments: [
        ("a) Yes", YesNo.yes), ("Yes", .yes), ("y", .yes), ("b) No", .no), ("N", .no), ("c) Unknown", .unknown),
    ])
    func codes(text: String, answer: YesNo) {
        #expect(HeaderText.yesNo(text) == answer)
    }

    @Test("dates as text")
    func dates() {
        #expect(DateText.day("28/03/2024") == Day(2024, 3, 28))
        #expect(DateText.day("1/4/2024") == Day(2024, 4, 1))
        #expect(DateText.day("2024-03-28") == Day(2024, 3, 28))
        #expect(DateText.day("2024-03-28T00:00:00") == Day(2024, 3, 28))
        #expect(DateText.day("31/02/2024") == nil)
        #expect(DateText.day(.number(45379)) == Day(2024, 3, 28))
        #expect(DateText.stamp("2024-03-28T14:05")?.moment == Moment(2024, 3, 28, 14, 5))
        #expect(DateText.stamp("28/03/2024 14:05")?.moment == Moment(2024, 3, 28, 14, 5))
        #expect(DateText.stamp("2024-03-28")?.moment == nil)
        #expect(HeaderText.key("Date of Birth (DD/MM/YYYY)") == HeaderText.key("date of birth"))
        #expect(HeaderText.key("Number of Episodes the Child has been 'Missing'") == HeaderText.key("Number of Episodes the Child has been ‘Missing’"))
    }
}

@Suite("Local event reader")
struct LocalEventReaderTests {
    @Test("contacts and missing episodes from CSV, with bad rows reported")
    func csv() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        contact_id,child_id,received_at,decided_at,outcome,category
        K1,C1,2024-06-01T09:00,2024-06-01T15:30,NFA,cp
        K2,C2,2024-06-01T09:00,2024-05-31T09:00,Referral,advice
        K3,,2024-06-01T09:00,,NFA,cp
        K4,C4,yesterday,,NFA,cp
        """.write(to: folder.appendingPathComponent("contacts.csv"), atomically: true, encoding: .utf8)
        try """
        child_id,missing_start,missing_end,rhi_offered_at,rhi_completed_at
        M1,2024-06-01 20:00,2024-06-02 10:00,2024-06-02 12:00,2024-06-03 10:00
        """.write(to: folder.appendingPathComponent("Missing Episodes.csv"), atomically: true, encoding: .utf8)
        let inputs = try LocalEventReader.read(folder: folder)
        #expect(inputs.contacts.map(\.contactID) == ["K1", "K2", "K4"])
        #expect(inputs.contacts[0].decided?.moment == Moment(2024, 6, 1, 15, 30))
        #expect(inputs.contacts[1].unusable == ["decided_at"])
        #expect(inputs.missingEpisodes.first?.interviewCompleted?.moment == Moment(2024, 6, 3, 10, 0))
        #expect(inputs.supplied == ["contacts", "missing_episodes"])
        #expect(inputs.dataQuality.map(\.row) == [3, 4, 5])
        #expect(inputs.dataQuality.map(\.sheet) == ["contacts.csv", "contacts.csv", "contacts.csv"])
    }
}

/// Builds a workbook in memory: text cells as inline strings, numeric-looking cells as numbers.
enum Workbook {
    static func make(sheets: [(String, [[String]])]) throws -> Data {
        let ns = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
        var parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook \(ns)><sheets>" + sheets.enumerated().map { #"<sheet name="\#($1.0)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined() + "</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined() + "</Relationships>"),
        ]
        for (index, sheet) in sheets.enumerated() {
            var xml = "<sheetData>"
            for (r, row) in sheet.1.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, text) in row.enumerated() where !text.isEmpty {
                    let ref = String(UnicodeScalar(UInt8(65 + c))) + String(r + 1)
                    if Double(text) != nil { xml += "<c r=\"\(ref)\"><v>\(text)</v></c>" }
                    else {
                        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                        xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped)</t></is></c>"
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData>"
            parts.append(("xl/worksheets/sheet\(index + 1).xml", "<?xml version=\"1.0\"?><worksheet \(ns)>\(xml)</worksheet>"))
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let content = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(content.count), compressionMethod: .deflate) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }
}
