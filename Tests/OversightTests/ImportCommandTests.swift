import Core
import Documents
import Foundation
import Store
import Testing

/// `oversight import plan`, run as a user would.
@Suite("oversight import plan")
struct ImportCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PlanImportTests/Fixtures")
    let wokingham = fixtures.appendingPathComponent("wokingham-ilacs-improvement-plan-2023.txt").path
    let westSussex = fixtures.appendingPathComponent("west-sussex-practice-improvement-plan-2019.txt").path

    func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("oversight-import-\(UUID().uuidString)\(suffix)").path
    }

    func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("help explains the options")
    func help() throws {
        let result = try Command.run(["help", "import", "plan"])
        #expect(result.status == 0)
        for option in ["--dry-run", "--mapping", "--save-mapping", "--organisation", "--db"] {
            #expect(result.output.contains(option))
        }
    }

    @Test("a dry run prints what was found and stores nothing")
    func dryRun() throws {
        let db = temporaryPath(".sqlite")
        defer { remove(db) }
        let result = try Command.run(["import", "plan", wokingham, "--db", db, "--dry-run"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("1 plan, 5 areas, 19 actions, 43 milestones (16 complete), 0 measures"))
        #expect(result.output.contains("Plan 1: ILACS Improvement Plan"))
        #expect(result.output.contains("Area 3 Supervision & Management Oversight"))
        #expect(result.output.contains("wokingham-ilacs-improvement-plan-2023.txt, table 1, line 37, column 1: The reference \"1/2\" is read as action 1.2."))
        #expect(result.output.contains("Dry run: nothing stored."))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("an import stores the plan with its areas, actions and measures, and saves the mapping")
    func stores() async throws {
        let db = temporaryPath(".sqlite")
        let mapping = temporaryPath(".json")
        defer { remove(db); remove(mapping) }
        let result = try Command.run(["import", "plan", westSussex, "--db", db, "--organisation", "West Sussex County Council",
                                      "--save-mapping", mapping])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("1 plan, 12 areas, 95 actions"))
        #expect(result.output.contains("66 measures"))
        #expect(result.output.contains("Stored plan"))

        let store = try await SQLStore.sqlite(path: db)
        let org = try #require(try await store.organisation(named: "West Sussex County Council"))
        let plans = try await store.plans(organisationID: org.id)
        #expect(plans.map(\.title) == ["Practice Improvement Plan"])
        let contents = try await store.planContents(id: try #require(plans.first).id, organisationID: org.id, fullHistory: true)
        #expect(contents.areas.count == 12)
        #expect(contents.actions.count == 95)
        #expect(try await store.measures(organisationID: org.id).count == 66)
        try await store.close()

        let saved = try String(contentsOfFile: mapping, encoding: .utf8)
        #expect(saved.contains("\"Action Required\" : \"action\""))
        // The saved mapping reads the file the same way.
        let again = try Command.run(["import", "plan", westSussex, "--db", db, "--mapping", mapping, "--dry-run"])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("1 plan, 12 areas, 95 actions"))
    }

    @Test("a file that cannot be read gives the reader's message, a non-zero exit, and stores nothing")
    func brokenFile() async throws {
        let db = temporaryPath(".sqlite")
        let broken = temporaryPath(".xlsx")
        defer { remove(db); remove(broken) }
        FileManager.default.createFile(atPath: broken, contents: Data("PK\u{3}\u{4}not really a workbook".utf8))
        let store = try await SQLStore.sqlite(path: db)
        _ = try await store.createOrganisation(Organisation(name: "Anytown"))
        try await store.close()

        let result = try Command.run(["import", "plan", broken, "--db", db])
        #expect(result.status != 0)
        #expect(result.error.contains(URL(fileURLWithPath: broken).lastPathComponent + ":"))
        #expect(result.error.contains("damaged") || result.error.contains("incomplete"))

        let reopened = try await SQLStore.sqlite(path: db)
        let org = try #require(try await reopened.organisation(named: "Anytown"))
        #expect(try await reopened.plans(organisationID: org.id).isEmpty)
        try await reopened.close()
    }

    @Test("a file with no plan in it stores nothing and says so")
    func noPlan() throws {
        let db = temporaryPath(".sqlite")
        let text = temporaryPath(".csv")
        defer { remove(db); remove(text) }
        FileManager.default.createFile(atPath: text, contents: Data("Name,Phone\nSam,0123\n".utf8))
        let result = try Command.run(["import", "plan", text, "--db", db, "--organisation", "Anytown"])
        #expect(result.status != 0)
        #expect(result.error.contains("No plan was found"))
    }
}

