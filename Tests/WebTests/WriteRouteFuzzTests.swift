import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Store
import Testing
@testable import Web

/// Sends extreme and malformed values to every field of every write route, API and form. The
/// routes come from `RouteTable`; the API's fields from the request schemas of the OpenAPI
/// document and the forms' fields from the pages' own forms, so a new route or field is covered
/// without editing this test. For each request: no 5xx; afterwards the server still answers and
/// the touched action's and measure's pages and JSON render; and a refused write leaves the
/// organisation's plan, measures and board records exactly as they were.
@Suite("Write routes under extreme input")
struct WriteRouteFuzzTests {
    /// Values as JSON text: `1e999` and `-1e999` stand for infinity and NaN, which JSON cannot carry.
    static let jsonValues: [String] = [
        "1e999", "-1e308", "99999999999999999999", "1e19", "-1", "0.5", #""NaN""#, #""Infinity""#, "null", "true", #""   ""#,
        "{}", #""0000-01""#, "\"" + String(repeating: "x", count: 100_000) + "\"",
    ]

    /// Values as a form's text fields carry them.
    static let formValues: [String] = [
        "1e999", "-1e308", "99999999999999999999", "1e19", "-1", "NaN", "Infinity", "", "0000", String(repeating: "x", count: 100_000),
    ]

