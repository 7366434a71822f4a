/// What `xl/workbook.xml` says: the sheets in workbook order and the date system.
final class WorkbookPart: XMLEventHandler {
    struct Sheet {
        var name: String
        var relationshipID: String
    }

    private(set) var sheets: [Sheet] = []
    /// True when dates count from 1904-01-01 (old Mac workbooks), not 1900.
    private(set) var uses1904Dates = false

    override func start(_ name: Substring, attributes: [String: String]) throws {
        switch name {
        case "sheet":
            let sheetName = attributes["name"] ?? "Sheet\(sheets.count + 1)"
            let id = Self.attribute("id", in: attributes) ?? ""
            sheets.append(Sheet(name: sheetName, relationshipID: id))
        case "workbookPr":
            let value = attributes["date1904"]?.lowercased()
            uses1904Dates = value == "1" || value == "true"
        default: break
        }
    }
}
