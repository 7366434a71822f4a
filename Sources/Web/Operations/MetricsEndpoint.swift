import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /metrics`: the Prometheus scrape. A scraper signs in to nothing, so the address answers
/// only on a server started with a metrics token (`serve --metrics-token`), and only to a request
/// bearing it; on any other server it is not there at all (404).
enum MetricsEndpoint {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func respond(to request: Request, metrics: ServerMetrics?) throws -> Response {
        guard let metrics else { throw HTTPError(.notFound) }
        guard metrics.accepts(authorization: request.headers[.authorization]) else {
            return Response(status: .unauthorized,
                            headers: [.contentType: "text/plain; charset=utf-8", .wwwAuthenticate: "Bearer realm=\"metrics\"", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: "Send the metrics token: Authorization: Bearer <token>.\n")))
        }
        return Response(status: .ok, headers: [.contentType: contentType, .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: metrics.scrape())))
    }
}