    /// The field names of a form posting to `path` on `html`, or nil when the page has no such form.
    static func formFields(posting path: String, in html: String) -> [String]? {
        var found: [String]?
        var searchFrom = html.startIndex
        while let start = html.range(of: "<form", range: searchFrom..<html.endIndex) {
            let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex)?.upperBound ?? html.endIndex
            let form = String(html[start.lowerBound..<end])
            searchFrom = end
            let tag = form.prefix { $0 != ">" }
            guard tag.contains("action=\"\(path)\"") else { continue }
            var names: [String] = []
            var cursor = form.startIndex
            while let name = form.range(of: "name=\"", range: cursor..<form.endIndex) {
                let close = form[name.upperBound...].firstIndex(of: "\"") ?? form.endIndex
                names.append(String(form[name.upperBound..<close]))
                cursor = close
            }
            found = (found ?? []) + names.filter { $0 != "csrf" }
        }
        return found.map { Array(Set($0)).sorted() }
    }

    // MARK: The OpenAPI request schemas

    struct Schemas {
        let document: [String: Any]
        var components: [String: Any] { ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:] }

        /// The request schema of `method path` (path under /api/v1), with `$ref`s and `allOf` resolved.
        func requestSchema(method: String, path: String) -> [String: Any]? {
            let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
            let content = ((operation?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
            return content.flatMap { resolve($0["schema"]) }
        }

        /// Whether `method path` takes a body at all.
        func hasRequestBody(method: String, path: String) -> Bool {
            let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
            return operation?["requestBody"] != nil
        }

        func resolve(_ any: Any?) -> [String: Any]? {
            guard var schema = any as? [String: Any] else { return nil }
            if let reference = schema["$ref"] as? String, let name = reference.split(separator: "/").last {
                return resolve(components[String(name)])
            }
            for part in (schema["allOf"] as? [Any]) ?? [] {
                if let inner = resolve(part), let properties = inner["properties"] as? [String: Any] {
                    schema["properties"] = (schema["properties"] as? [String: Any] ?? [:]).merging(properties) { a, _ in a }
                }
            }
            return schema
        }

        /// A plausible value for `schema`: what the fuzzed field sits beside.
        func sample(_ any: Any?, depth: Int = 0) -> Any {
            guard let schema = resolve(any), depth < 6 else { return "Fuzz" }
            if let values = schema["enum"] as? [Any], let first = values.first { return first }
            switch schema["type"] as? String {
            case "integer": return 1
            case "number": return 1.5
            case "boolean": return false
            case "array": return []
            case "object":
                var object: [String: Any] = [:]
                let properties = schema["properties"] as? [String: Any] ?? [:]
                for name in (schema["required"] as? [String]) ?? [] { object[name] = sample(properties[name], depth: depth + 1) }
                return object
            default:
                if schema["format"] as? String == "date" { return "2026-11-20" }
                if (schema["pattern"] as? String)?.contains("Q[1-4]") == true { return "2026-10" }
                return "Fuzz"
            }
        }

        /// Every field path of `schema`, into objects and the first item of arrays: `[["targets", 0, "value"], …]`.
        func fieldPaths(_ any: Any?, prefix: [Any] = [], depth: Int = 0) -> [[Any]] {
            guard let schema = resolve(any), depth < 5 else { return [] }
            var paths: [[Any]] = []
            for (name, property) in (schema["properties"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let path = prefix + [name]
                paths.append(path)
                guard let inner = resolve(property) else { continue }
                if inner["type"] as? String == "object" {
                    paths += fieldPaths(inner, prefix: path, depth: depth + 1)
                } else if inner["type"] as? String == "array", let items = resolve(inner["items"]), items["type"] as? String == "object" {
                    paths += fieldPaths(items, prefix: path + [0], depth: depth + 1)
                }
            }
            return paths
        }

        /// `base` with the field at `path` set to `value`, creating the objects and arrays on the way from the schema.
        func setting(_ value: Any, at path: [Any], in base: Any, schema: Any?) -> Any {
            guard let first = path.first else { return value }
            let rest = Array(path.dropFirst())
            if let key = first as? String {
                var object = base as? [String: Any] ?? [:]
                let property = (resolve(schema)?["properties"] as? [String: Any])?[key]
                object[key] = setting(value, at: rest, in: object[key] ?? sample(property), schema: property)
                return object
            }
            let items = resolve(schema)?["items"]
            var array = base as? [Any] ?? []
            if array.isEmpty { array.append(sample(items)) }
            array[0] = setting(value, at: rest, in: array[0], schema: items)
            return array
        }
    }

    /// A body as JSON text with the marker string replaced by `raw` (JSON text that
    /// `JSONSerialization` cannot write, such as `1e999`).
    static func jsonText(_ object: Any, raw: String) throws -> String {
        let marker = "@@FUZZ@@"
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"\(marker)\"", with: raw)
    }

    // MARK: The test

    struct Samples {
        var planID: Int64, actionID: Int64, measureID: Int64, boardID: Int64, meetingID: Int64
        /// `{id}` by the resource before it: `"/actions/"` → the action's id.
        var idsByResource: [String: Int64]
        var values: [String: String]

        func fill(_ path: String) -> String {
            var result = path
            if let range = result.range(of: "{id}") {
                let before = result[..<range.lowerBound].dropLast()
                let resource = "/" + (before.split(separator: "/").last.map(String.init) ?? "") + "/"
                result.replaceSubrange(range, with: String(idsByResource[resource] ?? 1))
            }
            for (parameter, value) in values { result = result.replacingOccurrences(of: "{\(parameter)}", with: value) }
            return result
        }
    }

    static func samples(_ store: SQLStore, _ environment: AppEnvironment, person: Int64) async throws -> Samples {
        let org = environment.organisationID
        let plan = try #require(try await store.plans(organisationID: org).first)
        let contents = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false)
        let action = try #require(contents.actions.first { $0.milestones.contains { !$0.isComplete } && $0.dueDate != nil })
        let measure = try #require(try await store.measures(organisationID: org).first)
        let board = try #require(try await store.boards(organisationID: org).first)
        let meeting = try #require(try await store.meetings(boardID: board.id, organisationID: org).first { $0.status == .held })
        let point = try #require(try await store.actionPoints(boardID: board.id, organisationID: org).first)
        let milestone = try #require(action.milestones.first { !$0.isComplete })
        let ids: [String: Int64] = [
            "/plans/": plan.id, "/areas/": action.areaID, "/actions/": action.id, "/measures/": measure.id, "/boards/": board.id,
            "/meetings/": meeting.id, "/action-points/": point.id, "/people/": person, "/runs/": 1,
        ]
        return Samples(planID: plan.id, actionID: action.id, measureID: measure.id, boardID: board.id, meetingID: meeting.id,
                       idsByResource: ids,
                       values: ["milestone": String(milestone.id), "token": "not-a-token", "upload": "1", "measure": "ASM-45WD"])
    }

    /// What a refused write must leave as it was: every row of every table that holds the
    /// organisation's records — plans and their history, measures and their values, boards,
    /// meetings, action points, and any table added later — read as SQLite's own quoted text in
    /// one query per table. Left out: what a request may write whatever it carries (sessions,
    /// sign-in and token bookkeeping, the audit trail of sign-ins) and what the fuzz cannot reach.
    struct Snapshot: Equatable {
        var tables: [String: String]
    }

    static let unwatchedTables: Set<String> = [
        "sessions", "api_tokens", "password_resets", "people", "memberships", "invitations", "audit_log",
        "calendar_feed_links", "import_uploads", "analysis_runs", "analysis_drill_down", "analysis_retention",
        "schema_migrations", "sqlite_sequence", "fuzz_changes",
    ]

    /// Counts every insert, update and delete on the watched tables (triggers the test adds to
    /// its own copy of the database), so a request that wrote nothing is known by one read, and
    /// the snapshot of every table is taken only after a request that wrote something. A write
    /// that is rolled back rolls its count back with it; one that rewrote a row with the same
    /// values counts, and the snapshot then shows nothing changed.
    struct ChangeWatch {
        let store: SQLStore

        static func start(_ store: SQLStore) async throws -> ChangeWatch {
            try await store.gateway.write { db in
                try await db.raw("CREATE TABLE fuzz_changes (n INTEGER NOT NULL)").run()
                try await db.raw("INSERT INTO fuzz_changes VALUES (0)").run()
                let names = try await WriteRouteFuzzTests.tableNames(db)
                if db.dialect.name == "postgresql" {
                    try await db.raw("""
                        CREATE FUNCTION fuzz_count() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN UPDATE fuzz_changes SET n = n + 1; RETURN NULL; END $$
                        """).run()
                    for name in names {
                        try await db.raw(SQLQueryString("""
                            CREATE TRIGGER "fuzz_\(unsafeRaw: name)" AFTER INSERT OR UPDATE OR DELETE ON "\(unsafeRaw: name)"
                            FOR EACH ROW EXECUTE FUNCTION fuzz_count()
                            """)).run()
                    }
                    return
                }
                for name in names {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        try await db.raw(SQLQueryString("""
                            CREATE TRIGGER "fuzz_\(unsafeRaw: name)_\(unsafeRaw: event)" AFTER \(unsafeRaw: event) ON "\(unsafeRaw: name)"
                            BEGIN UPDATE fuzz_changes SET n = n + 1; END
                            """)).run()
                    }
                }
            }
            return ChangeWatch(store: store)
        }

        func count() async throws -> Int {
            try await store.gateway.read { db in
                try await db.raw("SELECT n FROM fuzz_changes").first()?.decode(column: "n", as: Int.self) ?? -1
            }
        }
    }

    /// What is stored after a request, read in full only when the change count moved.
    struct Watched {
        let watch: ChangeWatch
        let environment: AppEnvironment
        private(set) var snapshot: Snapshot
        private var count: Int

        init(_ store: SQLStore, _ environment: AppEnvironment) async throws {
            watch = try await ChangeWatch.start(store)
            self.environment = environment
            snapshot = try await WriteRouteFuzzTests.snapshot(store, environment)
            count = try await watch.count()
        }

        /// Reads what is stored now; true when it differs from what was stored before.
        mutating func changed() async throws -> Bool {
            let now = try await watch.count()
            guard now != count else { return false }
            count = now
            let after = try await WriteRouteFuzzTests.snapshot(watch.store, environment)
            defer { snapshot = after }
            return after != snapshot
        }
    }

    /// The database's tables that are watched, by name.
    static func tableNames(_ db: any SQLDatabase) async throws -> [String] {
        let query: SQLQueryString = db.dialect.name == "postgresql"
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        return try await db.raw(query).all()
            .map { try $0.decode(column: "name", as: String.self) }
            .filter { !unwatchedTables.contains($0) }
    }

    static func snapshot(_ store: SQLStore, _ environment: AppEnvironment) async throws -> Snapshot {
        try await store.gateway.read { db in
            var tables: [String: String] = [:]
            let names = try await tableNames(db)
            for name in names {
                if db.dialect.name == "postgresql" {
                    // Each row as PostgreSQL writes a record, in one order on every read.
                    let text = try await db.raw(SQLQueryString("""
                        SELECT string_agg(r, chr(10) ORDER BY r) AS rows FROM (SELECT t::text AS r FROM "\(unsafeRaw: name)" t) x
                        """)).first()?.decode(column: "rows", as: String?.self)
                    tables[name] = text ?? ""
                    continue
                }
                let columns = try await db.raw("SELECT name FROM pragma_table_info(\(bind: name))").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
                let text = try await db.raw(SQLQueryString("SELECT group_concat(\(unsafeRaw: row), char(10)) AS rows FROM (SELECT * FROM \"\(unsafeRaw: name)\" ORDER BY rowid)"))
                    .first()?.decode(column: "rows", as: String?.self)
                tables[name] = text ?? ""
            }
            return Snapshot(tables: tables)
        }
    }

    /// The server answers, and the pages and JSON of the touched action and measure render.
    static func stillAnswers(_ client: any TestClientProtocol, _ samples: Samples, after what: String) async throws {
        for uri in ["/healthz", "/actions/\(samples.actionID)", "/api/v1/actions/\(samples.actionID)", "/measures/\(samples.measureID)",
                    "/api/v1/measures/\(samples.measureID)", "/plans/\(samples.planID)", "/meetings/\(samples.meetingID)"] {
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok, "\(uri) after \(what): \(response.status.code)")
            }
        }
    }

    /// The routes are shared among this many test cases, each on its own copy of the database, so
    /// the fuzz runs on every core rather than as one long test at the end of the suite.
    static let shards = 4

    static func shard<T>(_ all: [T], _ shard: Int) -> [T] {
        all.enumerated().filter { $0.offset % shards == shard }.map(\.element)
    }

    @Test("every field of every API write route: no 5xx, nothing half-stored, the server still answers", arguments: 0..<shards)
    func apiRoutes(shard: Int) async throws {
        let (environment, store) = try await makeTestEnvironment(today: webTestDay)
        defer { Task { await removeTestEnvironment(store) } }
        let app = Application(router: buildRouter(environment: environment))
        let admin = try await TestPeople.credentials(environment, role: .administrator, name: "Fuzz Administrator")
        let samples = try await Self.samples(store, environment, person: admin.person.id)
        let data = try Data(contentsOf: Views.resources.appendingPathComponent("openapi.json"))
        let every = RouteTable.api.filter { $0.method != .get }
        #expect(every.count >= 11)
        let routes = Self.shard(every, shard)
        try await app.test(.router) { base in
            let schemas = Schemas(document: try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
            let client = SignedInClient(base: base, credentials: admin)
            var stored = try await Watched(store, environment)
            var requests = 0
            for route in routes {
                let apiPath = String(route.path.dropFirst("/api/v1".count))
                // A route without a body (DELETE with the version in the query) has no fields to fuzz;
                // its address is fuzzed below with the others.
                guard let schema = schemas.requestSchema(method: route.method.rawValue, path: apiPath) else {
                    #expect(!schemas.hasRequestBody(method: route.method.rawValue, path: apiPath), "\(route.path) has a request schema")
                    continue
                }
                let uri = samples.fill(route.path)
                for path in schemas.fieldPaths(schema) {
                    for raw in Self.jsonValues {
                        // The version the record has now, so a write is judged on its fields, not refused as stale.
                        var base = schemas.sample(schema)
                        if var object = base as? [String: Any], object["version"] != nil {
                            let current = try await client.execute(uri: uri, method: .get) { try? APITests.json($0)["version"] as? Int }
                            object["version"] = current ?? 1
                            base = object
                        }
                        let body = try Self.jsonText(schemas.setting("@@FUZZ@@", at: path, in: base, schema: schema), raw: raw)
                        let status = try await client.execute(uri: uri, method: route.method, headers: APITests.jsonHeaders,
                                                              body: ByteBuffer(string: body)) { $0.status }
                        requests += 1
                        let field = path.map { "\($0)" }.joined(separator: ".")
                        #expect(status.code < 500, "\(route.method.rawValue) \(uri) \(field) = \(raw.prefix(40)): \(status.code)")
                        let changed = try await stored.changed()
                        if status.code >= 400 {
                            #expect(!changed, "\(route.method.rawValue) \(uri) \(field) = \(raw.prefix(40)) was refused (\(status.code)) but changed what is stored")
                        }
                    }
                }
                try await Self.stillAnswers(client, samples, after: "\(route.method.rawValue) \(route.path)")
            }
            // Extreme ids in the address of every write route: not found or refused, never a crash.
            for route in routes {
                for id in ["99999999999999999999", "-1", "0", "1e19", "NaN", "9223372036854775807"] {
                    let uri = route.path.replacingOccurrences(of: "{id}", with: id)
                    let status = try await client.execute(uri: uri, method: route.method, headers: APITests.jsonHeaders,
                                                          body: ByteBuffer(string: #"{"version": 1}"#)) { $0.status }
                    #expect((400..<500).contains(status.code), "\(route.method.rawValue) \(uri): \(status.code)")
                }
            }
            #expect(try await !stored.changed())
            #expect(requests > 500 / Self.shards)
        }
    }

    @Test("every field of every form: no 5xx, nothing half-stored, the server still answers", arguments: 0..<shards)
    func formRoutes(shard: Int) async throws {
        let (environment, store) = try await makeTestEnvironment(today: webTestDay)
        defer { Task { await removeTestEnvironment(store) } }
        let app = Application(router: buildRouter(environment: environment))
        // An administrator who is also an analyst could reach every form; an administrator reaches all but the analysis ones,
        // which are fuzzed as an analyst.
        let admin = try await TestPeople.credentials(environment, role: .administrator, name: "Fuzz Administrator")
        let analyst = try await TestPeople.credentials(environment, role: .analyst, name: "Fuzz Analyst")
        let samples = try await Self.samples(store, environment, person: admin.person.id)
        let analysisPaths = Set(RouteTable.analysis.map(\.path))
        let every = RouteTable.pages.filter { $0.method == .post }
        #expect(every.count >= 20)
        let routes = Self.shard(every, shard)
        try await app.test(.router) { base in
            let reader = SignedInClient(base: base, credentials: admin)
            // The pages whose forms are read for field names: the touched records' pages and those a form posts from.
            var pages: [String: String] = [:]
            for uri in ["/actions/\(samples.actionID)", "/measures/\(samples.measureID)", "/boards/\(samples.boardID)",
                        "/meetings/\(samples.meetingID)", "/account", "/people", "/plans/\(samples.planID)", "/import", "/login"] {
                pages[uri] = try await reader.execute(uri: uri, method: .get) { $0.text }
            }
            let everyName = Set(pages.values.flatMap { html in
                var names: [String] = []
                var cursor = html.startIndex
                while let name = html.range(of: "name=\"", range: cursor..<html.endIndex) {
                    let close = html[name.upperBound...].firstIndex(of: "\"") ?? html.endIndex
                    names.append(String(html[name.upperBound..<close]))
                    cursor = close
                }
                return names
            }).subtracting(["csrf"]).sorted()
            var stored = try await Watched(store, environment)
            for route in routes {
                let uri = samples.fill(route.path)
                var fields: [String]?
                for (page, html) in pages.sorted(by: { $0.key < $1.key }) where fields == nil {
                    fields = Self.formFields(posting: uri, in: html)
                    _ = page
                }
                if fields == nil {
                    // A form on a page of its own (`/boards/7/members` from `/boards/7/members/new`, …): read the page at
                    // the route's path and its parents.
                    var parent = uri
                    while fields == nil, let slash = parent.lastIndex(of: "/"), slash != parent.startIndex {
                        let html = try await reader.execute(uri: parent, method: .get) { $0.status == .ok ? $0.text : "" }
                        fields = Self.formFields(posting: uri, in: html)
                        parent = String(parent[..<slash])
                    }
                }
                let names = fields ?? everyName
                for name in names {
                    for value in Self.formValues {
                        let person = analysisPaths.contains(route.path) ? analyst : admin
                        // A fresh session each time: signing out, a password change or a reset ends the one it is sent with.
                        let credentials = try await TestPeople.newSession(environment, person)
                        let client = SignedInClient(base: base, credentials: credentials)
                        let body = formEncoded(names.map { ($0, $0 == name ? value : "1") })
                        let response = try await client.execute(uri: uri, method: .post, headers: formHeaders, body: body) { $0 }
                        #expect(response.status.code < 500, "POST \(uri) \(name) = \(value.prefix(40)): \(response.status.code)")
                        let changed = try await stored.changed()
                        let refused = response.status.code >= 400 || (response.status == .ok && response.text.contains("govuk-error-summary"))
                        if refused {
                            #expect(!changed, "POST \(uri) \(name) = \(value.prefix(40)) was refused (\(response.status.code)) but changed what is stored")
                        }
                    }
                }
                try await Self.stillAnswers(reader, samples, after: "POST \(route.path)")
            }
        }
    }
}


@Suite("The fuzz's record of what is stored")
struct FuzzChangeWatchTests {
    @Test("a write to a watched table is seen, a rewrite with the same values and a read are not")
    func seesWrites() async throws {
        let (environment, store) = try await makeTestEnvironment(today: webTestDay)
        defer { Task { await removeTestEnvironment(store) } }
        var stored = try await WriteRouteFuzzTests.Watched(store, environment)
        #expect(try await !stored.changed())
        _ = try await store.plans(organisationID: environment.organisationID)
        #expect(try await !stored.changed())
        try await store.gateway.write { db in try await db.raw("UPDATE measures SET title = title").run() }
        #expect(try await !stored.changed())
        try await store.gateway.write { db in try await db.raw("UPDATE measures SET title = title || '!' WHERE id = (SELECT min(id) FROM measures)").run() }
        #expect(try await stored.changed())
        #expect(try await !stored.changed())
        try await store.gateway.write { db in try await db.raw("DELETE FROM milestones WHERE id = (SELECT min(id) FROM milestones)").run() }
        #expect(try await stored.changed())
    }
}
