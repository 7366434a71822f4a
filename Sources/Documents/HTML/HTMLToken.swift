/// A piece of HTML as the tolerant tokenizer sees it.
enum HTMLToken {
    /// A start tag, its lower-cased name and attributes (names lower-cased, values decoded).
    case start(name: String, attributes: [String: String])
    case end(name: String)
    /// Text between tags, with character references decoded.
    case text(String)
}
