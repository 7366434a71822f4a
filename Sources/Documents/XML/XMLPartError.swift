/// A failure inside one XML part, before the reader knows which file it belongs to; the
/// format reader turns it into a `DocumentError` naming the file.
struct XMLPartError: Error {
    var reason: DocumentError.Reason
    var row: Int?
    var column: String?
}
