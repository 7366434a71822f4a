import Foundation
import ZIPFoundation

/// Writes a Word document (.docx) block by block — headings, paragraphs, bulleted lists, tables,
/// page breaks — into A4 pages with "Page X of Y" at the foot, for papers that go into a
/// council's committee system. The body goes to a temporary file as it is written and is zipped
/// with the styles, numbering, footer and document properties at `close()`, so a long document
/// is never held in memory twice.
///
/// Text is escaped, and characters XML cannot hold become spaces, so any record's text can be
/// written as it is. Not `Sendable`: one writer per task.
public final class DOCXWriter {
    /// A stretch of text with one look.
    public struct Run: Sendable, Hashable {
        public var text: String
        public var isBold: Bool
        public var isItalic: Bool

        public init(_ text: String, bold: Bool = false, italic: Bool = false) {
            self.text = text
            isBold = bold
            isItalic = italic
        }

        public static func bold(_ text: String) -> Run { Run(text, bold: true) }
        public static func italic(_ text: String) -> Run { Run(text, italic: true) }
    }

    /// A table cell: one or more paragraphs, and an optional background fill.
    public struct Cell: Sendable, Hashable {
        public var paragraphs: [[Run]]
        /// A fill as six hex digits ("F6D7D2"). Colour must never be the only signal: the cell's
        /// text says what the colour means.
        public var shading: String?

        public init(paragraphs: [[Run]], shading: String? = nil) {
            self.paragraphs = paragraphs
            self.shading = shading
        }

