import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// `/accessibility` and `/privacy`: readable by anyone, written by an administrator.
@Suite("Accessibility statement and privacy notice")
struct NoticePagesTests {
    @Test("A visitor reads the default statement and notice, with the council's name and their sections, linked from every page's footer",
          arguments: [("/accessibility", ["Using this service", "How accessible this service is", "Feedback and contact information",
                                          "Enforcement procedure", "Technical information about this service", "Preparation of this accessibility statement"]),
                      ("/privacy", ["Who we are", "What information we use", "Why we use it and our lawful basis", "How long we keep it",
                                    "Your rights", "Contact us"])])
    func defaultText(path: String, sections: [String]) async throws {
        try await withTestApp(as: nil) { client, env, _ in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                for section in sections { #expect(html.contains("<h2 class=\"heading-l\">\(section)"), "\(section)") }
                #expect(html.contains("Northmoor"))
                #expect(html.contains("<ul class=\"list list--bullet\"><li>"))
                #expect(!html.contains("Change the"), "a visitor cannot change it")
                #expect(html.contains("<a href=\"/accessibility\">Accessibility statement</a>"))
                #expect(html.contains("<a href=\"/privacy\">Privacy notice</a>"))
            }
            try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.text.contains("<a href=\"/privacy\">Privacy notice</a>"))
            }
        }
    }

    @Test("An administrator changes the statement: it is shown escaped, with who and when, and recorded in the audit trail")
    func administratorEdits() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            try await client.execute(uri: "/accessibility", method: .get) { response in
                #expect(response.text.contains("<a href=\"/accessibility/edit\">Change the accessibility statement</a>"))
                #expect(response.text.contains("This is Oversight’s default text"))
            }
            try await client.execute(uri: "/accessibility/edit", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<textarea"))
                #expect(response.text.contains("## Using this service"))
            }
            let text = "## Using this service\n\nRun by <b>Northmoor</b> & partners.\n\n- one\n- two\n\nSee https://example.org/help."
            let body = formEncoded([("version", "0"), ("text", text)])
            try await client.execute(uri: "/accessibility/edit", method: .post, headers: formHeaders, body: body) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/accessibility?saved=1")
            }
            try await client.execute(uri: "/accessibility?saved=1", method: .get) { response in
                let html = response.text
                #expect(html.contains("The accessibility statement has been saved."))
                #expect(html.contains("<h2 class=\"heading-l\">Using this service</h2>"))
                #expect(html.contains("Run by &lt;b&gt;Northmoor&lt;/b&gt; &amp; partners."))
                #expect(!html.contains("<b>Northmoor</b>"))
                #expect(html.contains("<ul class=\"list list--bullet\"><li>one</li><li>two</li></ul>"))
                #expect(html.contains("See <a href=\"https://example.org/help\">https://example.org/help</a>."))
                #expect(html.contains("Last updated \(UKTime.day(env.now())) by Test Administrator"))
                #expect(!html.contains("This is Oversight’s default text"))
            }
            let trail = try await store.auditTrail(organisationID: env.organisationID, entity: "accessibility statement", entityID: env.organisationID)
            #expect(trail.count == 1)
            #expect(trail.first?.actor.contains("Test Administrator") == true)
            #expect(trail.first?.after?.contains("partners") == true)
            // Saving from a page opened before that save is refused, and keeps the typed text.
            let stale = formEncoded([("version", "0"), ("text", "An older draft")])
            try await client.execute(uri: "/accessibility/edit", method: .post, headers: formHeaders, body: stale) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("Someone else saved the accessibility statement"))
                #expect(response.text.contains("An older draft"))
            }
            let empty = formEncoded([("version", "1"), ("text", "  ")])
            try await client.execute(uri: "/accessibility/edit", method: .post, headers: formHeaders, body: empty) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<a href=\"#notice-text\">Enter the accessibility statement</a>"))
            }
        }
    }

    @Test("Others read the council's own text but cannot change it", arguments: [Role.editor, .viewer])
    func othersRead(role: Role) async throws {
        try await withTestApp(as: role) { client, env, store in
            _ = try await store.saveNotice(.privacyNotice, text: "## Who we are\n\nNorthmoor's own words.", organisationID: env.organisationID,
                                           updatedBy: "Ada Admin", at: env.now(), expectedVersion: nil)
            try await client.execute(uri: "/privacy", method: .get) { response in
                #expect(response.text.contains("Northmoor&#39;s own words."))
                #expect(response.text.contains("by Ada Admin"))
                #expect(!response.text.contains("/privacy/edit"))
            }
            try await client.execute(uri: "/privacy/edit", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
