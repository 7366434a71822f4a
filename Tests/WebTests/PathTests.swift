import Foundation
import Testing
@testable import Web

/// Internal addresses come from `Path` alone, and page models name templates that exist.
@Suite("Paths and page templates")
struct PathTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sources = repository.appendingPathComponent("Sources")

    /// Files that may still build an address from a string, each to move to `Path`: kept until the
    /// people editing them had finished. A file listed here that no longer has such a literal fails
    /// the test, so the list only shrinks.
    static let notYetMoved: Set<String> = [
        "Sources/Web/API/APIController.swift", "Sources/Web/API/APIController+Boards.swift", "Sources/Web/API/APIController+Analysis.swift",
        "Sources/Web/API/BoardResources.swift", "Sources/Web/Pages/ActionForms.swift", "Sources/Web/Pages/BoardForms.swift",
        "Sources/Web/Pages/BoardSetupForms.swift", "Sources/Web/Pages/ImportController.swift", "Sources/Web/Pages/ImportPages.swift",
        "Sources/Web/Pages/AnalysisPages.swift", "Sources/Web/Pages/AnalysisController.swift",
    ]

    /// A quote, a slash, path characters, then an interpolation: `"/plans/\(`, `"/calendar/feed/\(`.
    static var literal: Regex<Substring> { #/"\/[A-Za-z0-9._\/-]*\\\(/# }

    /// Each `file:line` in `Sources/` that writes an internal address with an interpolation.
    static func stringBuiltAddresses() throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(repository.path.count + 1))
            guard relative != "Sources/Web/App/Path.swift" else { continue }
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.contains(literal) {
                found[relative, default: []].append("\(relative):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        return found
    }

    @Test("no internal link is built from a string outside Path")
    func noStringBuiltLinks() throws {
        let found = try Self.stringBuiltAddresses()
        #expect(!found.isEmpty || Self.notYetMoved.isEmpty, "the scan found nothing at all: is \(Self.sources.path) the sources?")
        for (file, lines) in found.sorted(by: { $0.key < $1.key }) where !Self.notYetMoved.contains(file) {
            for line in lines { Issue.record("An address built from a string; use Path instead: \(line)") }
        }
        for file in Self.notYetMoved.sorted() where found[file] == nil {
            Issue.record("\(file) builds no address from a string now: take it off PathTests.notYetMoved")
        }
    }

    @Test("the scan finds a string-built link")
    func scanFindsLiterals() {
        #expect("let href = \"/plans/\\(plan.id)\"".contains(Self.literal))
        #expect("site + \"/calendar/feed/\\(token).ics\"".contains(Self.literal))
        #expect(!"Path.plan(plan.id).href".contains(Self.literal))
        #expect(!"\"Progress report: \\(title)\"".contains(Self.literal))
    }

    @Test("a path's href and its route pattern are the same address")
    func hrefAndPattern() {
        #expect(Path.plan(12).href == "/plans/12")
        #expect(Path.plan(.parameter).pattern == "/plans/{id}")
        #expect(Path.milestoneCompletion(3, milestone: 9).href == "/actions/3/milestones/9/complete")
        #expect(Path.milestoneCompletion(.parameter, milestone: .parameter).pattern == "/actions/{id}/milestones/{milestone}/complete")
        #expect(Path.calendarFeed(token: "abc").href == "/calendar/feed/abc.ics")
        #expect(Path.calendarFeed(token: .parameter).pattern == "/calendar/feed/{token}.ics")
        #expect(Path.meeting(4).href(query: "saved=minute", fragment: "item-2") == "/meetings/4?saved=minute#item-2")
        #expect(Path.api(.plan(5)).href == "/api/v1/plans/5")
        #expect(Path.plans.href == "/")
    }

    @Test("a form's return address is read back only as a meeting or a board")
    func returnAddress() {
        #expect(Path(href: "/meetings/7") == .meeting(7))
        #expect(Path(href: "/boards/2") == .board(2))
        for refused in ["/meetings/7/pack", "/meetings/+7", "/plans/7", "//evil.example/meetings/7", "/meetings/", "meetings/7"] {
            #expect(Path(href: refused) == nil, "\(refused)")
        }
    }

    @Test("every page template a model names exists, and every page template is named by one")
    func templatesExist() throws {
        let folder = Self.sources.appendingPathComponent("Web/Resources/templates")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
            .map { String($0.dropLast(".mustache".count)) })
        for template in Template.allCases {
            #expect(files.contains(template.rawValue), "Template.\(template) names \(template.rawValue).mustache, which is not in \(folder.path)")
        }
        // The layout wraps every page; it is no page of its own.
        #expect(files.subtracting(Template.allCases.map(\.rawValue)) == ["layout"])
    }
}
