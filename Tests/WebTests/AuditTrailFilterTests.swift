import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The administrators' audit page and API: filters by person, record type and UK dates, paging in
/// SQL with the filters kept in the links, errors naming the field, and every entry in words.
@Suite("Audit trail filters and words")
struct AuditTrailFilterTests {
    static let jo = "Jo Bloggs <jo@test.example>"

    /// Changes of every kind the app records, made as Jo, on top of the demo's own entries:
    /// the plan's structure (themes and areas), actions, updates, measures and values, boards,
    /// meetings, action points, notices and accounts.
    static func makeChanges(_ env: AppEnvironment, _ store: SQLStore) async throws -> (area: Area, renamedTo: String, action: Action, toArea: Area) {
        let org = env.organisationID
        let contents = try await Page.demoPlan(env, store)
        let area = try #require(contents.areas.first)
        let action = try #require(contents.actions.first { $0.areaID != area.id && $0.status == .inProgress })
        let renamedTo = area.title + " and prevention"
        try await AuditActor.$current.withValue(AuditActor(name: jo, source: "198.51.100.4")) {
            _ = try await store.updateArea(id: area.id, organisationID: org, expectedVersion: nil) { $0.title = renamedTo }
            _ = try await store.editAction(id: action.id, organisationID: org, expectedVersion: nil) {
                $0.areaID = area.id
                $0.leads = ["Head of Service", "Principal Social Worker"]
                $0.dueDate = Day(2027, 3, 31)
                $0.milestones.append(Milestone(title: "Audit ten case files", dueDate: Day(2027, 1, 15)))
            }
            let theme = try await store.createTheme(Theme(planID: contents.plan.id, position: 99, ref: "9", title: "Working with partners"),
                                                    organisationID: org)
            let renamed = try await store.editTheme(id: theme.id, organisationID: org, expectedVersion: nil) { $0.title = "Working together" }
            try await store.removeTheme(id: renamed.id, organisationID: org, expectedVersion: nil)
            _ = try await store.editPlanDetails(id: contents.plan.id, organisationID: org, expectedVersion: nil) { plan, _ in
                plan.periodEnd = Day(2028, 3, 31)
            }
            _ = try await store.addProgressUpdate(ProgressUpdate(actionID: action.id, date: webTestDay, author: "Jo Bloggs",
                                                                 text: "Ten files audited", percentComplete: 55),
                                                  organisationID: org, expectedVersion: nil)
            let measure = try #require(try await store.measures(organisationID: org).first)
            _ = try await store.editMeasure(id: measure.id, organisationID: org, expectedVersion: nil) { $0.owner = "Head of Performance" }
            _ = try await store.recordValue(MeasureValue(period: .month(year: 2026, month: 10), value: 62.54, asAt: webTestDay),
                                            measureID: measure.id, organisationID: org, replace: true)
            let board = try #require(try await store.boards(organisationID: org).first)
            _ = try await store.editBoard(id: board.id, organisationID: org, expectedVersion: nil) { $0.meetingFrequency = $0.meetingFrequency == .monthly ? .quarterly : .monthly }
            let meeting = try #require(try await store.meetings(boardID: board.id, organisationID: org).first { $0.status == .scheduled })
            _ = try await store.editMeeting(id: meeting.id, organisationID: org, expectedVersion: nil) { $0.venue = "Committee Room 2" }
            let point = try #require(try await store.actionPoints(boardID: board.id, organisationID: org).first)
            _ = try await store.editActionPoint(id: point.id, organisationID: org, expectedVersion: nil) { $0.owner = "Director of Children's Services" }
            _ = try await store.saveNotice(.privacyNotice, text: "We keep your data safe.", organisationID: org, updatedBy: "Jo Bloggs",
                                           at: Date(), expectedVersion: nil)
        }
        return (area, renamedTo, action, area)
    }

