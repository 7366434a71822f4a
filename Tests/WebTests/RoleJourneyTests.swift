import Core
import Demo
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

// MARK: - A browser, as far as these walks need one

/// What a browser does with Oversight's pages, and no more: it keeps the cookies it is given,
/// reads a form out of the page (its action, hidden fields, what is typed, ticked and selected),
/// posts it as `application/x-www-form-urlencoded` (or `multipart/form-data` for a file), and
/// follows the redirect. Nothing is posted that the page did not offer: a walk that needs a field
/// the form lacks fails, as the person would.
final class JourneyBrowser {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    /// Opens `uri`, following redirects.
    func get(_ uri: String) async throws -> JourneyPage {
        try await follow(try await client.executeRequest(uri: uri, method: .get, headers: cookieHeaders(), body: nil), from: uri)
    }

    /// Follows the link whose text contains `text`.
    func follow(link text: String, on page: JourneyPage) async throws -> JourneyPage {
        try await get(try page.link(text))
    }

    /// Submits `form` as the browser would: its fields as they stand, to its action.
    func submit(_ form: JourneyForm) async throws -> JourneyPage {
        #expect(form.method == "post", "the form at \(form.action) posts")
        var headers = cookieHeaders()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.executeRequest(uri: form.action, method: .post, headers: headers, body: formEncoded(form.fields))
        return try await follow(response, from: form.action)
    }

    /// Submits a `multipart/form-data` form with files chosen for its file inputs.
    func submit(_ form: JourneyForm, files: [(field: String, name: String, data: Data)]) async throws -> JourneyPage {
        #expect(form.enctype == "multipart/form-data", "the form at \(form.action) takes files")
        let boundary = "----JourneyBoundary\(UUID().uuidString.prefix(8))"
        var body = Data()
        for (name, value) in form.fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for name in form.fileInputs {
            let chosen = files.filter { $0.field == name }
            for file in chosen.isEmpty ? [(field: name, name: "", data: Data())] : chosen {
                body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
                body += file.data
                body += Data("\r\n".utf8)
            }
        }
        for file in files { #expect(form.fileInputs.contains(file.field), "the form has a file input \(file.field)") }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers = cookieHeaders()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.executeRequest(uri: form.action, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return try await follow(response, from: form.action)
    }

    /// Signs in through the sign-in page and lands where it sends the person.
    func signIn(email: String, password: String) async throws -> JourneyPage {
        var form = try await get(Path.signIn.href).form(action: Path.signIn.href)
        try form.set("email", email)
        try form.set("password", password)
        return try await submit(form)
    }

    private func cookieHeaders() -> HTTPFields {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return headers
    }

    private func keep(_ response: TestResponse) {
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[pair.index(after: equals)...])
            if value.isEmpty || field.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    private func follow(_ response: TestResponse, from uri: String, hops: Int = 0) async throws -> JourneyPage {
        keep(response)
        if [.seeOther, .found, .movedPermanently, .temporaryRedirect].contains(response.status), let location = response.headers[.location], hops < 5 {
            let next = try await client.executeRequest(uri: location, method: .get, headers: cookieHeaders(), body: nil)
            var page = try await follow(next, from: location, hops: hops + 1)
            page.redirected = true
            return page
        }
        return JourneyPage(uri: uri, status: response.status, html: response.text)
    }
}

/// A page as the browser received it.
struct JourneyPage {
    var uri: String
    var status: HTTPResponse.Status
    var html: String
    /// Whether the page was reached by a redirect (a form that was accepted).
    var redirected = false

