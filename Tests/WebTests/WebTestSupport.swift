import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Demo
import Store
import HTTPTypes
import Mustache
import Testing
@testable import Web

/// The day the web tests are judged as at, unless a test says otherwise.
let webTestDay = Day(2026, 11, 23)

/// A fresh database holding the demo council, its plan and boards, and an
/// environment over it whose "today" is `today`. Call `removeTestEnvironment(_:)` afterwards (or
/// use `withTestApp`, which does).
///
/// The file is a copy of a demo database built once per test process for each `today`
/// (`DemoDatabaseTemplates`): migrating and loading the demo took most of a web test's time. Set
/// `OVERSIGHT_TEST_FRESH_DATABASES=1` to build every one from scratch instead (to compare, or to
/// rule the copy out when chasing a problem).
///
/// With `OVERSIGHT_TEST_DATABASE=postgres` (and `OVERSIGHT_TEST_POSTGRES_URL` naming a server,
/// as `scripts/test-postgres.sh` sets) each environment is a new PostgreSQL database instead,
/// created from a demo database built once per process (`CREATE DATABASE … TEMPLATE`).
func makeTestEnvironment(today: Day = Day(2026, 11, 23), clock: TestClock = TestClock()) async throws -> (AppEnvironment, SQLStore) {
    let organisationID: Int64
    let views: MustacheLibrary
    let store: SQLStore
    if let server = WebTestDatabase.postgresServer {
        // A database of its own, copied by the server from the demo database built once per process.
        let template = try await DemoDatabaseTemplates.shared.postgresTemplate(for: today, server: server)
        let address = try await PostgresDatabases.create(named: WebTestDatabase.newName(), on: server, template: template.name)
        do {
            store = try await SQLStore.open(address)
        } catch {
            try? await PostgresDatabases.drop(address)
            throw error
        }
        organisationID = template.organisationID
        views = template.views
    } else {
        // In this process's folder, which goes when the process ends: a test whose clean-up is a
        // task still waiting at exit would otherwise leave its database behind.
        let path = DemoDatabaseTemplates.processFolder() + "/test-\(UUID().uuidString).sqlite"
        if ProcessInfo.processInfo.environment["OVERSIGHT_TEST_FRESH_DATABASES"] == "1" {
            organisationID = try await DemoDatabaseTemplates.loadDemo(into: path, today: today)
            views = try await Views.load()
        } else {
            let template = try await DemoDatabaseTemplates.shared.template(for: today)
            try FileManager.default.copyItem(atPath: template.path, toPath: path)
            organisationID = template.organisationID
            views = template.views
        }
        store = try await SQLStore.sqlite(path: path)
    }
    // bcrypt's lowest cost keeps sign-in tests fast; production uses 12.
    var environment = AppEnvironment(store: store, organisationID: organisationID, today: { today },
                                     views: views, now: { clock.now },
                                     security: SecuritySettings(bcryptCost: 4))
    environment.parsingQueue = .testProcess
    return (environment, store)
}

extension ParsingQueue {
    /// The web tests' queue: as wide as the server's, with room for every upload the tests send
    /// at once. Parallel tests upload far more files together than a council's users would, and
    /// on a loaded machine (the queue's threads give way to everything else) a 503 here would
    /// measure the machine, not the code. The queue's own limits are tested on queues of their own.
    static let testProcess = ParsingQueue(width: ParsingQueue.shared.width, waitingLimit: 10_000)
}

