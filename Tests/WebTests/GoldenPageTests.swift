import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Mustache
import SQLKit
import Store
import Testing
@testable import Web

/// Whole pages, byte for byte: the key pages a council reads rendered from the demo council on a
/// fixed day and compared with the files in `Tests/WebTests/Golden/`, so an unintended change to
/// a page's HTML fails a test. After a deliberate change, re-record with
/// `OVERSIGHT_RECORD_GOLDEN=1 swift test --filter GoldenPageTests` and read the diff before committing.
@Suite("Golden pages")
struct GoldenPageTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["OVERSIGHT_RECORD_GOLDEN"] == "1" }

    /// What differs from one run to the next and is not the page: the signed-in test person's
    /// random email and the session's CSRF token.
    static func normalised(_ html: String) -> String {
        var text = html
        for (pattern, replacement) in [
            (#"[a-z-]+-[0-9A-F]{8}@test\.example"#, "person@test.example"),
            (#"name="csrf" value="[^"]*""#, #"name="csrf" value="CSRF""#),
        ] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    static func compare(_ html: String, with name: String) throws {
        let file = folder.appendingPathComponent(name + ".html")
        let page = normalised(html)
        if recording || !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(page.utf8).write(to: file)
            if !recording { Issue.record("\(name).html did not exist and was recorded: run again") }
            return
        }
        let expected = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        guard page != expected else { return }
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(lines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(lines.count, expectedLines.count)
        let got = first < lines.count ? String(lines[first]) : "(end of page)"
        let wanted = first < expectedLines.count ? String(expectedLines[first]) : "(end of page)"
        Issue.record("""
            \(name) differs from Golden/\(name).html at line \(first + 1):
              page:   \(got.prefix(300))
              golden: \(wanted.prefix(300))
            If the change is intended, re-record with OVERSIGHT_RECORD_GOLDEN=1.
            """)
    }

    static func firstID(_ store: SQLStore, _ sql: String) async throws -> Int64 {
        try await store.gateway.read { db in
            let row = try #require(try await db.raw(SQLQueryString(sql)).first())
            return try row.decode(column: "id", as: Int64.self)
        }
    }

    @Test("the plan overview, an action, a measure, a board, a meeting, its pack and its minutes read as recorded")
    func keyPages() async throws {
        try await withTestApp(as: .editor) { client, _, store in
            let plan = try await Self.firstID(store, "SELECT id FROM plans ORDER BY id LIMIT 1")
            let action = try await Self.firstID(store, "SELECT id FROM actions ORDER BY id LIMIT 1")
            let measure = try await Self.firstID(store, "SELECT id FROM measures ORDER BY id LIMIT 1")
            let board = try await Self.firstID(store, "SELECT id FROM boards ORDER BY id LIMIT 1")
            // A held meeting with approved minutes: every part of the meeting page and the minutes shows.
            let meeting = try await Self.firstID(store, "SELECT id FROM meetings WHERE board_id = \(board) AND minutes_status LIKE '%approved%' ORDER BY date DESC LIMIT 1")
            let pages: [(String, String)] = [
                ("plan", "/plans/\(plan)"), ("action", "/actions/\(action)"), ("measure", "/measures/\(measure)"),
                ("board", "/boards/\(board)"), ("meeting", "/meetings/\(meeting)"),
                ("pack", "/meetings/\(meeting)/pack"), ("minutes", "/meetings/\(meeting)/minutes"),
            ]
            for (name, path) in pages {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path) answered \(response.status)")
                try Self.compare(response.text, with: name)
            }
        }
    }

    /// The plan overview's actions table and area groups are written in Swift for speed; these
    /// templates say what they must be, over the same rows, so the two cannot drift apart.
    static let actionTableTemplate = """
        <div class="table-wrap" role="region" aria-label="{{caption}}" tabindex="0">
        <table class="table table--small table--actions">
          <caption class="table__caption table__caption--s{{#captionHidden}} visually-hidden{{/captionHidden}}">{{caption}}</caption>
          <thead>
            <tr>
        {{#headers}}
              <th scope="col"{{#numeric}} class="numeric"{{/numeric}}{{#ariaSort}} aria-sort="{{.}}"{{/ariaSort}}>{{#sortable}}<a class="sort-link" href="{{href}}">{{label}}</a>{{/sortable}}{{^sortable}}{{label}}{{/sortable}}</th>
        {{/headers}}
            </tr>
          </thead>
          <tbody>
        {{#rows}}
            <tr>
              <th scope="row" class="ref">{{ref}}</th>
              <td><a href="{{href}}">{{actionTitle}}</a>{{#areaLabel}}<br><span class="hint">{{.}}</span>{{/areaLabel}}</td>
              <td data-label="{{leadsLabel}}">{{leadsText}}</td>
              <td data-label="{{dueLabel}}"><span class="nowrap">{{dueText}}</span>{{#reprogrammedFrom}}<br><span class="hint">{{.}}</span>{{/reprogrammedFrom}}{{#dueSoon}}<br><span class="hint">Due in the next 30 days</span>{{/dueSoon}}</td>
              <td class="numeric" data-label="{{percentLabel}}">{{percentText}}</td>
              <td data-label="{{ratingLabel}}"><strong class="tag tag--{{chip.colour}}">{{chip.text}}</strong></td>
              <td data-label="{{updateLabel}}">{{#updateDue}}<strong class="tag tag--yellow">Update due</strong>{{/updateDue}}{{^updateDue}}<span class="hint">Not due</span>{{/updateDue}}</td>
            </tr>
        {{/rows}}
          </tbody>
        </table>
        </div>

        """

    @Test("the Swift-written actions table equals the reference template over every sort of the demo plan")
    func actionTableEqualsTemplate() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let plan = try await Self.firstID(store, "SELECT id FROM plans ORDER BY id LIMIT 1")
            let contents = try await store.planContents(id: plan, organisationID: environment.organisationID, fullHistory: false)
            #expect(contents.actions.count > 20)
            for sort in ActionSort.allCases where sort != .ref {
                let page = try await client.execute(uri: "/plans/\(plan)?sort=\(sort.rawValue)", method: .get)
                #expect(page.status == .ok)
                let rows = Self.rows(in: page.text)
                #expect(rows.count == contents.actions.count, "sorted by \(sort)")
            }
            // The markup itself, against the template, with text that needs escaping.
            let template = try MustacheTemplate(string: Self.actionTableTemplate)
            let headers = [
                PlanPage.SortHeader(label: "Ref", href: "/plans/1?sort=ref&dir=desc", ariaSort: "ascending", sortable: true, numeric: false),
                PlanPage.SortHeader(label: "% <complete>", href: "", ariaSort: nil, sortable: false, numeric: true),
            ]
            for row in Self.escapingRows() {
                let caption = "Actions \"sorted\" & <filtered>"
                let swift = ActionTableMarkup.html(caption: caption, captionHidden: row.dueSoon, headers: headers, rows: [row])
                // A stacked cell is labelled with its column's header (none here past the second).
                let label = { (index: Int) in headers.indices.contains(index) ? headers[index].label : "" }
                let model: [String: Any] = ["caption": caption, "captionHidden": row.dueSoon, "headers": headers, "rows": [row],
                                            "leadsLabel": label(2), "dueLabel": label(3), "percentLabel": label(4),
                                            "ratingLabel": label(5), "updateLabel": label(6)]
                #expect(swift == template.render(model), "row \(row.ref)")
            }
        }
    }

    static let areaGroupsTemplate = """
        {{#groups}}
        <h3 class="heading-m" id="{{anchor}}">{{heading}}</h3>
        <p class="body-s hint">{{sentence}}</p>
        {{#areas}}
        <h4 class="heading-s" id="{{anchor}}">{{heading}}</h4>
        {{#changeHref}}
        <p class="body-s"><a href="{{changeHref}}">Change<span class="visually-hidden"> area {{heading}}</span></a></p>
        {{/changeHref}}
        {{#improvementLead}}
        <p class="body-s">Improvement lead: {{.}}</p>
        {{/improvementLead}}
        {{#about}}
        <details class="details">
          <summary class="details__summary"><span class="details__summary-text">What needs to improve and why</span></summary>
          <div class="details__text">
        {{#coreFocus}}
            <p class="body"><strong>Core focus:</strong> {{.}}</p>
        {{/coreFocus}}
        {{#hasIssues}}
            <p class="body"><strong>Issues identified</strong></p>
        {{/hasIssues}}
        {{#issues}}
            <p class="body-s"><strong>{{issueHeading}}</strong>{{#paragraphsText}} <span class="hint">({{.}})</span>{{/paragraphsText}}</p>
            <blockquote class="quote"><p class="body-s">{{quote}}</p></blockquote>
        {{/issues}}
        {{#hasObjectives}}
            <p class="body"><strong>Objectives</strong></p>
            <ul class="list list--bullet">
        {{/hasObjectives}}
        {{#objectives}}
              <li>{{.}}</li>
        {{/objectives}}
        {{#hasObjectives}}
            </ul>
        {{/hasObjectives}}
        {{#whyItMatters}}
            <p class="body"><strong>Why this is important:</strong> {{.}}</p>
        {{/whyItMatters}}
        {{#whatGoodLooksLike}}
            <p class="body"><strong>What good looks like:</strong> {{.}}</p>
        {{/whatGoodLooksLike}}
          </div>
        </details>
        {{/about}}
        {{{tableHTML}}}
        {{/areas}}
        {{/groups}}
        """

    @Test("the Swift-written area groups equal the reference template, with and without every optional part")
    func areaGroupsEqualTemplate() throws {
        let template = try MustacheTemplate(string: Self.areaGroupsTemplate)
        let table = PlanPage.ActionTable(caption: "Actions of <1.1>", captionHidden: true, headers: [], rows: Self.escapingRows())
        let full = PlanPage.AreaAbout(coreFocus: "Focus & <core>", issues: [.init(issueHeading: "Drift \"here\"", quote: "Quote <q>", paragraphsText: "paras 3 & 4"),
                                                                          .init(issueHeading: "Second", quote: "Plain", paragraphsText: nil)],
                                      objectives: ["Objective <a>", "B & C"], whyItMatters: "Because <why>", whatGoodLooksLike: "Good & \"better\"")
        let sparse = PlanPage.AreaAbout(coreFocus: nil, issues: [], objectives: [], whyItMatters: nil, whatGoodLooksLike: nil)
        let groups = [
            PlanPage.ThemeGroup(anchor: "theme-1", heading: "Theme 1: <Leadership> & \"management\"", sentence: "3 actions: 1 <red>", areas: [
                PlanPage.AreaGroup(anchor: "area-1", heading: "1.1 Area & <one>", improvementLead: "Director <CS>", about: full, table: table,
                                   changeHref: "/areas/1?a=<b>&c"),
                PlanPage.AreaGroup(anchor: "area-2", heading: "1.2 Area two", improvementLead: nil, about: sparse, table: table),
                PlanPage.AreaGroup(anchor: "area-3", heading: "1.3 Area three", improvementLead: nil, about: nil, table: table),
            ]),
            PlanPage.ThemeGroup(anchor: "theme-2", heading: "Theme 2", sentence: "", areas: []),
        ]
        // The template's model: the same values, with the flags a template needs and Swift does not.
        func about(_ about: PlanPage.AreaAbout?) -> [String: Any]? {
            guard let about else { return nil }
            var model: [String: Any] = ["issues": about.issues, "objectives": about.objectives,
                                        "hasIssues": !about.issues.isEmpty, "hasObjectives": !about.objectives.isEmpty]
            if let value = about.coreFocus { model["coreFocus"] = value }
            if let value = about.whyItMatters { model["whyItMatters"] = value }
            if let value = about.whatGoodLooksLike { model["whatGoodLooksLike"] = value }
            return model
        }
        let model: [String: Any] = ["groups": groups.map { group -> [String: Any] in
            ["anchor": group.anchor, "heading": group.heading, "sentence": group.sentence, "areas": group.areas.map { area -> [String: Any] in
                var model: [String: Any] = ["anchor": area.anchor, "heading": area.heading, "tableHTML": area.table.html]
                if let lead = area.improvementLead { model["improvementLead"] = lead }
                if let href = area.changeHref { model["changeHref"] = href }
                if let about = about(area.about) { model["about"] = about }
                return model
            }]
        }]
        let swift = AreaGroupsMarkup.html(groups)
        let rendered = template.render(model)
        #expect(swift == rendered)
        if swift != rendered {
            let a = swift.split(separator: "\n", omittingEmptySubsequences: false), b = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("first difference at line \((line?.offset ?? 0) + 1): swift \(line.map { String($0.element.0) } ?? "") | template \(line.map { String($0.element.1) } ?? "")")
        }
    }

    /// The references of the actions table's rows.
    static func rows(in table: String) -> [String] {
        table.components(separatedBy: "<th scope=\"row\" class=\"ref\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    static func escapingRows() -> [PlanPage.ActionRow] {
        [
            PlanPage.ActionRow(ref: "1.1", href: "/actions/1", actionTitle: "Audit <script>alert('x')</script> & \"fix\"",
                               leadsText: "O'Brien & Co", dueText: "31 Mar 2027", reprogrammedFrom: "was 1 Jan 2027 <moved>",
                               percentText: "50%", chip: Chip(text: "Amber & late", colour: "amber"), updateDue: true, dueSoon: true,
                               areaLabel: "Area <1>"),
            PlanPage.ActionRow(ref: "2", href: "/actions/2?x=1&y=\"2\"", actionTitle: "Plain",
                               leadsText: "", dueText: "–", reprogrammedFrom: nil,
                               percentText: "0%", chip: Chip(text: "Not started", colour: "grey"), updateDue: false, dueSoon: false,
                               areaLabel: nil),
        ]
    }
}
