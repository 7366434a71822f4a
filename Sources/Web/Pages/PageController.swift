import Core
import Hummingbird
import Mustache

/// The server-rendered pages. Handlers are thin: load, build a view model, render.
struct PageController: Sendable {
    let environment: AppEnvironment

    func addRoutes(to router: Router<AppContext>) {
        router.get("/", use: plans)
    }

    @Sendable func plans(_ request: Request, context: AppContext) async throws -> HTML {
        let plans = try await environment.store.plans(organisationID: environment.organisationID)
        return try render("plans", PlansPage(title: "Improvement plans", plans: plans.map { PlansPage.Row(id: $0.id, title: $0.title, kind: $0.kind.rawValue) }))
    }

    func render(_ template: String, _ model: Any) throws -> HTML {
        guard let html = environment.views.render(model, withTemplate: template) else {
            throw MissingTemplate(name: template)
        }
        return HTML(html: html)
    }
}

struct MissingTemplate: Error { var name: String }

struct PlansPage {
    struct Row { var id: Int64; var title: String; var kind: String }
    var title: String
    var plans: [Row]
}

/// An HTML page as a response.
struct HTML: ResponseGenerator {
    let html: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
