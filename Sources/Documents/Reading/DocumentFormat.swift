/// The kinds of file Oversight reads tables from. Decided from the file's content, never
/// from its name alone.
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable {
    /// An Excel workbook (Office Open XML).
    case xlsx
    /// A Word document (Office Open XML).
    case docx
    /// Comma-, semicolon- or tab-separated values.
    case csv
    /// An HTML page with `<table>` elements.
    case html
    /// Plain text whose table rows are tab-separated and whose cells hold HTML fragments:
    /// the form that text extracted from a published PDF plan takes.
    case tabSeparatedHTML

    /// How the format is named to a council officer.
    public var displayName: String {
        switch self {
        case .xlsx: return "an Excel workbook (.xlsx)"
        case .docx: return "a Word document (.docx)"
        case .csv: return "a CSV file"
        case .html: return "a web page (.html)"
        case .tabSeparatedHTML: return "a text file of tab-separated rows"
        }
    }

    /// The format a file name's extension claims, if it names one of ours.
    static func claimed(byFileName fileName: String) -> DocumentFormat? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "xlsx", "xlsm": return .xlsx
        case "docx", "docm": return .docx
        case "csv": return .csv
        case "html", "htm": return .html
        case "txt", "tsv": return .tabSeparatedHTML
        default: return nil
        }
    }
}
