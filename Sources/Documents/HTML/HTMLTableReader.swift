import Foundation

/// Reads tables from HTML pages (`<table>`, with `colspan`, `rowspan` and nested tables)
/// and from plain text whose rows are tab-separated and whose cells hold HTML fragments:
/// the form of text extracted from a published PDF plan. Cell HTML becomes clean text
/// (see `HTMLText`).
///
/// In tab-separated text a table is a run of lines holding tabs, ended only by a line of
/// prose, which becomes a paragraph. Blank lines and lines of only dashes (`--\t---\t--`)
/// inside the run are dropped without ending it: PDF extraction leaves them at page breaks,
/// often in the middle of a table (an action and its continuation on the next page).
public enum HTMLTableReader {
    /// Reads a file from disk: an HTML page or tab-separated text, decided by content.
    public static func read(url: URL, limits: ReadingLimits = .standard) throws(DocumentError) -> Document {
        let fileName = url.lastPathComponent
        let data = try DocumentReader.contents(of: url, fileName: fileName, limits: limits)
        return try read(data: data, fileName: fileName, limits: limits)
    }

    /// Reads bytes: an HTML page or tab-separated text, decided by content.
    public static func read(data: Data, fileName: String, limits: ReadingLimits = .standard) throws(DocumentError) -> Document {
        try DocumentReader.checkSize(of: data, fileName: fileName, limits: limits)
        let text = TextDecoding.decode(data)
        return looksLikeHTMLPage(text)
            ? try readPage(text, fileName: fileName, limits: limits)
            : try readTabSeparated(text, fileName: fileName, limits: limits)
    }

    /// An HTML page: it starts with a doctype or `<html>`, or holds a `<table>` outside
    /// tab-separated rows. Text extracted from a PDF often draws a small `<table>` inside a
    /// cell of a tab-separated row (a "% complete" or RAG box): that is still tab-separated
    /// text, so the file is decided by its rows, not by one substring.
    static func looksLikeHTMLPage(_ text: String) -> Bool {
        let start = text.prefix(1024).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") { return true }
        guard occurrences(of: "<table", in: Substring(text), stoppingAt: 1) > 0 else { return false }
        return tabSeparatedRowCount(text, atLeast: 2) < 2
    }

    /// Lines (of the first 2000) where a tab separates two pieces of text — a row of a
    /// tab-separated table, not a line of an indented page; stops counting at `atLeast`.
    static func tabSeparatedRowCount(_ text: String, atLeast: Int) -> Int {
        var rows = 0
        forEachLine(of: text, upTo: 2000) { line in
            guard line.contains("\t") else { return true }
            let fields = line.split(separator: "\t").filter { !$0.allSatisfy(\.isWhitespace) }
            if fields.count >= 2 {
                rows += 1
                if rows >= atLeast { return false }
            }
            return true
        }
        return rows
    }

    /// Tab-separated rows with HTML in their cells, or with prose lines between them.
    static func looksLikeTabSeparatedHTML(_ text: String) -> Bool {
        var tabLines = 0, proseLines = 0, markup = false
        forEachLine(of: text, upTo: 2000) { line in
            if line.contains("\t") {
                tabLines += 1
                if !markup, line.range(of: "<p>") != nil || line.range(of: "<li") != nil || line.range(of: "<br") != nil {
                    markup = true
                }
            } else if !line.allSatisfy(\.isWhitespace) {
                proseLines += 1
            }
            return true
        }
        return tabLines > 0 && (markup || proseLines > 0)
    }

