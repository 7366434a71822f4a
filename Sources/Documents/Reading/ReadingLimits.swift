/// Limits that keep a hostile or broken file from exhausting memory, disk or time. The
/// defaults (`standard`) are far above any real plan or tracker (a 100,000-row, 20-column
/// workbook is about 10 MB zipped and 150 MB unzipped) and suit files an operator chooses;
/// `upload` is for files sent to the web server by anyone signed in.
public struct ReadingLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes, before anything is read.
    public var maximumFileSize: Int
    /// Largest total of unzipped bytes across an .xlsx or .docx: checked against the sizes the
    /// archive declares, and again while unzipping, because a zip bomb can lie about them.
    public var maximumUncompressedSize: Int
    /// Largest unzipped size of one part that is streamed (a worksheet).
    public var maximumPartSize: Int
    /// Largest unzipped size of one part that is held whole in memory while it is read (the
    /// workbook, styles, relationships, shared strings, a Word document's text).
    public var maximumHeldPartSize: Int
    /// Most entries (files) an .xlsx or .docx may hold.
    public var maximumEntryCount: Int
    /// Most sheets a workbook may list.
    public var maximumSheetCount: Int
    /// Most rows read from one sheet or table; a guard against a sheet of a million empty rows.
    public var maximumRowCount: Int
    /// Most columns in one row.
    public var maximumColumnCount: Int
    /// Most cells laid out by one read, across every sheet and table, counting the empty cells
    /// a row lays out before its last value and the cells a span covers: a file cannot claim
    /// more cells than it holds and have them built.
    public var maximumCellCount: Int
    /// Most bytes of text in one cell or line.
    public var maximumCellTextLength: Int
    /// Most tables open inside one another (HTML and Word).
    public var maximumTableNesting: Int
    /// Longest one read may take; nil for no limit. Checked as the file is read, so a read
    /// stops within a fraction of a second of the limit.
    public var timeLimit: Duration?

    public init(
        maximumFileSize: Int = 200 * 1024 * 1024,
        maximumUncompressedSize: Int = 1024 * 1024 * 1024,
        maximumPartSize: Int = 1024 * 1024 * 1024,
        maximumHeldPartSize: Int = 256 * 1024 * 1024,
        maximumEntryCount: Int = 10_000,
        maximumSheetCount: Int = 10_000,
        maximumRowCount: Int = 1_048_576,
        maximumColumnCount: Int = 16_384,
        maximumCellCount: Int = 100_000_000,
        maximumCellTextLength: Int = 16 * 1024 * 1024,
        maximumTableNesting: Int = 64,
        timeLimit: Duration? = nil
    ) {
        self.maximumFileSize = maximumFileSize
        self.maximumUncompressedSize = maximumUncompressedSize
        self.maximumPartSize = maximumPartSize
        self.maximumHeldPartSize = maximumHeldPartSize
        self.maximumEntryCount = maximumEntryCount
        self.maximumSheetCount = maximumSheetCount
        self.maximumRowCount = maximumRowCount
        self.maximumColumnCount = maximumColumnCount
        self.maximumCellCount = maximumCellCount
        self.maximumCellTextLength = maximumCellTextLength
        self.maximumTableNesting = maximumTableNesting
        self.timeLimit = timeLimit
    }

    /// The limits used unless a caller chooses others: for files an operator reads from disk.
    public static let standard = ReadingLimits()

    /// For files uploaded through the web pages. Sized so that the largest real uploads fit
    /// with room to spare — a plan tracker of a few thousand rows, or one authority's Annex A
    /// (about 100,000 rows of 20 columns, 2 million cells, read in under half a second) — while
    /// anything built to cost more is refused within about a second and a few hundred MB:
    /// 4 million cells are about 100 MB laid out (see docs/benchmarks.md, hostile files).
    public static let upload = ReadingLimits(
        maximumFileSize: 50 * 1024 * 1024,
        maximumUncompressedSize: 384 * 1024 * 1024,
        maximumPartSize: 192 * 1024 * 1024,
        maximumHeldPartSize: 48 * 1024 * 1024,
        maximumEntryCount: 2_000,
        maximumSheetCount: 256,
        maximumRowCount: 1_048_576,
        maximumColumnCount: 16_384,
        maximumCellCount: 4_000_000,
        maximumCellTextLength: 1024 * 1024,
        maximumTableNesting: 16,
        timeLimit: .seconds(5)
    )
}
