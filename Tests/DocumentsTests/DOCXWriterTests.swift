import Documents
import Foundation
import Testing
import ZIPFoundation

@Suite("DOCX writer")
struct DOCXWriterTests {
    typealias Run = DOCXWriter.Run
    typealias Cell = DOCXWriter.Cell

    /// Writes a document with `build` and returns its file, removed after the test by the caller.
    static func written(footer: String = "Improvement Board, 10 March 2026", _ build: (DOCXWriter) throws -> Void) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString).docx")
        let writer = try DOCXWriter(url: url, properties: .init(title: "Board pack: Improvement Board", subject: "Board pack",
                                                                created: Date(timeIntervalSince1970: 1_773_151_200), footer: footer))
        try build(writer)
        try writer.close()
        return url
    }

    /// A part of the package as text.
    static func part(_ path: String, of url: URL) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("Headings, paragraphs, lists and tables read back in order, with the table titled from its heading")
    func roundTrip() throws {
        let url = try Self.written { writer in
            try writer.title("Northmoor Children's Services Improvement Board")
            try writer.heading("Agenda", level: 1)
            try writer.paragraph([.bold("Tuesday 10 March 2026"), Run(" at "), .italic("2pm")])
            try writer.table(columns: [.init("Item", weight: 1), .init("Title", weight: 5)],
                             rows: [[Cell("1"), Cell("Apologies and substitutes")],
                                    [Cell("2"), Cell(paragraphs: [[.bold("Placement sufficiency")], [Run("Exempt (Schedule 12A)")]])]])
            try writer.pageBreak()
            try writer.heading("Updates due", level: 2)
            try writer.bullets([[.bold("1.1"), Run(" Supervision audit")], [Run("2.3 Return interviews")]])
            try writer.heading("Level 9 is read as level 3", level: 9)
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let document = try DOCXReader.read(url: url)
        #expect(document.paragraphs.map(\.text) == [
            "Northmoor Children's Services Improvement Board", "Agenda", "Tuesday 10 March 2026 at 2pm",
            "Updates due", "1.1 Supervision audit", "2.3 Return interviews", "Level 9 is read as level 3",
        ])
        #expect(document.paragraphs.map(\.isHeading) == [true, true, false, true, false, false, true])
        let table = try #require(document.tables.first)
        #expect(table.heading == "Agenda")
        #expect(table.rows.map(\.texts) == [["Item", "Title"], ["1", "Apologies and substitutes"],
                                            ["2", "Placement sufficiency\nExempt (Schedule 12A)"]])
        let xml = try Self.part("word/document.xml", of: url)
        #expect(xml.contains(#"<w:pStyle w:val="Heading3"/>"#))
        #expect(xml.contains(#"<w:br w:type="page"/>"#))
        #expect(xml.contains("<w:b/>") && xml.contains("<w:i/>"))
    }

    @Test("A table's heading row repeats on every page, rows never split, and a RAG cell has its fill and its word")
    func tableForPrint() throws {
        let url = try Self.written { writer in
            try writer.table(columns: [.init("KPI"), .init("RAG")],
                             rows: (1...200).map { [Cell("KPI \($0)"), Cell("Red – Worse than target", bold: true, shading: "F6D7D2")] })
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let xml = try Self.part("word/document.xml", of: url)
        #expect(xml.components(separatedBy: "<w:tblHeader/>").count - 1 == 1, "only the first row is the heading row")
        #expect(xml.components(separatedBy: "<w:cantSplit/>").count - 1 == 201)
        #expect(xml.contains(#"<w:shd w:val="clear" w:color="auto" w:fill="F6D7D2"/>"#))
        let table = try #require(try DOCXReader.read(url: url).tables.first)
        #expect(table.rows.count == 201)
        #expect(table.rows[200].texts == ["KPI 200", "Red – Worse than target"])
    }

    @Test("Every page's foot says Page X of Y; styles, bullets and the document's title and date are in the package")
    func packageParts() throws {
        let url = try Self.written { try $0.paragraph("Text") }
        defer { try? FileManager.default.removeItem(at: url) }
        let footer = try Self.part("word/footer1.xml", of: url)
        #expect(footer.contains("Improvement Board, 10 March 2026"))
        #expect(footer.contains(#"<w:t xml:space="preserve">Page </w:t>"#))
        #expect(footer.contains(#"w:instr=" PAGE ""#) && footer.contains(#"w:instr=" NUMPAGES ""#))
        #expect(try Self.part("word/document.xml", of: url).contains(#"<w:footerReference w:type="default" r:id="rId3"/>"#))
        let styles = try Self.part("word/styles.xml", of: url)
        for style in ["Heading1", "Heading2", "Heading3", "Title", "ListBullet", "PaperTable"] {
            #expect(styles.contains(#"w:styleId="\#(style)""#), "styles.xml defines \(style)")
        }
        #expect(try Self.part("word/numbering.xml", of: url).contains(#"<w:numFmt w:val="bullet"/>"#))
        let core = try Self.part("docProps/core.xml", of: url)
        #expect(core.contains("<dc:title>Board pack: Improvement Board</dc:title>"))
        #expect(core.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-10T14:00:00Z</dcterms:created>"#))
        let types = try Self.part("[Content_Types].xml", of: url)
        #expect(types.contains("wordprocessingml.document.main+xml") && types.contains("wordprocessingml.footer+xml"))
    }

    @Test("Markup characters are escaped, control characters removed, line breaks and tabs kept")
    func escaping() throws {
        let hostile = "Ofsted <report> & \"plan\" 'A'\u{01}\u{0B}\u{FFFE}done\nsecond line\tafter a tab"
        let url = try Self.written(footer: "Board & <committee>") { writer in
            try writer.heading("<script>alert(1)</script>", level: 1)
            try writer.paragraph(hostile)
            try writer.table(columns: [.init("Text & notes")], rows: [[Cell(hostile)]])
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let document = try DOCXReader.read(url: url)
        #expect(document.paragraphs.map(\.text) == ["<script>alert(1)</script>", "Ofsted <report> & \"plan\" 'A' done\nsecond line\tafter a tab"])
        #expect(document.tables.first?.rows.map(\.texts) == [["Text & notes"], ["Ofsted <report> & \"plan\" 'A' done\nsecond line\tafter a tab"]])
        let xml = try Self.part("word/document.xml", of: url)
        #expect(!xml.contains("\u{01}") && !xml.contains("<script>"))
        #expect(xml.contains("<w:br/>") && xml.contains("<w:tab/>"))
        #expect(try Self.part("word/footer1.xml", of: url).contains("Board &amp; &lt;committee&gt;"))
    }
}
