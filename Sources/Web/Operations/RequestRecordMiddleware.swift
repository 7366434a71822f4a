import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Records every request by its route *pattern* — `/plans/{id}`, `/calendar/feed/{token}.ics` —
/// never by the address sent, which carries record ids and, for calendar feeds, reset and
/// invitation links, a secret: counted and timed in the metrics (when `/metrics` is on), and
/// one log line each (when `serve` asks). Hummingbird's own `MetricsMiddleware` records the same
/// through the process-wide `MetricsSystem`; this one records into the environment's registry,
/// so each test app (and each server) counts only its own requests.
struct RequestRecordMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics?
    let logsRequests: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status, took: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(request, context: context, status: status, took: ContinuousClock.now - start)
            throw error
        }
    }

    /// Time to the response's head: pages and files are built whole before they are sent.
    func record(_ request: Request, context: Context, status: HTTPResponse.Status, took: Duration) {
        let route = Self.route(context.endpointPath)
        let method = request.method.rawValue
        metrics?.requestAnswered(route: route, method: method, status: status.code, took: took)
        if logsRequests {
            let (seconds, attoseconds) = took.components
            let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
            context.logger.info("Request answered", metadata: [
                "method": "\(method)", "route": "\(route)", "status": "\(status.code)",
                "duration_ms": "\(String(format: "%.1f", milliseconds))",
            ])
        }
    }

    /// The pattern the router matched; the router's own names for no route and static files
    /// become words an operator reads.
    static func route(_ endpoint: String?) -> String {
        switch endpoint {
        case nil, "NotFound": "unmatched"
        case "FileMiddleware": "static"
        case let .some(pattern): pattern
        }
    }
}
