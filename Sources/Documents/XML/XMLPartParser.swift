import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs `XMLParser` over one part with the safety settings every part needs: no DTD (checked
/// on the bytes first), no external entities, and errors turned into `XMLPartError`.
enum XMLPartParser {
    /// Parses a part held in memory.
    static func parse(_ data: Data, with handler: XMLEventHandler) throws {
        var check = DocumentTypeCheck()
        try check.inspect(data)
        try run(XMLParser(data: data), with: handler)
    }

    private static func run(_ parser: XMLParser, with handler: XMLEventHandler) throws {
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = handler
        let succeeded = parser.parse()
        if let failure = handler.failure { throw failure }
        if !succeeded {
            let line = parser.lineNumber
            throw XMLPartError(reason: .malformedXML("near line \(line)"))
        }
    }
}