/// `oversight import plan` of a file whose plan is stored already: the plan is updated, never
/// stored twice unasked.
@Suite("oversight import plan, into a plan already stored")
struct ReimportCommandTests {
    @Test("the same file twice updates the plan (nothing to change); its export is found by its actions; --new-plan stores a second plan")
    func reimport() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-reimport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("plans.sqlite").path
        let out = folder.appendingPathComponent("tracker.xlsx").path
        let file = ImportCommandTests.fixtures.appendingPathComponent("wokingham-ilacs-improvement-plan-2023.txt").path
        let first = try Command.run(["import", "plan", file, "--db", db, "--organisation", "Wokingham Borough Council"])
        #expect(first.status == 0, "\(first.error)")

        let again = try Command.run(["import", "plan", file, "--db", db, "--by", "Sam Jones", "--dry-run"])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("Updates plan 1 \"ILACS Improvement Plan\": 0 actions changed, 0 added, 19 unchanged"))
        #expect(again.output.contains("Nothing would change"))
        #expect(again.output.contains("Dry run: nothing stored."))

        let exported = try Command.run(["export", "plan", "1", "--db", db, "--format", "xlsx", "--out", out, "--as-at", "2023-10-15"])
        #expect(exported.status == 0, "\(exported.error)")
        let fromExport = try Command.run(["import", "plan", out, "--db", db, "--by", "Sam Jones", "--as-at", "2023-10-20"])
        #expect(fromExport.status == 0, "\(fromExport.error)")
        #expect(fromExport.output.contains("Updates plan 1 \"ILACS Improvement Plan\": 0 actions changed, 0 added, 19 unchanged"))
        #expect(fromExport.output.contains("Updated plan 1: ILACS Improvement Plan"))

        let store = try await SQLStore.sqlite(path: db)
        let org = try #require(try await store.organisation(named: "Wokingham Borough Council"))
        #expect(try await store.plans(organisationID: org.id).count == 1, "no second plan")
        let imports = try await store.auditTrail(organisationID: org.id).filter { $0.entity == "import" }
        #expect(imports.count == 2)
        #expect(imports.last?.after?.contains("tracker.xlsx") == true)
        try await store.close()

        let unknown = try Command.run(["import", "plan", file, "--db", db, "--update", "99"])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("There is no plan 99 in this organisation. Its plans: 1 ILACS Improvement Plan"))

        let separate = try Command.run(["import", "plan", file, "--db", db, "--new-plan"])
        #expect(separate.status == 0, "\(separate.error)")
        #expect(separate.output.contains("Stored plan 2: ILACS Improvement Plan"))
    }
}

/// `oversight export plan --format xlsx`, run as a user would.
@Suite("oversight export plan --format xlsx")
struct ExportWorkbookCommandTests {
    @Test("writes a workbook whose Actions sheet has one row per action")
    func workbook() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("plans.sqlite").path
        let out = folder.appendingPathComponent("plan.xlsx").path
        let imported = try Command.run(["import", "plan", ImportCommandTests.fixtures.appendingPathComponent("wokingham-ilacs-improvement-plan-2023.txt").path,
                                        "--db", db, "--organisation", "Wokingham Borough Council"])
        #expect(imported.status == 0, "\(imported.error)")
        let result = try Command.run(["export", "plan", "1", "--db", db, "--format", "xlsx", "--out", out, "--as-at", "2023-10-15"])
        #expect(result.status == 0, "\(result.error)")

        let reader = try XLSXReader(url: URL(fileURLWithPath: out))
        #expect(reader.sheetNames == ["Actions", "Measures"])
        let table = try reader.table(sheet: "Actions")
        #expect(table.rows.first.map { Array($0.texts.prefix(5)) } == ["Theme", "Area ref", "Area", "Ref", "Action"])
        #expect(table.rows.count == 1 + 19)
        #expect(table.rows.dropFirst().map { $0[column: 4].text }.first == "1.1")
    }
}
