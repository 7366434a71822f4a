/// Bytes gathered piece by piece and then emptied, over and over (a cell's value, the names
/// of the open elements): emptying keeps the storage, so a sheet of millions of cells reuses
/// one buffer instead of asking for memory at every cell.
struct ByteRun {
    private var storage: [UInt8] = []
    private(set) var count = 0

    init(capacity: Int) {
        storage = [UInt8](repeating: 0, count: capacity)
    }

    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let needed = count + bytes.count
        if needed > storage.count {
            storage.append(contentsOf: repeatElement(0, count: max(needed - storage.count, storage.count)))
        }
        storage.withUnsafeMutableBufferPointer { target in
            (target.baseAddress! + count).update(from: source, count: bytes.count)
        }
        count = needed
    }

    mutating func removeAll() { count = 0 }

    /// Keeps only the first `length` bytes.
    mutating func truncate(to length: Int) { count = length }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// The bytes from `start` to the end, as text: for messages.
    func text(from start: Int = 0) -> String {
        withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[start...]), as: UTF8.self) }
    }
}
