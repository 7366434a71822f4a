import Core
import Documents
import Foundation
import Hummingbird
import HummingbirdTesting
import Measures
import Store
import Testing
@testable import Web

/// The analysts' pages: upload Annex A and local events, see the results against the plan's
/// targets, chase the children out of timescale, record the figures, and the retention rule.
@Suite("Analysis pages")
struct AnalysisPagesTests {
    static let asAt = Day(2024, 3, 31)

    /// A small synthetic Annex A workbook and its local-event CSVs, with enough faults for the
    /// data-quality report, read back as bytes.
    struct Upload: Sendable {
        var workbook: Data
        var events: [(name: String, data: Data)]

        static func generated(children: Int = 120, asAt: Day = AnalysisPagesTests.asAt) throws -> Upload {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-analysis-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let workbook = folder.appendingPathComponent("annex-a.xlsx")
            let events = folder.appendingPathComponent("events", isDirectory: true)
            try FileManager.default.createDirectory(at: events, withIntermediateDirectories: true)
            try AnnexAGenerator(children: children, seed: 7, asAt: asAt, badRowRate: 0.05)
                .write(workbook: workbook, eventsFolder: events)
            let names = try FileManager.default.contentsOfDirectory(atPath: events.path).sorted()
            return Upload(workbook: try Data(contentsOf: workbook),
                          events: try names.map { ($0, try Data(contentsOf: events.appendingPathComponent($0))) })
        }
    }

