import Documents
import Foundation

/// A column mapping a person gives or saves: column header (as written) or column number →
/// field. Saved as JSON:
///
/// ```json
/// { "columns" : { "Action Required" : "action", "Leads" : "leads", "7" : "success measure" } }
/// ```
///
/// Headers match after `HeaderRecognition.normalise` (case, punctuation and spacing do not
/// matter). A number names a column from 1 and applies to every table, header row or not.
public struct ColumnMapping: Sendable, Codable, Hashable {
    public var columns: [String: ImportField]
    /// What a person chose to read a table as, by its number in the file (from 1), where it is
    /// not what the importer took it for: `{"tables": {"2": "ignore", "3": "tracker"}}`. Absent
    /// from a mapping that chooses none.
    public var tables: [String: TableChoice]?

    public init(columns: [String: ImportField] = [:], tables: [String: TableChoice]? = nil) {
        self.columns = columns
        self.tables = tables
    }

    /// The choice made for table `number` (1-based), if any.
    public func choice(forTable number: Int) -> TableChoice? { tables?[String(number)] }

    public var isEmpty: Bool { columns.isEmpty }

    /// The field for a column, by its number first, then by its header.
    func field(column: Int, header: String?) -> ImportField? {
        guard !columns.isEmpty else { return nil }
        if let field = columns[String(column)] { return field }
        guard let header else { return nil }
        let wanted = HeaderRecognition.normalise(header)
        guard !wanted.isEmpty else { return nil }
        return columns.first { HeaderRecognition.normalise($0.key) == wanted }?.value
    }

    /// True when the mapping names columns by number, so it can read tables without a header row.
    var hasColumnNumbers: Bool { columns.keys.contains { Int($0) != nil } }

    public static func read(from data: Data) throws -> ColumnMapping {
        do {
            return try JSONDecoder().decode(ColumnMapping.self, from: data)
        } catch {
            let fields = ImportField.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw MappingError(message: """
                The mapping file is not a column mapping. It must be JSON like {"columns": {"Action Required": "action", "5": "due"}}, \
                where each value is one of \(fields).
                """)
        }
    }

    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// What a person can choose to read a table as, on the preview: the choices issue 10 names.
public enum TableChoice: String, Sendable, Codable, Hashable, CaseIterable {
    /// An improvement plan's actions.
    case plan
    /// A recommendation tracker's rows (a plan of kind tracker).
    case tracker
    /// A board's work programme: imported into the board chosen on the preview, not as a plan.
    case workProgramme = "work programme"
    /// Measures and their figures: not imported as actions.
    case measures = "KPI table"
    /// Left out.
    case ignore

    public var label: String {
        switch self {
        case .plan: "An improvement plan"
        case .tracker: "A recommendation tracker"
        case .workProgramme: "A board's work programme"
        case .measures: "A KPI table (not imported as actions)"
        case .ignore: "Ignore it"
        }
    }
}

public struct MappingError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The columns of one table as recognised: field per column, the header text, and the
/// date a progress column speaks for.
struct TableColumns: Sendable, Hashable {
    var fields: [Int: ImportField]
    var headers: [Int: String]
    var asAt: [Int: WrittenDate]

    func column(of field: ImportField) -> Int? {
        fields.filter { $0.value == field }.keys.min()
    }

    func columns(of field: ImportField) -> [Int] {
        fields.filter { $0.value == field }.keys.sorted()
    }

    /// What makes two tables one family (one plan): the fields in column order.
    var signature: [ImportField] {
        fields.keys.sorted().compactMap { fields[$0] }.filter { $0 != .note && $0 != .ignore }
    }

