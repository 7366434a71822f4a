/// JSON string literals written by hand where a whole encoder is not wanted (an audit value shown
/// to a person, one log line): one escaper, so both say the same and both are valid JSON.
public enum JSONText {
    /// Appends `text` as a JSON string: quotes, backslashes and every control character escaped
    /// (RFC 8259), and U+2028/U+2029 too, which some JavaScript readers take for line ends.
    public static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
