import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// A job title set on the account page or by an administrator on the people page, and shown
/// beside the person's name on what they record.
@Suite("Job titles on people")
struct JobTitleWebTests {
    typealias Page = MeetingSafeguardsTests

    static func audit(_ store: SQLStore, _ environment: AppEnvironment, person: Int64) async throws -> [String] {
        try await store.auditTrail(organisationID: environment.organisationID, entity: "person", entityID: person).map { AuditWords.summary($0) }
    }

    @Test("A person sets their title on /account; their progress update is signed 'Name, Title' on the action page")
    func ownTitleSignsUpdates() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let saved = try await Page.post(client, Path.accountJobTitle.href, [("jobTitle", "  Head of Service  ")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == Path.account.href + "?saved=job-title")
            let account = try await Page.get(client, try #require(saved.headers[.location])).text
            #expect(account.contains("Your job title has been saved."))
            #expect(account.contains(#"value="Head of Service""#))
            #expect(account.contains("Shown beside your name on updates, evidence and minutes"))

            let email = try #require(account.emailOnPage)
            let editor = try #require(try await store.person(email: email))
            #expect(editor.jobTitle == "Head of Service")
            #expect(try await Self.audit(store, environment, person: editor.id).contains("Changed Test Editor's job title to ‘Head of Service’"))

            let (_, actions) = try await ConsistencyRulesWebTests.inProgress(store, environment)
            let action = try #require(actions.first)
            let posted = try await Page.post(client, Path.actionUpdates(action.id).href, [
                ("version", String(action.version)), ("day", "23"), ("month", "11"), ("year", "2026"),
                ("text", "Audits under way with the new title."),
            ])
            #expect(posted.status == .seeOther)
            let stored = try await store.action(id: action.id, organisationID: environment.organisationID).action
            #expect(stored.updates.contains { $0.author == "Test Editor, Head of Service" && $0.text == "Audits under way with the new title." })
            let page = try await Page.get(client, Path.action(action.id).href).text
            #expect(page.contains("Test Editor, Head of Service"))

            // Evidence of impact is signed the same way.
            let fresh = try await store.action(id: action.id, organisationID: environment.organisationID).action
            let evidence = try await Page.post(client, Path.actionEvidence(action.id).href, [
                ("version", String(fresh.version)), ("evidence-day", "23"), ("evidence-month", "11"), ("evidence-year", "2026"),
                ("text", "Re-referrals fell after the audits."),
            ])
            #expect(evidence.status == .seeOther)
            let withEvidence = try await store.action(id: action.id, organisationID: environment.organisationID).action
            #expect(withEvidence.evidence.contains { $0.author == "Test Editor, Head of Service" })

            // Too long: the GOV.UK error, the title unchanged.
            let refused = try await Page.post(client, Path.accountJobTitle.href, [("jobTitle", String(repeating: "x", count: 121))])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("<title>Error: "))
            #expect(refused.text.contains("href=\"#job-title\""))
            #expect(refused.text.contains("Job title must be 120 characters or fewer"))
            #expect(try await store.person(id: editor.id)?.jobTitle == "Head of Service")

            // The API names the person the same way.
            let home = try APITests.json(try await Page.get(client, Path.api(.home).href))
            let person = try #require(home["person"] as? [String: Any])
            #expect(person["jobTitle"] as? String == "Head of Service")
            #expect(person["signature"] as? String == "Test Editor, Head of Service")

            // Blank clears it.
            _ = try await Page.post(client, Path.accountJobTitle.href, [("jobTitle", "   ")])
            #expect(try await store.person(id: editor.id)?.jobTitle == nil)
        }
    }

    @Test("An administrator sets someone's job title on /people, with the change in the audit trail in words")
    func administratorSetsTitle() async throws {
        try await withTestApp(as: .administrator) { client, environment, store in
            let sam = try await TestPeople.credentials(environment, role: .viewer, name: "Sam Patel")
            let saved = try await Page.post(client, Path.personJobTitle(sam.person.id).href, [("jobTitle", "Head of Service")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == Path.people.href + "?saved=job-title")
            #expect(try await store.person(id: sam.person.id)?.jobTitle == "Head of Service")
            let people = try await Page.get(client, try #require(saved.headers[.location])).text
            #expect(people.contains("The job title has been saved."))
            #expect(people.contains(#"value="Head of Service""#))
            #expect(try await Self.audit(store, environment, person: sam.person.id).contains("Changed Sam Patel's job title to ‘Head of Service’"))

            let refused = try await Page.post(client, Path.personJobTitle(sam.person.id).href, [("jobTitle", String(repeating: "x", count: 121))])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("<title>Error: "))
            #expect(refused.text.contains("href=\"#job-title-\(sam.person.id)\""))
            #expect(try await store.person(id: sam.person.id)?.jobTitle == "Head of Service")

            // Someone of another organisation is not found.
            let other = try await store.createOrganisation(Organisation(name: "Other Council"))
            let outsider = try await TestPeople.credentials(environment, role: .viewer, name: "Outsider", organisationID: other.id)
            let notFound = try await Page.post(client, Path.personJobTitle(outsider.person.id).href, [("jobTitle", "Director")])
            #expect(notFound.status == .notFound)
            #expect(try await store.person(id: outsider.person.id)?.jobTitle == nil)
        }
    }

    @Test("A viewer cannot set another person's job title")
    func viewerCannot() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let sam = try await TestPeople.credentials(environment, role: .editor, name: "Sam Patel")
            let refused = try await Page.post(client, Path.personJobTitle(sam.person.id).href, [("jobTitle", "Head of Service")])
            #expect(refused.status == .forbidden)
            #expect(try await store.person(id: sam.person.id)?.jobTitle == nil)
        }
    }
}

private extension String {
    /// The email address the account page shows.
    var emailOnPage: String? {
        components(separatedBy: "Email address</dt><dd class=\"summary-list__value\">").dropFirst().first?.components(separatedBy: "<").first
    }
}
