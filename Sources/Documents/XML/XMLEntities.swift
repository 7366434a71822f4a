/// XML's character references: the five predefined entities and numeric references. Any
/// other name would need a DTD, which we refuse, so it is an error where it appears.
enum XMLEntities {
    /// The longest reference body we accept (`#x0010FFFF` with leading zeros allowed).
    static let maximumBodyLength = 12

    /// The character named by a reference's body, the bytes between `&` and `;`
    /// (`amp`, `#38`, `#x26`); nil for anything else, including characters XML forbids.
    static func character(named body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard let first = body.first else { return nil }
        if first == UInt8(ascii: "#") {
            var hexadecimal = false
            var index = 1
            if body.count > 1, body[1] == UInt8(ascii: "x") { hexadecimal = true; index = 2 }
            guard index < body.count else { return nil }
            var code: UInt32 = 0
            while index < body.count {
                let byte = body[index]
                let digit: UInt32
                switch byte {
                case 48...57: digit = UInt32(byte - 48)
                case 97...102 where hexadecimal: digit = UInt32(byte - 87)
                case 65...70 where hexadecimal: digit = UInt32(byte - 55)
                default: return nil
                }
                code = code * (hexadecimal ? 16 : 10) + digit
                guard code <= 0x10FFFF else { return nil }
                index += 1
            }
            guard code != 0 else { return nil }
            return Unicode.Scalar(code)
        }
        switch body.count {
        case 2 where body[0] == UInt8(ascii: "l") && body[1] == UInt8(ascii: "t"): return "<"
        case 2 where body[0] == UInt8(ascii: "g") && body[1] == UInt8(ascii: "t"): return ">"
        case 3 where body[0] == UInt8(ascii: "a") && body[1] == UInt8(ascii: "m") && body[2] == UInt8(ascii: "p"): return "&"
        case 4 where Array(body) == Array("quot".utf8): return "\""
        case 4 where Array(body) == Array("apos".utf8): return "'"
        default: return nil
        }
    }

    /// Attribute text with its references decoded; a reference that names nothing is kept as
    /// written (the attributes we read are numbers and cell addresses, never such text).
    static func decoding(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&"),
               let end = bytes[index...].prefix(maximumBodyLength + 2).firstIndex(of: UInt8(ascii: ";")),
               let scalar = character(named: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])) {
                result.append(contentsOf: String(Character(scalar)).utf8)
                index = end + 1
            } else {
                result.append(byte)
                index += 1
            }
        }
        return result
    }
}
