import Foundation
import HTTPTypes
import Hummingbird

/// The forms posted before there is a session — sign in, set a password from a reset link,
/// join from an invitation link — and how another site is kept from posting them ("login
/// CSRF": signing a victim's browser in to the attacker's account, so what they then type is
/// the attacker's to read).
///
/// Two checks, both before the form is read:
/// - the browser's own word on where the form came from: a `Sec-Fetch-Site` of `cross-site` or
///   `same-site`, or an `Origin` that is neither the site's address nor the request's own host,
///   is refused with 403;
/// - a pre-session token: the page that shows the form sets the `oversight_form` cookie
///   (HttpOnly, SameSite=Strict) and puts the same random value in the form's `csrf` field;
///   a post whose field does not match its cookie is refused. Another site can neither read the
///   value nor set the cookie.
enum PreSessionForm {
    static let cookieName = "oversight_form"
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")

    /// The answer to a form sent from another site.
    static let foreignOrigin = HTTPError(.forbidden, message: "This form was sent from another website, so it has not been accepted. Go to Oversight's sign-in page and sign in there.")

    /// Throws `foreignOrigin` when the browser says the request comes from another site.
    /// `siteAddress` is the configured address (`serve --base-url`); the request's own Host is
    /// accepted too, so a server reached by another name (a second proxy, localhost) still works.
    static func checkOrigin(_ request: Request, siteAddress: String) throws {
        if let name = secFetchSite, let site = request.headers[name]?.lowercased(),
           site == "cross-site" || site == "same-site" {
            throw foreignOrigin
        }
        guard let origin = request.headers[.origin] else { return }
        guard let host = authority(of: origin) else { throw foreignOrigin }
        let allowed = [authority(of: siteAddress), request.head.authority?.lowercased()].compactMap { $0 }
        guard allowed.contains(host) else { throw foreignOrigin }
    }

    /// `host[:port]` of an origin or address, lower case; nil for `null` or anything unparsable.
    static func authority(of address: String) -> String? {
        guard let components = URLComponents(string: address.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// The token the browser holds, when it is one this server could have made.
    static func token(in request: Request) -> String? {
        guard let value = request.cookies[cookieName]?.value, value.count == 43,
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return value
    }

    /// The token for the form a page shows: the browser's own if it has one (several tabs share
    /// it), else a new one.
    static func tokenForPage(_ request: Request) -> String {
        token(in: request) ?? Secrets.randomToken()
    }

    /// Whether the form's `csrf` field matches the cookie it came with.
    static func isValid(_ request: Request, sent: String?) -> Bool {
        guard let expected = token(in: request), let sent else { return false }
        return Secrets.constantTimeEqual(sent, expected)
    }

    static func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
