import Core
import Measures
import Store
import Foundation
import Testing

@Suite("oversight measures compute")
struct MeasuresCommandTests {
    /// The hand-made workbook in the Measures tests' fixtures (see make-small-annex-a.py there).
    static let workbook = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MeasuresTests/Fixtures/small-annex-a.xlsx").path

    func temporaryFile(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("measures-\(UUID().uuidString).\(ext)").path
    }

    @Test("computes the quarter's measures from a small workbook into JSON")
    func json() throws {
        let out = temporaryFile("json")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Command.run(["measures", "compute", "--annex-a", Self.workbook, "--as-at", "2024-06-30", "--period", "quarter", "--out", out])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("ASM-45WD"))
        #expect(result.output.contains("List_4, row 6, column 'Continuous Assessment Date of Authorisation': '31/02/2024' is not a date"))
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        let items = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(items.count == MeasureCatalogue.all.count)
        for item in items {
            for key in ["measure", "period", "as_at", "numerator", "denominator", "value", "counted", "excluded"] {
                #expect(item[key] != nil, "\(item["measure"] ?? "?") lacks \(key)")
            }
        }
        let asm = try #require(items.first { $0["measure"] as? String == "ASM-45WD" })
        // A1 authorised on day 45 (in), A2 on day 46 (late), A3 in; A4's date is not a date: 2 ÷ 3.
        #expect(asm["period"] as? String == "2024-25 Q1")
        #expect(asm["as_at"] as? String == "2024-06-30")
        #expect(asm["numerator"] as? Double == 2)
        #expect(asm["denominator"] as? Double == 3)
        #expect(abs((asm["value"] as? Double ?? 0) - 66.6667) < 0.001)
        #expect(asm["counted"] as? Int == 3)
        let icpc = try #require(items.first { $0["measure"] as? String == "ICPC-15WD" })
        // S1: conference on day 14 (in); S2: on day 16 (late).
        #expect(icpc["value"] as? Double == 50)
        let overdue = try #require(items.first { $0["measure"] as? String == "ASM-OVERDUE" })
        // A5 started Mon 1 Apr 2024, not authorised: past its deadline by 30 Jun. A4's authorisation is unusable: excluded.
        #expect(overdue["value"] as? Double == 1)
        #expect(overdue["excluded"] as? Int == 1)
        let contacts = try #require(items.first { $0["measure"] as? String == "CON-NFA" })
        #expect(contacts["value"] is NSNull)
        #expect(contacts["missing_input"] as? String == "contacts")
    }

    @Test("writes CSV, and the peer convention changes the boundary day")
    func csv() throws {
        let out = temporaryFile("csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Command.run(["measures", "compute", "--annex-a", Self.workbook, "--as-at", "2024-06-30", "--period", "quarter",
                                      "--convention", "peer", "--out", out])
        #expect(result.status == 0, "\(result.error)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "measure,title,period,as_at,convention,numerator,denominator,value,counted,excluded,missing_input,sources")
        // Peer: A1's 5 Jun is day 46, late: 1 ÷ 3.
        #expect(lines.contains { $0.hasPrefix("ASM-45WD,Assessments completed within 45 working days,2024-25 Q1,2024-06-30,peer,1,3,") })
    }

    @Test("refuses a bad date and a bad output name")
    func refusals() throws {
        let bad = try Command.run(["measures", "compute", "--annex-a", Self.workbook, "--as-at", "30/06/2024"])
        #expect(bad.status != 0)
        #expect(bad.error.contains("--as-at must be a date in the form YYYY-MM-DD"))
        let name = try Command.run(["measures", "compute", "--annex-a", Self.workbook, "--as-at", "2024-06-30", "--out", "x.txt"])
        #expect(name.status != 0)
        #expect(name.error.contains("--out must name a .csv or .json file"))
        let missing = try Command.run(["measures", "compute", "--annex-a", "/nonexistent/annex.xlsx", "--as-at", "2024-06-30"])
        #expect(missing.status != 0)
    }

    @Test("help", arguments: [["help", "measures"], ["help", "measures", "compute"], ["help", "generate", "annex-a"]])
    func help(arguments: [String]) throws {
        let result = try Command.run(arguments)
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: oversight"))
    }

    @Test("golden: generate annex-a with seed 42 → measures compute → the committed CSV")
    func golden() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = folder.appendingPathComponent("annex-a.xlsx").path, events = folder.appendingPathComponent("events").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let generated = try Command.run(["generate", "annex-a", "--children", "400", "--seed", "42", "--as-at", "2024-03-31",
                                         "--out", workbook, "--events", events])
        #expect(generated.status == 0, "\(generated.error)")
        let out = folder.appendingPathComponent("results.csv").path
        let computed = try Command.run(["measures", "compute", "--annex-a", workbook, "--events", events, "--as-at", "2024-03-31",
                                        "--period", "year", "--out", out])
        #expect(computed.status == 0, "\(computed.error)")
        let expectedURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MeasuresTests/Fixtures/golden-seed42-400-children.csv")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        let actual = try String(contentsOfFile: out, encoding: .utf8)
        #expect(actual == expected)
    }
}

