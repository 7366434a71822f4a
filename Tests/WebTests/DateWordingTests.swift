import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Dates read as people write them on every page of the demo: "14 November 2026" and
/// "November 2026", never "2026-11", "Nov 2026" or "november". Machine forms stay ISO where no
/// one reads them as text: input values, `datetime` and other attributes.
@Suite("Dates in words on every page")
struct DateWordingTests {
    /// What a reader sees: the page without its tags (so without attributes), form values, scripts and styles.
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in [#"<textarea[^>]*>[\s\S]*?</textarea>"#, #"<script[\s\S]*?</script>"#, #"<style[\s\S]*?</style>"#, #"<[^>]*>"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        for (entity, character) in [("&amp;", "&"), ("&#39;", "'"), ("&quot;", "\""), ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    static let abbreviated = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]

    /// Each way a date can be written that a reader should not see, with the text around it.
    static func problems(in text: String) -> [String] {
        var found: [String] = []
        func scan(_ pattern: String, _ what: String, options: NSRegularExpression.Options = [], keep: (String) -> Bool = { _ in true }) {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return }
            let range = NSRange(text.startIndex..., in: text)
            for match in regex.matches(in: text, range: range) {
                guard let r = Range(match.range, in: text) else { continue }
                let hit = String(text[r])
                guard keep(hit) else { continue }
                let before = text[..<r.lowerBound].suffix(40)
                let after = text[r.upperBound...].prefix(40)
                found.append("\(what) '\(hit)' in “…\(before)\(hit)\(after)…”".replacingOccurrences(of: "\n", with: " "))
            }
        }
        // 2026-11, or the month of 2026-11-14; a financial year (2026-27) is not a month.
        // "A month like 2026-10" shows what to type in a period field: the form's own format.
        scan(#"(?<![Ll]ike )\b20\d\d-\d\d\b"#, "ISO month") { hit in
            let parts = hit.split(separator: "-").compactMap { Int($0) }
            return parts.count == 2 && (1...12).contains(parts[1]) && parts[1] != (parts[0] + 1) % 100
        }
        scan(#"\b(?:"# + abbreviated.joined(separator: "|") + #")\.?\s+(?:\d{1,2},?\s+)?20\d\d\b"#, "abbreviated month")
        scan(#"\b\d{1,2}\s+(?:"# + abbreviated.joined(separator: "|") + #")\b"#, "abbreviated month")
        scan(#"\b(?:"# + abbreviated.joined(separator: "|") + #")\s*[–-]\s*(?:"# + abbreviated.joined(separator: "|") + #")\b"#, "abbreviated month")
        // "may" and "march" are also words; lower case they are months only beside a day or a year.
        scan(#"\b(?:january|february|april|june|july|august|september|october|november|december)\b"#, "lower-case month")
        scan(#"\b(?:\d{1,2}\s+(?:march|may)|(?:march|may)\s+20\d\d)\b"#, "lower-case month")
        return found
    }

    @Test("The checker finds each wrong form and passes the right ones")
    func checkerWorks() {
        for wrong in ["Due 2026-11", "on 2026-11-14", "in Nov 2026", "on 14 Nov 2026", "Apr–Jun 2026", "since november", "on 3 may"] {
            #expect(!Self.problems(in: wrong).isEmpty, "\(wrong) is found")
        }
        for right in ["in November 2026", "on 14 November 2026", "2026-27 Q3 (October to December 2026)", "you may change it", "A month like 2026-10", "Q3 2026-27",
                      "they march on"] {
            #expect(Self.problems(in: right).isEmpty, "\(right) passes: \(Self.problems(in: right))")
        }
        #expect(Self.visibleText(#"<input name="day" value="2026-11-14"><time datetime="2026-11">November 2026</time>"#)
            .trimmingCharacters(in: .whitespaces) == "November 2026")
    }

    /// A page's internal links to other pages (not downloads, feeds, the API or sign-out).
    static func links(in html: String) -> [String] {
        Page.matches(of: ##"href="(/[^"#]*)""##, in: html)
            .map { $0.replacingOccurrences(of: "&amp;", with: "&") }
            .filter { link in
                !link.hasPrefix("/api/") && !link.hasPrefix("/calendar") && !link.hasPrefix("/logout")
                    && !link.hasSuffix(".css") && !link.hasSuffix(".ics") && !link.contains("format=")
                    && !link.hasSuffix("/document") && !link.contains(".docx") && !link.contains(".xlsx") && !link.contains(".csv")
                    && !link.contains("/export")
            }
    }

    /// The kind of page a link opens: its path with ids as `N` and the names of its query fields.
    static func kind(of link: String) -> String {
        let parts = link.split(separator: "?", maxSplits: 1)
        let path = String(parts[0]).replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression)
        let fields = parts.count > 1 ? parts[1].split(separator: "&").map { $0.split(separator: "=").first.map(String.init) ?? "" }.sorted() : []
        return path + "?" + fields.joined(separator: "&")
    }

    /// Walks the pages from the main ones by their links, two of each kind, and returns how many
    /// were read, the kinds seen and what each shows of dates not in words.
    static func walk(_ client: any TestClientProtocol) async throws -> (visited: Int, kinds: Set<String>, problems: [String]) {
        var queue = ["/home", "/", "/measures", "/boards", "/people", "/account", "/analysis", "/import"]
        var seen = Set(queue)
        var visitsOfKind: [String: Int] = [:]
        var visited = 0
        var problems: [String] = []
        while !queue.isEmpty, visited < 600 {
            let uri = queue.removeFirst()
            // The audit trail and record histories are being reworded in their own change.
            if uri.hasPrefix("/audit") || uri.hasSuffix("/history") { continue }
            let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
            guard response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
            visited += 1
            let html = String(buffer: response.body)
            for problem in Self.problems(in: Self.visibleText(html)) where !problems.contains(where: { $0.hasSuffix(problem) }) {
                problems.append("\(uri): \(problem)")
            }
            for link in Self.links(in: html) where !seen.contains(link) {
                seen.insert(link)
                let kind = Self.kind(of: link)
                // Two of each kind of page: every template and its variants, not every record.
                guard visitsOfKind[kind, default: 0] < 2 else { continue }
                visitsOfKind[kind, default: 0] += 1
                queue.append(link)
            }
        }
        return (visited, Set(visitsOfKind.keys), problems)
    }

    @Test("Every page of the demo, as an administrator sees it, writes its dates in words")
    func everyPage() async throws {
        let (visited, kinds, problems) = try await withTestApp(as: .administrator) { client, _, _ in try await Self.walk(client) }
        #expect(visited > 40, "the walk reached the demo's pages")
        #expect(kinds.contains { $0.hasPrefix("/meetings/N/pack") }, "the board pack is among them")
        let report = problems.prefix(200).joined(separator: "\n")
        #expect(problems.isEmpty, "dates not in words:\n\(report)")
    }
}
