import Foundation

/// Text conventions of Office XML.
enum OfficeText {
    /// Cell or shared text from its UTF-8 bytes, unescaped. Most text has neither `_x` escapes
    /// nor carriage returns, and becomes a string without a second look.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "_")) || bytes.contains(13) else { return text }
        return unescape(text)
    }

    /// Decodes `_xHHHH_` escapes, which Excel writes for characters XML cannot hold
    /// (`_x000D_` for a carriage return), and turns Windows line ends into `\n`.
    static func unescape(_ text: String) -> String {
        var text = text
        if text.contains("_x") {
            var result = ""
            var index = text.startIndex
            while index < text.endIndex {
                if text[index] == "_", let end = text.index(index, offsetBy: 6, limitedBy: text.endIndex), end < text.endIndex,
                   text[text.index(after: index)] == "x", text[end] == "_",
                   let code = UInt32(text[text.index(index, offsetBy: 2)..<end], radix: 16),
                   let scalar = Unicode.Scalar(code) {
                    result.unicodeScalars.append(scalar)
                    index = text.index(after: end)
                } else {
                    result.append(text[index])
                    index = text.index(after: index)
                }
            }
            text = result
        }
        if text.utf8.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }
}
