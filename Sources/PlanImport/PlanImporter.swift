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
        importPlans(from: try DocumentReader.read(url: url), options: options)
    }

    /// Reads a file held in memory (an upload).
    public static func importPlans(data: Data, fileName: String, options: ImportOptions = ImportOptions()) throws(DocumentError) -> ImportResult {
        importPlans(from: try DocumentReader.read(data: data, fileName: fileName), options: options)
    }

    /// Recognises the plans in a document already read.
    public static func importPlans(from document: Document, options: ImportOptions = ImportOptions()) -> ImportResult {
        var recogniser = PlanRecogniser(document: document, options: options)
        return recogniser.run()
    }
}
