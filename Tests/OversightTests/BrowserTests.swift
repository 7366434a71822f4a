import Foundation
import Testing

/// Opens every page of a real `oversight serve --demo` in headless Chromium (Debian `chromium`,
/// `chromium-driver`, driven by PyPI `selenium`, all installed by `scripts/test`) as each demo
/// role, at 1280×900, 375×800 and 320×640, and fails on any axe-core violation of WCAG 2.0–2.2
/// A/AA, on a page that scrolls sideways at 320 px outside a labelled, focusable scroll region,
/// and on a page that answers with the wrong status. The pages come from `oversight pages`, built
/// from the route tables (`PageAddressesTests` fails on a page route it leaves out), so a new page
/// is opened without editing this test. The walk is `Tests/Browser/axe_walk.py`; it saves a PNG of
/// every page × width for the editor and the board member under `.build-screenshots/`.
///
/// Set `OVERSIGHT_SKIP_BROWSER=1` to skip it where Chromium cannot be installed; without it, a
/// missing browser, driver, Selenium or axe-core fails the test rather than passing silently.
@Suite("Every page in a real browser: axe-core and reflow", .serialized)
struct BrowserTests {
    static var skipped: Bool { ProcessInfo.processInfo.environment["OVERSIGHT_SKIP_BROWSER"] == "1" }

    /// The clone's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Roles in the order the walk looks at them: each page gets every width for the first role
    /// here that may open it, so the roles that see the most forms come first.
    static let roleOrder = ["editor", "board-member", "administrator", "analyst", "action-lead", "viewer"]

    @Test("no axe violation, no sideways scroll and no wrong status on any page, for any role, at any width")
    func everyPage() async throws {
        if Self.skipped { return }
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run scripts/test (it installs chromium and chromium-driver); set OVERSIGHT_SKIP_BROWSER=1 to skip")
        }
        let installed = try SchemathesisTests.python(["-c", "import selenium, importlib.util; assert importlib.util.find_spec('axe_playwright_python')"])
        try #require(installed.status == 0, "Selenium or axe-core is not installed: run scripts/test (it installs them); set OVERSIGHT_SKIP_BROWSER=1 to skip. \(installed.output)")

        let server = try await DemoServer(name: "browser", waitingUpTo: 30)
        defer { server.stop() }
        let (folder, db, base, log) = (server.folder, server.database, server.base, server.log)

        // The demo people and their password, as the server printed them.
        let accounts = Self.demoAccounts(in: log)
        try #require(accounts.count == Self.roleOrder.count, "the demo people were not printed as expected:\n\(log)")
        let password = try #require(Self.demoPassword(in: log), "no demo password in:\n\(log)")

        let listed = try Command.run(["pages", "--db", db])
        try #require(listed.status == 0, "\(listed.error)")
        let pages = folder.appendingPathComponent("pages.json")
        try Data(listed.output.utf8).write(to: pages)

