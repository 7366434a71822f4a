import Foundation
import ZIPFoundation

/// Writes an Excel workbook (.xlsx) sheet by sheet, row by row, without holding the sheets in
/// memory: each sheet's XML goes to a temporary file, zipped into the workbook at `close()`.
///
/// Cells: text (inline strings), numbers, true/false, and dates, written as serial numbers in
/// the 1900 system with the built-in `d/m/yyyy`-style date format (14), which `XLSXReader`
/// reads back as dates. Not `Sendable`: one writer per task.
public final class XLSXWriter {
    /// A cell to write.
    public enum Cell: Sendable, Hashable {
        case empty
        case text(String)
        case number(Double)
        case boolean(Bool)
        /// A calendar date.
        case date(year: Int, month: Int, day: Int)
    }

    private let destination: URL
    private let folder: URL
    private var sheetNames: [String] = []
    private var handle: FileHandle?
    private var buffer = Data()
    private var rowNumber = 0

    /// Starts a workbook at `url` (replaced when it exists).
    public init(url: URL) throws {
        destination = url
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-writer-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Starts a new sheet; rows go to it until the next `addSheet` or `close`.
    public func addSheet(named name: String) throws {
        try finishSheet()
        sheetNames.append(name)
        let url = sheetURL(sheetNames.count)
        FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        rowNumber = 0
        buffer.append(contentsOf: Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.utf8))
    }

    /// Appends a row to the current sheet.
    public func addRow(_ cells: [Cell]) throws {
        precondition(handle != nil, "addSheet before addRow")
        rowNumber += 1
        var xml = "<row r=\"\(rowNumber)\">"
        for (index, cell) in cells.enumerated() {
            let reference = Self.columnName(index) + String(rowNumber)
            switch cell {
            case .empty: continue
            case .text(let text):
                xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(text))</t></is></c>"
            case .number(let number):
                xml += "<c r=\"\(reference)\"><v>\(Self.format(number))</v></c>"
            case .boolean(let value):
                xml += "<c r=\"\(reference)\" t=\"b\"><v>\(value ? 1 : 0)</v></c>"
            case let .date(year, month, day):
                xml += "<c r=\"\(reference)\" s=\"1\"><v>\(Self.serial(year: year, month: month, day: day))</v></c>"
            }
        }
        xml += "</row>"
        buffer.append(contentsOf: Array(xml.utf8))
        if buffer.count > 1 << 20 { try flush() }
    }

    /// Finishes the workbook and writes the file.
    public func close() throws {
        try finishSheet()
        try? FileManager.default.removeItem(at: destination)
        let archive = try Archive(url: destination, accessMode: .create)
        let ns = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
        let contentTypes = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheetNames.indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined()
            + "</Types>"
        let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        let workbook = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook \#(ns)><sheets>"#
            + sheetNames.enumerated().map { #"<sheet name="\#(Self.escape($1))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
            + "</sheets></workbook>"
        let relationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheetNames.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + #"<Relationship Id="rId\#(sheetNames.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
        let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#
        for (path, text) in [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRelationships), ("xl/workbook.xml", workbook),
                             ("xl/_rels/workbook.xml.rels", relationships), ("xl/styles.xml", styles)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        for index in sheetNames.indices {
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", fileURL: sheetURL(index + 1), compressionMethod: .deflate)
        }
    }

    // MARK: Helpers

    private func sheetURL(_ number: Int) -> URL { folder.appendingPathComponent("sheet\(number).xml") }

    private func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func finishSheet() throws {
        guard let current = handle else { return }
        buffer.append(contentsOf: Array("</sheetData></worksheet>".utf8))
        try flush()
        try current.close()
        handle = nil
    }

    /// `A`, `B`, … `Z`, `AA`, … for a 0-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Days since 1899-12-30 (Excel's 1900 system, past its phantom 29 Feb 1900).
    static func serial(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 + 25_569
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    static func escape(_ text: String) -> String { MarkupText.escaped(text) }
}
