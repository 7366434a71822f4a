import Foundation
import Testing
@testable import Web

/// Internal addresses come from `Path` alone, and page models name templates that exist.
@Suite("Paths and page templates")
struct PathTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sources = repository.appendingPathComponent("Sources")

    /// A quote, a slash, path characters, then an interpolation: `"/plans/\(`, `"/calendar/feed/\(`.
    static var literal: Regex<Substring> { #/"\/[A-Za-z0-9._\/-]*\\\(/# }

    /// Each `file:line` in `Sources/` that writes an internal address with an interpolation.
    static func stringBuiltAddresses() throws -> (found: [String: [String]], scanned: Int) {
        var found: [String: [String]] = [:]
        var scanned = 0
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(repository.path.count + 1))
            guard relative != "Sources/Web/App/Path.swift" else { continue }
            scanned += 1
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.contains(literal) {
                found[relative, default: []].append("\(relative):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        return (found, scanned)
    }

    @Test("no internal link is built from a string outside Path")
    func noStringBuiltLinks() throws {
        let (found, scanned) = try Self.stringBuiltAddresses()
        // A scan that read nothing would pass: the web layer alone has more than 60 files.
        #expect(scanned > 100, "scanned only \(scanned) files under \(Self.sources.path)")
        for (_, lines) in found.sorted(by: { $0.key < $1.key }) {
            for line in lines { Issue.record("An address built from a string; use Path instead: \(line)") }
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