    /// What the page says inside `<main>`, as a person reads it: no tags, entities decoded.
    var text: String { JourneyHTML.visibleText(JourneyHTML.matches(#"<main\b[^>]*>(.*?)</main>"#, in: html).first?[1] ?? html) }

    var title: String { JourneyHTML.visibleText(JourneyHTML.between(html, "<title>", "</title>") ?? "") }

    /// The messages of the GOV.UK error summary, empty when there is none.
    var errorSummary: [String] {
        guard let summary = JourneyHTML.between(html, "class=\"error-summary\"", "</ul>") else { return [] }
        return JourneyHTML.matches(#"<li>(.*?)</li>"#, in: summary).map { JourneyHTML.visibleText($0[1]) }
    }

    /// The success banner's words, if the page has one.
    var banner: String? {
        JourneyHTML.between(html, "notification-banner", "</div>\n</div>").map(JourneyHTML.visibleText)
    }

    var forms: [JourneyForm] { JourneyForm.all(in: html) }

    func form(action: String) throws -> JourneyForm {
        try #require(forms.first { $0.action == action }, "\(uri) has a form posting to \(action); it has \(forms.map(\.action))")
    }

    /// The first form with `field` after the first place the page says `text` (a form beside what it is about).
    func form(after text: String, with field: String) throws -> JourneyForm {
        let at = (html as NSString).range(of: text).location
        #expect(at != NSNotFound, "\(uri) says \(text)")
        return try #require(forms.first { $0.offset > at && $0.has(field) }, "\(uri) has a form with \(field) after \(text)")
    }

    func form(id: String) throws -> JourneyForm {
        try #require(forms.first { $0.id == id }, "\(uri) has a form #\(id); it has \(forms.map { $0.id ?? $0.action })")
    }

    /// Every link: its href and its words.
    var links: [(href: String, text: String)] {
        JourneyHTML.matches(#"<a\b([^>]*)>(.*?)</a>"#, in: html).compactMap { match in
            JourneyHTML.attributes(match[1])["href"].map { ($0, JourneyHTML.visibleText(match[2])) }
        }
    }

    /// The href of the first link whose words contain `text`.
    func link(_ text: String) throws -> String {
        try #require(links.first { $0.text.contains(text) }?.href, "\(uri) has a link reading \"\(text)\"")
    }

    func hasLink(to href: String) -> Bool { links.contains { $0.href == href } }

    /// The visible text of the element whose `id` is `id`, up to the next element with an id of the
    /// same kind of tag closing (good enough for sections and list items).
    func section(id: String, until end: String) -> String {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        let rest = html[start.upperBound...]
        let stop = rest.range(of: end)?.lowerBound ?? rest.endIndex
        return JourneyHTML.visibleText(String(rest[..<stop]))
    }
}

/// A form read out of a page.
struct JourneyForm {
    enum Kind: Equatable { case text, hidden, checkbox, radio, select, textarea, password }

    struct Control {
        var name: String
        var kind: Kind
        var value: String
        var checked: Bool
        /// A select's options: value and label.
        var options: [(value: String, label: String)] = []
        /// A checkbox's or radio's label, where the page gives one.
        var label: String = ""
    }

    var action: String
    var method: String
    var enctype: String
    var id: String?
    var controls: [Control]
    var fileInputs: [String]
    /// Where the form starts in the page.
    var offset: Int

    /// What the browser sends, in the page's order.
    var fields: [(String, String)] {
        controls.compactMap { control in
            switch control.kind {
            case .checkbox, .radio: control.checked ? (control.name, control.value) : nil
            default: (control.name, control.value)
            }
        }
    }

    func value(_ name: String) -> String? { controls.first { $0.name == name && ![.checkbox, .radio].contains($0.kind) }?.value }

    func has(_ name: String) -> Bool { controls.contains { $0.name == name } }

    /// The choices a checkbox group, radio group or select offers: value and label.
    func choices(_ name: String) -> [(value: String, label: String)] {
        controls.filter { $0.name == name }.flatMap { control in
            control.kind == .select ? control.options : [(control.value, control.label)]
        }
    }

    /// The values ticked or chosen for `name`.
    func chosen(_ name: String) -> [String] {
        controls.filter { $0.name == name }.compactMap { control in
            switch control.kind {
            case .checkbox, .radio: control.checked ? control.value : nil
            default: control.value
            }
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// Types into a text field or text area, or chooses a select's option, as a person would.
    mutating func set(_ name: String, _ value: String) throws {
        guard let index = controls.firstIndex(where: { $0.name == name && ![.checkbox, .radio].contains($0.kind) }) else {
            throw Missing(description: "the form at \(action) has no field \(name); it has \(controls.map(\.name))")
        }
        if controls[index].kind == .select, !controls[index].options.contains(where: { $0.value == value }) {
            throw Missing(description: "the select \(name) at \(action) has no option \(value); it has \(controls[index].options.map(\.value))")
        }
        controls[index].value = value
    }

    /// Types a date into the three boxes `prefix`day, `prefix`month and `prefix`year.
    mutating func set(date prefix: String, _ day: Day) throws {
        try set(prefix + "day", String(day.day))
        try set(prefix + "month", String(day.month))
        try set(prefix + "year", String(day.year))
    }

    /// Ticks a checkbox or picks a radio button (un-picking the group's others).
    mutating func check(_ name: String, value: String) throws {
        guard let index = controls.firstIndex(where: { $0.name == name && [.checkbox, .radio].contains($0.kind) && $0.value == value }) else {
            throw Missing(description: "the form at \(action) offers no \(name) = \(value); it offers \(choices(name).map(\.value))")
        }
        if controls[index].kind == .radio {
            for other in controls.indices where controls[other].name == name { controls[other].checked = false }
        }
        controls[index].checked = true
    }

    mutating func uncheck(_ name: String, value: String) {
        for index in controls.indices where controls[index].name == name && controls[index].value == value { controls[index].checked = false }
    }

    /// Picks the radio button of `name` whose label contains `label`.
    mutating func check(_ name: String, label: String) throws {
        guard let choice = choices(name).first(where: { $0.label.contains(label) }) else {
            throw Missing(description: "the form at \(action) offers no \(name) labelled \(label); it offers \(choices(name).map(\.label))")
        }
        try check(name, value: choice.value)
    }

    static func all(in html: String) -> [JourneyForm] {
        JourneyHTML.matchesWithOffsets(#"<form\b([^>]*)>(.*?)</form>"#, in: html).map { found in
            let match = found.groups
            let attributes = JourneyHTML.attributes(match[1])
            let body = match[2]
            var controls: [Control] = []
            var files: [String] = []
            let labels = Dictionary(JourneyHTML.matches(#"<label\b([^>]*)>(.*?)</label>"#, in: body).compactMap { label in
                JourneyHTML.attributes(label[1])["for"].map { ($0, JourneyHTML.visibleText(label[2])) }
            }, uniquingKeysWith: { first, _ in first })
            let pattern = #"<input\b([^>]*)>|<textarea\b([^>]*)>(.*?)</textarea>|<select\b([^>]*)>(.*?)</select>"#
            for control in JourneyHTML.matches(pattern, in: body) {
                if !control[1].isEmpty || control[0].hasPrefix("<input") {
                    let input = JourneyHTML.attributes(control[1])
                    guard let name = input["name"], input["disabled"] == nil else { continue }
                    let type = (input["type"] ?? "text").lowercased()
                    switch type {
                    case "file": files.append(name)
                    case "submit", "button", "reset", "image": continue
                    case "checkbox", "radio":
                        controls.append(Control(name: name, kind: type == "radio" ? .radio : .checkbox, value: input["value"] ?? "on",
                                                checked: input["checked"] != nil, label: input["id"].flatMap { labels[$0] } ?? ""))
                    default:
                        controls.append(Control(name: name, kind: type == "hidden" ? .hidden : type == "password" ? .password : .text,
                                                value: input["value"] ?? "", checked: false))
                    }
                } else if control[0].hasPrefix("<textarea") {
                    let area = JourneyHTML.attributes(control[2])
                    guard let name = area["name"] else { continue }
                    var value = JourneyHTML.decode(control[3])
                    if value.hasPrefix("\n") { value.removeFirst() }
                    controls.append(Control(name: name, kind: .textarea, value: value, checked: false))
                } else {
                    let select = JourneyHTML.attributes(control[4])
                    guard let name = select["name"] else { continue }
                    let options = JourneyHTML.matches(#"<option\b([^>]*)>(.*?)</option>"#, in: control[5]).map { option in
                        let attributes = JourneyHTML.attributes(option[1])
                        let label = JourneyHTML.visibleText(option[2])
                        return (value: attributes["value"] ?? label, label: label, selected: attributes["selected"] != nil)
                    }
                    let value = (options.first { $0.selected } ?? options.first)?.value ?? ""
                    controls.append(Control(name: name, kind: .select, value: value, checked: false,
                                            options: options.map { ($0.value, $0.label) }))
                }
            }
            return JourneyForm(action: JourneyHTML.decode(attributes["action"] ?? ""), method: (attributes["method"] ?? "get").lowercased(),
                               enctype: attributes["enctype"] ?? "application/x-www-form-urlencoded", id: attributes["id"],
                               controls: controls, fileInputs: files, offset: found.offset)
        }
    }
}

/// Just enough HTML reading for the walks: regular expressions over the templates' markup.
enum JourneyHTML {
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        matchesWithOffsets(pattern, in: text).map(\.groups)
    }

    /// Each match's groups and where it starts (in UTF-16 units, as `NSString` counts).
    static func matchesWithOffsets(_ pattern: String, in text: String) -> [(groups: [String], offset: Int)] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators, .caseInsensitive]) else { return [] }
        let whole = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: whole).map { match in
            let groups = (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
            return (groups, match.range.location)
        }
    }

    static func attributes(_ text: String) -> [String: String] {
        var attributes: [String: String] = [:]
        for match in matches(#"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#, in: text) {
            let name = match[1].lowercased()
            if attributes[name] == nil { attributes[name] = decode(match[2] + match[3] + match[4]) }
        }
        return attributes
    }

    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let from = text.range(of: start) else { return nil }
        let rest = text[from.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = text
        for match in matches(#"&#(x?)([0-9a-fA-F]+);"#, in: text) {
            let code = UInt32(match[2], radix: match[1].isEmpty ? 10 : 16)
            if let scalar = code.flatMap(Unicode.Scalar.init) { result = result.replacingOccurrences(of: match[0], with: String(Character(scalar))) }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&nbsp;", " "), ("&ndash;", "–"), ("&mdash;", "—"),
                                    ("&rsquo;", "’"), ("&lsquo;", "‘"), ("&hellip;", "…"), ("&pound;", "£"), ("&amp;", "&")] {
            result = result.replacingOccurrences(of: entity, with: character)
        }
        return result
    }

    /// The words a person sees: tags removed (a block ends a line), entities decoded, spaces collapsed.
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in [#"<script\b.*?</script>"#, #"<style\b.*?</style>"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression, .caseInsensitive])
        }
        text = text.replacingOccurrences(of: #"</?(p|li|tr|h[1-6]|div|dt|dd|td|th|br|section|ul|ol|table|caption)\b[^>]*>"#, with: "\n",
                                         options: [.regularExpression, .caseInsensitive])
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        text = decode(text)
        let lines = text.split(separator: "\n").map { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        }
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// What history in words must never hold: JSON, field names in code case, ISO dates, Swift's
    /// own spellings of values.
    static func problemsReadingInWords(_ text: String) -> [String] {
        var problems: [String] = []
        for (pattern, what) in [(#"[\{\[]\s*""#, "JSON"), (#"":\s*"#, "JSON"), (#"\b\d{4}-\d{2}-\d{2}\b"#, "an ISO date"),
                                (#"\b\d{4}-\d{2}T"#, "an ISO timestamp"), (#"Optional\("#, "a Swift optional"), (#"\bnil\b"#, "nil"),
                                (#"\b(areaID|personID|measureID|dueDate|startDate|percentComplete)\b"#, "a field's code name")] {
            for match in matches(pattern, in: text) {
                problems.append("\(what): …\(excerpt(around: match[0], in: text))…")
            }
        }
        return problems
    }

    static func excerpt(around found: String, in text: String) -> String {
        guard let range = text.range(of: found) else { return found }
        let start: String.Index = text.index(range.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
        let end: String.Index = text.index(range.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end])
    }
}

/// Expects the page's words to read as words (see `JourneyHTML.problemsReadingInWords`).
func expectInWords(_ page: JourneyPage, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let problems = JourneyHTML.problemsReadingInWords(page.text)
    #expect(problems.isEmpty, "\(comment) (\(page.uri)) reads in words: \(problems)", sourceLocation: sourceLocation)
}

// MARK: - The walks

/// Each role's whole job, walked through the pages as a browser would (issue 11's acceptance):
/// every change is made by reading a form off a page and posting it, and every change is then
/// read back on the pages and in the history, in words. Nothing here calls the store to make a change.
@Suite("Role journeys")
struct RoleJourneyTests {
    /// A person with `role` in the demo council, signed in through the sign-in page.
    static func signedIn(_ client: any TestClientProtocol, _ environment: AppEnvironment, role: Role,
                         name: String) async throws -> (JourneyBrowser, JourneyPage) {
        let person = try await TestPeople.credentials(environment, role: role, name: name)
        let browser = JourneyBrowser(client)
        let landing = try await browser.signIn(email: person.person.email, password: TestPeople.password)
        #expect(landing.status == .ok, "\(name) is signed in")
        return (browser, landing)
    }

    /// A small tracker as a performance officer keeps it: actions numbered by area but no area
    /// rows (so the areas come in as "Area 1" and "Area 2", to be named after import), and a
    /// numbered success measure.
    static let tracker = Data("""
        Ref,Action,Lead,Start date,Due date,Status,% complete,Success measures
        1.1,Audit supervision of every open case each month,Head of Service,01/09/2026,31/03/2027,In progress,40,1. Children seen within timescale
        1.2,Relaunch the assessment template,QA Manager,01/10/2026,28/02/2027,In progress,20,
        2.1,Train managers in the new practice model,Team Manager,01/11/2026,30/06/2027,Not started,0,

        """.utf8)

    @Test("An editor imports a tracker and corrects it on the pages: area title, due date with reason, leads, override with reason, evidence, a KPI target and a value; the history reads each in words")
    func editorCorrectsAnImportedPlan() async throws {
        try await withTestApp(as: nil) { client, environment, _ in try await Self.editorWalk(client, environment) }
    }

    static func editorWalk(_ client: any TestClientProtocol, _ environment: AppEnvironment) async throws {
        do {
            let (browser, _) = try await Self.signedIn(client, environment, role: .editor, name: "Priya Shah")

            // Import: upload, read the preview, confirm.
            let upload = try await browser.get(Path.importUpload.href)
            let preview = try await browser.submit(try upload.form(action: Path.importUpload.href),
                                                   files: [("plan-file", "tracker.csv", Self.tracker)])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("3 actions"), "the preview counts the actions: \(preview.text.prefix(600))")
            #expect(preview.text.contains("Give it its title after import"), "the preview says the areas need titles")
            let confirm = try #require(preview.forms.first { $0.action.hasSuffix("/confirm") }, "the preview has a confirm form")
            let imported = try await browser.submit(confirm)
            #expect(imported.redirected)
            #expect(imported.text.contains("Imported 1 plan"), "the banner names the import")

            // The new plan, reached from the plans page by its title.
            let plans = try await browser.get(Path.plans.href)
            let planHref = try #require(plans.links.last { $0.text.contains("Improvement plan") || $0.text.contains("tracker") }?.href,
                                        "the plans page links to the imported plan: \(plans.links.map(\.text))")
            var plan = try await browser.get(planHref)
            #expect(plan.status == .ok)
            let planHistoryHref = try plan.link("History of the plan")

            // 1. Rename the area the import could only number.
            let structure = try await browser.follow(link: "themes and areas", on: plan)
            var areaForm = try await browser.get(try structure.link("Change area 1")).forms.first { $0.has("title") && $0.has("ref") }
            #expect(areaForm?.value("title") == "Area 1")
            try areaForm?.set("title", "Supervision and management oversight")
            let renamed = try await browser.submit(try #require(areaForm))
            #expect(renamed.redirected, "the area is saved: \(renamed.errorSummary)")
            plan = try await browser.get(planHref)
            #expect(plan.text.contains("Supervision and management oversight"))

            // 2. Change action 1.1's due date, with a reason, and see it reprogrammed.
            let actionHref = try plan.link("Audit supervision of every open case each month")
            var action = try await browser.get(actionHref)
            let edit = try await browser.get(try action.link("Change the action's details"))
            var editForm = try #require(edit.forms.first { $0.has("due-day") }, "the action's edit form")
            #expect(editForm.value("due-year") == "2027")
            try editForm.set(date: "due-", Day(2027, 6, 30))
            try editForm.set("reason", "Supervision audit tool delayed by the case system upgrade")
            // 3. Its leads, chosen from the organisation's people (the typed role stays).
            let people = editForm.choices("person")
            #expect(people.contains { $0.label.contains("Priya Shah") }, "the organisation's people are offered as leads: \(people)")
            try editForm.check("person", value: try #require(people.first { $0.label.contains("Priya Shah") }?.value))
            action = try await browser.submit(editForm)
            #expect(action.redirected, "the action is saved: \(action.errorSummary)")
            #expect(action.text.contains("Reprogrammed from 31 Mar 2027") || action.text.contains("Reprogrammed from 31 March 2027"),
                    "the action shows its reprogramming: \(action.text)")
            #expect(action.text.contains("Supervision audit tool delayed by the case system upgrade"))
            #expect(action.text.contains("Priya Shah"))

            // 4. Override the rating: refused without a reason, accepted with one.
            var override = try action.form(id: "override")
            try override.check("rating", label: "Red")
            let refused = try await browser.submit(override)
            #expect(refused.status == .badRequest)
            #expect(refused.title.hasPrefix("Error: "))
            #expect(!refused.errorSummary.isEmpty, "the error summary says what is missing")
            #expect(refused.errorSummary.contains { $0.lowercased().contains("reason") }, "\(refused.errorSummary)")
            override = try refused.form(id: "override")
            try override.check("rating", label: "Red")
            try override.set("reason", "The audit tool will not be ready before the spring")
            try override.set(date: "until-", Day(2027, 3, 31))
            action = try await browser.submit(override)
            #expect(action.redirected, "the override is saved: \(action.errorSummary)")
            #expect(action.text.contains("The audit tool will not be ready before the spring"))

            // 5. Evidence of impact.
            var evidence = try action.form(id: "add-evidence")
            try evidence.set(date: "evidence-", Day(2026, 11, 20))
            try evidence.set("text", "Dip sample of 20 cases: 18 had monthly supervision recorded")
            action = try await browser.submit(evidence)
            #expect(action.redirected, "the evidence is saved: \(action.errorSummary)")
            #expect(action.text.contains("Dip sample of 20 cases: 18 had monthly supervision recorded"))

            // The action's history: each change in words.
            let actionHistory = try await browser.follow(link: "View history", on: action)
            #expect(actionHistory.status == .ok)
            #expect(actionHistory.text.contains("30 June 2027") || actionHistory.text.contains("30 Jun 2027"), "the new due date in words")
            #expect(actionHistory.text.contains("Supervision audit tool delayed by the case system upgrade"), "the reason for the new date")
            #expect(actionHistory.text.contains("Priya Shah"), "the new lead by name")
            #expect(actionHistory.text.contains("The audit tool will not be ready before the spring"), "the override's reason")
            #expect(actionHistory.text.contains("Dip sample of 20 cases"), "the evidence")
            expectInWords(actionHistory, "the action's history")

            // 6. The imported measure: a target, then a value.
            let measureHref = try #require(action.links.first { $0.text.contains("Children seen within timescale") }?.href,
                                           "the action links to its measure: \(action.links.map(\.text))")
            var measure = try await browser.get(measureHref)
            let targets = try await browser.follow(link: "Change the targets", on: measure)
            var targetForm = try #require(targets.forms.first { $0.has("target-count") })
            let blank = try #require(targetForm.controls.first { $0.name.hasPrefix("target-") && $0.name.hasSuffix("-value") && $0.value.isEmpty }?.name,
                                     "a blank row for a new target")
            let row = String(blank.dropLast("value".count))
            try targetForm.set(blank, "85")
            try targetForm.set(date: row, Day(2027, 3, 31))
            measure = try await browser.submit(targetForm)
            #expect(measure.redirected, "the target is saved: \(measure.errorSummary)")
            #expect(measure.text.contains("85"))

            var valueForm = try await browser.follow(link: "Add a value", on: measure).forms.first { $0.has("value") }
            try valueForm?.set("period", "2026-10")
            try valueForm?.set("value", "78")
            measure = try await browser.submit(try #require(valueForm))
            #expect(measure.redirected, "the value is saved: \(measure.errorSummary)")
            #expect(measure.text.contains("78"))
            let measureHistory = try await browser.follow(link: "View history", on: measure)
            #expect(measureHistory.text.contains("85"), "the target in the history")
            #expect(measureHistory.text.contains("31 March 2027") || measureHistory.text.contains("31 Mar 2027") || measureHistory.text.contains("March 2027"),
                    "the target's date in words")
            #expect(measureHistory.text.contains("78"), "the value in the history")
            #expect(measureHistory.text.contains("October 2026") || measureHistory.text.contains("Oct 2026"), "the value's period in words")
            expectInWords(measureHistory, "the measure's history")

            // The plan's history has the area's new name, in words.
            let planHistory = try await browser.get(planHistoryHref)
            #expect(planHistory.text.contains("Supervision and management oversight"))
            #expect(planHistory.text.contains("Area 1"), "what the area was called")
            expectInWords(planHistory, "the plan's history")
        }
    }

    // MARK: Action lead

    @Test("An action lead signs in, reaches an action from the home page in one click, posts an update as themselves, and the home page shows it done")
    func actionLeadUpdatesFromHome() async throws {
        try await withTestApp(as: nil) { client, environment, _ in try await Self.actionLeadWalk(client, environment) }
    }

    static func actionLeadWalk(_ client: any TestClientProtocol, _ environment: AppEnvironment) async throws {
        // The demo plan names this role as the lead of several actions.
        let lead = "Principal Social Worker"
        let (browser, landing) = try await Self.signedIn(client, environment, role: .actionLead, name: lead)
        #expect(landing.uri == Path.home.href, "signing in lands on the home page")
        #expect(landing.text.contains("What needs you, \(lead)"))

        // The first of their actions (updates owed come first), one click away.
        let mine = landing.section(id: "my-actions", until: "id=\"updates-due\"")
        let first = try #require(JourneyHTML.matches(#"<a href="(/actions/\d+)">(.*?)</a>"#,
                                                     in: JourneyHTML.between(landing.html, "id=\"my-actions\"", "id=\"updates-due\"") ?? "").first,
                                 "the home page lists their actions: \(mine)")
        let actionHref = first[1]
        let label = JourneyHTML.visibleText(first[2])
        var action = try await browser.get(actionHref)
        #expect(action.status == .ok)

        var update = try action.form(id: "add-update")
        #expect(!update.has("author"), "no author field: the update is the signed-in person's")
        #expect(action.text.contains(lead), "the form says whose update it is")
        try update.set("text", "Practice week held; every team has the new assessment guidance")
        action = try await browser.submit(update)
        #expect(action.redirected, "the update is saved: \(action.errorSummary)")
        #expect(action.uri.hasPrefix(actionHref))
        #expect(action.text.contains("Practice week held; every team has the new assessment guidance"))
        let byLine = action.text.components(separatedBy: "\n").filter { $0.contains(lead) }
        #expect(!byLine.isEmpty, "the update shows \(lead) as its author")

        // The home page: the action's update is done, the next one due later.
        let home = try await browser.get(Path.home.href)
        let rows = JourneyHTML.matches(#"<tr>(.*?)</tr>"#, in: JourneyHTML.between(home.html, "id=\"my-actions\"", "id=\"updates-due\"") ?? "")
            .map { JourneyHTML.visibleText($0[1]) }
        let row = try #require(rows.first { $0.contains(label) }, "the action is still listed: \(rows)")
        #expect(!row.contains("Update due"), "no update is owed now: \(row)")
        #expect(!row.contains("Was due"), "the next update is not overdue: \(row)")
        #expect(row.contains("By "), "the next update is due later: \(row)")
        let owed = home.section(id: "updates-due", until: "id=\"my-action-points\"")
        #expect(!owed.contains(label), "the action is not among the updates overdue: \(owed)")

        // The history has the update, by the lead, in words.
        let history = try await browser.follow(link: "View history", on: action)
        #expect(history.status == .ok)
        expectInWords(history, "the action's history after the lead's update")
        #expect(history.text.contains("Practice week held"), "the action's history shows the update's words")
        #expect(history.text.contains(lead), "and who gave it")

        // The organisation's audit trail has the update, by the lead, in words.
        let (administrator, _) = try await Self.signedIn(client, environment, role: .administrator, name: "Alex Morgan")
        let audit = try await administrator.get(Path.auditTrail.href)
        let entry = audit.text.components(separatedBy: "\n").filter { $0.contains("Practice week held") }
        #expect(!entry.isEmpty, "the audit trail shows the update's words")
        #expect(audit.text.contains(lead), "and who gave it")
    }

    // MARK: Clerk

    @Test("A clerk runs a meeting from agenda to approved minutes: agenda item, attendance, minutes, an action point, approval on a second page; the locked minutes refuse an edit")
    func clerkRunsAMeeting() async throws {
        try await withTestApp(as: nil) { client, environment, store in
            let board = try #require(try await store.boards(organisationID: environment.organisationID)
                .first { $0.name == DemoBoards.corporateParentingBoardName })
            let existing = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            // After every meeting the demo has, so the new ones are the board's latest; the walk
            // happens on the second meeting's day, so both can be held.
            // The first day of the month after the last of them, so the new meeting is also the
            // first of its month (where an annual work programme item lands).
            let last = existing.map(\.date).max() ?? webTestDay
            let first = Day(last.year, last.month, 1).adding(months: 1)
            let second = first.adding(days: 1)
            let later = AppEnvironment(store: store, organisationID: environment.organisationID, today: { second }, views: environment.views,
                                       now: environment.now, security: environment.security)
            try await Application(router: buildRouter(environment: later)).test(.router) { raw in
                try await Self.clerkWalk(raw, later, board: board, first: first, second: second)
            }
        }
    }

