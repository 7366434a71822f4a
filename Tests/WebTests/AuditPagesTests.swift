import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Demo
import Store
import Testing
@testable import Web

/// The history pages of actions and measures, and the administrators' audit trail with its CSV.
@Suite("Audit pages")
struct AuditPagesTests {
    /// The history row of a changed field, as the template writes it.
    static func fieldRow(_ label: String, _ before: String, _ after: String) -> String {
        "<strong>\(label)</strong>: <span class=\"history__before\">\(before)</span> <span aria-hidden=\"true\">→</span>"
            + "<span class=\"visually-hidden\">changed to</span> <span class=\"history__after\">\(after)</span>"
    }

    @Test("After a change through the page form, the action's history shows who and the field before → after")
    func actionHistoryAfterForm() async throws {
        try await withTestApp(as: .editor) { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.status == .inProgress && $0.percentComplete < 80 })
            try await client.execute(uri: "/actions/\(action.id)", method: .get) { response in
                #expect(response.text.contains("href=\"/actions/\(action.id)/history\""))
            }
            let status = formEncoded([("version", String(action.version)), ("status", "in-progress"), ("percent", "80")])
            try await client.execute(uri: "/actions/\(action.id)/status", method: .post, headers: formHeaders, body: status) { response in
                #expect(response.status == .seeOther)
            }
            let again = formEncoded([("version", String(action.version + 1)), ("status", "in-progress"), ("percent", "85")])
            try await client.execute(uri: "/actions/\(action.id)/status", method: .post, headers: formHeaders, body: again) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/actions/\(action.id)/history", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Test Editor"))
                #expect(html.contains(Page.escaped("Changed action \(action.ref) ‘\(AuditWords.shortened(action.title))’")))
                #expect(!html.contains("<strong>Version</strong>"), "the version is not shown as a change")
                // Newest first.
                // In words: "40%", not a bare number.
                let first = try #require(html.range(of: Self.fieldRow("% complete", "\(action.percentComplete)%", "80%")))
                let second = try #require(html.range(of: Self.fieldRow("% complete", "80%", "85%")))
                #expect(second.lowerBound < first.lowerBound)
            }
        }
    }

    @Test("After a change through the API, the history names the token's person and the change")
    func actionHistoryAfterAPI() async throws {
        try await withTestApp(as: .editor) { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.status == .inProgress && $0.percentComplete != 77 })
            let edit = ByteBuffer(string: #"{"version": \#(action.version), "percentComplete": 77}"#)
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch,
                                     headers: [.contentType: "application/json"], body: edit) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/actions/\(action.id)/history", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Test Editor"))
                #expect(response.text.contains(Self.fieldRow("% complete", "\(action.percentComplete)%", "77%")))
            }
        }
    }

    @Test("A measure's history shows its values as they are recorded")
    func measureHistory() async throws {
        try await withTestApp(as: .viewer) { client, env, store in
            let measure = try #require(try await store.measures(organisationID: env.organisationID).first)
            try await AuditActor.$current.withValue(AuditActor(name: "Data Team", source: "192.0.2.7")) {
                _ = try await store.recordValue(MeasureValue(period: .month(year: 2031, month: 1), value: 42, asAt: webTestDay),
                                                measureID: measure.id, organisationID: env.organisationID, replace: false)
            }
            try await client.execute(uri: "/measures/\(measure.id)", method: .get) { response in
                #expect(response.text.contains("href=\"/measures/\(measure.id)/history\""))
            }
            try await client.execute(uri: "/measures/\(measure.id)/history", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Data Team"))
                #expect(html.contains("192.0.2.7"))
                // In words, formatted as the measure formats its figures (MeasureHistoryWords).
                #expect(html.contains("Recorded \(measure.format(42)) for January 2031"))
            }
        }
    }

    @Test("A viewer reads history but not the organisation's trail; an administrator downloads it as CSV")
    func auditTrailAccess() async throws {
        try await withTestApp(as: .viewer) { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let action = try #require(contents.actions.first { $0.status == .inProgress && $0.percentComplete != 64 })
            _ = try await AuditActor.$current.withValue(AuditActor(name: "Jo Bloggs <jo@test.example>", source: "198.51.100.4")) {
                try await store.editAction(id: action.id, organisationID: env.organisationID, expectedVersion: nil) { $0.percentComplete = 64 }
            }
            try await client.execute(uri: "/actions/\(action.id)/history", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(Page.escaped("Jo Bloggs <jo@test.example>")))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!response.text.contains("href=\"/audit\""), "no link for a viewer")
            }
            for uri in ["/audit", "/audit.csv"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                }
            }

            let administrator = SignedInClient(base: client, credentials: try await TestPeople.credentials(env, role: .administrator))
            try await administrator.execute(uri: "/audit", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("href=\"/audit.csv\""))
                #expect(html.contains("<a href=\"/audit\" aria-current=\"page\">Audit trail</a>"))
                #expect(html.contains("Download the audit trail (CSV)"))
                #expect(html.contains(Self.fieldRow("% complete", "\(action.percentComplete)%", "64%")))
                #expect(html.contains("href=\"/actions/\(action.id)/history\""))
            }
            try await administrator.execute(uri: "/audit.csv", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                let text = response.text.replacingOccurrences(of: "\u{FEFF}", with: "")
                #expect(text.hasPrefix("entry,when,who,from,what,which,change,before,after,hash\r\n"))
                #expect(text.contains("Jo Bloggs <jo@test.example>,198.51.100.4,action,\(action.id),update,"))
                #expect(text.contains("\"\"percentComplete\"\":64"))
            }
        }
    }

    @Test("An administrator's trail shows people's accounts and roles in words, and never a password hash")
    func peopleOnTheTrail() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            try await AuditActor.$current.withValue(AuditActor(name: "Jo Bloggs <jo@test.example>", source: "198.51.100.4")) {
                let sam = try await store.createPerson(Person(email: "sam.okafor@test.example", name: "Sam Okafor",
                                                              passwordHash: "$2b$12$firsthashfirsthashfirsthash"))
                try await store.setMembership(Membership(personID: sam.id, organisationID: env.organisationID, role: .editor))
                try await store.setMembership(Membership(personID: sam.id, organisationID: env.organisationID, role: .viewer))
                try await store.setPassword(personID: sam.id, passwordHash: "$2b$12$secondhashsecondhashsecond")
            }
            try await client.execute(uri: "/audit", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Created the account of Sam Okafor"))
                #expect(html.contains(Self.fieldRow("Email", "not set", "sam.okafor@test.example")))
                #expect(html.contains("Gave Sam Okafor a role"))
                #expect(html.contains("Changed the role of Sam Okafor"))
                #expect(html.contains(Self.fieldRow("Role", "Editor", "Viewer")))
                #expect(html.contains("Changed the account of Sam Okafor"))
                #expect(html.contains(Self.fieldRow("Password", "set", "changed")))
                #expect(!html.contains("$2b$"), "no password hash on the page")
            }
            try await client.execute(uri: "/audit.csv", method: .get) { response in
                #expect(response.text.contains(",role,"))
                #expect(!response.text.contains("$2b$"), "no password hash in the download")
            }
        }
    }

    @Test("Another organisation's action or measure is not found")
    func otherOrganisation() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            let other = try await store.createOrganisation(Organisation(name: "Other Council"))
            let plan = try await store.createPlan(DemoCouncil.plan(organisationID: other.id, asAt: webTestDay))
            let theirs = try await store.planContents(id: plan.id, organisationID: other.id, fullHistory: false)
            let action = try #require(theirs.actions.first)
            let measure = try #require(try await store.measures(organisationID: other.id).first)
            try await client.execute(uri: "/actions/\(action.id)/history", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/measures/\(measure.id)/history", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/audit.csv", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains(",action,\(action.id),"), "their trail is not in ours")
            }
        }
    }
}
