import Core
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// The error body of every API failure: a short code and a sentence for a person.
struct APIError: Codable, Sendable {
    var error: String
    var detail: String
    var fields: [FieldError]?

    struct FieldError: Codable, Sendable {
        var field: String
        var message: String
    }
}

/// Turns domain and store errors into the right status: JSON under /api, a page elsewhere.
/// Internal errors are logged with the request id and never shown.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let views: MustacheLibrary
    /// Who is signed in, from the request's session cookie: the error is caught outside
    /// `AuthenticationMiddleware`, whose context does not come back out with the error, so an
    /// error page looks the person up again to keep their navigation around it.
    let signedIn: @Sendable (Request) async -> (identity: Identity, csrf: String)?

    init(views: MustacheLibrary, signedIn: @escaping @Sendable (Request) async -> (identity: Identity, csrf: String)? = { _ in nil }) {
        self.views = views
        self.signedIn = signedIn
    }

    /// The error pages' look-up of the signed-in person through `environment`'s sessions.
    init(environment: AppEnvironment) {
        let authentication = environment.authentication
        self.init(views: environment.views) { request in
            guard let token = request.cookies[SessionCookie.name]?.value, !token.isEmpty,
                  let (session, identity) = try? await authentication.session(token: token) else { return nil }
            return (identity, session.csrfToken)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let api = request.uri.path.hasPrefix("/api/")
            if !api, let refusal = error as? AccessRefusal, refusal == .signedOut {
                return Self.redirectToSignIn(from: request)
            }
            let (status, body) = Self.describe(error)
            if status == .internalServerError {
                // Calendar feeds, reset and invitation links carry a secret in the path: log the
                // route's pattern (`/reset/{token}`), never the address sent.
                let route = RequestRecordMiddleware<Context>.route(context.endpointPath)
                context.logger.error("Request failed", metadata: ["error": "\(String(reflecting: type(of: error)))", "route": "\(route)"])
            }
            var response: Response
            if api {
                response = Self.json(body, status: status)
                if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
            } else {
                let heading = (error as? AccessRefusal) == .formExpired ? "The form has expired" : Self.pageTitle(for: status)
                let person = await signedIn(request)
                let page = ErrorPage(status: status.code, heading: heading, detail: body.detail, signedIn: person != nil)
                let frame = PageFrame(views: views, identity: person?.identity, csrf: person?.csrf)
                let html = (try? frame.render(page, status: status).html) ?? page.detail
                response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
            }
            // What the error asks the client to know: `Allow` on a 405, `Retry-After` on a 429.
            if let error = error as? HTTPError {
                for field in error.headers where response.headers[field.name] == nil { response.headers.append(field) }
            }
            return response
        }
    }

    /// 303 to the sign-in page, which sends the person back here afterwards.
    static func redirectToSignIn(from request: Request) -> Response {
        var target = request.uri.path
        if request.method == .get, let query = request.uri.query, !query.isEmpty { target += "?" + query }
        let location = target == "/" ? Path.signIn.href : Path.signIn.href(query: "next=" + FormReading.encode(target))
        return Response(status: .seeOther, headers: [.location: location])
    }

    static func json(_ body: APIError, status: HTTPResponse.Status) -> Response {
        let data = (try? JSONEncoder().encode(body)) ?? Data("{\"error\":\"internal\",\"detail\":\"\"}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, APIError) {
        switch error {
        case let error as AccessRefusal:
            switch error {
            case .signedOut:
                return (.unauthorized, APIError(error: "unauthorised", detail: "Sign in first, or send an API token in the Authorization header: Bearer <token>. The token may be wrong, revoked or its person disabled."))
            case .forbidden:
                return (.forbidden, APIError(error: "forbidden", detail: "Your role does not allow this. Ask an administrator of your organisation if you need it."))
            case .formExpired:
                return (.forbidden, APIError(error: "form_expired", detail: "The form has expired; go back, reload the page and try again."))
            }
        case let error as StoreError:
            switch error {
            case .notFound:
                return (.notFound, APIError(error: "not_found", detail: error.description))
            case .staleVersion:
                return (.conflict, APIError(error: "stale_version", detail: error.description))
            case .conflict:
                return (.conflict, APIError(error: "conflict", detail: error.description))
            }
        case let error as ValidationErrors:
            return (.badRequest, APIError(error: "invalid", detail: error.errors.map(\.message).joined(separator: ". "),
                                          fields: error.errors.map { .init(field: $0.field, message: $0.message) }))
        case let error as ValidationError:
            return (.badRequest, APIError(error: "invalid", detail: error.message, fields: [.init(field: error.field, message: error.message)]))
        case let error as DecodingError:
            let (field, message) = describeDecoding(error)
            return (.badRequest, APIError(error: "invalid", detail: message, fields: field.map { [.init(field: $0, message: message)] }))
        case is NIOTooManyBytesError:
            return (.contentTooLarge, APIError(error: "too_large", detail: "The request is too large"))
        case let error as HTTPError:
            let status = error.status
            let detail: String
            switch status {
            case .contentTooLarge: detail = "The request is too large"
            case .notFound: detail = error.body ?? "There is nothing at this address"
            case .methodNotAllowed: detail = error.body ?? "This address does not accept that method"
            default: detail = error.body ?? status.reasonPhrase
            }
            return (status, APIError(error: code(for: status), detail: detail))
        default:
            return (.internalServerError, APIError(error: "internal", detail: "Something went wrong on our side. The error has been logged; try again, and tell your administrator if it keeps happening."))
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .badRequest: "invalid"
        case .notFound: "not_found"
        case .contentTooLarge: "too_large"
        case .methodNotAllowed: "method_not_allowed"
        case .unsupportedMediaType: "unsupported_media_type"
        case .conflict: "conflict"
        case .unauthorized: "unauthorised"
        case .forbidden: "forbidden"
        default: status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
        }
    }

    static func describeDecoding(_ error: DecodingError) -> (String?, String) {
        func path(_ keys: [any CodingKey]) -> String? {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
            return text.isEmpty ? nil : text
        }
        switch error {
        case let .keyNotFound(key, context):
            let field = path(context.codingPath + [key]) ?? key.stringValue
            return (field, "\(field) is required")
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            let field = path(context.codingPath)
            return (field, "\(field ?? "The body") has the wrong type")
        case let .dataCorrupted(context):
            let field = path(context.codingPath)
            if let field {
                return (field, "\(field): \(context.debugDescription)")
            }
            return (nil, "The body is not valid JSON")
        @unknown default:
            return (nil, "The body could not be read")
        }
    }

    static func pageTitle(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "Page not found"
        case .forbidden: "You do not have permission to do this"
        case .badRequest: "There is a problem with the request"
        case .conflict: "Someone else changed this first"
        case .contentTooLarge: "The request is too large"
        case .methodNotAllowed: "This address does not accept that kind of request"
        case .internalServerError: "Sorry, there is a problem with the service"
        default: status.reasonPhrase
        }
    }
}

/// An error page, inside the layout with the navigation of whoever is signed in; its title
/// starts "Error: " as every page reporting a problem does, and it offers a way on.
struct ErrorPage: PageModel, Sendable {
    static let template = Template.error

    var status: Int
    var title: String
    var heading: String
    var detail: String
    var onwardHref: String
    var onwardText: String
    /// For a signed-in person, the plans too.
    var plansHref: String?

    init(status: Int, heading: String, detail: String, signedIn: Bool) {
        self.status = status
        self.title = "Error: " + heading
        self.heading = heading
        self.detail = detail
        onwardHref = signedIn ? Path.home.href : Path.signIn.href
        onwardText = signedIn ? "Go to your home page" : "Sign in to Oversight"
        plansHref = signedIn ? Path.plans.href : nil
    }
}
