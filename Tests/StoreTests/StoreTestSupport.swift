import Core
import Foundation
import SQLKit
@testable import Store
import Testing

/// A database of its own: a SQLite file in the temporary directory (removed with its WAL files
/// afterwards), or a database created on the PostgreSQL test server (dropped afterwards).
struct TemporaryDatabase: Sendable {
    /// The SQLite file's path, or the PostgreSQL database's address.
    let path: String
    let kind: TestDatabase

    init() {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("oversight-store-tests-\(UUID().uuidString).sqlite").path
        kind = .sqlite
    }

    init(path: String, kind: TestDatabase = .sqlite) {
        self.path = path
        self.kind = kind
    }

    func open() async throws -> SQLStore {
        try await SQLStore.open(path)
    }

    func remove() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}

/// The databases the store tests run on: SQLite always, PostgreSQL when
/// `OVERSIGHT_TEST_POSTGRES_URL` names a server the tests may create databases on
/// (`scripts/test-postgres.sh` starts one).
enum TestDatabase: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    static var all: [TestDatabase] { postgresServer == nil ? [.sqlite] : [.sqlite, .postgres] }

    static var postgresServer: String? {
        let url = ProcessInfo.processInfo.environment["OVERSIGHT_TEST_POSTGRES_URL"] ?? ""
        return url.isEmpty ? nil : url
    }

    var testDescription: String { rawValue }

    /// A new, empty database: a file name in the temporary folder, or a database created on the
    /// test server. `remove(_:)` deletes it.
    func create() async throws -> String {
        switch self {
        case .sqlite:
            return TemporaryDatabase().path
        case .postgres:
            guard let server = Self.postgresServer else { throw TestDatabaseUnavailable() }
            let name = "oversight_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return try await PostgresDatabases.create(named: name, on: server)
        }
    }

    func remove(_ database: String) async {
        switch self {
        case .sqlite: TemporaryDatabase(path: database).remove()
        case .postgres: try? await PostgresDatabases.drop(database)
        }
    }
}

struct TestDatabaseUnavailable: Error {}

/// Runs `body` against a store over a fresh database of the kind `kind`, then closes the store
/// and deletes the database.
func withStore<T>(_ kind: TestDatabase = .sqlite, _ body: (SQLStore) async throws -> T) async throws -> T {
    let database = try await kind.create()
    let store: SQLStore
    do {
        store = try await SQLStore.open(database)
    } catch {
        await kind.remove(database)
        throw error
    }
    do {
        let result = try await body(store)
        try await store.close()
        await kind.remove(database)
        return result
    } catch {
        try? await store.close()
        await kind.remove(database)
        throw error
    }
}

/// Runs `body` with a new database of the kind `kind` that the test opens and closes itself (two
/// stores on one database are two servers); deletes the database afterwards.
func withDatabaseFile<T>(_ kind: TestDatabase = .sqlite, _ body: (TemporaryDatabase) async throws -> T) async throws -> T {
    let database = TemporaryDatabase(path: try await kind.create(), kind: kind)
    do {
        let result = try await body(database)
        await kind.remove(database.path)
        return result
    } catch {
        await kind.remove(database.path)
        throw error
    }
}

/// What an async call ended with, so concurrent calls can be compared afterwards.
func outcome<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}

extension SQLStore {
    /// Rows in a table, read straight from the database (to check nothing was left behind).
    func count(_ table: String, organisationID: Int64? = nil) async throws -> Int {
        try await gateway.read { db in
            let query: SQLQueryString = organisationID.map { "SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE organisation_id = \(bind: $0)" }
                ?? "SELECT COUNT(*) AS n FROM \(unsafeRaw: table)"
            return try await db.raw(query).first()!.decode(column: "n", as: Int.self)
        }
    }

    /// The rows of `schema_migrations`: version and how many rows carry it.
    func migrationRows() async throws -> [(version: Int, rows: Int)] {
        try await gateway.read { db in
            try await db.raw("SELECT version, COUNT(*) AS n FROM schema_migrations GROUP BY version ORDER BY version").all().map {
                (version: try $0.decode(column: "version", as: Int.self), rows: try $0.decode(column: "n", as: Int.self))
            }
        }
    }

    /// A plan's action by its reference.
    func action(ref: String, planID: Int64, organisationID: Int64) async throws -> Action {
        let contents = try await planContents(id: planID, organisationID: organisationID, fullHistory: true)
        guard let action = contents.actions.first(where: { $0.ref == ref }) else {
            throw StoreError.notFound(entity: "action ref", id: ref)
        }
        return action
    }
}

/// A small plan: 2 themes, 3 areas, 5 actions, 2 measures, milestones, updates, evidence, a
/// difference judgement, an override and a reprogramming.
enum Fixture {
    static let measureCodes = ["CSC-01", "CSC-02"]

    /// A fixed instant with whole milliseconds (timestamps are stored to the millisecond).
    static func instant(_ offset: TimeInterval) -> Date {
        Date(timeIntervalSince1970: 1_696_000_000 + offset)
    }