    static let boundary = "----OversightTestBoundary"
    static let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]

    /// The form as a browser posts it.
    static func form(csrf: String, workbook: (String, Data)?, events: [(name: String, data: Data)] = [],
                     day: String = "31", month: String = "3", year: String = "2024", period: String = "quarter") -> ByteBuffer {
        var body = Data()
        func field(_ name: String, _ value: String) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        func file(_ name: String, _ fileName: String, _ data: Data) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += data
            body += Data("\r\n".utf8)
        }
        field("csrf", csrf)
        if let workbook { file("annex-a", workbook.0, workbook.1) } else { file("annex-a", "", Data()) }
        for event in events { file("events", event.name, event.data) }
        field("as-at-day", day)
        field("as-at-month", month)
        field("as-at-year", year)
        field("period", period)
        field("convention", "statutory")
        body += Data("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    /// The CSRF token of the page's form, as a browser would send it back.
    static func csrf(_ client: any TestClientProtocol) async throws -> String {
        let html = try await client.execute(uri: "/analysis", method: .get) { $0.text }
        let marker = "name=\"csrf\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    /// Uploads the files and returns the new run's id.
    static func upload(_ client: any TestClientProtocol, _ files: Upload, period: String = "quarter") async throws -> Int64 {
        let body = form(csrf: try await csrf(client), workbook: ("annex-a.xlsx", files.workbook), events: files.events, period: period)
        let location = try await client.execute(uri: "/analysis", method: .post, headers: headers, body: body) { response in
            #expect(response.status == .seeOther)
            return response.headers[.location] ?? ""
        }
        return try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
    }

    @Test("An analyst uploads Annex A and local events; the run shows each measure, its plan target and the data-quality report")
    func uploadAndResults() async throws {
        let files = try Upload.generated()
        try await withTestApp(as: .analyst) { client, env, store in
            try await client.execute(uri: "/analysis", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("enctype=\"multipart/form-data\""))
                #expect(response.text.contains("href=\"/analysis\" aria-current=\"page\""), "Analysis is in the navigation")
            }
            let id = try await Self.upload(client, files)
            // The figures are the engine's, computed from the same workbook (ASM-45WD reads List 4 only).
            let inputs = try AnnexAReader.read(data: files.workbook, fileName: "annex-a.xlsx")
            let expected = try #require(MeasureEngine(inputs: inputs).compute("ASM-45WD", period: .quarter(containing: Self.asAt), asAt: Self.asAt))
            let planMeasure = try #require(try await store.measures(organisationID: env.organisationID)
                .first { $0.source == .computed(catalogueID: "ASM-45WD") })
            try await client.execute(uri: "/analysis/runs/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Results as at 31 March 2024"))
                #expect(html.contains("2023-24 Q4"))
                #expect(html.contains(AnalysisFigures.value(expected.value, unit: "%")))
                #expect(html.contains("href=\"/measures/\(planMeasure.id)\">\(planMeasure.code)</a>"), "the plan measure computed from it")
                #expect(html.contains("href=\"/analysis/runs/\(id)/measures/ASM-45WD\""))
                #expect(html.contains("unusable value"))
                #expect(html.contains("Record these values in the plan’s measures"))
                #expect(html.contains("contacts.csv"))
            }
            try await client.execute(uri: "/analysis", method: .get) { response in
                #expect(response.text.contains("href=\"/analysis/runs/\(id)\""), "the run is listed")
            }
            let runs = try await store.analysisRuns(organisationID: env.organisationID)
            #expect(runs.count == 1)
            #expect(runs.first?.ranBy.contains("Test Analyst") == true)
        }
    }

    @Test("Previous runs are listed, and each measure's trend compares runs of the same kind of period, with the figures beside the line")
    func trend() async throws {
        let files = try Upload.generated(children: 40)
        try await withTestApp(as: .analyst) { client, env, store in
            _ = try await Self.upload(client, files, period: "quarter")
            _ = try await Self.upload(client, files, period: "year")
            _ = try await Self.upload(client, files, period: "year")
            try await client.execute(uri: "/analysis", method: .get) { response in
                let html = response.text
                #expect(html.components(separatedBy: "href=\"/analysis/runs/").count - 1 == 3, "every run is listed")
                #expect(html.contains("Each measure in the latest 2 yearly runs, oldest first"))
                #expect(html.contains("<th scope=\"col\" class=\"numeric\">2023-24 (as at 31 March 2024)</th>"))
                #expect(!html.contains("2023-24 Q4 (as at"), "the quarter's run is not on the yearly trend")
                #expect(html.contains("aria-label=\"Trend of ASM-45WD across the runs\""))
            }
        }
    }

    @Test("The drill-down lists children out of timescale first, filters by team, sorts by a column, and downloads the same as CSV")
    func drillDown() async throws {
        let files = try Upload.generated()
        try await withTestApp(as: .analyst) { client, env, store in
            let id = try await Self.upload(client, files, period: "year")
            let rows = try await store.drillDown(runID: id, catalogueID: "ASM-45WD", organisationID: env.organisationID)
            let late = rows.filter(\.outOfTimescale)
            #expect(!late.isEmpty && late.count < rows.count, "the sample has children in and out of timescale")
            let base = "/analysis/runs/\(id)/measures/ASM-45WD"
            try await client.execute(uri: base, method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Assessments completed within 45 working days"))
                #expect(html.contains("\(rows.count) children counted, \(late.count) out of timescale."))
                // Every late child's row comes before the first child in timescale.
                let lastLate = try #require(html.range(of: "tag tag--red", options: .backwards)).lowerBound
                let firstOnTime = try #require(rows.first { !$0.outOfTimescale })
                let onTimeRow = try #require(html.range(of: "<th scope=\"row\" class=\"nowrap\">\(firstOnTime.childID)</th>")).lowerBound
                #expect(lastLate < onTimeRow)
                #expect(html.contains("aria-sort=\"ascending\""))
                #expect(html.contains("href=\"\(base).csv\""))
            }
            let team = try #require(rows.compactMap(\.team).first)
            let inTeam = rows.filter { $0.team == team }
            let query = "team=\(FormReading.encode(team))&sort=child&order=desc"
            try await client.execute(uri: "\(base)?\(query)", method: .get) { response in
                #expect(response.text.contains("\(inTeam.count) \(inTeam.count == 1 ? "child" : "children") counted"))
                #expect(response.text.contains("Children sorted by child id, descending"))
            }
            try await client.execute(uri: "\(base).csv?\(query)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"ASM-45WD-run-\(id).csv\"")
                let lines = response.text.split(separator: "\r\n").map(String.init)
                #expect(lines.first == "\u{FEFF}measure,child_id,team,worker,start,end_or_due,days_taken,out_of_timescale,status")
                #expect(lines.count == inTeam.count + 1)
                let ids = lines.dropFirst().map { $0.split(separator: ",")[1] }.map(String.init)
                #expect(ids == inTeam.map(\.childID).sorted { $0.localizedStandardCompare($1) == .orderedDescending })
            }
            let march = rows.filter { $0.eventDay.map { Period.month(year: 2024, month: 3).contains($0) } == true }
            try await client.execute(uri: "\(base)?month=2024-03", method: .get) { response in
                #expect(response.text.contains("<option value=\"2024-03\" selected>March 2024</option>"))
                #expect(response.text.contains("\(march.count) \(march.count == 1 ? "child" : "children") counted"))
            }
            try await client.execute(uri: "/analysis/runs/\(id)/measures/NOT-A-MEASURE", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("A drill-down cell starting with = + - @ reaches the CSV as text, not a formula")
    func formulaInjection() {
        let row = DrillDownRow(catalogueID: "ASM-45WD", childID: "=HYPERLINK(\"http://x\")", team: "+North", worker: "@Jo",
                               start: "2024-01-02", end: nil, daysTaken: 50, outOfTimescale: true, status: "-late")
        let text = DrillDownPage.csv([row]).text
        #expect(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'+North,'@Jo,2024-01-02,,50,yes,'-late"))
    }

    @Test("A file that is not a workbook, or a workbook that cannot be read, is named in the error summary and nothing is stored")
    func badWorkbook() async throws {
        try await withTestApp(as: .analyst) { client, env, store in
            let csrf = try await Self.csrf(client)
            let notAWorkbook = Self.form(csrf: csrf, workbook: ("annex-a.xlsx", Data("child_id,date\nC1,2024-01-01\n".utf8)))
            try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: notAWorkbook) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("There is a problem"))
                #expect(response.text.contains("href=\"#annex-a\""))
                #expect(response.text.contains("annex-a.xlsx"))
            }
            var damaged = try Upload.generated(children: 20).workbook
            damaged = damaged.prefix(damaged.count / 2)
            let cut = Self.form(csrf: csrf, workbook: ("Annex A March.xlsx", damaged))
            try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: cut) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Annex A March.xlsx"))
                #expect(response.text.contains("damaged"))
            }
            let noFile = Self.form(csrf: csrf, workbook: nil, events: [("notes.csv", Data("a,b\n".utf8))])
            try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: noFile) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Select the Annex A workbook"))
                #expect(response.text.contains("notes.csv: the name must say which events the file holds"))
            }
            #expect(try await store.analysisRuns(organisationID: env.organisationID).isEmpty)
        }
    }

    @Test("A workbook past the upload limits is read on the parsing queue and refused naming the limit, and nothing is stored")
    func workbookPastTheLimits() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-300-sheets-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(url: url)
        for number in 1...300 {
            try writer.addSheet(named: "List \(number)")
            try writer.addRow([.text("Child Unique ID")])
        }
        try writer.close()
        let workbook = try Data(contentsOf: url)
        let queue = ParsingQueue(width: 2, waitingLimit: 4)
        try await ParsingQueue.$current.withValue(queue) {
            try await withTestApp(as: .analyst) { client, env, store in
                let form = Self.form(csrf: try await Self.csrf(client), workbook: ("Annex A.xlsx", workbook))
                try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: form) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.text.contains("Annex A.xlsx: The workbook has more than 256 sheets"))
                }
                #expect(await queue.finished == 1, "the workbook was read on the queue")
                #expect(try await store.analysisRuns(organisationID: env.organisationID).isEmpty)
            }
        }
    }

    @Test("The as-at date is checked, naming the field, and the typed values are shown back", arguments: [
        ("31", "2", "2024", "As-at date must be a real date", "#as-at-day"),
        ("", "3", "2024", "As-at date must include a day", "#as-at-day"),
        ("1", "1", "2099", "As-at date must be today or in the past", "#as-at-day"),
        ("1", "13", "2024", "As-at date must be a real date", "#as-at-month"),
    ])
    func asAtDate(day: String, month: String, year: String, message: String, href: String) async throws {
        let files = try Upload.generated(children: 20)
        try await withTestApp(as: .analyst) { client, env, store in
            let body = Self.form(csrf: try await Self.csrf(client), workbook: ("annex-a.xlsx", files.workbook), day: day, month: month, year: year)
            try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: body) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"\(href)\">\(message)</a>"))
                #expect(response.text.contains("name=\"as-at-month\" type=\"text\" inputmode=\"numeric\" value=\"\(month)\""))
            }
            #expect(try await store.analysisRuns(organisationID: env.organisationID).isEmpty)
        }
    }

    @Test("A form cut short is a 400, and an upload over 50 MB a 413; a form without the CSRF token is refused")
    func brokenBodies() async throws {
        try await withTestApp(as: .analyst) { client, env, store in
            let csrf = try await Self.csrf(client)
            var body = Self.form(csrf: csrf, workbook: ("annex-a.xlsx", Data("PK".utf8)))
            body.moveWriterIndex(to: body.writerIndex - 20)
            try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: body) { response in
                #expect(response.status == .badRequest)
            }
            let huge = Self.form(csrf: csrf, workbook: ("annex-a.xlsx", Data(count: AnalysisController.uploadSize + 1)))
            try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: huge) { response in
                #expect(response.status == .contentTooLarge)
            }
            let forged = Self.form(csrf: "not-the-token", workbook: ("annex-a.xlsx", Data("PK".utf8)))
            try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: forged) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("A run as at a date after the records' latest date warns on its page and in the API; one as at that date does not")
    func asAtAfterTheData() async throws {
        let files = try Upload.generated()
        try await withTestApp(as: .analyst) { client, env, store in
            let body = Self.form(csrf: try await Self.csrf(client), workbook: ("annex-a.xlsx", files.workbook), events: files.events,
                                 day: "30", month: "9", year: "2024")
            let location = try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: body) { $0.headers[.location] ?? "" }
            let id = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            let latest = try #require(run.latestRecordedDay, "the generated records have dates")
            #expect(latest < Day(2024, 9, 30), "the generated records end near their own as-at date, 31 March 2024")
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.text.contains("id=\"as-at-warning\""))
                #expect(response.text.contains("The as-at date, 30 September 2024, is \(latest.days(until: Day(2024, 9, 30))) days after the latest date in the uploaded records, \(latest.formattedLong)."))
            }
            let api = try await TestPeople.credentials(env, role: .analyst, name: "API Analyst")
            try await SignedInClient(base: client, credentials: api).execute(uri: "/api/v1/analysis/runs/\(id)", method: .get) { response in
                let json = try APITests.json(response)
                let summary = try #require(json["run"] as? [String: Any])
                #expect(summary["latestRecordedDay"] as? String == latest.iso)
                #expect((summary["asAtWarning"] as? String)?.contains("30 September 2024") == true)
            }

            // As at the latest day itself: nothing to warn about.
            let again = Self.form(csrf: try await Self.csrf(client), workbook: ("annex-a.xlsx", files.workbook), events: files.events,
                                  day: String(latest.day), month: String(latest.month), year: String(latest.year))
            let second = try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: again) { $0.headers[.location] ?? "" }
            try await client.execute(uri: second, method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("as-at-warning"))
            }
        }
    }

    @Test("Recording the run's values puts them in the plan's computed measures for the period, replacing, audited")
    func recordValues() async throws {
        try await withTestApp(as: .analyst) { client, env, store in
            // As at the test's today, inside the demo plan's period.
            let today = env.today()
            let files = try Upload.generated(asAt: today)
            let body = Self.form(csrf: try await Self.csrf(client), workbook: ("annex-a.xlsx", files.workbook), events: files.events,
                                 day: String(today.day), month: String(today.month), year: String(today.year))
            let location = try await client.execute(uri: "/analysis", method: .post, headers: Self.headers, body: body) { $0.headers[.location] ?? "" }
            let id = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            let csrf = try await Self.csrf(client)
            for _ in 0..<2 {
                try await client.execute(uri: "/analysis/runs/\(id)/record", method: .post, headers: formHeaders,
                                         body: formEncoded([("csrf", csrf)])) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location]?.hasPrefix("/analysis/runs/\(id)?recorded=") == true)
                }
            }
            let measure = try #require(try await store.measures(organisationID: env.organisationID)
                .first { $0.source == .computed(catalogueID: "ASM-45WD") })
            let values = measure.values.filter { $0.period == run.period }
            #expect(values.count == 1, "recording again replaces the value")
            #expect(values.first?.value == run.result("ASM-45WD")?.value)
            #expect(values.first?.computedFrom == "annex-a.xlsx as at \(today.formattedLong)")
            let trail = try await store.auditTrail(organisationID: env.organisationID, entity: "measure value", entityID: measure.id)
            #expect(trail.suffix(2).map(\.change) == [.create, .update])
            try await client.execute(uri: "/analysis/runs/\(id)?recorded=9", method: .get) { response in
                #expect(response.text.contains("9 values recorded in the plan’s measures for \(run.period.label)."))
            }
        }
    }

    @Test("A run for a period outside the plan's says so beside each plan measure, and recording it stores nothing and says why")
    func recordingOutsideThePlanPeriod() async throws {
        let files = try Upload.generated()
        try await withTestApp(as: .analyst) { client, env, store in
            let id = try await Self.upload(client, files)
            let plan = try #require(try await store.plans(organisationID: env.organisationID).first)
            let start = try #require(plan.periodStart)
            #expect(start > Self.asAt, "the demo plan starts after the generated records' quarter, 2023-24 Q4")
            let before = try await store.measures(organisationID: env.organisationID)
            let page = try await client.execute(uri: "/analysis/runs/\(id)", method: .get) { $0.text }
            #expect(page.contains("Not recorded: 2023-24 Q4 (January to March 2024) is outside the plan’s period (\(start.formattedLong) to"))
            try await client.execute(uri: "/analysis/runs/\(id)/record", method: .post, headers: formHeaders,
                                     body: formEncoded([("csrf", try await Self.csrf(client))])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/analysis/runs/\(id)?recorded=0")
            }
            #expect(try await store.measures(organisationID: env.organisationID) == before, "nothing was recorded")
            try await client.execute(uri: "/analysis/runs/\(id)?recorded=0", method: .get) { response in
                #expect(response.text.contains("Nothing was recorded in the plan’s measures for 2023-24 Q4."))
                #expect(response.text.contains("plan measures were left out: the table says why."))
            }
        }
    }

    @Test("The API gives an analyst's token each run's figures and data-quality counts, never a child id")
    func api() async throws {
        let files = try Upload.generated()
        try await withTestApp(as: .analyst) { client, env, store in
            let id = try await Self.upload(client, files)
            let rows = try await store.drillDown(runID: id, catalogueID: "ASM-45WD", organisationID: env.organisationID)
            try await client.execute(uri: "/api/v1/analysis/runs", method: .get) { response throws in
                #expect(response.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                let runs = try #require(body["runs"] as? [[String: Any]])
                #expect(runs.count == 1)
                #expect(runs.first?["period"] as? String == "2023-24 Q4")
                #expect((runs.first?["links"] as? [String: String])?["page"] == "/analysis/runs/\(id)")
            }
            try await client.execute(uri: "/api/v1/analysis/runs/\(id)", method: .get) { response throws in
                #expect(response.status == .ok)
                let text = response.text
                #expect(!rows.contains { text.contains("\"\($0.childID)\"") }, "aggregates only")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                let results = try #require(body["results"] as? [[String: Any]])
                let assessments = try #require(results.first { $0["catalogueID"] as? String == "ASM-45WD" })
                #expect(assessments["counted"] as? Int == rows.count)
                #expect(((body["dataQuality"] as? [String: Any])?["issues"] as? Int ?? 0) > 0)
            }
            try await client.execute(uri: "/api/v1/analysis/runs/999999", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("After the retention days the lists of children are deleted, the figures kept, and the deletion audited without child ids")
    func retention() async throws {
        let clock = TestClock()
        let files = try Upload.generated()
        try await withTestApp(as: .analyst, clock: clock) { client, env, store in
            try await store.setAnalysisRetentionDays(7, organisationID: env.organisationID)
            let id = try await Self.upload(client, files)
            let rows = try await store.drillDown(runID: id, catalogueID: "ASM-45WD", organisationID: env.organisationID)
            // The retention clock runs ahead on its own, so the analyst's session stays signed in.
            let retentionClock = TestClock(clock.now)
            let retention = ChildLevelRetention(store: store, now: { retentionClock.now })
            retentionClock.advance(by: 6 * 86_400)
            #expect(try await retention.apply().isEmpty, "kept for 7 days")
            retentionClock.advance(by: 86_400)
            #expect(try await retention.apply().map(\.id) == [id])
            #expect(try await retention.apply().isEmpty, "deleted once")

            #expect(try await store.drillDown(runID: id, catalogueID: "ASM-45WD", organisationID: env.organisationID).isEmpty)
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            #expect(run.result("ASM-45WD")?.counted == rows.count, "the figures are kept")
            try await client.execute(uri: "/analysis/runs/\(id)", method: .get) { response in
                #expect(response.text.contains("The child-level detail of this run was deleted on \(UKTime.text(retentionClock.now)) under the retention rule."))
                #expect(!response.text.contains("href=\"/analysis/runs/\(id)/measures/ASM-45WD\""))
            }
            try await client.execute(uri: "/analysis/runs/\(id)/measures/ASM-45WD", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("was deleted on"))
                #expect(!response.text.contains(rows[0].childID))
            }
            try await client.execute(uri: "/analysis/runs/\(id)/measures/ASM-45WD.csv", method: .get) { response in
                #expect(response.status == .notFound)
            }
            let trail = try await store.auditTrail(organisationID: env.organisationID, entity: "analysis run", entityID: id)
            #expect(trail.map(\.change) == [.create, .delete])
            let deletion = try #require(trail.last)
            #expect(deletion.actor == "system")
            #expect(deletion.before?.contains("\"childLevelRows\":") == true)
            #expect(trail.allSatisfy { entry in !rows.contains { (entry.before ?? "").contains($0.childID) || (entry.after ?? "").contains($0.childID) } },
                    "no child id in the trail")
        }
    }
}

