/// Decodes HTML character references: numeric (`&#8217;`, `&#x2019;`) and the named ones
/// plans actually contain. An unknown name is left as written rather than guessed.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index)..<semicolon]
            if let decoded = decodeReference(name) {
                result.append(decoded)
                index = text.index(after: semicolon)
            } else {
                result.append(character)
                index = text.index(after: index)
            }
        }
        return result
    }

    private static func decodeReference(_ name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let code = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            // References to nothing or to control characters become a replacement character.
            guard let code, let scalar = Unicode.Scalar(code), code != 0 else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return named[String(name)]
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "hellip": "\u{2026}", "bull": "\u{2022}",
        "pound": "\u{00A3}", "euro": "\u{20AC}", "copy": "\u{00A9}", "reg": "\u{00AE}",
        "trade": "\u{2122}", "deg": "\u{00B0}", "frac12": "\u{00BD}", "times": "\u{00D7}",
        "middot": "\u{00B7}", "sect": "\u{00A7}", "para": "\u{00B6}", "shy": "",
        "eacute": "\u{00E9}", "egrave": "\u{00E8}", "aacute": "\u{00E1}", "ouml": "\u{00F6}",
        "uuml": "\u{00FC}", "auml": "\u{00E4}", "ccedil": "\u{00E7}", "le": "\u{2264}", "ge": "\u{2265}",
    ]
}
