import Core
import Demo
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// An editor changes an action in the browser (and the same through the API): what they see on
/// the form, the error summary, what is stored, the history sentence, the stale path, and who is refused.
@Suite("Editing an action")
struct ActionEditingTests {
    /// An in-progress action with a due date, leads and an area, from the demo plan.
    static func dueAction(_ env: AppEnvironment, _ store: SQLStore) async throws -> (PlanContents, Action) {
        let contents = try await Page.demoPlan(env, store)
        let action = try #require(contents.actions.first { $0.status == .inProgress && $0.dueDate != nil && $0.override == nil && !$0.isReprogrammed })
        return (contents, action)
    }

    static func editFields(_ action: Action, title: String? = nil, due: Day?, reason: String = "", extra: [(String, String)] = [],
                           version: Int? = nil) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("version", String(version ?? action.version)), ("ref", action.ref), ("title", title ?? action.title), ("outcome", action.outcome),
            ("other-leads", action.leads.joined(separator: "\n")),
            ("start-day", action.startDate.map { String($0.day) } ?? ""), ("start-month", action.startDate.map { String($0.month) } ?? ""),
            ("start-year", action.startDate.map { String($0.year) } ?? ""),
            ("due-day", due.map { String($0.day) } ?? ""), ("due-month", due.map { String($0.month) } ?? ""), ("due-year", due.map { String($0.year) } ?? ""),
            ("reason", reason), ("area", String(action.areaID)),
        ]
        fields += action.measureIDs.map { ("measure", String($0)) }
        return fields + extra
    }

    // MARK: Change the action

    @Test("The action page offers editors a Change link to a form filled with the action")
    func editForm() async throws {
        try await withTestApp { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                #expect(response.text.contains("href=\"/actions/\(action.id)/edit\""))
            }
            try await client.execute(uri: "/actions/\(action.id)/edit", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<title>Change action \(Page.escaped(action.ref))"))
                #expect(html.contains("<h1 class=\"heading-xl\">Change the action</h1>"))
                #expect(html.contains(">\(Page.escaped(action.title))</textarea>"))
                #expect(html.contains("name=\"version\" value=\"\(action.version)\""))
                // People of the organisation are offered as leads; the signed-in editor is one.
                #expect(html.contains("name=\"person\" value=\"Test Editor\""))
                #expect(html.contains("<legend class=\"fieldset__legend fieldset__legend--m\">Due date</legend>"))
                #expect(html.contains("id=\"edit-due-day\" name=\"due-day\" type=\"text\" inputmode=\"numeric\" value=\"\(action.dueDate!.day)\""))
                #expect(html.contains("Reason for changing the due date"))
            }
        }
    }

    @Test("Saving a new title, leads and a due date with a reason stores them, shows the reprogramming and reads in words in the history")
    func saveEdit() async throws {
        try await withTestApp { client, env, store in
            let (contents, action) = try await Self.dueAction(env, store)
            let oldDue = try #require(action.dueDate)
            let newDue = oldDue.adding(months: 3)
            let otherArea = try #require(contents.areas.first { $0.id != action.areaID })
            var fields = Self.editFields(action, title: "Embed the new practice model", due: newDue, reason: "Recruitment of practice leads delayed")
            fields.removeAll { $0.0 == "other-leads" || $0.0 == "area" }
            fields += [("person", "Test Editor"), ("other-leads", "Police (partner)\n\nPolice (partner)"), ("area", String(otherArea.id))]
            try await client.execute(uri: "/actions/\(action.id)/edit", method: .post, headers: formHeaders, body: formEncoded(fields)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/actions/\(action.id)?saved=details")
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.title == "Embed the new practice model")
            #expect(stored.leads == ["Test Editor", "Police (partner)"])
            #expect(stored.dueDate == newDue)
            #expect(stored.areaID == otherArea.id, "moved to another area of the plan")
            #expect(stored.reprogrammings.last == Reprogramming(from: oldDue, to: newDue, reason: "Recruitment of practice leads delayed",
                                                                changedOn: webTestDay, changedBy: "Test Editor"))
            #expect(stored.version == action.version + 1)

            try await client.execute(uri: "/actions/\(action.id)?saved=details", method: .get) { response in
                let html = response.text
                #expect(html.contains("The action&#39;s details have been saved.") || html.contains("The action’s details have been saved.") || html.contains("The action's details have been saved."))
                #expect(html.contains("Reprogrammed from \(oldDue.formatted)"))
                #expect(html.contains("Recruitment of practice leads delayed"))
                #expect(html.contains("<li>Police (partner)</li>"))
            }
            try await client.execute(uri: "/actions/\(action.id)/history", method: .get) { response in
                let html = response.text
                #expect(html.contains("<strong>Due date</strong>: <span class=\"history__before\">\(oldDue.formattedLong)</span>"))
                #expect(html.contains("<span class=\"history__after\">\(newDue.formattedLong)</span>"))
                // Leads are a list, so the history shows them as lists, before and after.
                let before = action.leads.map { "<li>\(Page.escaped($0))</li>" }.joined()
                #expect(html.contains("<strong>Leads</strong>, before: <ul class=\"history__list history__before\">\(before)</ul>"))
                #expect(html.contains("<ul class=\"history__list history__after\"><li>Test Editor</li><li>Police (partner)</li></ul>"))
                #expect(html.contains("<strong>Reason for the new due date</strong>"))
                #expect(html.contains(Page.escaped("\(otherArea.ref) \(otherArea.title)")), "the area by name")
                #expect(!html.contains("[&quot;"), "no JSON lists")
                #expect(!html.contains("{&quot;"), "no JSON records")
            }
        }
    }

    @Test("A changed due date without a reason is refused with the error summary, keeping what was typed")
    func dueDateNeedsReason() async throws {
        try await withTestApp { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            let newDue = try #require(action.dueDate).adding(months: 1)
            let fields = Self.editFields(action, title: "A title I typed", due: newDue, reason: "  ")
            try await client.execute(uri: "/actions/\(action.id)/edit", method: .post, headers: formHeaders, body: formEncoded(fields)) { response in
                #expect(response.status == .badRequest)
                let html = response.text
                #expect(html.contains("<title>Error: Change action"))
                #expect(html.contains("There is a problem"))
                #expect(html.contains("<a href=\"#edit-reason\">Enter why the due date is changing</a>"))
                #expect(html.contains("id=\"edit-reason-error\""))
                #expect(html.contains(">A title I typed</textarea>"))
                #expect(html.contains("name=\"due-month\" type=\"text\" inputmode=\"numeric\" value=\"\(newDue.month)\""))
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored == action.withUpdates(stored.updates))
        }
    }

    @Test("Bad dates, no title and a reference another action has are each named beside the field")
    func fieldErrors() async throws {
        try await withTestApp { client, env, store in
            let (contents, action) = try await Self.dueAction(env, store)
            let other = try #require(contents.actions.first { $0.id != action.id })
            var fields = Self.editFields(action, title: " ", due: action.dueDate)
            fields.removeAll { $0.0 == "start-day" }
            fields.append(("start-day", "31"))
            fields.removeAll { $0.0 == "start-month" }
            fields.append(("start-month", "2"))
            try await client.execute(uri: "/actions/\(action.id)/edit", method: .post, headers: formHeaders, body: formEncoded(fields)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"#edit-start-day\">Start date must be a real date</a>"))
                #expect(response.text.contains("<a href=\"#edit-title\">Enter what the action is</a>"))
            }
            var taken = Self.editFields(action, due: action.dueDate)
            taken.removeAll { $0.0 == "ref" }
            taken.append(("ref", other.ref))
            try await client.execute(uri: "/actions/\(action.id)/edit", method: .post, headers: formHeaders, body: formEncoded(taken)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"#edit-ref\">Action \(Page.escaped(other.ref)) already exists in this plan: choose another reference</a>"))
            }
            #expect(try await store.action(id: action.id, organisationID: env.organisationID).action.ref == action.ref)
        }
    }

    @Test("An edit made against an old version is refused with 409: the form comes back with what was typed and says why")
    func staleEdit() async throws {
        try await withTestApp { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            _ = try await store.editAction(id: action.id, organisationID: env.organisationID, expectedVersion: nil) { $0.outcome = "Changed meanwhile" }
            let fields = Self.editFields(action, title: "My careful rewording", due: action.dueDate)
            try await client.execute(uri: "/actions/\(action.id)/edit", method: .post, headers: formHeaders, body: formEncoded(fields)) { response in
                #expect(response.status == .conflict)
                let html = response.text
                #expect(html.contains("This action was changed by someone else since you opened it"))
                #expect(html.contains(">My careful rewording</textarea>"), "nothing typed is lost")
                #expect(html.contains("name=\"version\" value=\"\(action.version + 1)\""), "saving again saves over the current version")
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.title == action.title)
            #expect(stored.outcome == "Changed meanwhile")
        }
    }

    @Test("Viewers and action leads may not open or post the form; another organisation's action is not found")
    func refused() async throws {
        for role in [Role.viewer, .actionLead, .boardMember] {
            try await withTestApp(as: role) { client, env, store in
                let (_, action) = try await Self.dueAction(env, store)
                try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                    #expect(!response.text.contains("/actions/\(action.id)/edit"), "no Change link for \(role)")
                    #expect(!response.text.contains("Override the rating"))
                }
                try await client.execute(uri: "/actions/\(action.id)/edit", method: .get) { response in
                    #expect(response.status == .forbidden)
                }
                let body = formEncoded(Self.editFields(action, title: "Hijacked", due: action.dueDate))
                try await client.execute(uri: "/actions/\(action.id)/edit", method: .post, headers: formHeaders, body: body) { response in
                    #expect(response.status == .forbidden)
                }
                #expect(try await store.action(id: action.id, organisationID: env.organisationID).action.title == action.title)
            }
        }
        try await withTestApp { client, env, store in
            let other = try await store.createOrganisation(Organisation(name: "Other Council"))
            let theirs = try await store.createPlan(DemoCouncil.plan(organisationID: other.id, asAt: webTestDay))
            let action = try #require(try await store.planContents(id: theirs.id, organisationID: other.id, fullHistory: false).actions.first)
            try await client.execute(uri: "/actions/\(action.id)/edit", method: .get) { response in
                #expect(response.status == .notFound)
            }
            let body = formEncoded(Self.editFields(action, title: "Across the border", due: action.dueDate))
            try await client.execute(uri: "/actions/\(action.id)/edit", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/override", method: .delete) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    // MARK: Override

    @Test("An override without a reason is refused with a field error; with one it shows who, when, why and until when, and can be removed")
    func override() async throws {
        try await withTestApp { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            let missing = formEncoded([("version", String(action.version)), ("rating", "green"), ("reason", " "),
                                       ("until-day", "31"), ("until-month", "1"), ("until-year", "2027")])
            try await client.execute(uri: "/actions/\(action.id)/override", method: .post, headers: formHeaders, body: missing) { response in
                #expect(response.status == .badRequest)
                let html = response.text
                #expect(html.contains("<title>Error: Action"))
                #expect(html.contains("<a href=\"#override-reason\">Enter the reason for overriding the rating</a>"))
                #expect(html.contains("id=\"override-reason-error\""))
                #expect(html.contains("id=\"override-rating\" name=\"rating\" value=\"blue\"") || html.contains("value=\"green\" checked"))
            }
            #expect(try await store.action(id: action.id, organisationID: env.organisationID).action.override == nil)

            let good = formEncoded([("version", String(action.version)), ("rating", "green"), ("reason", "New plan agreed at the Improvement Board"),
                                    ("until-day", "31"), ("until-month", "1"), ("until-year", "2027")])
            try await client.execute(uri: "/actions/\(action.id)/override", method: .post, headers: formHeaders, body: good) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/actions/\(action.id)?saved=override")
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.override?.rating == .green)
            #expect(stored.override?.until == Day(2027, 1, 31))
            #expect(stored.override?.by == "Test Editor")
            try await client.execute(uri: "/actions/\(action.id)?saved=override", method: .get) { response in
                let html = response.text
                #expect(html.contains("The rating has been overridden."))
                #expect(html.contains("This rating was set by <strong>Test Editor</strong> on <strong>23 November 2026</strong>"))
                #expect(html.contains("New plan agreed at the Improvement Board"))
                #expect(html.contains("It applies until 31 January 2027; after that the calculated rating applies again."))
                #expect(html.contains("Remove the override"))
            }
            try await client.execute(uri: "/actions/\(action.id)/history", method: .get) { response in
                #expect(response.text.contains("Green, set by Test Editor on 23 November 2026 until 31 January 2027: New plan agreed at the Improvement Board"))
            }
            // An old page's removal is refused; the current one removes it.
            let stale = formEncoded([("version", String(action.version))])
            try await client.execute(uri: "/actions/\(action.id)/override/remove", method: .post, headers: formHeaders, body: stale) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("This action was changed by someone else since you opened it"))
            }
            let remove = formEncoded([("version", String(stored.version))])
            try await client.execute(uri: "/actions/\(action.id)/override/remove", method: .post, headers: formHeaders, body: remove) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await store.action(id: action.id, organisationID: env.organisationID).action.override == nil)
        }
    }

    @Test("An override's end date must be given and after today")
    func overrideEndDate() async throws {
        try await withTestApp { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            let none = formEncoded([("version", String(action.version)), ("rating", "amber"), ("reason", "Risk agreed")])
            try await client.execute(uri: "/actions/\(action.id)/override", method: .post, headers: formHeaders, body: none) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"#override-until-day\">Enter the end date of the override</a>"))
            }
            let today = formEncoded([("version", String(action.version)), ("rating", "amber"), ("reason", "Risk agreed"),
                                     ("until-day", "23"), ("until-month", "11"), ("until-year", "2026")])
            try await client.execute(uri: "/actions/\(action.id)/override", method: .post, headers: formHeaders, body: today) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("The date the override ends must be after 23 November 2026"))
            }
        }
    }

    // MARK: Evidence

    @Test("Evidence of impact is recorded as given by whoever is signed in, and shown newest first")
    func evidence() async throws {
        try await withTestApp { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            for (day, text) in [("20", "Audit: 70% of plans good"), ("22", "Re-audit: 82% of plans good")] {
                let body = formEncoded([("evidence-day", day), ("evidence-month", "11"), ("evidence-year", "2026"), ("text", text)])
                try await client.execute(uri: "/actions/\(action.id)/evidence", method: .post, headers: formHeaders, body: body) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/actions/\(action.id)?saved=evidence")
                }
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.evidence.suffix(2).map(\.author) == ["Test Editor", "Test Editor"])
            #expect(stored.evidence.last?.authorRole == "Editor")
            try await client.execute(uri: "/actions/\(action.id)?saved=evidence", method: .get) { response throws in
                let html = response.text
                #expect(html.contains("Your evidence of impact has been added."))
                #expect(html.contains("Recorded as given by <strong>Test Editor (Editor)</strong>."))
                #expect(!html.contains("id=\"evidence-author\""), "no name to type")
                let newer = try #require(html.range(of: "Re-audit: 82% of plans good"))
                let older = try #require(html.range(of: "Audit: 70% of plans good"))
                #expect(newer.lowerBound < older.lowerBound)
                #expect(html.contains("By Test Editor (Editor)"))
            }
            let empty = formEncoded([("evidence-day", "24"), ("evidence-month", "11"), ("evidence-year", "2026"), ("text", "")])
            try await client.execute(uri: "/actions/\(action.id)/evidence", method: .post, headers: formHeaders, body: empty) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"#evidence-date-day\">Date of the evidence must be today or in the past</a>"))
                #expect(response.text.contains("<a href=\"#evidence-text\">Enter the evidence of impact</a>"))
            }
        }
    }

    @Test("An action lead adds evidence to an action they lead, not to another; a viewer to none")
    func evidenceByRole() async throws {
        try await withTestApp(as: .actionLead) { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            // The test lead is called "Test Action lead"; give them one action.
            let mine = try #require(contents.actions.first)
            _ = try await store.editAction(id: mine.id, organisationID: env.organisationID, expectedVersion: nil) { $0.leads.append("Test Action lead") }
            let notMine = try #require(contents.actions.first { !$0.leads.contains("Test Action lead") && $0.id != mine.id })
            let body = formEncoded([("evidence-day", "23"), ("evidence-month", "11"), ("evidence-year", "2026"), ("text", "Fewer re-referrals")])
            try await client.execute(uri: "/actions/\(mine.id)/evidence", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/actions/\(notMine.id)/evidence", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .forbidden)
            }
            let stored = try await store.action(id: mine.id, organisationID: env.organisationID).action
            #expect(stored.evidence.last?.authorRole == "Action lead")
        }
        try await withTestApp(as: .viewer) { client, env, store in
            let action = try #require(try await Page.demoPlan(env, store).actions.first)
            let body = formEncoded([("evidence-day", "23"), ("evidence-month", "11"), ("evidence-year", "2026"), ("text", "Nope")])
            try await client.execute(uri: "/actions/\(action.id)/evidence", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    // MARK: API

    @Test("The API: evidence by the token's person, override with reason and end date (refused without), 409 when stale, and removal")
    func api() async throws {
        try await withTestApp { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            try await client.execute(uri: "/api/v1/actions/\(action.id)/evidence", method: .post, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"text": "Fewer children re-referred", "date": "2026-11-20"}"#)) { response throws in
                #expect(response.status == .created)
                let json = try APITests.json(response)
                let evidence = try #require(json["evidence"] as? [[String: Any]])
                #expect(evidence.last?["author"] as? String == "Test Editor")
                #expect(evidence.last?["authorRole"] as? String == "Editor")
                #expect(evidence.last?["date"] as? String == "2026-11-20")
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/evidence", method: .post, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"text": "Mine", "author": "Someone else"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("author"))
            }
            let current = try await store.action(id: action.id, organisationID: env.organisationID).action
            try await client.execute(uri: "/api/v1/actions/\(action.id)/override", method: .put, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(current.version), "rating": "amber", "reason": " ", "until": "2027-01-31"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("reason"))
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/override", method: .put, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(current.version), "rating": "amber", "reason": "Risk agreed", "until": "2027-01-31"}"#)) { response throws in
                #expect(response.status == .ok)
                let json = try APITests.json(response)
                let rating = try #require(json["rating"] as? [String: Any])
                #expect(rating["rating"] as? String == "amber")
                let override = try #require(json["override"] as? [String: Any])
                #expect(override["until"] as? String == "2027-01-31")
                #expect(override["by"] as? String == "Test Editor")
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/override", method: .put, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(current.version), "rating": "red", "reason": "Stale", "until": "2027-01-31"}"#)) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/override?version=\(current.version)", method: .delete) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/override", method: .delete) { response throws in
                #expect(response.status == .ok)
                let json = try APITests.json(response)
                #expect(json["override"] == nil)
            }
            #expect(try await store.action(id: action.id, organisationID: env.organisationID).action.override == nil)
        }
    }

    @Test("The API: PATCH moves an action to another area and renames its reference, refusing one another action has")
    func apiPatch() async throws {
        try await withTestApp { client, env, store in
            let (contents, action) = try await Self.dueAction(env, store)
            let other = try #require(contents.actions.first { $0.id != action.id })
            let area = try #require(contents.areas.first { $0.id != action.areaID })
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(action.version), "ref": "\#(other.ref)"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("already exists in this plan"))
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(action.version), "ref": "9.9.9", "areaID": \#(area.id)}"#)) { response throws in
                #expect(response.status == .ok)
                let json = try APITests.json(response)
                #expect(json["ref"] as? String == "9.9.9")
                #expect(json["areaID"] as? Int64 == area.id || (json["areaID"] as? Int).map(Int64.init) == area.id)
            }
        }
    }

    @Test("The API refuses viewers the new routes and action leads the override")
    func apiRefused() async throws {
        for role in [Role.viewer, .actionLead] {
            try await withTestApp(as: role) { client, env, store in
                let (_, action) = try await Self.dueAction(env, store)
                try await client.execute(uri: "/api/v1/actions/\(action.id)/override", method: .put, headers: APITests.jsonHeaders,
                                         body: ByteBuffer(string: #"{"version": \#(action.version), "rating": "amber", "reason": "x", "until": "2027-01-31"}"#)) { response in
                    #expect(response.status == .forbidden)
                }
                try await client.execute(uri: "/api/v1/actions/\(action.id)/override", method: .delete) { response in
                    #expect(response.status == .forbidden)
                }
                if role == .viewer {
                    try await client.execute(uri: "/api/v1/actions/\(action.id)/evidence", method: .post, headers: APITests.jsonHeaders,
                                             body: ByteBuffer(string: #"{"text": "x"}"#)) { response in
                        #expect(response.status == .forbidden)
                    }
                }
            }
        }
    }
}

extension ActionEditingTests {
    // MARK: Who said it, milestones, status with a reason, a new action

    @Test("Progress updates are recorded as given by whoever is signed in, with their role; there is no name to type")
    func updateAuthor() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            let body = formEncoded([("version", String(action.version)), ("author", "Someone Else"), ("day", "23"), ("month", "11"),
                                    ("year", "2026"), ("text", "Audit done")])
            try await client.execute(uri: "/actions/\(action.id)/updates", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
            }
            let stored = try #require(try await store.action(id: action.id, organisationID: env.organisationID).action.latestUpdate)
            #expect(stored.author == "Test Administrator")
            #expect(stored.authorRole == "Administrator")
            try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                #expect(response.text.contains("By Test Administrator (Administrator)"))
                #expect(!response.text.contains("name=\"author\""))
            }
            // The API: the token's person, with their role.
            try await client.execute(uri: "/api/v1/actions/\(action.id)/updates", method: .post, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"text": "From a script"}"#)) { response throws in
                #expect(response.status == .created)
                let json = try APITests.json(response)
                #expect(json["author"] as? String == "Test Administrator")
                #expect(json["authorRole"] as? String == "Administrator")
            }
        }
    }

    @Test("Putting an action on hold asks why; the reason is kept in the progress history by whoever is signed in")
    func holdWithReason() async throws {
        try await withTestApp { client, env, store in
            let (_, action) = try await Self.dueAction(env, store)
            let none = formEncoded([("version", String(action.version)), ("status", "on-hold"), ("percent", "40"), ("reason", " ")])
            try await client.execute(uri: "/actions/\(action.id)/status", method: .post, headers: formHeaders, body: none) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"#status-reason\">Enter why the action is being put on hold</a>"))
            }
            #expect(try await store.action(id: action.id, organisationID: env.organisationID).action.status == .inProgress)
            let why = formEncoded([("version", String(action.version)), ("status", "on-hold"), ("percent", "40"),
                                   ("reason", "Paused by the Improvement Board until the new structure")])
            try await client.execute(uri: "/actions/\(action.id)/status", method: .post, headers: formHeaders, body: why) { response in
                #expect(response.status == .seeOther)
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.status == .onHold)
            #expect(stored.latestUpdate?.text == "Put on hold: Paused by the Improvement Board until the new structure")
            #expect(stored.latestUpdate?.author == "Test Editor")
            // The API refuses it without the reason, pointing to the updates.
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(stored.version), "status": "withdrawn"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains(#"POST \/actions\/{id}\/updates"#))
            }
        }
    }

    @Test("Milestones are added, changed and removed on one form; a completed one stays complete; a blank title is refused")
    func milestones() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.milestones.count >= 2 && $0.milestones.contains(where: \.isComplete) })
            let done = try #require(action.milestones.first { $0.isComplete })
            let other = try #require(action.milestones.first { $0.id != done.id })
            try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                #expect(response.text.contains("href=\"/actions/\(action.id)/milestones\""))
            }
            try await client.execute(uri: "/actions/\(action.id)/milestones", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("value=\"\(Page.escaped(done.title))\""))
                #expect(response.text.contains("Remove this milestone"))
            }
            var fields: [(String, String)] = [("version", String(action.version)), ("rows", String(action.milestones.count + 1))]
            for (i, milestone) in action.milestones.enumerated() {
                fields += [("id-\(i)", String(milestone.id)), ("title-\(i)", milestone.id == done.id ? "Renamed and done" : milestone.title),
                           ("due-\(i)-day", milestone.dueDate.map { String($0.day) } ?? ""), ("due-\(i)-month", milestone.dueDate.map { String($0.month) } ?? ""),
                           ("due-\(i)-year", milestone.dueDate.map { String($0.year) } ?? "")]
                if milestone.id == other.id { fields.append(("remove-\(i)", "yes")) }
            }
            let n = action.milestones.count
            fields += [("id-\(n)", "0"), ("title-\(n)", "Re-audit 40 cases"), ("due-\(n)-day", "31"), ("due-\(n)-month", "3"), ("due-\(n)-year", "2027")]
            var blank = fields
            blank.removeAll { $0.0 == "title-\(n)" }
            blank.append(("title-\(n)", " "))
            try await client.execute(uri: "/actions/\(action.id)/milestones", method: .post, headers: formHeaders, body: formEncoded(blank)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"#milestone-\(n)-title\">Enter the title of milestone"))
            }
            try await client.execute(uri: "/actions/\(action.id)/milestones", method: .post, headers: formHeaders, body: formEncoded(fields)) { response in
                #expect(response.status == .seeOther)
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(!stored.milestones.contains { $0.id == other.id })
            #expect(stored.milestones.first { $0.id == done.id }?.title == "Renamed and done")
            #expect(stored.milestones.first { $0.id == done.id }?.completedOn == done.completedOn)
            #expect(stored.milestones.last?.title == "Re-audit 40 cases")
            #expect(stored.milestones.last?.dueDate == Day(2027, 3, 31))
            try await client.execute(uri: "/actions/\(action.id)/history", method: .get) { response in
                #expect(response.text.contains("Re-audit 40 cases (due 31 March 2027)"))
            }
            // An old page's save is refused with what was typed kept.
            try await client.execute(uri: "/actions/\(action.id)/milestones", method: .post, headers: formHeaders, body: formEncoded(fields)) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("This action was changed by someone else since you opened it"))
            }
        }
    }

    @Test("An editor adds an action to an area: the reference is suggested, must be free in the plan, and the new action opens")
    func newAction() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let area = try #require(contents.areas.first { !contents.actions(in: $0).isEmpty })
            let suggested = ActionEditRules.suggestedRef(in: area, actions: contents.actions, planActions: contents.actions)
            try await client.execute(uri: "/areas/\(area.id)/actions/new", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"edit-ref\" name=\"ref\" type=\"text\" spellcheck=\"false\" value=\"\(suggested)\""))
                #expect(response.text.contains("Add the action"))
            }
            let taken = try #require(contents.actions.first)
            try await client.execute(uri: "/areas/\(area.id)/actions/new", method: .post, headers: formHeaders,
                                     body: formEncoded([("ref", taken.ref), ("title", "A new one")])) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Action \(Page.escaped(taken.ref)) already exists in this plan: choose another reference"))
                #expect(response.text.contains("<title>Error: Add an action"))
            }
            let body = formEncoded([("ref", suggested), ("title", "Audit supervision records quarterly"), ("person", "Test Editor"),
                                    ("due-day", "30"), ("due-month", "6"), ("due-year", "2027")])
            let location = try await client.execute(uri: "/areas/\(area.id)/actions/new", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            let after = try await Page.demoPlan(env, store)
            let created = try #require(after.actions.first { $0.ref == suggested })
            #expect(created.areaID == area.id)
            #expect(created.leads == ["Test Editor"])
            #expect(created.dueDate == Day(2027, 6, 30))
            #expect(location == "/actions/\(created.id)?saved=created")
        }
        try await withTestApp(as: .viewer) { client, env, store in
            let area = try #require(try await Page.demoPlan(env, store).areas.first)
            try await client.execute(uri: "/areas/\(area.id)/actions/new", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}

extension ActionEditingTests {
    @Test("The API's milestone list follows the same rule: an id that is not the action's is refused, naming it, and nothing is lost")
    func apiMilestones() async throws {
        try await withTestApp { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { !$0.milestones.isEmpty })
            let kept = action.milestones[0]
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(action.version), "milestones": [{"id": 999999, "title": "Stray"}]}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("milestones[0].id"))
            }
            #expect(try await store.action(id: action.id, organisationID: env.organisationID).action.milestones == action.milestones)
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(action.version), "milestones": [{"id": \#(kept.id), "title": "Kept, renamed"}, {"title": "New one", "dueDate": "2027-03-31"}]}"#)) { response in
                #expect(response.status == .ok)
            }
            let stored = try await store.action(id: action.id, organisationID: env.organisationID).action
            #expect(stored.milestones.map(\.title) == ["Kept, renamed", "New one"])
            #expect(stored.milestones[0].id == kept.id)
        }
    }
}

extension Action {
    /// The action with `updates` in place of its own, to compare what an edit may not touch.
    func withUpdates(_ updates: [ProgressUpdate]) -> Action {
        var copy = self
        copy.updates = updates
        return copy
    }
}
