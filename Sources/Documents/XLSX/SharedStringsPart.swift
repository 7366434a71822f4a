/// `xl/sharedStrings.xml`: the workbook's text, decoded once and shared by every cell that
/// points at it, so a repeated "In progress" is one `String`. Read by `XMLByteScanner`,
/// because a large tracker's shared strings run to tens of megabytes.
struct SharedStringsPart: XMLScanHandler {
    /// Each string is held for the whole read, so each is charged like a cell: ten million
    /// empty `<si/>` fit in a few megabytes of XML but not in memory.
    let budget: ReadingBudget
    private(set) var strings: [String] = []
    private var current = ByteRun(capacity: 256)
    private var inItem = false
    private var inText = false
    /// Phonetic runs (`rPh`) repeat East Asian text as a reading guide; they are not content.
    private var phoneticDepth = 0

    init(budget: ReadingBudget) { self.budget = budget }

    var wantsText: Bool { inText }

    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if name.is("si") {
            inItem = true
            current.removeAll()
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("t") {
            if inItem && phoneticDepth == 0 { inText = true }
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        if name.is("si") {
            if let reason = budget.spend(cells: 1) { throw XMLPartError(reason: reason) }
            strings.append(current.withBytes(OfficeText.text))
            inItem = false
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("t") {
            inText = false
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard current.count + bytes.count <= budget.limits.maximumCellTextLength else {
            throw XMLPartError(reason: .cellTooLong(limit: budget.limits.maximumCellTextLength))
        }
        current.append(bytes)
    }
}