    /// The first `limit` lines of `text` that are not empty, as `text.split(whereSeparator:
    /// \.isNewline)` gives them, without splitting the rest of the file (which `split` does
    /// eagerly: the whole of a 300,000-line file to look at 2,000 lines); `body` answers false
    /// to stop. Lines end at LF, VT, FF, CR, NEL, U+2028 and U+2029, the characters
    /// `Character.isNewline` names; each is a `Character` of its own (or CR LF, one), so the
    /// lines start and end on `Character` boundaries.
    static func forEachLine(of text: String, upTo limit: Int, _ body: (Substring) -> Bool) {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var index = lineStart
        var lines = 0
        while index < utf8.endIndex {
            let byte = utf8[index]
            var newlineLength = 0
            if byte >= 0x0A && byte <= 0x0D {
                newlineLength = 1
            } else if byte == 0xC2 || byte == 0xE2 {
                let second = utf8.index(after: index)
                if second < utf8.endIndex {
                    if byte == 0xC2 {
                        if utf8[second] == 0x85 { newlineLength = 2 }
                    } else if utf8[second] == 0x80 {
                        let third = utf8.index(after: second)
                        if third < utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 { newlineLength = 3 }
                    }
                }
            }
            guard newlineLength > 0 else {
                index = utf8.index(after: index)
                continue
            }
            if lineStart < index {
                lines += 1
                guard body(text[lineStart..<index]), lines < limit else { return }
            }
            index = utf8.index(index, offsetBy: newlineLength)
            lineStart = index
        }
        if lineStart < utf8.endIndex { _ = body(text[lineStart..<utf8.endIndex]) }
    }

    // MARK: Tab-separated text

