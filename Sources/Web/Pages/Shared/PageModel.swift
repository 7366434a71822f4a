import Core
import Foundation
import Hummingbird
import Mustache

/// The page templates in `Resources/templates`, one a page (the layout and partials are not
/// pages). A test holds every case to a file, so a page model cannot name a template that is not there.
enum Template: String, CaseIterable, Sendable {
    case plans, plan, action, measures, measure, history, audit
    case actionEdit = "action-edit", actionMilestones = "action-milestones", actionNew = "action-new"
    case measureValue = "measure-value", measureTargets = "measure-targets", measureBenchmarks = "measure-benchmarks"
    case measureDefinition = "measure-definition"
    case boards, board, boardAttendance = "board-attendance", meeting, pack, minutes
    case meetingConfirmation = "meeting-confirmation", home
    case analysis, analysisRun = "analysis-run", analysisDrillDown = "analysis-drill-down"
    case importUpload = "import", importPreview = "import-preview", importResult = "import-result"
    case account, people, signIn = "login", reset
    case ssoRefused = "sso-refused"
    case notice, noticeEdit = "notice-edit"
    case planStructure = "plan-structure", planDetails = "plan-details", planInspection = "plan-inspection"
    case themeEdit = "theme-edit", areaEdit = "area-edit", recommendationEdit = "recommendation-edit", planRemoval = "plan-removal"
    case error
}

/// A page's view model, which names the template that shows it: `render(_:)` takes the model
/// alone, so a page cannot be paired with the wrong template.
protocol PageModel {
    static var template: Template { get }
}

/// A controller that answers with pages: one `render` and one `redirect` for all of them.
protocol PageResponder {
    /// Who is signed in and the session's CSRF token, for the layout around every page.
    var frame: PageFrame { get }
}

extension PageResponder {
    func render<Page: PageModel>(_ page: Page, status: HTTPResponse.Status = .ok) throws -> HTML {
        try frame.render(page, status: status)
    }

    /// 303 See Other: after a successful post, the browser fetches the page with GET.
    func redirect(to path: Path, query: String? = nil, fragment: String? = nil) -> Response {
        Response(status: .seeOther, headers: [.location: path.href(query: query, fragment: fragment)])
    }
}

struct MissingTemplate: Error { var name: String }

/// Renders pages inside the layout: adds who is signed in (for the header) and the CSRF token
/// (for every form) to the page's own values.
struct PageFrame {
    let views: MustacheLibrary
    let identity: Identity?
    let csrf: String?

    func render<Page: PageModel>(_ page: Page, status: HTTPResponse.Status = .ok) throws -> HTML {
        var frame: [String: Any] = [:]
        if let identity {
            frame["signedIn"] = ["signedInName": identity.name, "signedInOrganisation": identity.organisationName,
                                 "mayManagePeople": identity.can(.managePeople),
                                 "mayReadAuditTrail": identity.can(.readAuditTrail),
                                 "mayAnalyse": identity.can(.readChildLevelData)] as [String: Any]
        }
        if let csrf, !csrf.isEmpty { frame["csrf"] = csrf }
        let values = FramedValues(frame: frame, page: TemplateValues.flatten(page) ?? page)
        let template = Page.template.rawValue
        guard let html = views.render(values, withTemplate: template) else { throw MissingTemplate(name: template) }
        return HTML(html: html, status: status)
    }

    /// A page with no layout values around it: a board paper in a file of its own, an error page.
    static func bare<Page: PageModel>(_ page: Page, views: MustacheLibrary) throws -> String {
        let template = Page.template.rawValue
        guard let html = views.render(TemplateValues.flatten(page) ?? page, withTemplate: template) else {
            throw MissingTemplate(name: template)
        }
        return html
    }
}

/// The layout's values (who is signed in, the CSRF token) over the page's own, whatever form
/// `TemplateValues` gives the page in.
final class FramedValues: MustacheParent {
    let frame: [String: Any]
    let page: Any

    init(frame: [String: Any], page: Any) {
        self.frame = frame
        self.page = page
    }

    func child(named name: String) -> Any? {
        if let value = frame[name] { return value }
        return (page as? MustacheParent)?.child(named: name)
    }
}

extension Route {
    /// A route whose handler answers with a page.
    static func page(_ method: HTTPRequest.Method, _ path: Path, _ access: Access,
                     _ handler: @escaping @Sendable (Controller) -> @Sendable (Request, AppContext) async throws -> HTML) -> Route {
        Route(method: method, path: path, access: access) { controller in
            let respond = handler(controller)
            return { request, context in try await respond(request, context).response() }
        }
    }
}

/// An HTML page as a response.
struct HTML: ResponseGenerator {
    let html: String
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    func response() -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
