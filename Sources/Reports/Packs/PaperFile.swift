import Core
import Foundation

/// Where a board paper goes on its way to a download, and what the file is called.
enum PaperFile {
    /// The bytes `write` puts in a file. ZIPFoundation writes archives to files; a temporary one
    /// is read back and removed.
    static func data(_ write: (URL) throws -> Void) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paper-\(UUID().uuidString).docx")
        defer { try? FileManager.default.removeItem(at: url) }
        try write(url)
        return try Data(contentsOf: url)
    }

    /// "northmoor-childrens-services-improvement-board-2026-03-10-pack.docx": the board and the
    /// meeting's date, so a folder of papers sorts by board, then by meeting.
    static func name(board: String, date: Day, what: String) -> String {
        var slug = ""
        for character in board.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if character == " " || character == "-", !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return "\(slug.isEmpty ? "board" : slug)-\(date.iso)-\(what).docx"
    }
}
