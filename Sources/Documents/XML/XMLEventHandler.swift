import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The base of every XML part reader: turns `XMLParser`'s SAX callbacks into three
/// overridable methods with namespace prefixes removed, stops at the first error a subclass
/// throws, and refuses any entity declaration that slipped past `DocumentTypeCheck`.
///
/// Every callback `XMLParser` may send is implemented here, not in subclasses: on Linux the
/// delegate protocol's default implementations would otherwise be chosen over a subclass's.
class XMLEventHandler: NSObject, XMLParserDelegate {
    /// The first error a subclass threw; parsing is aborted when it is set.
    var failure: (any Error)?

    /// Called with the element's local name (`c` for `x:c`) and its attributes as written.
    func start(_ name: Substring, attributes: [String: String]) throws {}
    func end(_ name: Substring) throws {}
    func characters(_ text: String) throws {}

    static func localName(_ name: String) -> Substring {
        guard let colon = name.firstIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    /// An attribute by local name, whatever its prefix (`r:id`, `id`).
    static func attribute(_ local: String, in attributes: [String: String]) -> String? {
        if let value = attributes[local] { return value }
        for (key, value) in attributes where localName(key) == local { return value }
        return nil
    }

    private func guarded(_ parser: XMLParser, _ body: () throws -> Void) {
        guard failure == nil else { return }
        do { try body() } catch {
            failure = error
            parser.abortParsing()
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guarded(parser) { try start(Self.localName(elementName), attributes: attributeDict) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guarded(parser) { try end(Self.localName(elementName)) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guarded(parser) { try characters(string) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guarded(parser) { try characters(String(decoding: CDATABlock, as: UTF8.self)) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        // Some builds of XMLParser report a mismatched tag here yet still return success.
        guard failure == nil else { return }
        failure = XMLPartError(reason: .malformedXML("near line \(parser.lineNumber)"))
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuse(parser)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        refuse(parser)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        refuse(parser)
        return nil
    }

    private func refuse(_ parser: XMLParser) {
        guard failure == nil else { return }
        failure = XMLPartError(reason: .documentTypeDeclaration)
        parser.abortParsing()
    }
}
