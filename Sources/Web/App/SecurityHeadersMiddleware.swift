import HTTPTypes
import Hummingbird

/// Headers every response carries, errors included: no inline script, no framing, no sniffing.
/// Behind TLS, HSTS tells browsers to use HTTPS for a year. It is the outermost middleware, so
/// the error pages `ErrorMiddleware` makes pass through it too; an error thrown past every
/// middleware (there should be none) is turned into a bare response here rather than leave
/// without the headers.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    var strictTransportSecurity = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        if response.status.code >= 400 {
            // An error can quote what was sent or name a record: never kept by a cache or the back button.
            response.headers[.cacheControl] = "no-store"
        }
        if strictTransportSecurity {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }
}
