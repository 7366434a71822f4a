import Core
import Foundation

/// Writes JSON straight into bytes, member by member.
///
/// Used for the API's largest answers (a plan's actions), where Foundation's `JSONEncoder`
/// and the generic `Codable` machinery were over half the time of the request. Callers write
/// members in sorted key order so the output matches what `JSONEncoder` with `.sortedKeys`
/// gives the other endpoints; a test checks the two agree.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value opens its container (no comma before it).
    private var atStart = true

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        atStart = true
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        atStart = false
    }

    mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        atStart = true
        for element in elements { body(&self, element) }
        bytes.append(UInt8(ascii: "]"))
        atStart = false
    }

    /// A member's name; the value written next belongs to it.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        atStart = true
    }

    // MARK: Members

    mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: Int64) {
        key(name)
        integer(value)
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        integer(Int64(value))
    }

    mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        separate()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
        atStart = false
    }

    mutating func member(_ name: StaticString, _ value: Day) {
        key(name)
        day(value)
    }

    /// Absent optionals are left out, as `Codable` does.
    mutating func member(_ name: StaticString, _ value: Day?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, _ value: Int?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, _ value: [String]) {
        key(name)
        array(value) { $0.string($1) }
    }

    mutating func member(_ name: StaticString, _ value: [Int64]) {
        key(name)
        array(value) { $0.integer($1) }
    }

    mutating func member<Value: JSONWritable>(_ name: StaticString, _ value: Value?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    mutating func member<Value: JSONWritable>(_ name: StaticString, _ values: [Value]) {
        key(name)
        array(values) { $1.write(to: &$0) }
    }

    // MARK: Values

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                escape(byte)
                runStart = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
        atStart = false
    }

    mutating func integer(_ value: Int64) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
        atStart = false
    }

    /// `"2023-09-30"`, as `Day` encodes itself.
    mutating func day(_ value: Day) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        digits(value.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        digits(value.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        digits(value.day, width: 2)
        bytes.append(UInt8(ascii: "\""))
        atStart = false
    }

    /// `"2026-11-05T16:00:00Z"`: whole seconds in UTC, as `JSONEncoder`'s `.iso8601` writes dates.
    mutating func timestamp(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (dayOrdinal, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let civil = Day(ordinal: dayOrdinal)
        separate()
        bytes.append(UInt8(ascii: "\""))
        digits(civil.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        digits(civil.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        digits(civil.day, width: 2)
        bytes.append(UInt8(ascii: "T"))
        digits(second / 3600, width: 2)
        bytes.append(UInt8(ascii: ":"))
        digits(second / 60 % 60, width: 2)
        bytes.append(UInt8(ascii: ":"))
        digits(second % 60, width: 2)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(UInt8(ascii: "\""))
        atStart = false
    }

    // MARK: Private

    private mutating func separate() {
        if !atStart { bytes.append(UInt8(ascii: ",")) }
        atStart = false
    }

    private mutating func digits(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var value = value
        // Wider values (a year past 9999) keep all their digits.
        while divisor * 10 <= value { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor))
            value %= divisor
            divisor /= 10
        }
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
}

/// A value the API writes with `JSONWriter` rather than `JSONEncoder`.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}
