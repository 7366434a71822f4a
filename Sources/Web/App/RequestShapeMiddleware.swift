import Foundation
import HTTPTypes
import Hummingbird

/// Refuses requests whose address no route could mean, before anything is looked up or served:
/// a path with a control character (a `%00` would end the file name at the operating system,
/// so `/oversight.css%00.html` would be served as HTML), and — answered with `405` and `Allow`
/// rather than `404` — a method that the address exists for but does not take.
struct RequestShapeMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RoutePatterns

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let raw = request.uri.path
        guard let decoded = raw.removingPercentEncoding,
              !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else {
            throw HTTPError(.badRequest, message: "The address has a character that no page or file can have")
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && [nil, "NotFound"].contains(context.endpointPath) {
            // No route matched — the router marks that endpoint "NotFound"; a handler's own 404
            // (no such plan) has its route's path — so does the path exist for other methods?
            let allowed = routes.methods(matching: raw)
            guard !allowed.isEmpty else { throw error }
            throw HTTPError(.methodNotAllowed, headers: [.allow: allowed.joined(separator: ", ")],
                            message: "This address does not accept \(request.method.rawValue); it accepts \(allowed.joined(separator: ", "))")
        }
    }
}

/// The route table's paths as patterns (`/plans/{id}`, `/calendar/feed/{token}.ics`), to say which
/// methods an address takes.
struct RoutePatterns: Sendable {
    private let patterns: [(segments: [Segment], method: HTTPRequest.Method)]

    private enum Segment: Sendable {
        case literal(Substring)
        /// `{id}` or `{token}.ics`: anything non-empty, ending with the suffix.
        case parameter(suffix: Substring)
    }

    init(_ rules: [RouteRule]) {
        patterns = rules.map { rule in
            let segments = rule.path.split(separator: "/").map { part -> Segment in
                guard part.hasPrefix("{"), let close = part.firstIndex(of: "}") else { return .literal(part) }
                return .parameter(suffix: part[part.index(after: close)...])
            }
            return (segments, rule.method)
        }
    }

    /// The methods routes take at `path` (HEAD wherever GET is), in a stable order; empty when
    /// no route has that shape.
    func methods(matching path: String) -> [String] {
        let parts = path.split(separator: "/")
        var found = Set<HTTPRequest.Method>()
        for pattern in patterns where pattern.segments.count == parts.count {
            let matches = zip(pattern.segments, parts).allSatisfy { segment, part in
                switch segment {
                case let .literal(text): text == part
                case let .parameter(suffix): part.count > suffix.count && part.hasSuffix(suffix)
                }
            }
            if matches { found.insert(pattern.method) }
        }
        if found.contains(.get) { found.insert(.head) }
        let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]
        return order.filter(found.contains).map(\.rawValue) + found.subtracting(order).map(\.rawValue).sorted()
    }
}
