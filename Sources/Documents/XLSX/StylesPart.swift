/// What `xl/styles.xml` says about number formats: which cell styles show a date. A number
/// in Excel is a date only because its style's format says so.
final class StylesPart: XMLEventHandler {
    private var customFormats: [Int: String] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellFormats = false

    override func start(_ name: Substring, attributes: [String: String]) throws {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats:
            cellFormatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    override func end(_ name: Substring) throws {
        if name == "cellXfs" { inCellFormats = false }
    }

    /// For each style index (`s` attribute of a cell), whether it formats numbers as dates.
    var dateStyles: [Bool] {
        cellFormatIDs.map { id in
            if let code = customFormats[id] { return SerialDate.isDateFormat(code) }
            return SerialDate.isBuiltInDateFormat(id)
        }
    }
}