    static func organisation(_ store: SQLStore, name: String = "Northshire County Council") async throws -> Organisation {
        try await store.createOrganisation(Organisation(name: name, kind: .council))
    }

    static func measures(organisationID: Int64) -> [Measure] {
        [
            Measure(
                organisationID: organisationID, code: "CSC-01", title: "Re-referrals within 12 months",
                definition: "Referrals in the month that follow another referral within 12 months",
                numeratorText: "Re-referrals", denominatorText: "Referrals", unit: .percentage,
                polarity: .lowerIsBetter, frequency: .monthly, source: .manual, decimals: 1,
                owner: "Head of Front Door",
                targets: [Target(value: 25, dueBy: Day(2023, 10, 31), isInterim: true),
                          Target(value: 20, dueBy: Day(2024, 3, 31))],
                followsTrajectory: true, baseline: Baseline(value: 30.5, date: Day(2023, 4, 1)),
                periodTargets: [PeriodTarget(period: .month(year: 2023, month: 12), value: 22.5)],
                tolerance: 2.5,
                benchmarks: [Benchmark(kind: .england, year: "2022-23", value: 22.4, source: "DfE CIN census 2023"),
                             Benchmark(kind: .statisticalNeighbours, year: "2022-23", value: 21.1, rangeLow: 14.2,
                                       rangeHigh: 29.8, source: "LAIT")],
                values: [MeasureValue(period: .month(year: 2023, month: 5), value: 27.5, numerator: 55, denominator: 200,
                                      asAt: Day(2023, 6, 5), note: "Provisional"),
                         MeasureValue(period: .month(year: 2023, month: 4), value: 29, numerator: 58, denominator: 200,
                                      asAt: Day(2023, 5, 4))]),
            Measure(
                organisationID: organisationID, code: "CSC-02", title: "Average social worker caseload",
                unit: .count, polarity: .withinBand, band: 15...18, frequency: .quarterly,
                source: .computed(catalogueID: "caseload-average"), decimals: 0, owner: "Principal Social Worker",
                targets: [], benchmarks: [Benchmark(kind: .region, year: "2022-23", value: 17)],
                values: [MeasureValue(period: .quarter(startYear: 2023, quarter: 1), value: 21, asAt: Day(2023, 7, 10),
                                      computedFrom: "caseloads-2023-06.csv")]),
        ]
    }

