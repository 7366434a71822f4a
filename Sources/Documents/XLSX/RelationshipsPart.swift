/// A `_rels/*.rels` part: relationship id → target part.
final class RelationshipsPart: XMLEventHandler {
    private(set) var targets: [String: String] = [:]

    override func start(_ name: Substring, attributes: [String: String]) throws {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
    }

    /// A target resolved to a path inside the archive, relative to the folder of the part
    /// that owns the relationships (`xl/` for the workbook).
    static func resolve(_ target: String, relativeTo folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }
}
