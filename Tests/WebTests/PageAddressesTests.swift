import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// The list of pages the browser tests open (`oversight pages`, `Tests/Browser/axe_walk.py`):
/// a page the router serves and the list leaves out would never be checked in a browser.
@Suite("Every page has an address for the browser tests")
struct PageAddressesTests {
    @Test("every GET route that answers a page has an address in the demo (or a way to reach one)")
    func everyPageRouteIsListed() async throws {
        try await withTestApp { _, environment, _ in
            let pages = try await PageAddresses.all(in: environment.store, organisationID: environment.organisationID)
            let listed = Set(pages.filter { $0.address != nil || $0.upload != nil || $0.linkedFrom != nil }.map(\.pattern))
            let routes = RouteTable.pages.filter { $0.method == .get }.map(\.path)
            let missing = Set(routes).subtracting(listed).subtracting(PageAddresses.downloads)
            #expect(missing.isEmpty, "GET routes with no address in PageAddresses.all (add one, or add a file route to PageAddresses.downloads): \(missing.sorted())")
            #expect(PageAddresses.pagePatterns.count > 40)
            for page in pages {
                #expect(!page.roles.isEmpty, "\(page.pattern) lets no role in")
                if let address = page.address { #expect(page.pattern == Self.pattern(of: address, like: page.pattern), "\(address) is not \(page.pattern)") }
            }
            // Every file route is a route: a download renamed away would hide a page.
            #expect(PageAddresses.downloads.isSubset(of: Set(routes)), "\(PageAddresses.downloads.subtracting(routes).sorted())")
        }
    }

    @Test("each address answers as listed: an editor's pages and a visitor's")
    func addressesAnswer() async throws {
        for role in [Role.editor, nil] {
            try await withTestApp(as: role) { client, environment, _ in
                let pages = try await PageAddresses.all(in: environment.store, organisationID: environment.organisationID)
                let mine = pages.filter { $0.roles.contains(role?.rawValue ?? "signed-out") }
                #expect(mine.count > (role == nil ? 4 : 40))
                for page in mine {
                    guard let address = page.address else { continue }
                    try await client.execute(uri: address, method: .get) { response in
                        #expect(Int(response.status.code) == page.status, "\(address) as \(role?.rawValue ?? "visitor")")
                        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(address)")
                    }
                }
            }
        }
    }

    /// `address` with each `{…}` segment of `pattern` put back, query left off.
    static func pattern(of address: String, like pattern: String) -> String {
        let path = address.split(separator: "?", maxSplits: 1).first.map(String.init) ?? address
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let patternParts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == patternParts.count else { return path }
        return zip(parts, patternParts).map { $1.hasPrefix("{") ? String($1) : String($0) }.joined(separator: "/")
    }
}