    static func draft(organisationID org: Int64, title: String = "Children's services improvement plan 2023-25") throws -> PlanDraft {
        let plan = Plan(organisationID: org, title: title, kind: .improvementPlan,
                        periodStart: Day(2023, 4, 1), periodEnd: Day(2025, 3, 31), updateCycle: .monthly)
        let inspection = Inspection(
            organisationID: org, kind: .ilacs, startDate: Day(2023, 1, 16), publishedDate: Day(2023, 3, 1),
            judgements: [.init(area: "Overall effectiveness", grade: .requiresImprovement),
                         .init(area: "Experiences and progress of children who need help and protection", grade: .inadequate)],
            recommendations: [.init(number: 1, text: "The quality of assessments", paragraphs: ["Paragraph 14", "Pg 5 Para 13,14"]),
                              .init(number: 2, text: "Management oversight and supervision", paragraphs: ["Paragraph 31"])])

        // Action 1.1.1: in progress, three milestones (one complete), two updates, evidence, a difference judgement.
        let a111 = Action(
            areaID: 0, ref: "1.1.1", title: "Introduce a single assessment framework",
            outcome: "Assessments are analytical and lead to plans that change children's lives",
            leads: ["Head of Service, Assessment", "Jo Bloggs"], startDate: Day(2023, 4, 1), dueDate: Day(2023, 12, 31),
            status: .inProgress, percentComplete: 40,
            milestones: [Milestone(title: "Framework drafted", dueDate: Day(2023, 5, 31), completedOn: Day(2023, 5, 20)),
                         Milestone(title: "Staff trained", dueDate: Day(2023, 9, 30)),
                         Milestone(title: "Audit of new assessments", dueDate: Day(2023, 12, 15))],
            updates: [ProgressUpdate(actionID: 0, date: Day(2023, 8, 31), author: "Jo Bloggs",
                                     text: "Training under way: 60% of staff trained.", percentComplete: 40,
                                     status: .inProgress, recordedAt: instant(200.5)),
                      ProgressUpdate(actionID: 0, date: Day(2023, 6, 30), author: "Jo Bloggs",
                                     text: "Framework signed off by the DCS.", percentComplete: 20, recordedAt: instant(100))],
            evidence: [EvidenceOfImpact(date: Day(2023, 8, 15), text: "Audit: 70% of assessments good or better (was 45%).",
                                        author: "Quality Assurance Manager")],
            difference: DifferenceJudgement(value: .someDifference, date: Day(2023, 8, 31), by: "Jo Bloggs",
                                            note: "Audit grades improving"))
        // Action 1.1.2: complete, with an override.
        let a112 = Action(
            areaID: 0, ref: "1.1.2", title: "Practice standards for assessments published",
            leads: ["Principal Social Worker"], startDate: Day(2023, 4, 1), dueDate: Day(2023, 6, 30),
            status: .complete, percentComplete: 100, completedOn: Day(2023, 6, 28),
            milestones: [Milestone(title: "Standards published", dueDate: Day(2023, 6, 30), completedOn: Day(2023, 6, 28))],
            override: try RatingOverride(rating: .blue, reason: "Published and briefed to all teams", by: "Performance Manager",
                                         on: Day(2023, 7, 3)))
        // Action 1.2.1: reprogrammed, linked to both measures.
        let a121 = Action(
            areaID: 0, ref: "1.2.1", title: "Reduce caseloads in the assessment teams",
            leads: ["Service Manager, Assessment", "Human Resources"], startDate: Day(2023, 5, 1), dueDate: Day(2024, 3, 31),
            reprogrammings: [Reprogramming(from: Day(2023, 12, 31), to: Day(2024, 3, 31), reason: "Recruitment delayed",
                                           changedOn: Day(2023, 9, 1), changedBy: "Head of Service")],
            status: .inProgress, percentComplete: 30,
            milestones: [Milestone(title: "Agency social workers appointed", dueDate: Day(2023, 7, 31)),
                         Milestone(title: "Permanent recruitment campaign", dueDate: Day(2024, 1, 31))],
            updates: [ProgressUpdate(actionID: 0, date: Day(2023, 9, 1), author: "Head of Service",
                                     text: "Due date moved: recruitment delayed.", recordedAt: instant(300))])
        // Action 2.1.1: on hold, with a partner lead and an override.
        let a211 = Action(
            areaID: 0, ref: "2.1.1", title: "Monthly supervision audit",
            leads: ["Police: DCI Public Protection"], startDate: Day(2023, 6, 1), dueDate: Day(2024, 6, 30),
            status: .onHold, percentComplete: 10,
            milestones: [Milestone(title: "Audit tool agreed", dueDate: Day(2023, 7, 31), completedOn: Day(2023, 8, 2))],
            updates: [ProgressUpdate(actionID: 0, date: Day(2023, 9, 15), author: "DCI Public Protection",
                                     text: "Paused while the partnership reviews its audit programme.", status: .onHold,
                                     recordedAt: instant(400))],
            override: try RatingOverride(rating: .amber, reason: "Pause agreed by the board", by: "Chair", on: Day(2023, 9, 20)))
        // Action 2.1.2: not started, nothing yet.
        let a212 = Action(areaID: 0, ref: "2.1.2", title: "Supervision policy refreshed", startDate: Day(2024, 1, 1),
                          dueDate: Day(2024, 3, 31))

        let assessment = Theme(planID: 0, position: 0, ref: "1", title: "Assessment and planning")
        let leadership = Theme(planID: 0, position: 0, ref: "2", title: "Leadership and management")
        let quality = Area(
            themeID: 0, position: 0, ref: "1.1", title: "The quality of assessments", recommendationNumber: 1,
            improvementLead: "Head of Service, Assessment", coreFocus: "Assessment quality",
            issues: [Area.Issue(heading: "Assessments", quote: "Assessments are too often descriptive.",
                                paragraphs: ["Paragraph 14"]),
                     Area.Issue(heading: "Plans", quote: "Plans lack measurable outcomes.", paragraphs: ["Pg 5 Para 13,14"])],
            objectives: ["All assessments are good or better", "Children's views are recorded"],
            whyItMatters: "Good assessments lead to the right help at the right time.",
            whatGoodLooksLike: "Audits find 80% of assessments good or better.")
        let timeliness = Area(themeID: 0, position: 0, ref: "1.2", title: "Timeliness of assessments",
                              improvementLead: "Service Manager, Assessment", objectives: ["Assessments within 45 working days"])
        let supervision = Area(themeID: 0, position: 0, ref: "2.1", title: "Management oversight and supervision",
                               recommendationNumber: 2, improvementLead: "Director of Children's Services",
                               issues: [Area.Issue(heading: "Supervision", quote: "Supervision is irregular.")])

        return PlanDraft(
            plan: plan, inspection: inspection,
            themes: [
                .init(theme: assessment, areas: [
                    .init(area: quality, actions: [.init(action: a111, measureCodes: ["CSC-01"]), .init(action: a112)]),
                    .init(area: timeliness, actions: [.init(action: a121, measureCodes: ["CSC-02", "CSC-01"])]),
                ]),
                .init(theme: leadership, areas: [
                    .init(area: supervision, actions: [.init(action: a211, measureCodes: ["CSC-02"]), .init(action: a212)]),
                ]),
            ],
            measures: measures(organisationID: org))
    }

    /// An organisation and the fixture plan, stored.
    static func seeded(_ store: SQLStore) async throws -> (organisation: Organisation, plan: Plan) {
        let organisation = try await organisation(store)
        let plan = try await store.createPlan(try draft(organisationID: organisation.id))
        return (organisation, plan)
    }
}
