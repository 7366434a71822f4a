import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The day the web tests are judged as at, unless a test says otherwise.
let webTestDay = Day(2026, 11, 23)

/// A fresh SQLite file in the temporary directory holding the demo council and its plan, and an
/// environment over it whose "today" is `today`. Call `removeTestEnvironment(_:)` afterwards (or
/// use `withTestApp`, which does).
func makeTestEnvironment(today: Day = Day(2026, 11, 23)) async throws -> (AppEnvironment, SQLStore) {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("oversight-web-tests-\(UUID().uuidString).sqlite").path
    let store = try await SQLStore.sqlite(path: path)
    do {
        let organisation = try await store.createOrganisation(DemoCouncil.organisation())
        _ = try await store.createPlan(DemoCouncil.plan(organisationID: organisation.id, asAt: today))
        let environment = AppEnvironment(store: store, organisationID: organisation.id, today: { today },
                                         views: try await Views.load())
        return (environment, store)
    } catch {
        await removeTestEnvironment(store)
        throw error
    }
}

/// Closes the store and deletes its database file (with the WAL and journal files).
func removeTestEnvironment(_ store: SQLStore) async {
    let path = (store.gateway as? SQLiteGateway)?.path
    try? await store.close()
    guard let path else { return }
    for suffix in ["", "-wal", "-shm", "-journal"] {
        try? FileManager.default.removeItem(atPath: path + suffix)
    }
}

/// Runs `body` with a test client over the whole router (pages and API), then cleans up.
func withTestApp<T: Sendable>(
    today: Day = Day(2026, 11, 23),
    _ body: @Sendable (any TestClientProtocol, AppEnvironment, SQLStore) async throws -> T
) async throws -> T {
    let (environment, store) = try await makeTestEnvironment(today: today)
    do {
        let app = Application(router: buildRouter(environment: environment))
        let result = try await app.test(.router) { client in
            try await body(client, environment, store)
        }
        await removeTestEnvironment(store)
        return result
    } catch {
        await removeTestEnvironment(store)
        throw error
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}

/// `application/x-www-form-urlencoded` as a browser sends it: spaces as `+`.
func formEncoded(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    allowed.insert(charactersIn: "-._~ ")
    func encode(_ text: String) -> String {
        (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: " ", with: "+")
    }
    return ByteBuffer(string: fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&"))
}

/// Headers of a form post.
let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