    static func clerkWalk(_ client: any TestClientProtocol, _ environment: AppEnvironment, board: Board, first: Day, second: Day) async throws {
        let (browser, _) = try await Self.signedIn(client, environment, role: .editor, name: "Owen Price")
        var boardPage = try await browser.get(Path.board(board.id).href)
        #expect(boardPage.status == .ok)

        // An item for the agenda, through the work programme (the pages add agenda items no other
        // way): once a year, at the first meeting in the meeting's month.
        var item = try #require(boardPage.forms.first { $0.action == Path.workProgramme(board.id).href && $0.value("item") == "" },
                                "the board page has a form for a new work programme item")
        try item.set("title", "Sufficiency of local placements")
        try item.set("presenter", "Head of Corporate Parenting")
        try item.check("when", value: "annually")
        try item.set("month", String(first.month))
        boardPage = try await browser.submit(item)
        #expect(boardPage.redirected, "the item is saved: \(boardPage.errorSummary)")
        #expect(boardPage.text.contains("Sufficiency of local placements"))

        // The meeting, and the next one (which will approve its minutes).
        func addMeeting(on day: Day) async throws -> JourneyPage {
            var form = try boardPage.form(id: "new-meeting")
            try form.set(date: "", day)
            try form.set("time", "18:00")
            try form.set("venue", "Council Chamber")
            let page = try await browser.submit(form)
            #expect(page.redirected, "the meeting is added: \(page.errorSummary)")
            return page
        }
        var meeting = try await addMeeting(on: first)
        let meetingHref = meeting.uri.components(separatedBy: "?").first ?? meeting.uri
        boardPage = try await browser.get(Path.board(board.id).href)
        let next = try await addMeeting(on: second)
        let nextHref = next.uri.components(separatedBy: "?").first ?? next.uri
        #expect(meetingHref != nextHref)
        meeting = try await browser.get(meetingHref)
        #expect(meeting.text.contains("Sufficiency of local placements"), "the work programme's item is on the agenda")

