import Foundation

/// Turns the bytes of a text file into a `String`: UTF-8 (with or without a byte order
/// mark), UTF-16 when it has a byte order mark, and otherwise Windows-1252, the encoding
/// Excel on Windows uses when it saves "CSV" rather than "CSV UTF-8". Never fails: every
/// byte has a Windows-1252 meaning (the five undefined ones become their Latin-1 controls).
enum TextDecoding {
    static func decode(_ data: Data) -> String {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return decodeUTF8OrWindows1252(data.dropFirst(3))
        }
        if data.starts(with: [0xFF, 0xFE]) {
            return String(data: data.dropFirst(2), encoding: .utf16LittleEndian) ?? decodeWindows1252(data)
        }
        if data.starts(with: [0xFE, 0xFF]) {
            return String(data: data.dropFirst(2), encoding: .utf16BigEndian) ?? decodeWindows1252(data)
        }
        return decodeUTF8OrWindows1252(data)
    }

    private static func decodeUTF8OrWindows1252(_ data: Data.SubSequence) -> String {
        // Validated and copied in one pass over the bytes.
        String(validating: data, as: UTF8.self) ?? decodeWindows1252(data)
    }

    static func decodeWindows1252<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if (0x80...0x9F).contains(byte), let special = windows1252High[Int(byte - 0x80)] {
                scalars.append(special)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// Windows-1252's characters for bytes 0x80–0x9F, where it differs from Latin-1.
    private static let windows1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