    /// Reads a header row, by the mapping first and then by meaning. Nil when the row does not
    /// look like a header: fewer than two recognised columns, or no action, recommendation or
    /// reference column among them.
    static func header(_ texts: [String], mapping: ColumnMapping) -> TableColumns? {
        var fields: [Int: ImportField] = [:], headers: [Int: String] = [:], asAt: [Int: WrittenDate] = [:]
        var recognised = 0, filled = 0
        // A header is short: a cell of prose is data, however many known words it holds. Looked
        // at first, as most rows of a plan have one.
        guard texts.allSatisfy({ $0.utf8.count <= 480 && $0.trimmingCharacters(in: .whitespacesAndNewlines).count <= 120 }) else { return nil }
        for (index, text) in texts.enumerated() {
            let column = index + 1
            let header = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !header.isEmpty else { continue }
            filled += 1
            // A header is short: a cell of prose is data, however many known words it holds.
            guard header.count <= 120 else { return nil }
            headers[column] = header
            if let field = mapping.field(column: column, header: header) ?? HeaderRecognition.field(for: header) {
                fields[column] = field
                if field != .note { recognised += 1 }
                if field == .progress, let date = HeaderRecognition.asAtDate(in: header) { asAt[column] = date }
            } else {
                fields[column] = .note
            }
        }
        // A rating beside no Status column is the status as written; milestones beside no Due
        // column are the timeline (as before these fields were told apart).
        // A RAG column beside a Status column is a rating, not imported (Oversight works out its own).
        if fields.values.filter({ $0 == .status }).count > 1 {
            for (column, field) in fields where field == .status
                && ["rag", "brag", "rag rating", "rating", "delivery rating"].contains(HeaderRecognition.normalise(headers[column] ?? "")) {
                fields[column] = .rating
            }
        }
        if !fields.values.contains(.status) {
            for (column, field) in fields where field == .rating { fields[column] = .status }
        }
        if !fields.values.contains(.due) {
            for (column, field) in fields where field == .milestones { fields[column] = .due }
        }
        let found = Set(fields.values)
        guard recognised >= 2, recognised * 2 >= filled,
              !found.isDisjoint(with: [.action, .recommendation, .ref]) else { return nil }
        return TableColumns(fields: fields, headers: headers, asAt: asAt)
    }

    /// How many columns the header names as fields Oversight reads (not kept as notes).
    var recognisedCount: Int { fields.values.filter { $0 != .note }.count }

    /// A reference column whose header cell is empty (`|  | Recommendation | Lead |`): the
    /// first column with no header where most filled cells below read as references (`1.`,
    /// `7a`, `2.3`). Nil when the columns already have one, or none fits.
    func referenceColumnWithoutHeader(in rows: [TableRow]) -> Int? {
        guard column(of: .ref) == nil else { return nil }
        let width = rows.reduce(0) { max($0, $1.cells.count) }
        guard width >= 1 else { return nil }
        // Rows of one cell (a section or priority merged across the table) say nothing of a column.
        let rows = rows.filter { $0.cells.filter { !$0.isBlank }.count > 1 }
        for column in 1...width where headers[column] == nil {
            let filled = rows.map { $0[column: column].text.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            let references = filled.filter(ActionReference.looksLikeReference).count
            if references >= 2, references * 4 >= filled.count * 3 { return column }
        }
        return nil
    }

    /// Columns from a mapping that names them by number (for a table with no header row).
    static func numbered(_ mapping: ColumnMapping) -> TableColumns? {
        var fields: [Int: ImportField] = [:]
        for (key, field) in mapping.columns { if let column = Int(key), column >= 1 { fields[column] = field } }
        guard !fields.isEmpty else { return nil }
        return TableColumns(fields: fields, headers: [:], asAt: [:])
    }

    /// The mapping these columns amount to, to save and reuse.
    var mapping: ColumnMapping {
        var columns: [String: ImportField] = [:]
        for (column, field) in fields { columns[headers[column] ?? String(column)] = field }
        return ColumnMapping(columns: columns)
    }

    func name(of column: Int) -> String {
        headers[column].map { "'\($0)'" } ?? "column \(column)"
    }
}
