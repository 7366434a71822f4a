import Core
import Documents
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Demo
import Store
import Testing
@testable import Web

@Suite("Board pack and minutes downloads")
struct BoardPapersTests {
    static func meetings(_ store: SQLStore, _ environment: AppEnvironment, board name: String) async throws -> [Meeting] {
        let board = try #require(try await store.boards(organisationID: environment.organisationID).first { $0.name == name })
        return try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
    }

    /// The Word document in a response, read back.
    static func document(_ response: TestResponse) throws -> Document {
        try DOCXReader.read(data: Data(buffer: response.body), fileName: "download.docx")
    }

    static func allText(_ document: Document) -> String {
        document.blocks.map { block in
            switch block {
            case .paragraph(let paragraph): paragraph.text
            case .table(let table): table.rows.map { $0.texts.joined(separator: " | ") }.joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }

    @Test("The meeting page and the pack offer the .docx; it downloads as a Word attachment with the agenda, exceptions and scorecard")
    func packDownload() async throws {
        try await withTestApp(as: .boardMember) { client, environment, store in
            let next = try #require(try await Self.meetings(store, environment, board: DemoBoards.improvementBoardName).first { $0.status == .scheduled })
            let meetingPage = try await client.executeRequest(uri: "/meetings/\(next.id)", method: .get, headers: [:], body: nil)
            #expect(meetingPage.text.contains(#"<a href="/meetings/\#(next.id)/pack.docx">Download pack (.docx)</a>"#))
            let packPage = try await client.executeRequest(uri: "/meetings/\(next.id)/pack", method: .get, headers: [:], body: nil)
            #expect(packPage.text.contains(#"href="/meetings/\#(next.id)/pack.docx""#))

            let response = try await client.executeRequest(uri: "/meetings/\(next.id)/pack.docx", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"northmoor-childrens-services-improvement-board-\(next.date.iso)-pack.docx\"")
            let document = try Self.document(response)
            let text = Self.allText(document)
            for title in next.agenda.map(\.title) { #expect(text.contains(title), "agenda item \(title)") }
            let headings = document.paragraphs.filter(\.isHeading).map(\.text)
            #expect(headings.contains("Agenda") && headings.contains("Minutes of the last meeting") && headings.contains("Action log"))
            #expect(headings.contains("Exceptions: red and amber actions"))
            #expect(headings.contains { $0.hasPrefix("KPI scorecard: ") })
            let exceptions = try #require(document.tables.first { $0.heading == "Exceptions: red and amber actions" })
            #expect(exceptions.rows.first?.texts == ["Ref", "Action", "Rating", "Reasons and latest update"])
            #expect(exceptions.rows.dropFirst().first?.texts[2].hasPrefix("Red – ") == true, "red exceptions first, with the word")
            let scorecard = try #require(document.tables.first { $0.heading?.hasPrefix("KPI scorecard: ") == true })
            #expect(scorecard.rows.first?.texts == ["KPI", "Period", "Value", "Target", "RAG", "Direction of travel"])
            #expect(scorecard.rows.dropFirst().contains { row in ["↑ Improving", "↓ Declining", "→ No change"].contains { row.texts[5].hasPrefix($0) } })
        }
    }

    @Test("Exempt papers are in a board member's .docx and left out of a viewer's", arguments: [Role.viewer, Role.boardMember])
    func exemptPapers(role: Role) async throws {
        try await withTestApp(as: role) { client, environment, store in
            let exempt = try #require(try await Self.meetings(store, environment, board: DemoBoards.corporateParentingBoardName).first { $0.agenda.contains { $0.isExempt } })
            let response = try await client.executeRequest(uri: "/meetings/\(exempt.id)/pack.docx", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            let text = Self.allText(try Self.document(response))
            #expect(text.contains("Placement sufficiency: purchase of a children's home"), "the item's title is public")
            #expect(text.contains("Exempt (Schedule 12A): not for publication"))
            #expect(text.contains("purchase business case.pdf") == (role == .boardMember))
            #expect(text.contains("Exempt papers: for members and officers only") == (role == .viewer))
        }
    }

    @Test("A held meeting's minutes: a print-ready page and a .docx with attendance, numbered minutes and resolutions")
    func minutes() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let meetings = try await Self.meetings(store, environment, board: DemoBoards.improvementBoardName)
            let held = try #require(meetings.last { $0.status == .held })
            let meetingPage = try await client.executeRequest(uri: "/meetings/\(held.id)", method: .get, headers: [:], body: nil)
            #expect(meetingPage.text.contains(#"<a href="/meetings/\#(held.id)/minutes.docx">Download minutes (.docx)</a>"#))
            let scheduled = try #require(meetings.first { $0.status == .scheduled })
            let scheduledPage = try await client.executeRequest(uri: "/meetings/\(scheduled.id)", method: .get, headers: [:], body: nil)
            #expect(!scheduledPage.text.contains("Download minutes (.docx)"), "a meeting not yet held has no minutes to download")

            let firstMinute = try #require(held.agenda.compactMap(\.minute).first)
            let page = try await client.executeRequest(uri: "/meetings/\(held.id)/minutes", method: .get, headers: [:], body: nil)
            #expect(page.status == .ok)
            #expect(page.text.contains("Draft minutes"), "the latest held meeting's minutes are not yet approved")
            #expect(page.text.contains("\(firstMinute.label) \(held.agenda[0].title)"))
            #expect(page.text.contains("Resolved: that"))

            let response = try await client.executeRequest(uri: "/meetings/\(held.id)/minutes.docx", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"northmoor-childrens-services-improvement-board-\(held.date.iso)-minutes.docx\"")
            let document = try Self.document(response)
            let text = Self.allText(document)
            #expect(document.paragraphs.first?.text == "Draft minutes")
            #expect(text.contains("Present: "))
            #expect(document.paragraphs.contains { $0.isHeading && $0.text == "\(firstMinute.label) \(held.agenda[0].title)" })
            #expect(text.contains("Resolved: that"))
        }
    }

    @Test("The pack API: JSON by default, html as one file with its styles, docx as an attachment, anything else 400 naming format")
    func packFormats() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let next = try #require(try await Self.meetings(store, environment, board: DemoBoards.improvementBoardName).first { $0.status == .scheduled })
            let json = try await client.executeRequest(uri: "/api/v1/meetings/\(next.id)/pack", method: .get, headers: [:], body: nil)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect(object["meetingDate"] as? String == next.date.iso)

            let html = try await client.executeRequest(uri: "/api/v1/meetings/\(next.id)/pack?format=html", method: .get, headers: [:], body: nil)
            #expect(html.status == .ok)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.text.contains("<style>") && !html.text.contains(#"href="/oversight.css""#), "the stylesheet travels inside the file")
            #expect(html.text.contains("Exceptions: red and amber actions") && html.text.contains("KPI scorecard"))
            #expect(!html.text.contains("Back to the meeting"), "no link back to a page the file cannot reach")

            let docx = try await client.executeRequest(uri: "/api/v1/meetings/\(next.id)/pack?format=docx", method: .get, headers: [:], body: nil)
            #expect(docx.status == .ok)
            #expect(docx.headers[.contentDisposition]?.hasPrefix("attachment; filename=") == true)
            #expect(Self.allText(try Self.document(docx)).contains("Action log"))

            let pdf = try await client.executeRequest(uri: "/api/v1/meetings/\(next.id)/pack?format=pdf", method: .get, headers: [:], body: nil)
            #expect(pdf.status == .badRequest)
            #expect(pdf.text.contains("format"))
        }
    }
}
