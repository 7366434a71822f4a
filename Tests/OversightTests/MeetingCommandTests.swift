import Core
import Documents
import Foundation
import Demo
import Store
import Testing

@Suite("oversight meeting and board commands")
struct MeetingCommandTests {
    /// A folder holding a database with the demo council and its boards, as at `day`.
    static func demoFolder(day: Day = Day.today()) async throws -> (folder: URL, db: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-papers-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("demo.sqlite").path
        let store = try await SQLStore.sqlite(path: db)
        _ = try await DemoLoading.load(into: store, asAt: day)
        try await store.close()
        return (folder, db)
    }

    /// `board list`'s rows (after the heading) as columns.
    static func boards(_ db: String) throws -> [[String]] {
        let result = try Command.run(["board", "list", "--db", db])
        #expect(result.status == 0, "\(result.error)")
        return result.output.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static func text(of document: Document) -> String {
        document.blocks.map { block in
            switch block {
            case .paragraph(let paragraph): paragraph.text
            case .table(let table): table.rows.map { $0.texts.joined(separator: " | ") }.joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }

    @Test("help for the meeting and board commands names the formats and what --public leaves out", arguments: [
        ["help", "meeting", "pack"], ["help", "meeting", "minutes"], ["help", "board", "list"],
    ])
    func help(arguments: [String]) throws {
        let result = try Command.run(arguments)
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: oversight \(arguments[1]) \(arguments[2])"))
        if arguments[1] == "meeting" {
            #expect(result.output.contains("html") && result.output.contains("docx") && result.output.contains("--public"))
        }
    }

    @Test("board list names each board with its next meeting; meeting pack writes it as .docx and as HTML")
    func pack() async throws {
        let (folder, db) = try await Self.demoFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let boards = try Self.boards(db)
        #expect(boards.map { $0[1] } == [DemoBoards.improvementBoardName, DemoBoards.corporateParentingBoardName])
        let improvement = try #require(boards.first)
        let meetingID = improvement[2]
        #expect(Int(meetingID) != nil && improvement[3].contains(" at "), "the next meeting's id and when: \(improvement)")

        let docx = folder.appendingPathComponent("pack.docx").path
        let written = try Command.run(["meeting", "pack", meetingID, "--db", db, "--format", "docx", "--out", docx, "--timing"])
        #expect(written.status == 0, "\(written.error)")
        #expect(written.error.contains("pack built in"), "--timing reports the build time")
        let document = try DOCXReader.read(url: URL(fileURLWithPath: docx))
        let text = Self.text(of: document)
        for heading in ["Agenda", "Minutes of the last meeting", "Action log", "Exceptions: red and amber actions"] {
            #expect(document.paragraphs.contains { $0.isHeading && $0.text == heading }, "\(heading)")
        }
        #expect(text.contains("Improvement plan: progress report and KPI scorecard"))
        #expect(document.paragraphs.contains { $0.isHeading && $0.text.hasPrefix("KPI scorecard: ") })

        let html = folder.appendingPathComponent("pack.html").path
        let page = try Command.run(["meeting", "pack", meetingID, "--db", db, "--format", "html", "--out", html])
        #expect(page.status == 0, "\(page.error)")
        let markup = try String(contentsOfFile: html, encoding: .utf8)
        #expect(markup.hasPrefix("<!DOCTYPE html>") && markup.contains("<style>"))
        #expect(markup.contains("Exceptions: red and amber actions") && markup.contains("KPI scorecard"))
    }

    @Test("--public leaves exempt papers out of the pack; without it they are marked not for publication")
    func exemptPapers() async throws {
        let (folder, db) = try await Self.demoFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parenting = try #require(try Self.boards(db).first { $0[1] == DemoBoards.corporateParentingBoardName })
        for isPublic in [false, true] {
            let out = folder.appendingPathComponent("pack-\(isPublic).docx").path
            let result = try Command.run(["meeting", "pack", parenting[2], "--db", db, "--format", "docx", "--out", out] + (isPublic ? ["--public"] : []))
            #expect(result.status == 0, "\(result.error)")
            let text = Self.text(of: try DOCXReader.read(url: URL(fileURLWithPath: out)))
            #expect(text.contains("Exempt (Schedule 12A): not for publication"))
            #expect(text.contains("purchase business case.pdf") == !isPublic)
        }
    }

    @Test("meeting minutes writes a held meeting's minutes; an unknown meeting is refused by name")
    func minutes() async throws {
        let (folder, db) = try await Self.demoFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLStore.sqlite(path: db)
        let organisation = try #require(try await store.organisations().first)
        let board = try #require(try await store.boards(organisationID: organisation.id).first)
        let held = try #require(try await store.meetings(boardID: board.id, organisationID: organisation.id).last { $0.status == .held })
        try await store.close()

        let docx = folder.appendingPathComponent("minutes.docx").path
        let result = try Command.run(["meeting", "minutes", String(held.id), "--db", db, "--format", "docx", "--out", docx])
        #expect(result.status == 0, "\(result.error)")
        let document = try DOCXReader.read(url: URL(fileURLWithPath: docx))
        #expect(document.paragraphs.first?.text == "Draft minutes")
        #expect(document.paragraphs.contains { $0.isHeading && $0.text == "Attendance" })
        #expect(Self.text(of: document).contains("Resolved: that"))

        let html = folder.appendingPathComponent("minutes.html").path
        #expect(try Command.run(["meeting", "minutes", String(held.id), "--db", db, "--format", "html", "--out", html]).status == 0)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("Resolved: that"))

        let missing = try Command.run(["meeting", "pack", "9999", "--db", db, "--format", "docx", "--out", docx])
        #expect(missing.status != 0)
        #expect(missing.error.contains("There is no meeting 9999"))
    }

    /// `libreoffice` or `soffice` on the PATH.
    static var libreOffice: String? {
        for name in ["libreoffice", "soffice"] {
            for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Runs LibreOffice headless with its own profile in `home`.
    static func convert(_ file: String, to filter: String, outDir: URL, home: URL, office: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: office)
        process.arguments = ["--headless", "--convert-to", filter, "--outdir", outDir.path, file]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("The demo board meeting's .docx pack opens in LibreOffice: it converts to PDF, and its text has the agenda, an exception and the KPI scorecard",
          .enabled(if: ProcessInfo.processInfo.environment["OVERSIGHT_SKIP_LIBREOFFICE"] == nil, "OVERSIGHT_SKIP_LIBREOFFICE is set"),
          // Converting takes seconds on a quiet machine; on a 2-core CI machine it shares the cores
          // with the browser walk and the rest of the suite, so the limit is generous.
          .timeLimit(.minutes(10)))
    func opensInLibreOffice() async throws {
        let office = try #require(Self.libreOffice, "LibreOffice is not installed: apt-get install -y --no-install-recommends libreoffice-writer-nogui (scripts/test does this)")
        let (folder, db) = try await Self.demoFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await SQLStore.sqlite(path: db)
        // Closed on every path: a store dropped open (a failed lookup, or the time limit cancelling
        // the test part-way) stops the whole test process in a debug build.
        let next: Meeting
        do {
            let organisation = try #require(try await store.organisations().first)
            let board = try #require(try await store.boards(organisationID: organisation.id).first { $0.name == DemoBoards.improvementBoardName })
            next = try #require(try await store.meetings(boardID: board.id, organisationID: organisation.id).first { $0.status == .scheduled && $0.date >= Day.today() })
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }

        let docx = folder.appendingPathComponent("pack.docx").path
        let written = try Command.run(["meeting", "pack", String(next.id), "--db", db, "--format", "docx", "--out", docx])
        #expect(written.status == 0, "\(written.error)")
        let pack = try DOCXReader.read(url: URL(fileURLWithPath: docx))
        let exceptions = try #require(pack.tables.first { $0.heading == "Exceptions: red and amber actions" })
        let exception = try #require(exceptions.rows.dropFirst().first)
        let reason = try #require(exception.texts[3].split(separator: "\n").first.map { $0.replacingOccurrences(of: "• ", with: "") })
        let kpi = try #require(pack.tables.first { $0.heading?.hasPrefix("KPI scorecard: ") == true }?.rows.dropFirst().first?.texts.first)

        let home = folder.appendingPathComponent("office-profile", isDirectory: true)
        let out = folder.appendingPathComponent("converted", isDirectory: true)
        #expect(try Self.convert(docx, to: "pdf", outDir: out, home: home, office: office) == 0)
        let pdf = out.appendingPathComponent("pack.pdf")
        let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
        #expect(size > 0, "LibreOffice wrote a PDF")
        #expect(try Self.convert(docx, to: "txt:Text", outDir: out, home: home, office: office) == 0)
        let text = try String(contentsOf: out.appendingPathComponent("pack.txt"), encoding: .utf8)
        for item in next.agenda { #expect(text.contains(item.title), "agenda item \(item.title)") }
        #expect(text.contains(exception.texts[0]), "the exception's action ref \(exception.texts[0])")
        #expect(text.contains(reason), "the exception's reason: \(reason)")
        #expect(text.contains("KPI scorecard: "))
        let kpiName = try #require(kpi.split(separator: " ", maxSplits: 1).last.map(String.init))
        #expect(text.contains(kpiName), "a KPI: \(kpiName)")
    }
}
