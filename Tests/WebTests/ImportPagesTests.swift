import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// Importing a plan in the browser: upload, check what was found, change how columns are read,
/// confirm — and the files and people that must be turned away with nothing stored.
@Suite("Import pages")
struct ImportPagesTests {
    /// The published Wokingham plan, as the plan importer's own tests read it.
    static var wokingham: Data {
        get throws {
            let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            return try Data(contentsOf: tests.appendingPathComponent("PlanImportTests/Fixtures/wokingham-ilacs-improvement-plan-2023.txt"))
        }
    }
    static let wokinghamName = "wokingham-ilacs-improvement-plan-2023.txt"

    static let boundary = "----OversightImportBoundary"
    static let multipartHeaders: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]

    /// The upload form as a browser posts it.
    static func form(csrf: String, file: (name: String, data: Data)?, mapping: (name: String, data: Data)? = nil) -> ByteBuffer {
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        func part(_ field: String, _ file: (name: String, data: Data)?) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(file?.name ?? "")\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file?.data ?? Data()
            body += Data("\r\n".utf8)
        }
        part("plan-file", file)
        part("mapping-file", mapping)
        body += Data("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    /// The CSRF token of the upload form, as a browser would send it back.
    static func csrf(_ client: any TestClientProtocol) async throws -> String {
        let html = try await client.execute(uri: "/import", method: .get) { $0.text }
        let marker = "name=\"csrf\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    /// Uploads a file and returns the preview's address.
    static func upload(_ client: any TestClientProtocol, _ name: String, _ data: Data, mapping: Data? = nil) async throws -> String {
        let body = form(csrf: try await csrf(client), file: (name, data), mapping: mapping.map { ("columns.json", $0) })
        let location = try await client.execute(uri: "/import", method: .post, headers: multipartHeaders, body: body) { response in
            #expect(response.status == .seeOther)
            return response.headers[.location] ?? ""
        }
        #expect(location.hasPrefix("/import/"))
        return location
    }

    /// The columns form as the preview shows it: each column's number and header.
    static func columns(in html: String) -> [(number: String, header: String)] {
        html.components(separatedBy: "name=\"header-").dropFirst().map { rest in
            let number = String(rest.prefix { $0 != "\"" })
            let value = rest.components(separatedBy: "value=\"").dropFirst().first ?? ""
            return (number, String(value.prefix { $0 != "\"" }))
        }
    }

    /// The preview's confirm form names what it shows (the file and columns).
    static func previewFingerprint(in html: String) throws -> String {
        let marker = "name=\"preview\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    static func planCount(_ store: SQLStore, _ environment: AppEnvironment) async throws -> Int {
        try await store.plans(organisationID: environment.organisationID).count
    }

    @Test("The Wokingham plan: the preview shows its five areas, actions and warnings; confirming stores it and names it in a banner")
    func uploadPreviewAndConfirm() async throws {
        let file = try Self.wokingham
        try await withTestApp { client, environment, store in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.text.contains("href=\"/import\""), "the plans page links to the import")
            }
            try await client.execute(uri: "/import", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("enctype=\"multipart/form-data\""))
                #expect(response.text.contains("An Excel workbook (.xlsx), Word document (.docx), CSV file (.csv), web page (.htm or .html)"), "it says which files it reads")
            }
            let before = try await Self.planCount(store, environment)
            let preview = try await Self.upload(client, Self.wokinghamName, file)
            #expect(try await Self.planCount(store, environment) == before, "the preview stores nothing")

            let html = try await client.execute(uri: preview, method: .get) { response in
                #expect(response.status == .ok)
                return response.text
            }
            #expect(html.contains("1 plan, 5 areas, 19 actions, 43 milestones (16 complete), 0 measures, 2 warnings"))
            #expect(html.contains("Plan 1: ILACS Improvement Plan"))
            for (ref, title) in [("1", "Assessment"), ("2", "Planning"), ("3", "Supervision &amp; Management Oversight"),
                                 ("4", "Recording"), ("5", "Exploitation")] {
                #expect(html.contains("<th scope=\"row\" class=\"ref\">\(ref)</th><td>\(title)</td>"), "area \(ref)")
            }
            #expect(html.contains("The first 10 of 19 actions"))
            #expect(html.contains("Service Manager, Safeguarding"))
            #expect(html.contains("2 warnings to check"))
            #expect(html.contains("\(Self.wokinghamName), table 1, line 37, column 1"), "a warning names its file, table, line and column")
            #expect(html.contains("is read as action 1.2."))
            #expect(html.contains("name=\"header-1\" value=\"Action\""))
            #expect(html.contains("<option value=\"due\" selected>Due date / timeline</option>"), "Proposed Timeline is read as the timeline")
            #expect(html.contains("<option value=\"ignore\">Ignore (leave the column out)</option>"))
            #expect(html.contains("Import this plan"))

            let confirm = formEncoded([("preview", try Self.previewFingerprint(in: html))])
            let banner = try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders, body: confirm) { response in
                #expect(response.status == .seeOther)
                let location = response.headers[.location] ?? ""
                #expect(location.hasPrefix("/?imported="))
                return location
            }
            let plans = try await store.plans(organisationID: environment.organisationID)
            #expect(plans.count == before + 1)
            let imported = try #require(plans.last)
            #expect(imported.title == "ILACS Improvement Plan")
            let contents = try await store.planContents(id: imported.id, organisationID: environment.organisationID, fullHistory: true)
            #expect(contents.areas.map { $0.ref } == ["1", "2", "3", "4", "5"])
            #expect(contents.actions.count == 19)
            let first = try #require(contents.actions.first { $0.ref == "1.1" })
            #expect(first.leads == ["Service Manager, Safeguarding"])
            #expect(first.milestones.count == 2)

            try await client.execute(uri: banner, method: .get) { response in
                #expect(response.text.contains("Imported 1 plan: ILACS Improvement Plan (5 areas, 19 actions)."))
            }
            // Pressed again (a double click, the back button): nothing more is stored.
            try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders, body: confirm) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("It has been imported already"))
            }
            #expect(try await Self.planCount(store, environment) == before + 1)
            // The trail says which file the plan came from.
            let imports = try await store.auditTrail(organisationID: environment.organisationID).filter { $0.entity == "import" }
            #expect(imports.count == 1)
            #expect(imports.first?.after?.contains("wokingham") == true)
            #expect(imports.first?.after?.contains("\"actions\":19") == true)
        }
    }

    @Test("Changing a column's field reads the file again: the timeline kept as notes gives no milestones, and the mapping downloads")
    func changeColumns() async throws {
        let file = try Self.wokingham
        try await withTestApp { client, environment, store in
            let preview = try await Self.upload(client, Self.wokinghamName, file)
            let html = try await client.execute(uri: preview, method: .get) { $0.text }
            let columns = Self.columns(in: html)
            #expect(columns.map { $0.header } == ["Action", "Response Leads", "Proposed Timeline", "Progress Summary", "Evidence of impact"],
                    "in the file's order")
            let recognised = ["Action": "action", "Response Leads": "leads", "Proposed Timeline": "note",
                              "Progress Summary": "progress", "Evidence of impact": "evidence"]
            var fields: [(String, String)] = []
            for column in columns {
                fields.append(("header-\(column.number)", column.header))
                fields.append(("column-\(column.number)", recognised[column.header] ?? "note"))
            }
            try await client.execute(uri: preview + "/preview", method: .post, headers: formHeaders, body: formEncoded(fields)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == preview + "?changed=1")
            }
            let changedPage = try await client.execute(uri: preview + "?changed=1", method: .get) { response in
                let text = response.text
                #expect(text.contains("The file has been read again with your columns."))
                #expect(text.contains("1 plan, 5 areas, 19 actions, 0 milestones (0 complete)"))
                #expect(text.contains("<option value=\"note\" selected>Keep as notes on each action</option>"))
                return text
            }
            // The form of the page before the change names the old columns: it stores nothing.
            try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders,
                                     body: formEncoded([("preview", try Self.previewFingerprint(in: html))])) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("or its columns have changed since that preview was shown, so nothing was stored"))
            }
            try await client.execute(uri: preview + "/mapping.json", method: .get) { response in
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"wokingham-ilacs-improvement-plan-2023-columns.json\"")
                #expect(response.text.contains("\"Proposed Timeline\" : \"note\""))
                #expect(response.text.contains("\"Response Leads\" : \"leads\""))
            }
            try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders,
                                     body: formEncoded([("preview", try Self.previewFingerprint(in: changedPage))])) { response in
                #expect(response.status == .seeOther)
            }
            let imported = try #require(try await store.plans(organisationID: environment.organisationID).last)
            let contents = try await store.planContents(id: imported.id, organisationID: environment.organisationID, fullHistory: false)
            let first = try #require(contents.actions.first { $0.ref == "1.1" })
            #expect(first.milestones.isEmpty)
            #expect(first.outcome.contains("Proposed Timeline"), "the column is kept as a note, not dropped")
        }
    }

    @Test("A mapping file chosen with the upload is used from the first preview")
    func mappingFileWithUpload() async throws {
        let file = try Self.wokingham
        try await withTestApp { client, _, _ in
            let mapping = Data(#"{"columns": {"Response Leads": "ignore"}}"#.utf8)
            let preview = try await Self.upload(client, Self.wokinghamName, file, mapping: mapping)
            try await client.execute(uri: preview, method: .get) { response in
                #expect(response.text.contains("<option value=\"ignore\" selected>Ignore (leave the column out)</option>"))
                #expect(!response.text.contains("<td>Service Manager, Safeguarding<br></td>"), "no leads are read")
            }
            let body = Self.form(csrf: try await Self.csrf(client), file: (Self.wokinghamName, file), mapping: ("columns.json", Data("{}x".utf8)))
            try await client.execute(uri: "/import", method: .post, headers: Self.multipartHeaders, body: body) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("href=\"#mapping-file\""))
                #expect(response.text.contains("columns.json: The mapping file is not a column mapping."))
            }
        }
    }

    @Test("A damaged workbook, a file with no plan and no file at all are named in the error summary, and nothing is kept")
    func badFiles() async throws {
        try await withTestApp { client, environment, store in
            let before = try await Self.planCount(store, environment)
            let csrf = try await Self.csrf(client)
            let damaged = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) + Data(repeating: 0x41, count: 64)
            try await client.execute(uri: "/import", method: .post, headers: Self.multipartHeaders,
                                     body: Self.form(csrf: csrf, file: ("tracker March.xlsx", damaged))) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("There is a problem"))
                #expect(response.text.contains("<a href=\"#plan-file\">tracker March.xlsx"), "the summary names the file and links to the field")
                #expect(response.text.contains("<title>Error: Import a plan"))
            }
            try await client.execute(uri: "/import", method: .post, headers: Self.multipartHeaders,
                                     body: Self.form(csrf: csrf, file: ("budget.csv", Data("Cost centre,Amount\nA1,100\n".utf8)))) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("No plan was found in budget.csv."))
            }
            try await client.execute(uri: "/import", method: .post, headers: Self.multipartHeaders, body: Self.form(csrf: csrf, file: nil)) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Select the file with your plan or tracker"))
            }
            #expect(try await Self.planCount(store, environment) == before)
            try await client.execute(uri: "/import/1", method: .get) { response in
                #expect(response.status == .notFound, "no upload was kept")
            }
        }
    }

    @Test("Only the person who uploaded a file may see or import it, and only for an hour")
    func someoneElsesOrOldUpload() async throws {
        let file = try Self.wokingham
        let clock = TestClock()
        try await withTestApp(clock: clock) { client, environment, store in
            let preview = try await Self.upload(client, Self.wokinghamName, file)
            let colleague = try await TestPeople.credentials(environment, role: .editor, name: "Another Editor")
            let cookie: HTTPFields = [.cookie: "\(SessionCookie.name)=\(colleague.sessionToken)"]
            try await client.execute(uri: preview, method: .get, headers: cookie) { response in
                #expect(response.status == .notFound)
            }
            var post = cookie
            post[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: preview + "/confirm", method: .post, headers: post, body: formEncoded([("csrf", colleague.csrf)])) { response in
                #expect(response.status == .notFound)
            }
            let before = try await Self.planCount(store, environment)
            // Looked at twice within the hour (which keeps the session alive), then once after it.
            for _ in 1...2 {
                clock.advance(by: 25 * 60)
                try await client.execute(uri: preview, method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
            clock.advance(by: 10 * 60 + 1)
            try await client.execute(uri: preview, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("more than an hour ago"))
            }
            try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders, body: formEncoded([])) { response in
                #expect(response.status == .notFound)
            }
            #expect(try await Self.planCount(store, environment) == before)
        }
    }

    @Test("A viewer may not import: no link, and the pages refuse")
    func viewerRefused() async throws {
        try await withTestApp(as: .viewer) { client, _, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!response.text.contains("href=\"/import\""))
            }
            try await client.execute(uri: "/import", method: .get) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/import", method: .post, headers: formHeaders, body: formEncoded([])) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    // MARK: Upload ids, previews and the parsing queue (issue 12)

    static let secondPlanName = "second-plan.csv"
    static let secondPlan = Data("Ref,Action,Lead,Due date\n1.1,Visit every child in care within six weeks,Team manager,2027-01-31\n1.2,Audit every open file,Head of service,2027-02-28\n".utf8)

    static func isRandomID(_ path: String) -> Bool {
        let id = path.dropFirst("/import/".count)
        return id.count == 32 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    @Test("Upload ids are random and never reused, and a preview's form confirms only the file it shows")
    func twoUploadsInARow() async throws {
        let file = try Self.wokingham
        try await withTestApp { client, environment, store in
            let before = try await Self.planCount(store, environment)
            let first = try await Self.upload(client, Self.wokinghamName, file)
            let firstPage = try await client.execute(uri: first, method: .get) { $0.text }
            let second = try await Self.upload(client, Self.secondPlanName, Self.secondPlan)
            let secondPage = try await client.execute(uri: second, method: .get) { $0.text }
            #expect(Self.isRandomID(first) && Self.isRandomID(second), "\(first) \(second)")
            #expect(first != second)

            // The first preview's form, sent to the second upload's address: nothing is stored.
            try await client.execute(uri: second + "/confirm", method: .post, headers: formHeaders,
                                     body: formEncoded([("preview", try Self.previewFingerprint(in: firstPage))])) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("second-plan.csv or its columns have changed"))
            }
            #expect(try await Self.planCount(store, environment) == before)

            // The first preview's form imports the first file, never the second.
            try await client.execute(uri: first + "/confirm", method: .post, headers: formHeaders,
                                     body: formEncoded([("preview", try Self.previewFingerprint(in: firstPage))])) { response in
                #expect(response.status == .seeOther)
            }
            var plans = try await store.plans(organisationID: environment.organisationID)
            #expect(plans.count == before + 1)
            #expect(plans.last?.title == "ILACS Improvement Plan")

            try await client.execute(uri: second + "/confirm", method: .post, headers: formHeaders,
                                     body: formEncoded([("preview", try Self.previewFingerprint(in: secondPage))])) { response in
                #expect(response.status == .seeOther)
            }
            plans = try await store.plans(organisationID: environment.organisationID)
            #expect(plans.count == before + 2)
            #expect(plans.last?.title != "ILACS Improvement Plan")

            // Both confirmed and deleted: a new upload gets neither id.
            let third = try await Self.upload(client, Self.wokinghamName, file)
            #expect(third != first && third != second)
            try await client.execute(uri: first, method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("A preview is read once per upload: viewing it again, downloading the mapping and confirming read nothing")
    func previewReadOnce() async throws {
        let file = try Self.wokingham
        let queue = ParsingQueue(width: 2, waitingLimit: 4)
        try await ParsingQueue.$current.withValue(queue) {
            try await withTestApp { client, _, _ in
                let preview = try await Self.upload(client, Self.wokinghamName, file)
                #expect(await queue.finished == 1, "the upload is read once, on the queue")
                var html = ""
                for _ in 1...3 {
                    html = try await client.execute(uri: preview, method: .get) { response in
                        #expect(response.status == .ok)
                        return response.text
                    }
                }
                try await client.execute(uri: preview + "/mapping.json", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders,
                                         body: formEncoded([("preview", try Self.previewFingerprint(in: html))])) { response in
                    #expect(response.status == .seeOther)
                }
                #expect(await queue.finished == 1, "three views, the mapping and the confirmation read nothing more")
            }
        }
    }

    @Test("Files are read on the parsing queue's own threads, at most two at once and at a lower priority than the event loops: /healthz and pages answer while two are read, and a full queue refuses with 503, storing nothing")
    func parsingQueue() async throws {
        let queue = ParsingQueue(width: 2, waitingLimit: 0)
        let gate = Gate()
        try await ParsingQueue.$current.withValue(queue) {
            try await withTestApp { client, environment, store in
                let before = try await Self.planCount(store, environment)
                // Two reads that last until the gate opens, as two hostile files would last
                // until their time limit.
                let held = (1...2).map { _ in
                    Task { try await queue.run { () -> (onQueue: Bool, niceness: Int32?) in
                        gate.wait()
                        return (ParsingQueue.isOnQueueThread, ParsingQueue.currentNiceness)
                    } }
                }
                for _ in 0..<500 where await queue.running < 2 { try await Task.sleep(for: .milliseconds(10)) }
                #expect(await queue.running == 2)

                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/import", method: .get) { #expect($0.status == .ok) }
                let body = Self.form(csrf: try await Self.csrf(client), file: (Self.wokinghamName, try Self.wokingham))
                try await client.execute(uri: "/import", method: .post, headers: Self.multipartHeaders, body: body) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.text.contains("Oversight is reading other files just now"))
                    #expect(response.headers[.location] == nil)
                }

                gate.open()
                for task in held {
                    let read = try await task.value
                    #expect(read.onQueue, "the read ran on the queue's own threads")
                    #if os(Linux)
                    #expect(read.niceness == ParsingQueue.niceness, "the queue's threads give way to the event loops")
                    #endif
                }
                #expect(ParsingQueue.currentNiceness ?? 0 == 0, "the test's own thread keeps its priority")
                #expect(await queue.mostRunning == 2)
                #expect(try await Self.planCount(store, environment) == before)
                let preview = try await Self.upload(client, Self.wokinghamName, try Self.wokingham)
                #expect(Self.isRandomID(preview), "with the queue free the same upload is read")
            }
        }
    }

    @Test("A hostile file is refused naming the limit it passed, and nothing is kept")
    func hostileUploadRefused() async throws {
        try await withTestApp { client, environment, store in
            let before = try await Self.planCount(store, environment)
            let row = "<tr>" + String(repeating: "<td colspan=1000>x</td>", count: 16) + "</tr>"
            let html = Data(("<table>" + String(repeating: row, count: 400) + "</table>").utf8)
            try await client.execute(uri: "/import", method: .post, headers: Self.multipartHeaders,
                                     body: Self.form(csrf: try await Self.csrf(client), file: ("spans.html", html))) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("spans.html"))
                // A debug build on a busy machine may meet the time limit first.
                #expect(response.text.contains("lays out more than 4,000,000 cells") || response.text.contains("took longer than 5 seconds"))
                #expect(response.headers[.location] == nil)
            }
            #expect(try await Self.planCount(store, environment) == before)
        }
    }
}

/// A gate threads wait at until a test opens it.
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func wait() {
        semaphore.wait()
        semaphore.signal()
    }
    func open() { semaphore.signal() }
}
