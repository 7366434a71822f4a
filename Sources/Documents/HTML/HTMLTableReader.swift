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
        for line in text.split(whereSeparator: \.isNewline).prefix(2000) where line.contains("\t") {
            let fields = line.split(separator: "\t").filter { !$0.allSatisfy(\.isWhitespace) }
            if fields.count >= 2 {
                rows += 1
                if rows >= atLeast { break }
            }
        }
        return rows
    }

    /// Tab-separated rows with HTML in their cells, or with prose lines between them.
    static func looksLikeTabSeparatedHTML(_ text: String) -> Bool {
        var tabLines = 0, proseLines = 0, markup = false
        for line in text.split(whereSeparator: \.isNewline).prefix(2000) {
            if line.contains("\t") {
                tabLines += 1
                if !markup, line.range(of: "<p>") != nil || line.range(of: "<li") != nil || line.range(of: "<br") != nil {
                    markup = true
                }
            } else if !line.allSatisfy(\.isWhitespace) {
                proseLines += 1
            }
        }
        return tabLines > 0 && (markup || proseLines > 0)
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

        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            // A line with a tab is a row, whatever its cells hold (a row whose only cell is a
            // RAG box drawn as a table starts with empty, tab-separated cells).
            if htmlBlock != nil || (!line.contains("\t") && occurrences(of: "<table", in: line, stoppingAt: 1) > 0) {
                if htmlBlock == nil {
                    closeTable()
                    htmlBlock = ""
                    htmlBlockStart = lineNumber
                }
                htmlBlock?.append(contentsOf: line)
                htmlBlock?.append("\n")
                htmlDepth += occurrences(of: "<table", in: line) - occurrences(of: "</table", in: line)
                if htmlDepth <= 0 { try closeHTMLBlock() }
                continue
            }
            if line.contains("\t") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                if isSeparatorRow(fields) { continue }
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
                if let long = fields.firstIndex(where: { $0.utf8.count > limits.maximumCellTextLength }) {
                    throw DocumentError(.cellTooLong(limit: limits.maximumCellTextLength), fileName: fileName,
                                        row: lineNumber, column: String(long + 1))
                }
                var cells = fields.map { field -> CellValue in
                    let cleaned = HTMLText.clean(String(field))
                    return cleaned.isEmpty ? .empty : .text(cleaned)
                }
                while let last = cells.last, case .empty = last { cells.removeLast() }
                guard !cells.isEmpty else { continue }
                rows.append(TableRow(number: lineNumber, cells: cells))
                guard rows.count <= limits.maximumRowCount else {
                    throw DocumentError(.tooManyRows(limit: limits.maximumRowCount), fileName: fileName, row: lineNumber)
                }
            } else if line.allSatisfy(\.isWhitespace) {
                continue  // blank lines do not end a table: PDF extraction leaves them at page breaks
            } else {
                closeTable()
                guard line.utf8.count <= limits.maximumCellTextLength else {
                    throw DocumentError(.cellTooLong(limit: limits.maximumCellTextLength), fileName: fileName, row: lineNumber)
                }
                // Prose lines lay out no cells, so the clock is read for them here.
                if lineNumber % 1024 == 0, let reason = budget.checkTime() {
                    throw DocumentError(reason, fileName: fileName, row: lineNumber)
                }
                let cleaned = HTMLText.clean(String(line))
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
        let needle = Array(tag.utf8)
        guard let first = needle.first else { return 0 }
        var count = 0
        var matched = 0
        for byte in line.utf8 {
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

    /// `--\t---\t--`: the rule PDF extraction draws at a page break.
    private static func isSeparatorRow(_ fields: [Substring]) -> Bool {
        // Most rows hold text: a first byte that is neither a space, a dash nor a colon (nor
        // the start of a Unicode space) answers without Foundation, which is slow per line.
        for field in fields {
            guard let byte = field.utf8.first(where: { $0 != 0x20 }) else { continue }
            if byte < 0x80 && byte != UInt8(ascii: "-") && byte != UInt8(ascii: ":") { return false }
            break
        }
        var sawDashes = false
        for field in fields {
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.allSatisfy({ $0 == "-" || $0 == ":" }) else { return false }
            sawDashes = true
        }
        return sawDashes
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