        // Attendance: nobody is pre-selected; the clerk marks each member.
        func recordAttendance(_ page: JourneyPage) async throws -> JourneyPage {
            var attendance = try page.form(id: "record-attendance")
            #expect(attendance.controls.allSatisfy { $0.kind != .radio || !$0.checked }, "nobody is pre-selected")
            let groups = Set(attendance.controls.filter { $0.kind == .radio }.map(\.name))
            #expect(!groups.isEmpty)
            for name in groups { try attendance.check(name, value: "present") }
            let recorded = try await browser.submit(attendance)
            #expect(recorded.redirected, "attendance is recorded: \(recorded.errorSummary)")
            return recorded
        }
        meeting = try await recordAttendance(meeting)

        // Minutes of the item, with a decision.
        var minute = try meeting.form(after: "Sufficiency of local placements", with: "narrative")
        #expect(minute.has("narrative"))
        try minute.set("narrative", "Members heard that eleven children were placed more than 20 miles from home.")
        try minute.set("resolutions", "that a sufficiency plan come to the March meeting")
        meeting = try await browser.submit(minute)
        #expect(meeting.redirected, "the minute is saved: \(meeting.errorSummary)")
        #expect(meeting.text.contains("eleven children were placed more than 20 miles from home"))
        #expect(meeting.text.contains("Owen Price"), "the minute names who wrote it")

