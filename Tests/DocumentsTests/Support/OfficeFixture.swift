import Foundation
import ZIPFoundation

/// Builds small .xlsx and .docx files in memory from XML written in the test, so that each
/// test shows exactly what the file holds.
enum OfficeFixture {
    /// Zips parts (path, content) into an archive held in memory.
    static func zip(_ parts: [(String, Data)], compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, content) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(content.count), compressionMethod: compression
            ) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    static func zip(_ parts: [(String, String)], compression: CompressionMethod = .deflate) throws -> Data {
        try zip(parts.map { ($0.0, Data($0.1.utf8)) }, compression: compression)
    }

    static let spreadsheetNamespace = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// A workbook whose sheets hold the given `<sheetData>` XML (and anything after it, such
    /// as `<mergeCells>`).
    static func workbook(
        sheets: [(name: String, xml: String)], sharedStrings: [String] = [], styles: String? = nil,
        date1904: Bool = false
    ) throws -> Data {
        let sheetList = sheets.enumerated().map { index, sheet in
            #"<sheet name="\#(sheet.name)" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        let workbook = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook \#(spreadsheetNamespace)>"#
            + (date1904 ? #"<workbookPr date1904="1"/>"# : "<workbookPr/>")
            + "<sheets>\(sheetList)</sheets></workbook>"
        let relationships = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + "</Relationships>"
        var parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", relationships),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml",
                          #"<?xml version="1.0" encoding="UTF-8"?><worksheet \#(spreadsheetNamespace)>\#(sheet.xml)</worksheet>"#))
        }
        if !sharedStrings.isEmpty {
            let items = sharedStrings.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined()
            parts.append(("xl/sharedStrings.xml",
                          #"<?xml version="1.0"?><sst \#(spreadsheetNamespace) count="\#(sharedStrings.count)">\#(items)</sst>"#))
        }
        if let styles {
            parts.append(("xl/styles.xml", #"<?xml version="1.0"?><styleSheet \#(spreadsheetNamespace)>\#(styles)</styleSheet>"#))
        }
        return try zip(parts)
    }

    /// A Word document whose `<w:body>` holds the given XML.
    static func document(body: String) throws -> Data {
        let xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\#(body)</w:body></w:document>"#
        return try zip([
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("word/document.xml", xml),
        ])
    }

    /// A Word paragraph, optionally with a style.
    static func paragraph(_ text: String, style: String? = nil) -> String {
        let properties = style.map { #"<w:pPr><w:pStyle w:val="\#($0)"/></w:pPr>"# } ?? ""
        return "<w:p>\(properties)<w:r><w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r></w:p>"
    }

    /// A Word table cell holding paragraphs, with optional cell properties XML.
    static func cell(_ paragraphs: [String], properties: String = "") -> String {
        "<w:tc><w:tcPr>\(properties)</w:tcPr>\(paragraphs.map { paragraph($0) }.joined())</w:tc>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The fixtures folder copied into the test bundle.
    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
    }
}
