import Foundation

/// Reads comma-, semicolon- or tab-separated values. The separator is detected from the
/// first lines (the one that splits them into the same number of fields most often);
/// quoted fields may hold separators, line breaks and doubled quotes (`""`). Text is
/// UTF-8 with or without a byte order mark, or Windows-1252 when it is not valid UTF-8.
public enum CSVReader {
    /// Reads a CSV file from disk.
    public static func read(url: URL, limits: ReadingLimits = .standard) throws(DocumentError) -> Document {
        let fileName = url.lastPathComponent
        let data = try DocumentReader.contents(of: url, fileName: fileName, limits: limits)
        return try read(data: data, fileName: fileName, limits: limits)
    }

    /// Reads CSV bytes.
    public static func read(data: Data, fileName: String, limits: ReadingLimits = .standard) throws(DocumentError) -> Document {
        try DocumentReader.checkSize(of: data, fileName: fileName, limits: limits)
        return try read(text: TextDecoding.decode(data), fileName: fileName, limits: limits)
    }

    /// Reads CSV text; the whole file is one table.
    static func read(text: String, fileName: String, limits: ReadingLimits) throws(DocumentError) -> Document {
        let separator = detectSeparator(in: text)
        var rows: [TableRow] = []
        try parse(text, separator: separator, fileName: fileName, limits: limits) { row in
            if !row.isBlank { rows.append(row) }
        }
        let table = Table(source: TableSource(fileName: fileName, format: .csv, index: 1), rows: rows)
        return Document(fileName: fileName, format: .csv, blocks: [.table(table)])
    }

    /// The separator among `,` `;` and tab that splits the first lines most consistently.
    public static func detectSeparator(in text: String) -> Character {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var counts: [[Int]] = Array(repeating: [], count: candidates.count)
        var current = Array(repeating: 0, count: candidates.count)
        var inQuotes = false, lines = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") {
                for index in candidates.indices { counts[index].append(current[index]) }
                current = Array(repeating: 0, count: candidates.count)
                lines += 1
                if lines == 20 { break }
                continue
            }
            if let index = candidates.firstIndex(of: byte) { current[index] += 1 }
        }
        if lines < 20 { for index in candidates.indices where current[index] > 0 { counts[index].append(current[index]) } }
        // Score: lines where the separator appears as often as on the first line, weighted by
        // that count; a separator absent from the first line scores nothing.
        var best = 0, bestScore = 0
        for index in candidates.indices {
            guard let first = counts[index].first, first > 0 else { continue }
            let agreeing = counts[index].filter { $0 == first }.count
            let score = agreeing * 1000 + first
            if score > bestScore { best = index; bestScore = score }
        }
        return Character(Unicode.Scalar(candidates[best]))
    }

    /// Whether text reads as CSV: its first line splits on the detected separator.
    static func looksLikeCSV(_ text: String) -> Bool {
        let separator = detectSeparator(in: text)
        guard let firstLine = text.split(separator: "\n", maxSplits: 1).first else { return false }
        return firstLine.contains(separator)
    }

    /// An unquoted field without its surrounding spaces and tabs. Spaces and tabs are trimmed
    /// as bytes; Foundation's trimming (through NSString on Linux, and most of the reading time)
    /// is left for fields that start or end with other Unicode spaces.
    static func unquotedText(_ bytes: [UInt8]) -> String {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Splits text into records, calling `onRow` for each with the line it starts on.
    static func parse(
        _ text: String, separator: Character, fileName: String, limits: ReadingLimits,
        onRow: (TableRow) throws(DocumentError) -> Void
    ) throws(DocumentError) {
        let separatorByte = separator.asciiValue ?? UInt8(ascii: ",")
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var fields: [CellValue] = []
        var field: [UInt8] = []
        var line = 1, recordStart = 1, quoteStart = 1, rowCount = 0
        var inQuotes = false, fieldWasQuoted = false, afterCarriageReturn = false
        // Whether the field so far is only spaces (where a quote may still open it): kept as
        // a flag because looking back over the field at every quote is quadratic.
        var fieldIsBlank = true
        let budget = ReadingBudget(limits: limits)

        func endField() throws(DocumentError) {
            let text = fieldWasQuoted ? String(decoding: field, as: UTF8.self) : unquotedText(field)
            fields.append(text.isEmpty ? .empty : .text(text))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
            fieldIsBlank = true
            guard fields.count <= limits.maximumColumnCount else {
                throw DocumentError(.tooManyColumns(limit: limits.maximumColumnCount), fileName: fileName, row: recordStart)
            }
        }
        func endRecord() throws(DocumentError) {
            try endField()
            while let last = fields.last, case .empty = last { fields.removeLast() }
            rowCount += 1
            guard rowCount <= limits.maximumRowCount else {
                throw DocumentError(.tooManyRows(limit: limits.maximumRowCount), fileName: fileName, row: recordStart)
            }
            // A line of 16,000 separators lays out 16,000 cells before the empty ones are trimmed.
            if let reason = budget.spend(cells: max(fields.count, 1)) {
                throw DocumentError(reason, fileName: fileName, row: recordStart)
            }
            try onRow(TableRow(number: recordStart, cells: fields))
            fields.removeAll(keepingCapacity: true)
            recordStart = line
        }

        let bytes = Array(text.utf8)
        var index = 0
        let maximumField = limits.maximumCellTextLength
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if field.count > maximumField {
                throw DocumentError(.cellTooLong(limit: maximumField), fileName: fileName, row: inQuotes ? quoteStart : recordStart)
            }
            if afterCarriageReturn {
                afterCarriageReturn = false
                if byte == newline { continue }  // the "\n" of a "\r\n" already ended the line
            }
            if inQuotes {
                if byte == quote {
                    if index < bytes.count && bytes[index] == quote {
                        field.append(quote)
                        fieldIsBlank = false
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == newline { line += 1 }
                    if byte != 0x20 { fieldIsBlank = false }
                    if byte == carriageReturn {
                        line += 1
                        field.append(newline)
                        if index < bytes.count && bytes[index] == newline { index += 1 }
                        continue
                    }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case quote where fieldIsBlank:
                // A quote opens a quoted field only at its start; elsewhere it is text.
                field.removeAll(keepingCapacity: true)
                inQuotes = true
                fieldWasQuoted = true
                quoteStart = line
            case separatorByte:
                try endField()
            case newline, carriageReturn:
                line += 1
                afterCarriageReturn = byte == carriageReturn
                try endRecord()
            default:
                if byte != 0x20 { fieldIsBlank = false }
                field.append(byte)
            }
        }
        if inQuotes {
            throw DocumentError(.unclosedQuote, fileName: fileName, row: quoteStart)
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { try endRecord() }
    }
}
