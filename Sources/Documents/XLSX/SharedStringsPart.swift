/// `xl/sharedStrings.xml`: the workbook's text, decoded once and shared by every cell that
/// points at it, so a repeated "In progress" is one `String`.
final class SharedStringsPart: XMLEventHandler {
    private(set) var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    /// Phonetic runs (`rPh`) repeat East Asian text as a reading guide; they are not content.
    private var phoneticDepth = 0

    override func start(_ name: Substring, attributes: [String: String]) throws {
        switch name {
        case "si": inItem = true; current = ""
        case "rPh": phoneticDepth += 1
        case "t" where inItem && phoneticDepth == 0: inText = true
        default: break
        }
    }

    override func end(_ name: Substring) throws {
        switch name {
        case "si":
            strings.append(OfficeText.unescape(current))
            inItem = false
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }

    override func characters(_ text: String) throws {
        if inText { current += text }
    }
}