        // An action point raised at the item.
        var point = try meeting.form(id: "raise-action-point")
        let itemChoice = try #require(point.choices("item").first { $0.label.contains("Sufficiency of local placements") }, "\(point.choices("item"))")
        try point.set("item", itemChoice.value)
        try point.set("text", "Bring the placement sufficiency plan to the Board")
        try point.set("owner", "Head of Corporate Parenting")
        try point.check("due", value: "date")
        try point.set(date: "due-", second.adding(days: 60))
        meeting = try await browser.submit(point)
        #expect(meeting.redirected, "the action point is raised: \(meeting.errorSummary)")
        #expect(meeting.text.contains("Bring the placement sufficiency plan to the Board"))

        // Numbered, if the page asks for it before approval.
        if let numbering = meeting.forms.first(where: { $0.action.hasSuffix("/number-minutes") }) {
            meeting = try await browser.submit(numbering)
            #expect(meeting.redirected, "the minutes are numbered: \(meeting.errorSummary)")
        }

        // The next meeting approves them, on a second page.
        var approving = try await browser.get(nextHref)
        approving = try await recordAttendance(approving)
        #expect(!approving.forms.contains { $0.action.hasSuffix("/approve-minutes") }, "no one-click approval on the meeting page")
        let confirmation = try await browser.follow(link: "pprove", on: approving)
        #expect(confirmation.status == .ok)
        #expect(confirmation.text.contains("Are you sure"), "the second page asks: \(confirmation.text.prefix(400))")
        let approve = try #require(confirmation.forms.first { $0.action.hasSuffix("/approve-minutes") }, "the confirmation page has the approval form")
        let approved = try await browser.submit(approve)
        #expect(approved.redirected, "the minutes are approved: \(approved.errorSummary)")