    /// What must never be shown as an entry's words: stored JSON, an ISO date or time.
    static func problems(in text: String) -> [String] {
        var found: [String] = []
        for marker in ["{\"", "\":", "[{", "[\"", "\"}"] where text.contains(marker) { found.append("JSON (\(marker))") }
        if text.range(of: #"\b\d{4}-\d{2}-\d{2}\b"#, options: .regularExpression) != nil { found.append("an ISO date") }
        if text.range(of: #"\d{2}:\d{2}:\d{2}"#, options: .regularExpression) != nil { found.append("an ISO time") }
        if text.range(of: #"\b\d{4}-\d{2}\b"#, options: .regularExpression) != nil { found.append("a month as 2026-11") }
        return found
    }

    @Test("Every entry the demo and a change of every kind make reads in words: no JSON, no bare id, no ISO date")
    func everyEntryInWords() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            let made = try await Self.makeChanges(env, store)
            let entries = try await store.auditTrail(organisationID: env.organisationID)
            #expect(Set(entries.map(\.entity)).count >= 14, "the fixture covers most kinds of record")
            let words = try await AuditTrailWords.load(store, organisationID: env.organisationID, suppression: nil)
            for entry in entries {
                let row = words.row(entry)
                let texts = [row.whatText] + row.fields.flatMap { [$0.fieldLabel, $0.beforeText, $0.afterText] + $0.beforeItems + $0.afterItems }
                for text in texts {
                    #expect(Self.problems(in: text).isEmpty, "\(entry.entity) \(entry.change): \(text) shows \(Self.problems(in: text))")
                }
                // The record is named, not numbered: "area 14" is an id unless 14 is its reference.
                let noun = AuditRecordType.noun(for: entry.entity)
                let record = (entry.after ?? entry.before) ?? ""
                if !record.contains("\"ref\":\"\(entry.entityID)\""), !record.contains("\"Reference\":\"\(entry.entityID)\"") {
                    #expect(row.whatText.range(of: "\\b\(noun) \(entry.entityID)\\b(?!\\.)", options: .regularExpression) == nil,
                            "\(row.whatText) names the \(noun) by its id")
                }
                #expect(row.fields.allSatisfy { !$0.beforeText.contains("record no longer held") || entry.entity == "action" },
                        "\(entry.entity): ids of records still held are named")
            }
            // On the page: the rename and the move said as such.
            try await client.execute(uri: "/audit?person=\(FormReading.encode(Self.jo))", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains(Page.escaped("Renamed area \(made.area.ref) ‘\(made.area.title)’ to ‘\(made.renamedTo)’")))
                let moved = "Moved action \(made.action.ref) ‘\(AuditWords.shortened(made.action.title))’ to area \(made.area.ref) \(made.renamedTo)"
                #expect(html.contains(Page.escaped(moved)))
                #expect(html.contains("<li>Principal Social Worker</li>"), "a list of leads is a list")
                #expect(html.contains("31 March 2027"), "dates as words")
                #expect(Self.problems(in: html.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)).isEmpty)
            }
            // The history pages read the same way.
            let planID = try await Page.demoPlan(env, store).plan.id
            for uri in ["/plans/\(planID)/history", "/actions/\(made.action.id)/history"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let text = response.text.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
                    #expect(Self.problems(in: text).isEmpty, "\(uri): \(Self.problems(in: text))")
                }
            }
        }
    }

    @Test("Filtering by person, record type and dates, alone and together, shows only what matches")
    func filters() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            _ = try await Self.makeChanges(env, store)
            let org = env.organisationID
            let today = Day.today()
            let byJo = try await store.auditEntries(organisationID: org, matching: AuditFilter(actor: Self.jo), limit: 500, offset: 0)
            #expect(!byJo.isEmpty && byJo.allSatisfy { $0.actor == Self.jo })
            #expect(try await store.countAuditEntries(organisationID: org, matching: AuditFilter(actor: Self.jo)) == byJo.count)
            let areas = try await store.auditEntries(organisationID: org, matching: AuditFilter(entity: "area"), limit: 500, offset: 0)
            #expect(!areas.isEmpty && areas.allSatisfy { $0.entity == "area" })
            let both = try await store.auditEntries(organisationID: org, matching: AuditFilter(actor: Self.jo, entity: "theme", from: today, to: today),
                                                    limit: 500, offset: 0)
            #expect(both.count == 3 && both.allSatisfy { $0.entity == "theme" && $0.actor == Self.jo })
            #expect(both.map(\.id) == both.map(\.id).sorted(by: >), "newest first")
            let tomorrow = today.adding(days: 1)
            #expect(try await store.countAuditEntries(organisationID: org, matching: AuditFilter(from: tomorrow)) == 0)
            #expect(try await store.countAuditEntries(organisationID: org, matching: AuditFilter(to: today.adding(days: -1))) == 0)
            #expect(try await store.countAuditEntries(organisationID: org, matching: AuditFilter(actor: "nobody")) == 0)
            #expect(try await store.auditActors(organisationID: org).contains(Self.jo))
            #expect(try await store.auditActors(organisationID: org).contains("system"), "the demo, loaded without anyone signed in")

            let dates = "from-day=\(today.day)&from-month=\(today.month)&from-year=\(today.year)&to-day=\(today.day)&to-month=\(today.month)&to-year=\(today.year)"
            try await client.execute(uri: "/audit?person=\(FormReading.encode(Self.jo))&type=theme&\(dates)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Showing 1 to 3 of 3 entries matching these filters"))
                #expect(html.contains("Added theme 9 ‘Working with partners’"))
                #expect(html.contains("Removed theme 9 ‘Working together’"))
                #expect(!html.contains("Renamed area"))
                #expect(html.contains("<option value=\"theme\" selected>Themes</option>"))
                #expect(html.contains("<option value=\"\(Page.escaped(Self.jo))\" selected>"))
                #expect(html.contains("<a href=\"/audit\">Clear filters</a>"))
                #expect(html.contains("value=\"\(today.day)\""), "the dates typed are shown back")
            }
            try await client.execute(uri: "/audit?from-day=\(tomorrow.day)&from-month=\(tomorrow.month)&from-year=\(tomorrow.year)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("No entries match these filters."))
            }
        }
    }

    @Test("A wrong date, a range ending before it starts, or an unknown record type is an error naming the field")
    func filterErrors() async throws {
        try await withTestApp(as: .administrator) { client, _, _ in
            let cases: [(String, String, String)] = [
                ("from-day=31&from-month=2&from-year=2026", "Date from must be a real date", "#audit-from-day"),
                ("to-day=1&to-month=&to-year=2026", "Date to must include a month", "#audit-to-month"),
                ("from-day=2&from-month=11&from-year=2026&to-day=1&to-month=11&to-year=2026", "Date to must be the same as or after date from", "#audit-to-day"),
                ("type=spaceship", "Select a record type from the list", "#audit-type"),
                ("from-day=1&from-month=1&from-year=26", "Year must include 4 numbers", "#audit-from-year"),
            ]
            for (query, message, link) in cases {
                try await client.execute(uri: "/audit?\(query)", method: .get) { response in
                    #expect(response.status == .ok, "\(query)")
                    let html = response.text
                    #expect(html.contains("<title>Error: Audit trail"), "\(query)")
                    #expect(html.contains("<a href=\"\(link)\">\(Page.escaped(message))</a>"), "\(query)")
                    #expect(html.contains("class=\"error-summary\""))
                }
            }
        }
    }

    @Test("Paging: 50 a page, Previous and Next keep the filters, a bad page is the first and one past the end the last")
    func paging() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            _ = try await Self.makeChanges(env, store)
            let total = try await store.countAuditEntries(organisationID: env.organisationID, matching: AuditFilter())
            try #require(total > 100, "the demo and the changes make more than two pages")
            let last = (total + 49) / 50
            try await client.execute(uri: "/audit", method: .get) { response in
                let html = response.text
                #expect(html.contains("Showing 1 to 50 of \(total) entries, newest first."))
                #expect(html.contains("href=\"/audit?page=2\" rel=\"next\""))
                #expect(!html.contains("rel=\"prev\""))
                #expect(html.components(separatedBy: "<tr>").count - 2 == 50, "50 rows and the header")
            }
            try await client.execute(uri: "/audit?page=2", method: .get) { response in
                let html = response.text
                #expect(html.contains("Showing 51 to 100 of \(total) entries"))
                #expect(html.contains("href=\"/audit\" rel=\"prev\""))
                #expect(html.contains("aria-current=\"page\">2</a>"))
            }
            for page in ["\(last)", "\(last + 10)", "99999999999999999999999"] {
                try await client.execute(uri: "/audit?page=\(page)", method: .get) { response in
                    #expect(response.status == .ok)
                    let expected = page.count > 10 ? "Showing 1 to 50" : "Showing \((last - 1) * 50 + 1) to \(total) of \(total) entries"
                    #expect(response.text.contains(expected), "page=\(page)")
                }
            }
            for page in ["-1", "abc", "0", "%00"] {
                try await client.execute(uri: "/audit?page=\(page)", method: .get) { response in
                    #expect(response.status == .ok, "page=\(page)")
                    #expect(response.text.contains("Showing 1 to 50 of \(total) entries"), "page=\(page)")
                }
            }
            // Filters stay in the paging links.
            try await client.execute(uri: "/audit?type=minutes&page=1", method: .get) { response in
                let html = response.text
                let minutes = try await store.countAuditEntries(organisationID: env.organisationID, matching: AuditFilter(entity: "minutes"))
                if minutes > 50 {
                    #expect(html.contains("href=\"/audit?type=minutes&amp;page=2\" rel=\"next\""))
                }
                #expect(html.contains("of \(minutes) entries matching these filters"))
            }
        }
    }

    @Test("GET /api/v1/audit: the same filters and paging for administrators, in words; bad input names the field")
    func api() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            let made = try await Self.makeChanges(env, store)
            let today = Day.today()
            let uri = "/api/v1/audit?person=\(FormReading.encode(Self.jo))&recordType=area&from=\(today.iso)&to=\(today.iso)"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let body = try APITests.json(response)
                #expect(body["total"] as? Int == 1)
                #expect(body["page"] as? Int == 1)
                let entries = try #require(body["entries"] as? [[String: Any]])
                #expect(entries.first?["summary"] as? String == "Renamed area \(made.area.ref) ‘\(made.area.title)’ to ‘\(made.renamedTo)’")
                #expect(entries.first?["recordType"] as? String == "area")
                let links = try #require(body["links"] as? [String: String])
                #expect(links["page"]?.hasPrefix("/audit?person=") == true)
            }
            try await client.execute(uri: "/api/v1/audit?page=2", method: .get) { response in
                let body = try APITests.json(response)
                #expect(body["page"] as? Int == 2)
                let links = try #require(body["links"] as? [String: String])
                #expect(links["previous"] == "/api/v1/audit")
            }
            for (query, field) in [("from=14-11-2026", "from"), ("to=2026-02-31", "to"), ("to=", "to"), ("recordType=spaceship", "recordType"),
                                   ("from=2026-11-15&to=2026-11-14", "to")] {
                try await client.execute(uri: "/api/v1/audit?\(query)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    #expect(response.text.contains(field), "\(query)")
                }
            }
            let editor = SignedInClient(base: client, credentials: try await TestPeople.credentials(env, role: .editor))
            try await editor.execute(uri: "/api/v1/audit", method: .get) { response in
                #expect(response.status == .forbidden)
            }
            try await editor.execute(uri: "/audit?type=area", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
