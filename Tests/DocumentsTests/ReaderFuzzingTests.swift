import Documents
import Foundation
import Testing

/// Mutation fuzzing of every reader. Each seed file is damaged many ways — bytes flipped,
/// cut short, spliced, repeated, hostile tokens inserted — and for the zipped formats the XML
/// inside is damaged too and zipped again, so the damage gets past the archive's checksums to
/// the XML readers. Every result must be a table or a `DocumentError` naming the file: never a
/// crash, a hang or another kind of error.
///
/// A test run does a few hundred cases per seed file; for a long run set the count and seed:
/// `OVERSIGHT_FUZZ_ITERATIONS=20000 OVERSIGHT_FUZZ_SEED=7 swift test --filter ReaderFuzzingTests`
/// (docs/import.md, "Fuzzing the readers").
@Suite struct ReaderFuzzingTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["OVERSIGHT_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 150
    static let seed = environment["OVERSIGHT_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_125

    /// A file to damage: its bytes, or for zipped formats its parts (damaged as text, then zipped).
    struct Seed: Sendable, CustomTestStringConvertible {
        var fileName: String
        var bytes: @Sendable () throws -> Data
        var parts: @Sendable () -> [(String, String)] = { [] }
        var testDescription: String { fileName }
    }

    static let seeds: [Seed] = [
        Seed(fileName: "tracker.csv", bytes: {
            Data(("\u{FEFF}Ref,Action,\"Lead(s)\",Due\n1.1,\"Audit plans, monthly\",\"Head of Service\nPrincipal SW\",31/07/2023\n"
                  + "1.2;semi;colon,\"quote \"\"inside\"\"\",,Q3 23-24\r\n").utf8)
        }),
        Seed(fileName: "plan.txt", bytes: {
            let text = try String(contentsOf: OfficeFixture.fixture("wokingham-ilacs-improvement-plan-2023.txt"), encoding: .utf8)
            return Data(text.prefix(12_000).utf8)
        }),
        Seed(fileName: "plan.html", bytes: {
            Data(("<html><body><h2>Plan</h2><table><tr><th>Ref</th><th>Action</th></tr>"
                  + "<tr><td>1.1</td><td><p>One &amp; two</p><ul><li>a</li><li>b</li></ul></td></tr>"
                  + "<tr><td colspan=\"2\">THEME 2: Planning</td></tr><tr><td>2.1</td><td>Plans &#x2013; SMART</td></tr></table></body></html>").utf8)
        }),
        Seed(fileName: "tracker.xlsx", bytes: { try workbook(workbookParts()) }, parts: workbookParts),
        Seed(fileName: "plan.docx", bytes: { try OfficeFixture.zip(documentParts()) }, parts: documentParts),
        Seed(fileName: "annex-a.xlsx", bytes: { try Data(contentsOf: OfficeFixture.fixture("ofsted-annex-a-template-2019.xlsx")) }),
    ]

    @Test("Damaged bytes give a table or an error naming the file", arguments: seeds)
    func damagedBytes(seed file: Seed) throws {
        var random = SplitMix(seed: Self.seed ^ UInt64(file.fileName.utf8.count))
        let original = try file.bytes()
        for _ in 0..<Self.iterations {
            try expectReadOrClearError(Mutation.apply(to: original, using: &random), fileName: file.fileName)
        }
    }

    @Test("Damaged XML inside a well-formed zip gives a table or an error naming the file",
          arguments: seeds.filter { !$0.parts().isEmpty })
    func damagedParts(seed file: Seed) throws {
        var random = SplitMix(seed: Self.seed &+ 1)
        let parts = file.parts()
        for _ in 0..<Self.iterations {
            var damaged = parts
            let target = random.next(below: parts.count)
            let text = Data(parts[target].1.utf8)
            damaged[target].1 = String(decoding: Mutation.apply(to: text, using: &random), as: UTF8.self)
            try expectReadOrClearError(try OfficeFixture.zip(damaged), fileName: file.fileName)
        }
    }

    func expectReadOrClearError(_ data: Data, fileName: String) throws {
        do {
            let document = try DocumentReader.read(data: data, fileName: fileName)
            // Reading what was found must not trap either.
            for table in document.tables { _ = table.rows.reduce(0) { $0 + $1.cells.count } }
        } catch {
            #expect(error.fileName == fileName)
            #expect(!error.message.isEmpty)
        }
    }

    static func workbookParts() -> [(String, String)] {
        let rows = (1...40).map { row in
            #"<row r="\#(row)"><c r="A\#(row)" t="s"><v>\#(row % 3)</v></c><c r="B\#(row)"><v>\#(45_000 + row)</v></c>"#
                + #"<c r="C\#(row)" t="inlineStr"><is><t>Lead &amp; \#(row)</t></is></c><c r="D\#(row)" s="1"><v>45\#(row)</v></c>"#
                + #"<c r="E\#(row)" t="b"><v>1</v></c><c r="F\#(row)" t="e"><v>#N/A</v></c></row>"#
        }.joined()
        let sheet = #"<?xml version="1.0" encoding="UTF-8"?><worksheet \#(OfficeFixture.spreadsheetNamespace)><sheetData>\#(rows)</sheetData>"#
            + #"<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#
        return [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook \#(OfficeFixture.spreadsheetNamespace)><workbookPr/><sheets><sheet name="Actions" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", #"<?xml version="1.0"?><sst \#(OfficeFixture.spreadsheetNamespace)><si><t>Ref</t></si><si><r><t>Rich </t></r><r><t>text</t></r></si><si><t xml:space="preserve"> Complete </t></si></sst>"#),
            ("xl/styles.xml", #"<?xml version="1.0"?><styleSheet \#(OfficeFixture.spreadsheetNamespace)><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#),
        ]
    }

    static func workbook(_ parts: [(String, String)]) throws -> Data { try OfficeFixture.zip(parts) }

    static func documentParts() -> [(String, String)] {
        let inner = "<w:tbl><w:tr>\(OfficeFixture.cell(["Nested"]))\(OfficeFixture.cell(["Table"]))</w:tr></w:tbl>"
        let rows = (1...12).map { row in
            "<w:tr>\(OfficeFixture.cell(["\(row).1"]))\(OfficeFixture.cell(["Action \(row)", "Second paragraph"], properties: #"<w:gridSpan w:val="2"/>"#))"
                + "<w:tc><w:tcPr><w:vMerge/></w:tcPr>\(OfficeFixture.paragraph("Lead"))\(inner)</w:tc></w:tr>"
        }.joined()
        let body = OfficeFixture.paragraph("Improvement plan", style: "Heading1") + "<w:tbl>\(rows)</w:tbl>"
        let xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\#(body)</w:body></w:document>"#
        return [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("word/document.xml", xml),
        ]
    }
}

/// Ways to damage a file, chosen at random.
enum Mutation {
    /// Fragments that have found bugs in readers before: markup, entities, quotes, separators,
    /// a DTD, huge numbers, odd encodings.
    static let tokens: [[UInt8]] = [
        "<", ">", "</", "/>", "&", "&amp;", "&#0;", "&#x110000;", "&#99999999999;", "\"", "'", ",", ";", "\t",
        "\r\n", "\n", "\r", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "<![CDATA[", "]]>", "<?xml ?>",
        "r=\"XFD1048577\"", "r=\"A0\"", "t=\"s\"", "<v>999999999</v>", "<v>-1</v>", "<v>1e309</v>",
        "<c>", "<row>", "<w:tc>", "<w:gridSpan w:val=\"999999\"/>", "<table>", "<td colspan=\"99999\">",
        "\u{FEFF}", "\u{0}", "é", "\u{1F600}",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xC3], [0xE2, 0x82], [0x80, 0x80]]

    static func apply(to data: Data, using random: inout SplitMix) -> Data {
        var bytes = [UInt8](data)
        for _ in 0...random.next(below: 3) {
            guard !bytes.isEmpty else {
                bytes = tokens[random.next(below: tokens.count)]
                continue
            }
            let at = random.next(below: bytes.count)
            switch random.next(below: 7) {
            case 0: bytes[at] ^= UInt8(1 << random.next(below: 8))
            case 1: bytes[at] = UInt8(random.next(below: 256))
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.next(below: 64)))
            case 3: bytes.insert(contentsOf: tokens[random.next(below: tokens.count)], at: at)
            case 4: bytes.removeSubrange(at...)
            case 5:
                let end = min(bytes.count, at + 1 + random.next(below: 256))
                let slice = Array(bytes[at..<end])
                bytes.insert(contentsOf: slice, at: random.next(below: bytes.count))
            default:
                let from = random.next(below: bytes.count)
                let length = min(bytes.count - from, random.next(below: 32))
                bytes.replaceSubrange(at..<min(bytes.count, at + length), with: bytes[from..<(from + length)])
            }
        }
        return Data(bytes)
    }
}

/// A small, seeded random source, so a failing case can be run again from its seed.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