        // Locked: the minute's form without a reason for the change is refused, nothing changes.
        meeting = try await browser.get(meetingHref)
        var locked = try meeting.form(after: "Sufficiency of local placements", with: "narrative")
        try locked.set("narrative", "Members heard nothing of note.")
        let refused = try await browser.submit(locked)
        #expect(!refused.redirected && refused.status.code >= 400, "an edit of approved minutes without a reason is refused (\(refused.status))")
        #expect(!refused.errorSummary.isEmpty, "the refusal says why")
        meeting = try await browser.get(meetingHref)
        #expect(meeting.text.contains("eleven children were placed more than 20 miles from home"))
        #expect(!meeting.text.contains("Members heard nothing of note."))

        // The action point is in the board's action log.
        boardPage = try await browser.get(Path.board(board.id).href)
        #expect(boardPage.text.contains("Bring the placement sufficiency plan to the Board"), "the board's action log lists the action point")

        // The meeting's history: attendance, the minute, the action point and the approval, in words.
        let history = try await browser.follow(link: "istory", on: meeting)
        #expect(history.status == .ok)
        #expect(history.text.contains("eleven children were placed"), "the minute in the history: \(history.text.prefix(1500))")
        #expect(history.text.lowercased().contains("present"), "attendance in the history")
        #expect(history.text.lowercased().contains("approved"), "the approval in the history")
        #expect(history.text.contains("Bring the placement sufficiency plan to the Board"), "the action point in the history")
        expectInWords(history, "the meeting's history")
    }