/// The demo database for each "today" the tests use, built once per test process and closed
/// (so the file is whole, with no write-ahead log beside it) before any test copies it. The
/// templates are removed when the process ends.
actor DemoDatabaseTemplates {
    static let shared = DemoDatabaseTemplates()

    struct Template: Sendable {
        var path: String
        var organisationID: Int64
        var views: MustacheLibrary
    }

    private var templates: [Day: Task<Template, any Error>] = [:]

    struct PostgresTemplate: Sendable {
        var name: String
        var organisationID: Int64
        var views: MustacheLibrary
    }

    private var postgresTemplates: [Day: Task<PostgresTemplate, any Error>] = [:]

    /// The demo database for `today` on the PostgreSQL server, closed so the server can copy it.
    /// It goes with the test cluster (`scripts/test-postgres.sh` deletes the whole cluster).
    func postgresTemplate(for today: Day, server: String) async throws -> PostgresTemplate {
        if let building = postgresTemplates[today] { return try await building.value }
        let building = Task {
            let name = WebTestDatabase.newName()
            let address = try await PostgresDatabases.create(named: name, on: server)
            let organisationID = try await Self.loadDemo(into: address, today: today)
            return PostgresTemplate(name: name, organisationID: organisationID, views: try await Views.load())
        }
        postgresTemplates[today] = building
        return try await building.value
    }

    /// This process's templates, in a folder of its own that is removed when the process ends.
    static let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("oversight-web-templates-\(ProcessInfo.processInfo.processIdentifier)").path

    /// Creates this process's folder the first time and arranges its removal at exit.
    nonisolated static func processFolder() -> String {
        _ = createFolderOnce
        return folder
    }

    private nonisolated static let createFolderOnce: Void = {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: DemoDatabaseTemplates.folder) }
    }()

    func template(for today: Day) async throws -> Template {
        if let building = templates[today] { return try await building.value }
        _ = Self.processFolder()
        let building = Task {
            let path = Self.folder + "/demo-\(today.iso).sqlite"
            let organisationID = try await Self.loadDemo(into: path, today: today)
            return Template(path: path, organisationID: organisationID, views: try await Views.load())
        }
        templates[today] = building
        return try await building.value
    }

    /// Creates the database at `path` with the demo council as at `today`, and closes it.
    static func loadDemo(into path: String, today: Day) async throws -> Int64 {
        let store = try await SQLStore.open(path)
        do {
            let organisation = try await store.createOrganisation(DemoCouncil.organisation())
            let plan = try await store.createPlan(DemoCouncil.plan(organisationID: organisation.id, asAt: today))
            try await DemoBoards.load(into: store, organisationID: organisation.id, planID: plan.id, asAt: today)
            try await store.close()
            return organisation.id
        } catch {
            await removeTestEnvironment(store)
            throw error
        }
    }
}

/// Which database the web tests' environments are on: SQLite files, unless
/// `OVERSIGHT_TEST_DATABASE=postgres` and `OVERSIGHT_TEST_POSTGRES_URL` are set.
enum WebTestDatabase {
    static var postgresServer: String? {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OVERSIGHT_TEST_DATABASE"] == "postgres" else { return nil }
        let url = environment["OVERSIGHT_TEST_POSTGRES_URL"] ?? ""
        return url.isEmpty ? nil : url
    }

    /// The PostgreSQL test server, whichever database the environments are on.
    static var postgresTestServer: String? {
        let url = ProcessInfo.processInfo.environment["OVERSIGHT_TEST_POSTGRES_URL"] ?? ""
        return url.isEmpty ? nil : url
    }

    /// The kinds of database a test that makes its own may use: SQLite always, PostgreSQL when a
    /// test server is set.
    static var kinds: [String] { postgresTestServer == nil ? ["sqlite"] : ["sqlite", "postgres"] }

    /// A new, empty database of `kind` ("sqlite" or "postgres"); `removeDatabase(_:)` deletes it.
    static func newDatabase(_ kind: String) async throws -> String {
        if kind == "postgres", let server = postgresTestServer {
            return try await PostgresDatabases.create(named: newName(), on: server)
        }
        return DemoDatabaseTemplates.processFolder() + "/new-\(UUID().uuidString).sqlite"
    }

    /// A new, empty database of the kind the environments use.
    static func newDatabase() async throws -> String {
        try await newDatabase(postgresServer == nil ? "sqlite" : "postgres")
    }

    static func removeDatabase(_ address: String) async {
        if PostgresLocation.isAddress(address) {
            try? await PostgresDatabases.drop(address)
        } else {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: address + suffix) }
        }
    }

    static func newName() -> String {
        "oversight_web_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// Where `store`'s database is, to open it again as a second server: a file's path or a PostgreSQL address.
    static func address(of store: SQLStore) -> String? {
        var gateway = store.gateway
        if let observed = gateway as? ObservedGateway { gateway = observed.base }
        if let sqlite = gateway as? SQLiteGateway { return sqlite.path }
        if let postgres = gateway as? PostgresGateway { return postgres.location.url }
        return nil
    }
}

