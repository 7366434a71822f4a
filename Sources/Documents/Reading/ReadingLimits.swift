/// Limits that keep a hostile or broken file from exhausting memory or disk. The defaults
/// are far above any real plan or tracker (a 100,000-row, 20-column workbook is about 10 MB
/// zipped and 150 MB unzipped).
public struct ReadingLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes, before anything is read.
    public var maximumFileSize: Int
    /// Largest total of unzipped bytes across an .xlsx or .docx: checked against the sizes the
    /// archive declares, and again while unzipping, because a zip bomb can lie about them.
    public var maximumUncompressedSize: Int
    /// Most entries (files) an .xlsx or .docx may hold.
    public var maximumEntryCount: Int
    /// Most rows read from one sheet or table; a guard against a sheet of a million empty rows.
    public var maximumRowCount: Int
    /// Most columns in one row.
    public var maximumColumnCount: Int

    public init(
        maximumFileSize: Int = 200 * 1024 * 1024,
        maximumUncompressedSize: Int = 1024 * 1024 * 1024,
        maximumEntryCount: Int = 10_000,
        maximumRowCount: Int = 1_048_576,
        maximumColumnCount: Int = 16_384
    ) {
        self.maximumFileSize = maximumFileSize
        self.maximumUncompressedSize = maximumUncompressedSize
        self.maximumEntryCount = maximumEntryCount
        self.maximumRowCount = maximumRowCount
        self.maximumColumnCount = maximumColumnCount
    }

    /// The limits used unless a caller chooses others.
    public static let standard = ReadingLimits()
}