    // MARK: Analyst

    @Test("An analyst runs an analysis, records its values for a period in the plan and sees them on the measure page; a period outside the plan is refused with the reason")
    func analystRecordsValues() async throws {
        let today = webTestDay
        let inside = try AnalysisPagesTests.Upload.generated(asAt: today)
        let outside = try AnalysisPagesTests.Upload.generated(children: 40)
        try await withTestApp(as: nil) { client, environment, store in
            try await Self.analystWalk(client, environment, store, inside: inside, outside: outside)
        }
    }

    static func analystWalk(_ client: any TestClientProtocol, _ environment: AppEnvironment, _ store: SQLStore,
                            inside: AnalysisPagesTests.Upload, outside: AnalysisPagesTests.Upload) async throws {
        let (browser, _) = try await Self.signedIn(client, environment, role: .analyst, name: "Sam Okafor")
        func run(_ files: AnalysisPagesTests.Upload, asAt: Day) async throws -> JourneyPage {
            let upload = try await browser.get(Path.analysis.href)
            var form = try upload.form(action: Path.analysis.href)
            try form.set(date: "as-at-", asAt)
            let page = try await browser.submit(form, files: [("annex-a", "annex-a.xlsx", files.workbook)] + files.events.map { ("events", $0.name, $0.data) })
            #expect(page.redirected, "the run is made: \(page.errorSummary)")
            return page
        }

        // A run as at today, inside the plan's period.
        var results = try await run(inside, asAt: webTestDay)
        let runID = try #require(Int64(results.uri.components(separatedBy: "/").last?.components(separatedBy: "?").first ?? ""))
        let stored = try await store.analysisRun(id: runID, organisationID: environment.organisationID)
        let measureHref = try #require(results.links.first { $0.href.hasPrefix("/measures/") && $0.text == "ASM-45WD" }?.href,
                                       "the run links to the plan measure computed from ASM-45WD")
        results = try await browser.submit(try results.form(action: Path.analysisRecording(runID).href))
        #expect(results.redirected)
        #expect(results.text.contains("recorded in the plan’s measures for \(stored.period.readableLabel)"), "the banner says what was recorded")

