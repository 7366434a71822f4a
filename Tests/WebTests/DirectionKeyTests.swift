import Core
import Foundation
import HummingbirdTesting
import Testing
@testable import Web

/// Wherever a page shows direction arrows, each arrow agrees with the word beside it and a key
/// says what the arrows mean.
@Suite("Direction arrows and their key")
struct DirectionKeyTests {
    static let arrowForWord = ["Improving": "↑", "Declining": "↓", "No change": "→"]

    /// Every "arrow word" pair on the page, as (arrow, word).
    static func pairs(in html: String) -> [(String, String)] {
        let pattern = #/<span class="direction__arrow" aria-hidden="true">([^<]*)</span> (?:<strong>)?(Improving|Declining|No change)/#
        return html.matches(of: pattern).map { (String($0.output.1), String($0.output.2)) }
    }

    @Test("the measures list, a measure and the board pack: every arrow agrees with its word, and the key is there")
    func arrowsAgree() async throws {
        try await withTestApp { client, environment, store in
            let org = environment.organisationID
            let measures = try await store.measures(organisationID: org)
            let measure = try #require(measures.first { $0.polarity == .lowerIsBetter && $0.values.count > 1 })
            let boards = try await store.boards(organisationID: org)
            let board = try #require(boards.first)
            let meetings = try await store.meetings(boardID: board.id, organisationID: org)
            let meeting = try #require(meetings.first { $0.status == .scheduled })
            var seen = 0
            for uri in ["/measures", "/measures/\(measure.id)", "/meetings/\(meeting.id)/pack"] {
                let html = try await client.execute(uri: uri, method: .get) { $0.text }
                let found = Self.pairs(in: html)
                // The key's own three entries are among the pairs, so a page with arrows has more than three.
                #expect(found.count > 3, "\(uri) shows arrows")
                for (arrow, word) in found {
                    #expect(Self.arrowForWord[word] == arrow, "\(uri): \(arrow) \(word)")
                }
                #expect(html.contains("class=\"hint direction-key\">Key:"), "\(uri) has the key")
                seen += found.count
            }
            #expect(seen > 12)
        }
    }
}
