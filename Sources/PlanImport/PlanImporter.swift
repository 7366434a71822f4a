import Core
import Documents
import Foundation

/// Recognises plans, areas, actions, milestones and measures in the tables of a document.
///
/// ```swift
/// let result = try PlanImporter.importPlans(url: fileURL)
/// for plan in result.plans { print(plan.draft.plan.title, plan.actions.count) }
/// ```
///
/// The rules, in the order a reader meets them, are described in `docs/import.md`.
public enum PlanImporter {
    /// Reads a file and recognises the plans in it. A file that cannot be read throws the
    /// `DocumentError` that says why; anything read is kept, with warnings for what to check.
    public static func importPlans(url: URL, options: ImportOptions = ImportOptions()) throws(DocumentError) -> ImportResult {
        let document = try DocumentReader.read(url: url)
        try checkSize(of: document)
        return importPlans(from: document, options: options)
    }

    /// Reads a file held in memory (an upload).
    public static func importPlans(data: Data, fileName: String, options: ImportOptions = ImportOptions()) throws(DocumentError) -> ImportResult {
        let document = try DocumentReader.read(data: data, fileName: fileName)
        try checkSize(of: document)
        return importPlans(from: document, options: options)
    }

    /// The most table rows a plan file may hold. The largest real plans and trackers have a few
    /// thousand; recognising a file far beyond that (a 300,000-line export) held a parsing thread
    /// for minutes after the reader's own time limit had passed, so it is refused before recognition.
    public static let maximumRows = 10_000

    /// Refuses a document with more table rows than `maximumRows`, naming the limit.
    public static func checkSize(of document: Document) throws(DocumentError) {
        var rows = 0
        for table in document.tables { rows += table.rows.count }
        guard rows <= maximumRows else {
            throw DocumentError(.tooManyRows(limit: maximumRows), fileName: document.fileName,
                                message: "\(document.fileName) has \(rows) table rows; a plan can have at most \(maximumRows). Import the plan's own sheet or table, or split the file.")
        }
    }

    /// Recognises the plans in a document already read.
    public static func importPlans(from document: Document, options: ImportOptions = ImportOptions()) -> ImportResult {
        var recogniser = PlanRecogniser(document: document, options: options)
        return recogniser.run()
    }
}
