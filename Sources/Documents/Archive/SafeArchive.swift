import Foundation
import ZIPFoundation

/// A zip archive (the container of .xlsx and .docx files) opened with limits: the entry
/// count and the declared unzipped sizes are checked from the central directory when it is
/// opened, and the bytes actually inflated are counted again while reading, because a zip
/// bomb can declare small sizes and inflate to gigabytes.
///
/// Not `Sendable`: it wraps ZIPFoundation's `Archive`, a class that reads through one file
/// handle. Open one per reading task.
final class SafeArchive {
    let fileName: String
    let limits: ReadingLimits
    /// What reading this archive has spent: every reader of its parts charges the same one.
    let budget: ReadingBudget
    private let archive: Archive
    private let entries: [String: Entry]
    /// Bytes inflated so far across all entries of this archive.
    private var inflatedBytes = 0

    convenience init(url: URL, fileName: String, limits: ReadingLimits) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw DocumentError(.damagedArchive, fileName: fileName)
        }
        try self.init(archive: archive, fileName: fileName, limits: limits)
    }

    /// Opens an archive held in memory (an upload) through a temporary file. ZIPFoundation's
    /// in-memory archive traps when a damaged archive points past its own end (found by
    /// `ReaderFuzzingTests`), which would take the server down with it; read through a file
    /// handle the same archive just reads short and is reported as damaged. The file is
    /// unlinked as soon as it is open, so nothing is left behind whatever happens next.
    convenience init(data: Data, fileName: String, limits: ReadingLimits) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-upload-\(UUID().uuidString).zip")
        let archive: Archive
        do {
            try data.write(to: url, options: [.withoutOverwriting])
            defer { try? FileManager.default.removeItem(at: url) }
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw DocumentError(.damagedArchive, fileName: fileName)
        }
        try self.init(archive: archive, fileName: fileName, limits: limits)
    }

    private init(archive: Archive, fileName: String, limits: ReadingLimits) throws {
        self.archive = archive
        self.fileName = fileName
        self.limits = limits
        self.budget = ReadingBudget(limits: limits)
        var entries: [String: Entry] = [:]
        var declaredTotal: UInt64 = 0
        for entry in archive {
            guard entries.count < limits.maximumEntryCount else {
                throw DocumentError(.tooManyEntries(limit: limits.maximumEntryCount), fileName: fileName)
            }
            let (total, overflowed) = declaredTotal.addingReportingOverflow(entry.uncompressedSize)
            declaredTotal = total
            guard !overflowed, declaredTotal <= UInt64(limits.maximumUncompressedSize) else {
                throw DocumentError(.uncompressedTooLarge(limit: limits.maximumUncompressedSize), fileName: fileName)
            }
            // Part names are case-insensitive in Office files; some writers use a leading "/".
            entries[Self.key(entry.path)] = entry
        }
        // An archive with no entries at all is what a cut-short file often looks like.
        guard !entries.isEmpty else { throw DocumentError(.damagedArchive, fileName: fileName) }
        self.entries = entries
    }

    private static func key(_ path: String) -> String {
        (path.hasPrefix("/") ? String(path.dropFirst()) : path).lowercased()
    }

    func contains(_ path: String) -> Bool { entries[Self.key(path)] != nil }

    /// Declared unzipped size of a part, or nil when absent.
    func declaredSize(of path: String) -> Int? {
        entries[Self.key(path)].map { Int(clamping: $0.uncompressedSize) }
    }

    /// Passes a part's unzipped bytes to `consumer` in chunks, counting them against the
    /// limits: the archive's total, and `partLimit` for this part (by default the limit for a
    /// streamed part; parts held whole pass `maximumHeldPartSize`). The time limit is checked
    /// at every chunk, so a slow part stops however its consumer spends the time.
    func stream(_ path: String, partLimit: Int? = nil, consumer: (Data) throws -> Void) throws {
        guard let entry = entries[Self.key(path)] else {
            throw DocumentError(.missingPart(path), fileName: fileName)
        }
        let limit = limits.maximumUncompressedSize
        let partLimit = partLimit ?? limits.maximumPartSize
        // Refused from the directory when the declared size is already too much; counted
        // again below because the declaration can lie.
        guard entry.uncompressedSize <= UInt64(partLimit) else {
            throw DocumentError(.partTooLarge(part: path, limit: partLimit), fileName: fileName)
        }
        if let reason = budget.checkTime() { throw DocumentError(reason, fileName: fileName) }
        var partBytes = 0
        // What the consumer throws (a damaged sheet, or the caller of a row reader stopping
        // early) passes through as it is; only ZIPFoundation's own failures mean damage.
        var consumerError: (any Error)?
        var checksum = ZipChecksum()
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: true) { chunk in
                inflatedBytes += chunk.count
                partBytes += chunk.count
                guard inflatedBytes <= limit else {
                    throw DocumentError(.uncompressedTooLarge(limit: limit), fileName: fileName)
                }
                guard partBytes <= partLimit else {
                    throw DocumentError(.partTooLarge(part: path, limit: partLimit), fileName: fileName)
                }
                if let reason = budget.checkTime() { throw DocumentError(reason, fileName: fileName) }
                chunk.withUnsafeBytes { checksum.update($0) }
                do {
                    try consumer(chunk)
                } catch {
                    consumerError = error
                    throw error
                }
            }
        } catch {
            if let consumerError { throw consumerError }
            if let error = error as? DocumentError { throw error }
            // ZIPFoundation reports inflate failures and short reads here.
            throw DocumentError(.damagedArchive, fileName: fileName)
        }
        guard checksum.value == entry.checksum else { throw DocumentError(.damagedArchive, fileName: fileName) }
    }

    /// A whole part in memory: for the small parts (workbook, styles, relationships, a Word
    /// document's text). Sheets and shared strings are streamed instead.
    func data(of path: String) throws -> Data {
        var data = Data()
        if let size = declaredSize(of: path) { data.reserveCapacity(min(size, limits.maximumHeldPartSize, 64 * 1024 * 1024)) }
        try stream(path, partLimit: limits.maximumHeldPartSize) { data.append($0) }
        return data
    }
}