    static func readTabSeparated(_ text: String, fileName: String, limits: ReadingLimits) throws(DocumentError) -> Document {
        var blocks: [DocumentBlock] = []
        var rows: [TableRow] = []
        var heading: String?, precedingText: String?
        var tableHeading: String?, tablePrecedingText: String?
        var tableCount = 0
        let budget = ReadingBudget(limits: limits)

        func closeTable() {
            guard !rows.isEmpty else { return }
            tableCount += 1
            let source = TableSource(fileName: fileName, format: .tabSeparatedHTML, index: tableCount)
            blocks.append(.table(Table(source: source, rows: rows, heading: tableHeading, precedingText: tablePrecedingText)))
            rows = []
        }

        // An HTML table written as a block of lines of its own, among the tab-separated rows and
        // the prose (a text export can hold all three): read by the page reader, as a table of
        // this document, its rows numbered from the line where the block starts.
        var htmlBlock: String?
        var htmlBlockStart = 0
        var htmlDepth = 0
        func closeHTMLBlock() throws(DocumentError) {
            guard let block = htmlBlock else { return }
            htmlBlock = nil
            htmlDepth = 0
            // The block spends the file's budget: a file of many blocks is one read, not many.
            let page = try readPage(block, fileName: fileName, limits: limits, budget: budget)
            var renumbered: [Int: Int] = [:]
            for part in page.blocks {
                switch part {
                case .table(var table):
                    tableCount += 1
                    renumbered[table.source.index] = tableCount
                    table.source = TableSource(fileName: fileName, format: .tabSeparatedHTML, index: tableCount)
                    let offset = htmlBlockStart - 1
                    if let cell = table.enclosingCell {
                        // The enclosing table comes first in the block, so its new number is known.
                        table.enclosingCell = renumbered[cell.table].map { TableCellPosition(table: $0, row: cell.row + offset, column: cell.column) }
                    }
                    table.rows = table.rows.map { TableRow(number: $0.number + offset, cells: $0.cells) }
                    table.mergedRegions = table.mergedRegions.map {
                        CellRegion(firstRow: $0.firstRow + offset, firstColumn: $0.firstColumn, lastRow: $0.lastRow + offset, lastColumn: $0.lastColumn)
                    }
                    table.heading = table.heading ?? heading
                    table.precedingText = table.precedingText ?? precedingText
                    blocks.append(.table(table))
                case .paragraph(let paragraph):
                    blocks.append(.paragraph(Paragraph(text: paragraph.text, isHeading: paragraph.isHeading, number: htmlBlockStart)))
                }
            }
        }

        // The lines are read from the bytes (a line break and a tab are each a `Character` of
        // their own, so splitting bytes at them gives what splitting `Character`s gives); a
        // `String` is made only of what is kept.
        let bytes = Array(text.utf8)
        var cleaner = HTMLCellCleaner()
        var fields: [Range<Int>] = []
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            // Lines end at LF, CR LF or CR; the last line runs to the end (and is empty when
            // the text ends with a line break).
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
            let line = lineStart..<lineEnd
            lineStart = lineEnd < bytes.count && bytes[lineEnd] == 0x0D && lineEnd + 1 < bytes.count && bytes[lineEnd + 1] == 0x0A
                ? lineEnd + 2 : lineEnd + 1
            lineNumber += 1
            let hasTab = bytes[line].contains(0x09)
            // A line with a tab is a row, whatever its cells hold (a row whose only cell is a
            // RAG box drawn as a table starts with empty, tab-separated cells).
            if htmlBlock != nil || (!hasTab && occurrences(of: "<table", in: bytes[line], stoppingAt: 1) > 0) {
                if htmlBlock == nil {
                    closeTable()
                    htmlBlock = ""
                    htmlBlockStart = lineNumber
                }
                htmlBlock?.append(String(decoding: bytes[line], as: UTF8.self))
                htmlBlock?.append("\n")
                htmlDepth += occurrences(of: "<table", in: bytes[line]) - occurrences(of: "</table", in: bytes[line])
                if htmlDepth <= 0 { try closeHTMLBlock() }
                continue
            }
            if hasTab {
                fields.removeAll(keepingCapacity: true)
                var fieldStart = line.lowerBound
                for index in line where bytes[index] == 0x09 {
                    fields.append(fieldStart..<index)
                    fieldStart = index + 1
                }
                fields.append(fieldStart..<line.upperBound)
                if isSeparatorRow(bytes, fields) { continue }
                if rows.isEmpty {
                    tableHeading = heading
                    tablePrecedingText = precedingText
                }
                guard fields.count <= limits.maximumColumnCount else {
                    throw DocumentError(.tooManyColumns(limit: limits.maximumColumnCount), fileName: fileName, row: lineNumber)
                }
                if let reason = budget.spend(cells: fields.count) {
                    throw DocumentError(reason, fileName: fileName, row: lineNumber)
                }
                if let long = fields.firstIndex(where: { $0.count > limits.maximumCellTextLength }) {
                    throw DocumentError(.cellTooLong(limit: limits.maximumCellTextLength), fileName: fileName,
                                        row: lineNumber, column: String(long + 1))
                }
                var cells: [CellValue] = []
                cells.reserveCapacity(fields.count)
                for field in fields {
                    let cleaned = cleaner.clean(bytes, field)
                    cells.append(cleaned.isEmpty ? .empty : .text(cleaned))
                }
                while let last = cells.last, case .empty = last { cells.removeLast() }
                guard !cells.isEmpty else { continue }
                rows.append(TableRow(number: lineNumber, cells: cells))
                guard rows.count <= limits.maximumRowCount else {
                    throw DocumentError(.tooManyRows(limit: limits.maximumRowCount), fileName: fileName, row: lineNumber)
                }
            } else if isBlank(bytes, line) {
                continue  // blank lines do not end a table: PDF extraction leaves them at page breaks
            } else {
                closeTable()
                guard line.count <= limits.maximumCellTextLength else {
                    throw DocumentError(.cellTooLong(limit: limits.maximumCellTextLength), fileName: fileName, row: lineNumber)
                }
                // Prose lines lay out no cells, so the clock is read for them here.
                if lineNumber % 1024 == 0, let reason = budget.checkTime() {
                    throw DocumentError(reason, fileName: fileName, row: lineNumber)
                }
                let cleaned = cleaner.clean(bytes, line)
                guard !cleaned.isEmpty else { continue }
                let isHeading = looksLikeHeading(cleaned)
                blocks.append(.paragraph(Paragraph(text: cleaned, isHeading: isHeading, number: lineNumber)))
                precedingText = cleaned
                if isHeading { heading = cleaned.hasPrefix("#") ? String(cleaned.drop { $0 == "#" || $0 == " " }) : cleaned }
            }
        }
        closeTable()
        try closeHTMLBlock()  // a block never closed still gives what it holds
        return Document(fileName: fileName, format: .tabSeparatedHTML, blocks: blocks)
    }

    /// How many times a tag opening (`<table`, `</table`) occurs in a line, in any case.
    /// How often an ASCII tag (written in lower case) occurs in a line, in any case. Compared
    /// byte by byte: Foundation's case-insensitive search costs more than the rest of reading
    /// a line, and runs once for every line.
    private static func occurrences(of tag: String, in line: Substring, stoppingAt limit: Int = .max) -> Int {
        occurrences(of: tag, in: line.utf8, stoppingAt: limit)
    }

    private static func occurrences<Bytes: Sequence<UInt8>>(of tag: String, in line: Bytes, stoppingAt limit: Int = .max) -> Int {
        let needle = Array(tag.utf8)
        guard let first = needle.first else { return 0 }
        var count = 0
        var matched = 0
        for byte in line {
            let lower = byte >= 65 && byte <= 90 ? byte | 0x20 : byte
            if matched > 0, lower == needle[matched] {
                matched += 1
            } else {
                matched = lower == first ? 1 : 0
            }
            if matched == needle.count {
                count += 1
                if count >= limit { return count }
                matched = 0
            }
        }
        return count
    }

    /// `--\t---\t--`: the rule PDF extraction draws at a page break. Fields of ASCII are
    /// looked at as bytes (a space is the only ASCII character `.whitespaces` trims that a
    /// field can hold); a field with other characters goes through Foundation's trimming.
    private static func isSeparatorRow(_ bytes: [UInt8], _ fields: [Range<Int>]) -> Bool {
        var sawDashes = false
        for field in fields {
            guard bytes[field].allSatisfy({ $0 < 0x80 }) else {
                // Unicode spaces may surround the dashes: the field is judged as text.
                let trimmed = String(decoding: bytes[field], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                guard trimmed.allSatisfy({ $0 == "-" || $0 == ":" }) else { return false }
                sawDashes = true
                continue
            }
            var start = field.lowerBound, end = field.upperBound
            while start < end, bytes[start] == 0x20 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            if start == end { continue }
            guard bytes[start..<end].allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") }) else { return false }
            sawDashes = true
        }
        return sawDashes
    }

    /// A line of nothing but whitespace: decided on bytes when they are ASCII.
    private static func isBlank(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        var isASCII = true
        for index in line {
            let byte = bytes[index]
            if byte >= 0x80 { isASCII = false; break }
            if byte != 0x20 && !(byte >= 0x09 && byte <= 0x0D) { return false }
        }
        return isASCII || String(decoding: bytes[line], as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    /// In plain text a heading is a short line in capitals ("2. PLANNING") or a Markdown
    /// heading ("# Actions").
    static func looksLikeHeading(_ line: String) -> Bool {
        if line.hasPrefix("#") { return true }
        guard line.count <= 80, !line.contains("\n") else { return false }
        var letters = 0
        for character in line where character.isLetter {
            guard character.isUppercase else { return false }
            letters += 1
        }
        return letters >= 3
    }

    // MARK: HTML pages

    static func readPage(_ html: String, fileName: String, limits: ReadingLimits, budget: ReadingBudget? = nil) throws(DocumentError) -> Document {
        var page = HTMLPage(fileName: fileName, budget: budget ?? ReadingBudget(limits: limits))
        do {
            try HTMLTokenizer.tokenize(html) { token in try page.take(token) }
        } catch let error as DocumentError {
            throw error
        } catch {
            throw DocumentError(.unreadable(String(describing: error)), fileName: fileName)
        }
        do {
            return try page.finished()
        } catch let error as DocumentError {
            throw error
        } catch {
            throw DocumentError(.unreadable(String(describing: error)), fileName: fileName)
        }
    }
}
