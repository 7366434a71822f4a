import Core
import Foundation

/// An API token as the audit trail records it: whose, with what role, and the reference that
/// names it in `oversight token list` — never the token or its hash.
struct TokenInTrail: Encodable {
    /// "Sam Okafor <sam.okafor@northmoor.example>".
    var person: String
    var role: String
    /// The token's first characters, as shown when it was created (`ovt_AbCd1234`).
    var reference: String
    var revokedAt: String?

    init(_ token: APIToken, person: String) {
        self.person = person
        role = token.role.word
        reference = token.prefix
        revokedAt = token.revokedAt.map(Timestamp.string(from:))
    }
}
