/// What one read has spent against its `ReadingLimits`: cells laid out and time. Shared by
/// every sheet or table of the read, so a file cannot stay under a per-table limit a
/// thousand times over. Readers ask for `spend(cells:)` as they lay out cells and
/// `checkTime()` as they take in bytes; each answers with the limit passed, if any, for the
/// reader to throw in its own form (with the sheet and row it knows).
///
/// Not `Sendable`: one read, one task.
final class ReadingBudget {
    let limits: ReadingLimits
    private(set) var cellCount = 0
    private let deadline: ContinuousClock.Instant?
    /// Cells since the clock was last read: reading it per cell would cost more than the cell.
    private var cellsSinceClock = 0

    init(limits: ReadingLimits) {
        self.limits = limits
        deadline = limits.timeLimit.map { ContinuousClock.now.advanced(by: $0) }
    }

    /// Counts cells laid out; the limit passed, if it now is.
    func spend(cells: Int) -> DocumentError.Reason? {
        cellCount += cells
        if cellCount > limits.maximumCellCount { return .tooManyCells(limit: limits.maximumCellCount) }
        cellsSinceClock += cells
        if cellsSinceClock >= 16_384 {
            cellsSinceClock = 0
            return checkTime()
        }
        return nil
    }

    /// The time limit, if it has passed.
    func checkTime() -> DocumentError.Reason? {
        guard let deadline, let limit = limits.timeLimit, ContinuousClock.now > deadline else { return nil }
        return .tookTooLong(limit: limit)
    }
}
