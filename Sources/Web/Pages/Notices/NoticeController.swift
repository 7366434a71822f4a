import Core
import Foundation
import Hummingbird

/// `/accessibility` and `/privacy`: the council's accessibility statement and privacy notice.
/// Anyone may read them, signed in or not — a privacy notice has to be available before someone
/// gives their details, and the statement to someone who cannot sign in — and an administrator
/// writes them in the council's own words.
struct NoticeController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity?
    let session: Session?

    static let routes: [Route<NoticeController>] = Notice.Kind.allCases.flatMap { kind -> [Route<NoticeController>] in
        [
            .page(.get, .notice(kind), .anyone) { controller in { request, context in try await controller.show(kind, request) } },
            .page(.get, .noticeEdit(kind), .permission(.editNotices)) { controller in { _, _ in try await controller.edit(kind) } },
            .init(method: .post, path: .noticeEdit(kind), access: .permission(.editNotices)) { controller in
                { request, context in try await controller.save(kind, request, context) }
            },
        ]
    }

    var store: any NoticeStore { environment.store }

    /// The reader's organisation; a visitor reads the one the server was started for.
    var organisationID: Int64 { identity?.organisationID ?? environment.organisationID }

    func show(_ kind: Notice.Kind, _ request: Request) async throws -> HTML {
        let stored = try await store.notice(kind, organisationID: organisationID)
        let text = try await text(kind, stored: stored)
        let saved = request.uri.queryParameters.get("saved") != nil
        let page = NoticePage(kind: kind, text: text, stored: stored, mayEdit: identity?.can(.editNotices) ?? false, saved: saved)
        return try render(page)
    }

    func edit(_ kind: Notice.Kind) async throws -> HTML {
        let stored = try await store.notice(kind, organisationID: organisationID)
        return try render(NoticeEditPage(kind: kind, text: try await text(kind, stored: stored), version: stored?.version ?? 0))
    }

    func save(_ kind: Notice.Kind, _ request: Request, _ context: AppContext) async throws -> Response {
        let input = try await FormReading.decode(NoticeInput.self, from: request, context: context)
        let identity = try context.requireIdentity()
        let text = (input.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var page = NoticeEditPage(kind: kind, text: input.text ?? "", version: input.version ?? 0)
        if text.isEmpty {
            page.problem("Enter the \(kind.rawValue)")
        } else if text.count > Notice.maximumLength {
            page.problem("The \(kind.rawValue) must be \(Notice.maximumLength.formatted()) characters or fewer")
        }
        guard !page.hasErrors else { return try render(page, status: .badRequest).response() }
        do {
            _ = try await store.saveNotice(kind, text: text, organisationID: identity.organisationID, updatedBy: identity.name,
                                           at: environment.now(), expectedVersion: input.version ?? 0)
        } catch let StoreError.staleVersion(_, _, _, current) {
            page.version = current
            page.problem("Someone else saved the \(kind.rawValue) after you opened this page. Your text is below: read the page as it is now in another tab, then save your text again.")
            return try render(page, status: .conflict).response()
        }
        return redirect(to: .notice(kind), query: "saved=1")
    }

    /// The saved text, or else the text shipped in `Resources/notices` with the organisation's name in it.
    func text(_ kind: Notice.Kind, stored: Notice?) async throws -> String {
        if let stored { return stored.text }
        let url = Views.resources.appendingPathComponent("notices/\(kind.rawValue).txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let name = try await environment.store.organisations().first { $0.id == organisationID }?.name ?? "The council"
        return text.replacingOccurrences(of: "{organisation}", with: name)
    }

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: session?.csrfToken) }
}

struct NoticeInput: Decodable, Sendable {
    var text: String?
    var version: Int?
}

/// `/accessibility`, `/privacy`: the notice, who last changed it and, for administrators, the link to change it.
struct NoticePage: PageModel, Sendable {
    static let template = Template.notice

    struct Banner: Sendable { var message: String }

    var title: String
    var heading: String
    var blocks: [NoticeBlock]
    /// "Last updated 25 Nov 2026 by Sam Patel".
    var updatedText: String?
    var isDefault: Bool
    var mayEdit: Bool
    var editHref: String
    /// "Change the accessibility statement".
    var changeText: String
    var banner: Banner?

    init(kind: Notice.Kind, text: String, stored: Notice?, mayEdit: Bool, saved: Bool) {
        title = kind.word
        heading = kind.word
        blocks = NoticeBlock.blocks(of: text)
        updatedText = stored.map { "Last updated \(UKTime.day($0.updatedAt)) by \($0.updatedBy)" }
        isDefault = stored == nil
        self.mayEdit = mayEdit
        editHref = Path.noticeEdit(kind).href
        changeText = "Change the \(kind.rawValue)"
        banner = saved ? Banner(message: "The \(kind.rawValue) has been saved.") : nil
    }
}

/// `/accessibility/edit`, `/privacy/edit`: one textarea, for administrators.
struct NoticeEditPage: PageModel, Sendable {
    static let template = Template.noticeEdit

    var title: String
    var heading: String
    var postTo: String
    var backHref: String
    var text: String
    var version: Int
    var hasErrors = false
    var errors: [ErrorLink] = []
    var textError: String?

    init(kind: Notice.Kind, text: String, version: Int) {
        title = "Change the \(kind.rawValue)"
        heading = title
        postTo = Path.noticeEdit(kind).href
        backHref = Path.notice(kind).href
        self.text = text
        self.version = version
    }

    mutating func problem(_ message: String) {
        if !hasErrors { title = "Error: " + title }
        hasErrors = true
        errors = [ErrorLink(href: "#notice-text", message: message)]
        textError = message
    }
}
