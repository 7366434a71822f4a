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

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, body) = Self.describe(error)
            if status == .internalServerError {
                context.logger.error("Request failed", metadata: ["error": "\(String(reflecting: type(of: error)))", "path": "\(request.uri.path)"])
            }
            if request.uri.path.hasPrefix("/api/") {
                return Self.json(body, status: status)
            }
            let page = ErrorPage(status: Int(status.code), title: Self.pageTitle(for: status), detail: body.detail)
            let html = views.render(TemplateValues.flatten(page) ?? page, withTemplate: "error") ?? page.detail
            return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    static func json(_ body: APIError, status: HTTPResponse.Status) -> Response {
        let data = (try? JSONEncoder().encode(body)) ?? Data("{\"error\":\"internal\",\"detail\":\"\"}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, APIError) {
        switch error {
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
            case .notFound: detail = "There is nothing at this address"
            case .methodNotAllowed: detail = "This address does not accept that method"
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
        case .badRequest: "There is a problem with the request"
        case .conflict: "Someone else changed this first"
        case .contentTooLarge: "The request is too large"
        case .internalServerError: "Sorry, there is a problem with the service"
        default: status.reasonPhrase
        }
    }
}

struct ErrorPage: Sendable {
    var status: Int
    var title: String
    var detail: String
}