        let measure = try await browser.get(measureHref)
        let measureID = try #require(Int64(measureHref.components(separatedBy: "/").last ?? ""))
        let planMeasure = try #require(try await store.measures(organisationID: environment.organisationID).first { $0.id == measureID })
        let value = try #require(stored.result("ASM-45WD")?.value)
        let row = JourneyHTML.matches(#"<tr>(.*?)</tr>"#, in: measure.html).map { JourneyHTML.visibleText($0[1]) }
            .first { $0.contains(stored.period.readableLabel) } ?? ""
        #expect(row.contains(planMeasure.format(value)), "the measure page shows the recorded value for \(stored.period.readableLabel): \(row)")
        #expect(row.contains("annex-a.xlsx"), "and where it came from: \(row)")
        let history = try await browser.follow(link: "View history", on: measure)
        #expect(history.text.contains(planMeasure.format(value)), "the value in the measure's history")
        #expect(history.text.contains("Sam Okafor"), "recorded by the analyst")
        expectInWords(history, "the measure's history after recording")

        // A run for a quarter before the plan: each measure says why it is not recorded, and recording stores nothing.
        var early = try await run(outside, asAt: AnalysisPagesTests.asAt)
        let earlyID = try #require(Int64(early.uri.components(separatedBy: "/").last?.components(separatedBy: "?").first ?? ""))
        #expect(early.text.contains("is outside the plan’s period"), "the run says the period is outside the plan's")
        early = try await browser.submit(try early.form(action: Path.analysisRecording(earlyID).href))
        #expect(early.text.contains("Nothing was recorded"), "recording it says nothing was recorded")
        #expect(early.text.contains("outside the plan’s period"), "and why")
        let after = try await browser.get(measureHref)
        #expect(!after.text.contains("2023-24 Q4"), "nothing recorded for the quarter outside the plan")
    }
}