/// Closes the store and deletes its database (the file with its WAL and journal, or the
/// PostgreSQL database).
func removeTestEnvironment(_ store: SQLStore) async {
    let address = WebTestDatabase.address(of: store)
    try? await store.close()
    guard let address else { return }
    if PostgresLocation.isAddress(address) {
        try? await PostgresDatabases.drop(address)
        return
    }
    for suffix in ["", "-wal", "-shm", "-journal"] {
        try? FileManager.default.removeItem(atPath: address + suffix)
    }
}

/// Runs `body` with a test client over the whole router (pages and API), signed in as a person
/// with `role` (an editor unless a test says otherwise; nil for a visitor), then cleans up.
func withTestApp<T: Sendable>(
    today: Day = Day(2026, 11, 23),
    as role: Role? = .editor,
    clock: TestClock = TestClock(),
    _ body: @Sendable (any TestClientProtocol, AppEnvironment, SQLStore) async throws -> T
) async throws -> T {
    let (environment, store) = try await makeTestEnvironment(today: today, clock: clock)
    do {
        let app = Application(router: buildRouter(environment: environment))
        let credentials = try await role.asyncMap { try await TestPeople.credentials(environment, role: $0) }
        let result = try await app.test(.router) { client in
            try await body(SignedInClient(base: client, credentials: credentials), environment, store)
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

/// A clock tests can move, for session timeouts and lockouts. A lock guards the one value
/// (tests only; `Mutex` needs a newer macOS than the package targets).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// What a signed-in test client sends: the session cookie and CSRF token (pages), a bearer token (API).
struct TestCredentials: Sendable {
    var person: Person
    var identity: Identity
    var sessionToken: String
    var csrf: String
    var apiToken: String
}

enum TestPeople {
    static let password = "a long test pass phrase"

    /// A person with `role` in the environment's organisation (named `name`), signed in with a
    /// fresh session and holding an API token of the same role.
    static func credentials(_ environment: AppEnvironment, role: Role, name: String? = nil,
                            organisationID: Int64? = nil) async throws -> TestCredentials {
        let authentication = environment.authentication
        let org = organisationID ?? environment.organisationID
        let email = "\(role.rawValue)-\(UUID().uuidString.prefix(8))@test.example"
        let (person, _) = try await authentication.addPerson(email: email, name: name ?? "Test \(role.word)", password: password,
                                                             role: role, organisationID: org)
        let membership = try #require(try await environment.store.memberships(personID: person.id).first { $0.organisation.id == org })
        let started = try await authentication.startSession(for: person, in: membership)
        let (token, _) = try await authentication.createToken(email: email, organisationID: org, role: role)
        return TestCredentials(person: person, identity: started.identity, sessionToken: started.token,
                               csrf: started.session.csrfToken, apiToken: token)
    }

    /// A fresh session for the same person (one test request may end a session).
    static func newSession(_ environment: AppEnvironment, _ credentials: TestCredentials) async throws -> TestCredentials {
        let membership = try #require(try await environment.store.memberships(personID: credentials.person.id)
            .first { $0.organisation.id == credentials.identity.organisationID })
        let started = try await environment.authentication.startSession(for: credentials.person, in: membership)
        var fresh = credentials
        fresh.sessionToken = started.token
        fresh.csrf = started.session.csrfToken
        return fresh
    }
}

/// A test client that behaves like a signed-in browser (cookie, and the hidden `csrf` field in
/// the forms it posts) on pages, and like a script with a bearer token on the API. Headers a
/// test sets itself win.
struct SignedInClient: TestClientProtocol {
    let base: any TestClientProtocol
    let credentials: TestCredentials?

    var port: Int? { base.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        guard let credentials else { return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body) }
        var headers = headers
        var body = body
        if uri.hasPrefix("/api/") {
            if headers[.authorization] == nil { headers[.authorization] = "Bearer \(credentials.apiToken)" }
        } else {
            if headers[.cookie] == nil { headers[.cookie] = "\(SessionCookie.name)=\(credentials.sessionToken)" }
            if method == .post, headers[.contentType] == "application/x-www-form-urlencoded" {
                let text = body.map { String(buffer: $0) } ?? ""
                if !text.contains("csrf=") {
                    body = ByteBuffer(string: text.isEmpty ? "csrf=\(credentials.csrf)" : text + "&csrf=\(credentials.csrf)")
                }
            }
        }
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