        /// A cell of plain text, each line a paragraph.
        public init(_ text: String, bold: Bool = false, shading: String? = nil) {
            paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).map { [Run(String($0), bold: bold)] }
            self.shading = shading
        }
    }

    /// A table column: its heading and its share of the page's width.
    public struct Column: Sendable, Hashable {
        public var heading: String
        public var weight: Int

        public init(_ heading: String, weight: Int = 1) {
            self.heading = heading
            self.weight = max(weight, 1)
        }
    }

    /// What the document says about itself (File > Properties) and at the foot of each page.
    public struct Properties: Sendable, Hashable {
        public var title: String
        public var subject: String
        public var creator: String
        public var created: Date
        /// Printed at the foot of every page, left of "Page X of Y".
        public var footer: String

        public init(title: String, subject: String = "", creator: String = "Oversight", created: Date, footer: String = "") {
            self.title = title
            self.subject = subject
            self.creator = creator
            self.created = created
            self.footer = footer
        }
    }

    /// A4 with 2 cm margins, in twentieths of a point.
    static let pageWidth = 11_906, pageHeight = 16_838, margin = 1_134
    static var textWidth: Int { pageWidth - 2 * margin }

    private let destination: URL
    private let folder: URL
    private let properties: Properties
    private let handle: FileHandle
    private var buffer = ""
    private var isClosed = false

    /// Starts a document at `url` (replaced when it exists).
    public init(url: URL, properties: Properties) throws {
        destination = url
        self.properties = properties
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("docx-writer-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.appendingPathComponent("document.xml").path, contents: nil)
        handle = try FileHandle(forWritingTo: folder.appendingPathComponent("document.xml"))
        buffer.reserveCapacity(1 << 16)
        buffer += #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document \#(Self.namespaces)><w:body>"#
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Blocks

    /// A heading, level 1 to 3 (Word's Heading 1–3, so it shows in the navigation pane).
    public func heading(_ text: String, level: Int) throws {
        let level = min(max(level, 1), 3)
        paragraph(style: "Heading\(level)", [Run(text)])
        try flushIfLarge()
    }

    /// The document's title, larger than any heading.
    public func title(_ text: String) throws {
        paragraph(style: "Title", [Run(text)])
        try flushIfLarge()
    }

    /// A paragraph of body text.
    public func paragraph(_ runs: [Run]) throws {
        paragraph(style: nil, runs)
        try flushIfLarge()
    }

    /// A paragraph of plain body text.
    public func paragraph(_ text: String) throws {
        try paragraph([Run(text)])
    }

    /// A bulleted list, one item per element.
    public func bullets(_ items: [[Run]]) throws {
        for item in items {
            paragraph(style: "ListBullet", item)
        }
        try flushIfLarge()
    }

    /// A table whose heading row repeats at the top of each page it runs onto. Rows are never
    /// split across pages, so a reason is never parted from its action.
    public func table(columns: [Column], rows: [[Cell]]) throws {
        let total = columns.reduce(0) { $0 + $1.weight }
        let widths = columns.map { Self.textWidth * $0.weight / max(total, 1) }
        buffer += #"<w:tbl><w:tblPr><w:tblStyle w:val="PaperTable"/><w:tblW w:w="\#(Self.textWidth)" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        for width in widths { buffer += #"<w:gridCol w:w="\#(width)"/>"# }
        buffer += "</w:tblGrid>"
        buffer += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for (index, column) in columns.enumerated() {
            cell(Cell(column.heading, bold: true, shading: "E8E8E8"), width: widths[index])
        }
        buffer += "</w:tr>"
        for row in rows {
            buffer += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for index in columns.indices {
                cell(index < row.count ? row[index] : Cell(""), width: widths[index])
            }
            buffer += "</w:tr>"
            try flushIfLarge()
        }
        buffer += "</w:tbl>"
        // Word needs a paragraph between two tables, or it joins them into one.
        buffer += #"<w:p><w:pPr><w:pStyle w:val="TableGap"/></w:pPr></w:p>"#
    }

    /// Starts a new page.
    public func pageBreak() throws {
        buffer += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
        try flushIfLarge()
    }

    /// Finishes the document and writes the file.
    public func close() throws {
        guard !isClosed else { return }
        isClosed = true
        buffer += #"<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="\#(Self.pageWidth)" w:h="\#(Self.pageHeight)"/><w:pgMar w:top="\#(Self.margin)" w:right="\#(Self.margin)" w:bottom="\#(Self.margin)" w:left="\#(Self.margin)" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        try flush()
        try handle.close()
        try? FileManager.default.removeItem(at: destination)
        let archive = try Archive(url: destination, accessMode: .create)
        for (path, text) in packageParts() {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try archive.addEntry(with: "word/document.xml", fileURL: folder.appendingPathComponent("document.xml"), compressionMethod: .deflate)
    }

    // MARK: Markup

    private func paragraph(style: String?, _ runs: [Run]) {
        buffer += "<w:p>"
        if let style { buffer += #"<w:pPr><w:pStyle w:val="\#(style)"/></w:pPr>"# }
        for run in runs { self.run(run) }
        buffer += "</w:p>"
    }

    private func cell(_ cell: Cell, width: Int) {
        buffer += #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#
        if let shading = cell.shading { buffer += #"<w:shd w:val="clear" w:color="auto" w:fill="\#(MarkupText.escaped(shading))"/>"# }
        buffer += "</w:tcPr>"
        // A cell must hold at least one paragraph.
        for runs in cell.paragraphs.isEmpty ? [[]] : cell.paragraphs {
            paragraph(style: "TableText", runs)
        }
        buffer += "</w:tc>"
    }

    private func run(_ run: Run) {
        guard !run.text.isEmpty else { return }
        buffer += "<w:r>"
        if run.isBold || run.isItalic {
            buffer += "<w:rPr>"
            if run.isBold { buffer += "<w:b/>" }
            if run.isItalic { buffer += "<w:i/>" }
            buffer += "</w:rPr>"
        }
        // Line breaks and tabs are elements of their own in WordprocessingML.
        var first = true
        for line in run.text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { buffer += "<w:br/>" }
            first = false
            var firstPiece = true
            for piece in line.split(separator: "\t", omittingEmptySubsequences: false) {
                if !firstPiece { buffer += "<w:tab/>" }
                firstPiece = false
                guard !piece.isEmpty else { continue }
                buffer += #"<w:t xml:space="preserve">"#
                MarkupText.escape(String(piece), into: &buffer)
                buffer += "</w:t>"
            }
        }
        buffer += "</w:r>"
    }

    private func flushIfLarge() throws {
        if buffer.utf8.count > 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Package parts

    static let namespaces = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    private func packageParts() -> [(String, String)] {
        let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        let contentTypes = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#
        let rootRelationships = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#
        let documentRelationships = header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#
        let created = Self.w3cDate(properties.created)
        let core = header + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>\#(MarkupText.escaped(properties.title))</dc:title><dc:subject>\#(MarkupText.escaped(properties.subject))</dc:subject><dc:creator>\#(MarkupText.escaped(properties.creator))</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">\#(created)</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">\#(created)</dcterms:modified></cp:coreProperties>"#
        let app = header + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Oversight</Application></Properties>"#
        let numbering = header + #"<w:numbering \#(Self.namespaces)><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        var footerText = ""
        if !properties.footer.isEmpty {
            footerText = #"<w:r><w:t xml:space="preserve">\#(MarkupText.escaped(properties.footer))</w:t></w:r><w:r><w:tab/></w:r>"#
        }
        let footer = header + #"<w:ftr \#(Self.namespaces)><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>\#(footerText)<w:r><w:t xml:space="preserve">Page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> of </w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>"#
        return [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRelationships), ("docProps/core.xml", core), ("docProps/app.xml", app),
            ("word/_rels/document.xml.rels", documentRelationships), ("word/styles.xml", Self.styles), ("word/numbering.xml", numbering),
            ("word/footer1.xml", footer),
        ]
    }

    /// `2026-03-10T14:00:00Z`, as `dcterms:W3CDTF` wants.
    static func w3cDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year ?? 1970)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    /// Arial 11 pt body text, headings that keep with the text after them and show in the
    /// navigation pane (outline levels), compact table text, and a bordered table style.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles \#(namespaces)><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
        + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="160"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="360" w:hanging="360"/></w:pPr></w:style>"#
        + #"<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableGap"><w:name w:val="Table Gap"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:pos="\#(textWidth)"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#
        + #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        + #"<w:style w:type="table" w:customStyle="1" w:styleId="PaperTable"><w:name w:val="Paper Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        + "</w:styles>"
}