@Suite("oversight measures compute --region and --measures")
struct RegionCommandTests {
    @Test("a region folder gives each authority's results, the same as computing it alone, with an authority column")
    func region() throws {
        let region = FileManager.default.temporaryDirectory.appendingPathComponent("region-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: region) }
        var alone: [String: [String]] = [:]
        for (name, seed) in [("Eastvale", "7"), ("North, Moor", "8")] {
            let folder = region.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let workbook = folder.appendingPathComponent("annex-a.xlsx").path, events = folder.appendingPathComponent("events").path
            let generated = try Command.run(["generate", "annex-a", "--children", "60", "--seed", seed, "--out", workbook, "--events", events])
            #expect(generated.status == 0, "\(generated.error)")
            let out = region.appendingPathComponent("\(seed).csv").path
            let computed = try Command.run(["measures", "compute", "--annex-a", workbook, "--events", events, "--as-at", "2024-03-31", "--out", out])
            #expect(computed.status == 0, "\(computed.error)")
            alone[name] = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("region-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Command.run(["measures", "compute", "--region", region.path, "--as-at", "2024-03-31", "--out", out])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("== Eastvale (annex-a.xlsx and events)"))
        #expect(result.output.contains("2 of 2 authorities computed, \(MeasureCatalogue.all.count) measures each."))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("authority,measure,title,") == true)
        let expected = ["Eastvale": "Eastvale", "North, Moor": "\"North, Moor\""].sorted { $0.key < $1.key }
            .flatMap { name, field in (alone[name] ?? []).map { field + "," + $0 } }
        #expect(Array(lines.dropFirst()) == expected)
    }

    @Test("a folder without a workbook is reported, the others are computed, and the command fails")
    func missingWorkbook() throws {
        let region = FileManager.default.temporaryDirectory.appendingPathComponent("region-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: region) }
        try FileManager.default.createDirectory(at: region.appendingPathComponent("Empty"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: region.appendingPathComponent("Small"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: MeasuresCommandTests.workbook, toPath: region.appendingPathComponent("Small/returns.xlsx").path)
        let result = try Command.run(["measures", "compute", "--region", region.path, "--as-at", "2024-06-30"])
        #expect(result.status != 0)
        #expect(result.output.contains("== Empty: no Annex A workbook (.xlsx)"))
        #expect(result.output.contains("1 of 2 authorities computed"))
        #expect(result.error.contains("not computed: Empty"))
    }

    @Test("--measures computes only the measures named, and refuses an id not in the catalogue")
    func measuresOption() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("measures-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Command.run(["measures", "compute", "--annex-a", MeasuresCommandTests.workbook, "--as-at", "2024-06-30",
                                      "--measures", "CLA-REVIEW, asm-45wd", "--out", out])
        #expect(result.status == 0, "\(result.error)")
        let ids = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
        #expect(ids == ["ASM-45WD", "CLA-REVIEW"])
        let refused = try Command.run(["measures", "compute", "--annex-a", MeasuresCommandTests.workbook, "--as-at", "2024-06-30",
                                       "--measures", "ASM-45WD,ASM-99"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("--measures: 'ASM-99' is not a measure in the catalogue; the known ids are CON-NFA, CON-TIMELY"))
    }
}

@Suite("oversight measures compute --db")
struct MeasuresStoreCommandTests {
    @Test("stores computed values on plan measures that name a catalogue id, replacing on a re-run")
    func storesValues() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("measures-db-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try await SQLStore.sqlite(path: path)
        let org = try await store.createOrganisation(Organisation(name: "Test Council"))
        let computed = try await store.createMeasure(Measure(organisationID: org.id, code: "A1", title: "Assessments in time",
                                                             frequency: .quarterly, source: .computed(catalogueID: "ASM-45WD")))
        let manual = try await store.createMeasure(Measure(organisationID: org.id, code: "M1", title: "Typed in"))
        try await store.close()

        for _ in 0..<2 {
            let result = try Command.run(["measures", "compute", "--annex-a", MeasuresCommandTests.workbook, "--as-at", "2024-06-30",
                                          "--period", "quarter", "--db", path])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("Stored 1 value for 2024-25 Q1"))
        }
        let reopened = try await SQLStore.sqlite(path: path)
        let measure = try await reopened.measure(id: computed.id, organisationID: org.id)
        let other = try await reopened.measure(id: manual.id, organisationID: org.id)
        try await reopened.close()
        // Re-running replaced the value: still one, 2 of 3.
        #expect(measure.values.count == 1)
        let value = try #require(measure.values.first)
        #expect(value.period == .quarter(startYear: 2024, quarter: 1))
        #expect(value.numerator == 2)
        #expect(value.denominator == 3)
        #expect(abs(value.value - 200.0 / 3.0) < 1e-9)
        #expect(value.asAt == Day(2024, 6, 30))
        #expect(value.computedFrom == "small-annex-a.xlsx as at 30 June 2024")
        #expect(other.values.isEmpty)
    }
}

@Suite("oversight measures retention")
struct MeasuresRetentionCommandTests {
    @Test("shows the default of 30 days, sets another for the organisation, audits it, and refuses a number out of range")
    func retention() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("measures-retention-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try await SQLStore.sqlite(path: path)
        let org = try await store.createOrganisation(Organisation(name: "Test Council"))
        try await store.close()

        let shown = try Command.run(["measures", "retention", "--db", path])
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.contains("Test Council: the lists of children of each analysis run are deleted 30 days after the run."))
        let set = try Command.run(["measures", "retention", "--db", path, "--days", "14", "--organisation", "Test Council"])
        #expect(set.status == 0, "\(set.error)")
        #expect(set.output.contains("deleted 14 days after the run"))
        let refused = try Command.run(["measures", "retention", "--db", path, "--days", "0"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("--days must be from 1 to 365"))

        let reopened = try await SQLStore.sqlite(path: path)
        let days = try await reopened.analysisRetentionDays(organisationID: org.id)
        let trail = try await reopened.auditTrail(organisationID: org.id, entity: "analysis retention", entityID: org.id)
        try await reopened.close()
        #expect(days == 14)
        #expect(trail.map(\.actor) == ["command line"])
    }
}
