import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Demo
import Store
import Testing
@testable import Web

/// `/home`: what needs the signed-in person.
@Suite("Home page")
struct HomePageTests {
    static let lead = "Principal Social Worker"

    static func home(_ client: any TestClientProtocol) async throws -> TestResponse {
        try await client.executeRequest(uri: Path.home.href, method: .get, headers: [:], body: nil)
    }

    @Test("An action lead's home page lists every action naming them, with its rating and next update, each one click away")
    func actionLead() async throws {
        try await withTestApp(as: nil) { client, environment, store in
            let me = try await TestPeople.credentials(environment, role: .actionLead, name: Self.lead)
            let signedIn = SignedInClient(base: client, credentials: me)
            let response = try await Self.home(signedIn)
            #expect(response.status == .ok)
            #expect(response.text.contains("What needs you, \(Self.lead)"))
            #expect(response.text.contains("aria-current=\"page\">Home</a>"))

            let plan = try #require(try await store.plans(organisationID: environment.organisationID).first)
            let contents = try await store.planContents(id: plan.id, organisationID: environment.organisationID, fullHistory: false)
            let mine = contents.actions.filter { $0.leads.contains(Self.lead) }
            #expect(!mine.isEmpty)
            let section = response.text.components(separatedBy: "id=\"my-actions\"").dropFirst().first?
                .components(separatedBy: "id=\"updates-due\"").first ?? ""
            for action in mine {
                #expect(section.contains("href=\"\(Path.action(action.id).href)\""), "links to \(action.ref)")
                let rating = DeliveryRules.deliveryRating(of: action, asAt: webTestDay).rating
                #expect(section.contains(Chip(rating).text))
            }
            let others = contents.actions.filter { !$0.leads.contains(Self.lead) }
            for action in others.prefix(5) { #expect(!section.contains("href=\"\(Path.action(action.id).href)\"")) }
            #expect(section.contains("Next update"))

            // One click: the link is the action page, and it lets the lead update the action.
            let first = try #require(mine.first)
            let actionPage = try await signedIn.executeRequest(uri: Path.action(first.id).href, method: .get, headers: [:], body: nil)
            #expect(actionPage.status == .ok)
            #expect(actionPage.text.contains("action=\"\(Path.actionUpdates(first.id).href)\""))

            // Their action point on the board, and its standing.
            #expect(response.text.contains("Bring the revised supervision policy to the Board"))
            #expect(!response.text.contains("id=\"exceptions\""), "exceptions are for editors")
            #expect(!response.text.contains("id=\"awaiting\""))
        }
    }

    @Test("Someone with nothing to do reads it in words")
    func emptyStates() async throws {
        try await withTestApp(as: .viewer) { client, _, _ in
            let response = try await Self.home(client)
            #expect(response.status == .ok)
            for text in ["No action names you as its lead", "You owe no progress updates.", "You own no open action points.",
                         "You are not a member of any board."] {
                #expect(response.text.contains(text), "says \(text)")
            }
        }
    }

    @Test("An editor sees the plan's exceptions, KPIs off target and the board business waiting for them")
    func editor() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let response = try await Self.home(client)
            #expect(response.status == .ok)
            for text in ["Exceptions in the plan", "Actions red, overdue or reprogrammed", "KPIs off target", "Waiting for you",
                         "Next meetings of your boards"] {
                #expect(response.text.contains(text), "shows \(text)")
            }
            let exceptions = response.text.components(separatedBy: "id=\"exceptions\"").dropFirst().first ?? ""
            #expect(exceptions.contains("tag--red"), "red actions are listed")
            let measures = try await store.measures(organisationID: environment.organisationID)
            let offTarget = measures.filter { MeasureRules.exceptionStatus(of: $0).isException }
            #expect(!offTarget.isEmpty)
            for measure in offTarget { #expect(exceptions.contains("href=\"\(Path.measure(measure.id).href)\"")) }
        }
    }

    @Test("Signing in without a page asked for lands on the home page")
    func signInLandsHome() async throws {
        try await withTestApp(as: nil) { client, environment, _ in
            let me = try await TestPeople.credentials(environment, role: .viewer, name: "Vic Viewer")
            let (status, location, _) = try await SignInTests.signIn(client, email: me.person.email, password: TestPeople.password)
            #expect(status == .seeOther)
            #expect(location == Path.home.href)
        }
    }

    @Test("GET /api/v1/home gives the same worklist: a lead's actions and action points; exceptions only for editors")
    func api() async throws {
        try await withTestApp(as: nil) { client, environment, store in
            let me = try await TestPeople.credentials(environment, role: .actionLead, name: Self.lead)
            let response = try await SignedInClient(base: client, credentials: me).executeRequest(uri: Path.api(.home).href, method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            let body = try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let plan = try #require(try await store.plans(organisationID: environment.organisationID).first)
            let contents = try await store.planContents(id: plan.id, organisationID: environment.organisationID, fullHistory: false)
            let mine = Set(contents.actions.filter { $0.leads.contains(Self.lead) }.map(\.id))
            let listed = Set((body["actions"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? Int).map(Int64.init) })
            #expect(listed == mine)
            let points = body["actionPoints"] as? [[String: Any]] ?? []
            #expect(points.contains { (($0["actionPoint"] as? [String: Any])?["text"] as? String) == "Bring the revised supervision policy to the Board" })
            #expect(body["actionExceptions"] == nil)

            let editor = try await TestPeople.credentials(environment, role: .editor)
            let theirs = try await SignedInClient(base: client, credentials: editor).executeRequest(uri: Path.api(.home).href, method: .get, headers: [:], body: nil)
            let editorBody = try #require(JSONSerialization.jsonObject(with: Data(buffer: theirs.body)) as? [String: Any])
            #expect(!((editorBody["actionExceptions"] as? [Any]) ?? []).isEmpty)
            #expect(editorBody["awaiting"] != nil)
        }
    }
}