        let screenshots = Self.root.appendingPathComponent(".build-screenshots")
        try? FileManager.default.removeItem(at: screenshots)
        let report = folder.appendingPathComponent("report.json")
        var arguments = [Self.root.appendingPathComponent("Tests/Browser/axe_walk.py").path,
                         "--base", base, "--pages", pages.path, "--password", password,
                         "--screenshots", screenshots.path, "--report", report.path,
                         "--upload", "/import=" + Self.root.appendingPathComponent("Tests/PlanImportTests/Fixtures/wokingham-ilacs-improvement-plan-2023.txt").path,
                         "--upload", "/analysis=" + Self.root.appendingPathComponent("Tests/MeasuresTests/Fixtures/small-annex-a.xlsx").path,
                         "--empty-form", "/measures/new", "--empty-form", "/plans/{id}/themes", "--empty-form", "/areas/{id}/actions/new"]
        for role in Self.roleOrder { if let email = accounts[role] { arguments += ["--account", "\(role)=\(email)"] } }
        // OVERSIGHT_BROWSER_COMPLETE=1: every rule at every width for every role, the whole
        // matrix (docs/benchmarks.md has its time); CI runs the walk described above.
        if ProcessInfo.processInfo.environment["OVERSIGHT_BROWSER_COMPLETE"] == "1" { arguments.append("--complete") }
        let started = Date()
        let walk = try SchemathesisTests.python(arguments)
        let seconds = Date().timeIntervalSince(started)
        #expect(walk.status == 0, "the browser walk found problems (one line each; screenshots in .build-screenshots):\n\(walk.output.suffix(30_000))")
        #expect(walk.output.contains("axe-core 4."), "\(walk.output.suffix(4_000))")
        #expect(server.isRunning, "the server stopped during the walk")
        print("Browser walk: \(Int(seconds)) s. \(walk.output.split(separator: "\n").last { $0.hasPrefix("axe-core") } ?? "")")
    }

    /// Every demo meeting's pack and minutes, and the plan, printed to A4 PDF by Chromium: no
    /// near-blank page but the last, a page number and the organisation's running header on every
    /// page (`Tests/Browser/print_check.py`, read with poppler-utils). The PDFs stay in
    /// `.build-screenshots/print` for a person to look at.
    @Test("the demo meetings' packs and minutes and the plan print on A4 with no near-blank page")
    func printedPapers() async throws {
        if Self.skipped { return }
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/pdftoppm", "/usr/bin/pdftotext", "/usr/bin/pdfinfo"] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run scripts/test (it installs chromium, chromium-driver and poppler-utils); set OVERSIGHT_SKIP_BROWSER=1 to skip")
        }
        let server = try await DemoServer(name: "print", waitingUpTo: 30)
        defer { server.stop() }
        let accounts = Self.demoAccounts(in: server.log)
        let email = try #require(accounts["board-member"], "no demo board member in:\n\(server.log)")
        let password = try #require(Self.demoPassword(in: server.log), "no demo password in:\n\(server.log)")
        let out = Self.root.appendingPathComponent(".build-screenshots/print")
        try? FileManager.default.removeItem(at: out)
        let printed = try SchemathesisTests.python([Self.root.appendingPathComponent("Tests/Browser/print_check.py").path,
                                                    "--base", server.base, "--account", email, "--password", password,
                                                    "--meetings", "--plans", "--running-head", "Northmoor Borough Council", "--require-own-head",
                                                    "--out", out.path])
        #expect(printed.status == 0, "printing found problems (PDFs in .build-screenshots/print):\n\(printed.output.suffix(20_000))")
        // 21 demo meetings across the two boards, each with a pack and minutes, and the plan.
        let documents = printed.output.split(separator: "\n").last { $0.hasSuffix("findings") }.map(String.init) ?? ""
        #expect(documents.hasPrefix("43 documents"), "\(printed.output.suffix(4_000))")
        print("Printing: \(documents)")
    }

    /// With the keyboard alone, as the editor (who sees the most forms): the plan page, the action
    /// page's forms and the meeting pages' clerk forms (a held, a scheduled and a cancelled
    /// meeting). The skip link works, Tab reaches every interactive element in page order, and
    /// each shows it has focus (`Tests/Browser/keyboard_check.py`).
    @Test("Tab reaches every control in order with visible focus on the plan, action and meeting pages, and the skip link works")
    func keyboard() async throws {
        if Self.skipped { return }
        let server = try await DemoServer(name: "keyboard", waitingUpTo: 30)
        defer { server.stop() }
        let email = try #require(Self.demoAccounts(in: server.log)["editor"], "no demo editor in:\n\(server.log)")
        let password = try #require(Self.demoPassword(in: server.log), "no demo password in:\n\(server.log)")
        // The addresses `oversight pages` gives these routes in the demo's data.
        let listed = try Command.run(["pages", "--db", server.database])
        try #require(listed.status == 0, "\(listed.error)")
        let pages = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        let wanted: Set<String> = ["/plans/{id}", "/actions/{id}", "/meetings/{id}"]
        let addresses = pages.compactMap { page -> String? in
            guard let pattern = page["pattern"] as? String, wanted.contains(pattern) else { return nil }
            return page["address"] as? String
        }
        try #require(addresses.count >= 5, "expected the plan, an action and three meetings in \(addresses)")
        let walked = try SchemathesisTests.python([Self.root.appendingPathComponent("Tests/Browser/keyboard_check.py").path,
                                                   "--base", server.base, "--account", email, "--password", password]
                                                  + addresses.flatMap { ["--page", $0] })
        #expect(walked.status == 0, "the keyboard walk found problems:\n\(walked.output.suffix(20_000))")
        #expect(walked.output.contains("\(addresses.count) pages, 0 findings"), "\(walked.output.suffix(4_000))")
        print("Keyboard: \(walked.output.split(separator: "\n").filter { $0.hasPrefix("tabbed") }.joined(separator: "; "))")
    }

    /// The keyboard checker itself: a page with no skip link, a button whose positive tabindex
    /// pulls it out of order, and a link whose focus cannot be seen must fail, naming each.
    @Test("the keyboard check fails on a missing skip link, a jump in tab order and an invisible focus")
    func keyboardTrapFails() async throws {
        if Self.skipped { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-keyboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Keyboard trap</title>
            <style>.plain:focus { outline: none; }</style></head>
            <body><a href="/home">Home</a><main id="main"><h1>Broken for keyboards</h1>
            <p><a class="plain" href="/somewhere">A link with no focus style</a></p>
            <p><button tabindex="3">A button that jumps the queue</button></p>
            <label for="name">Name</label> <input id="name" name="name"></main></body></html>
            """
        try Data(page.utf8).write(to: folder.appendingPathComponent("trap.html"))
        let walked = try SchemathesisTests.python([Self.root.appendingPathComponent("Tests/Browser/keyboard_check.py").path,
                                                   "--base", "file://" + folder.path, "--account", "", "--password", "",
                                                   "--page", "/trap.html"])
        #expect(walked.status == 1, "\(walked.output)")
        #expect(walked.output.contains("SKIP-LINK page=/trap.html"), "\(walked.output)")
        #expect(walked.output.contains("ORDER page=/trap.html element=a \"Home\" Tab went back up the page"), "\(walked.output)")
        #expect(walked.output.contains("NO-FOCUS-STYLE page=/trap.html element=a \"A link with no focus style\""), "\(walked.output)")
        #expect(!walked.output.contains("NO-FOCUS-STYLE page=/trap.html element=input"), "the field's default focus ring counts:\n\(walked.output)")
    }

    /// The print checker itself: a page whose second sheet holds one line, because a forced page
    /// break leaves a section's last line alone, must fail, naming the sheet.
    @Test("the print check fails on a near-blank page, a page without the running header and a heading left at the foot of a page")
    func nearBlankPageFails() async throws {
        if Self.skipped { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let filler = (1...20).map { "<p>Paragraph \($0) of the first section, which fills most of the first page.</p>" }.joined()
        let page = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Near blank</title>
            <style>@page { size: A4; margin: 18mm 15mm 20mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); } }
            p { margin: 0 0 4mm; } section + section { break-before: page; }</style></head>
            <body><main><section><h1>First</h1>\(filler)</section><section>\(filler)<h2>Stranded at the foot</h2></section>
            <section><p>One line alone.</p></section>
            <section><h2>Third</h2>\(filler)</section></main></body></html>
            """
        try Data(page.utf8).write(to: folder.appendingPathComponent("near-blank.html"))
        // A file has no sign-in form: with no account the checker opens it as it is.
        let printed = try SchemathesisTests.python([Self.root.appendingPathComponent("Tests/Browser/print_check.py").path,
                                                    "--base", "file://" + folder.path, "--account", "", "--password", "",
                                                    "--page", "/near-blank.html", "--running-head", "Northmoor Borough Council",
                                                    "--out", folder.appendingPathComponent("out").path])
        #expect(printed.status == 1, "\(printed.output)")
        #expect(printed.output.contains("NEAR-BLANK page=/near-blank.html sheet=3 of 4"), "\(printed.output)")
        #expect(!printed.output.contains("NEAR-BLANK page=/near-blank.html sheet=1 "), "a full page is not near-blank:\n\(printed.output)")
        #expect(printed.output.contains("NO-RUNNING-HEADER page=/near-blank.html sheet=1 of 4"), "\(printed.output)")
        #expect(printed.output.contains("HEADING-AT-FOOT page=/near-blank.html sheet=2 of 4 heading='Stranded at the foot'"), "\(printed.output)")
        #expect(!printed.output.contains("HEADING-AT-FOOT page=/near-blank.html sheet=1 "), "\(printed.output)")
        #expect(!printed.output.contains("NO-PAGE-NUMBER"), "every sheet has its number:\n\(printed.output)")
    }

    /// The checker itself: a page with an unlabelled field and a wide table that is not in a
    /// scroll region must fail the walk, naming both.
    @Test("the walk fails on a page with an unlabelled field, a table wider than a phone and an actions table not stacked on a phone")
    func brokenPageFails() async throws {
        if Self.skipped { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Broken</title></head><body><main><h1>Broken</h1>
            <form method="post"><input type="text" name="title"><button>Save</button></form>
            <table><tr>\(String(repeating: "<td>wide_column_content_here</td>", count: 12))</tr></table>
            <div role="region" aria-label="Actions" tabindex="0" style="overflow-x: auto">
            <table class="table--actions"><tbody><tr><th class="ref">1.1</th><td><a href="#a">An action with a long title</a></td>
            <td data-label="Leads">\(String(repeating: "Head_of_Service_and_Principal_Social_Worker ", count: 2))</td>
            <td data-label="Due">31 March 2027</td><td data-label="Rating"><strong class="tag">Red</strong></td></tr></tbody></table></div>
            </main></body></html>
            """
        try Data(page.utf8).write(to: folder.appendingPathComponent("broken.html"))
        let pages = """
            [{"pattern": "/broken.html", "address": "/broken.html", "roles": ["signed-out"], "status": 200}]
            """
        try Data(pages.utf8).write(to: folder.appendingPathComponent("pages.json"))
        // Opened from the file: no server to start for one page.
        let walk = try SchemathesisTests.python([Self.root.appendingPathComponent("Tests/Browser/axe_walk.py").path,
                                                 "--base", "file://" + folder.path, "--pages", folder.appendingPathComponent("pages.json").path,
                                                 "--password", "unused", "--only-pages"])
        #expect(walk.status == 1, "\(walk.output)")
        #expect(walk.output.contains("VIOLATION page=/broken.html role=signed-out width=1280 rule=label"), "\(walk.output)")
        #expect(walk.output.contains("REFLOW page=/broken.html role=signed-out width=320 rule=page scrolls sideways element=table"), "\(walk.output)")
        // An actions table left unstacked on a phone: its rating is off screen, in a scroll region.
        #expect(walk.output.contains("REFLOW page=/broken.html role=signed-out width=320 rule=action row not stacked: due, rating off screen element=1.1"), "\(walk.output)")
    }

    /// `role → email` from the lines `oversight serve --demo` prints under "Demo people".
    static func demoAccounts(in log: String) -> [String: String] {
        var accounts: [String: String] = [:]
        for line in log.split(separator: "\n") where line.hasPrefix("  ") && line.contains("@") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let email = words.first else { continue }
            let role = words.dropFirst().joined(separator: "-").lowercased()
            accounts[role] = String(email)
        }
        return accounts
    }

    /// The password in "Demo people (password … for each; …".
    static func demoPassword(in log: String) -> String? {
        guard let range = log.range(of: "(password ") else { return nil }
        return log[range.upperBound...].split(separator: " ").first.map(String.init)
    }
}
