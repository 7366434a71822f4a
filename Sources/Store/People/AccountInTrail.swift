import Core
import Foundation

/// A person's account as the audit trail records it: only the fields a change touched, and for
/// passwords and reset links only that something happened. The password hash and the reset
/// link's token are kept out, so reading or exporting the trail gives nothing to crack.
struct AccountInTrail: Encodable {
    var email: String?
    var name: String?
    var disabled: Bool?
    /// "set", "changed", or "not set" for an account waiting for its first reset link.
    var password: String?
    /// "started", "completed".
    var passwordReset: String?
    var resetLinkExpiresAt: String?
    var lockedUntil: String?
    var jobTitle: String?

    init(email: String? = nil, name: String? = nil, disabled: Bool? = nil, password: String? = nil,
         passwordReset: String? = nil, resetLinkExpiresAt: Date? = nil, lockedUntil: Date? = nil) {
        self.email = email
        self.name = name
        self.disabled = disabled
        self.password = password
        self.passwordReset = passwordReset
        self.resetLinkExpiresAt = resetLinkExpiresAt.map(Timestamp.string(from:))
        self.lockedUntil = lockedUntil.map(Timestamp.string(from:))
    }

    static func created(_ person: Person) -> AccountInTrail {
        AccountInTrail(email: person.email, name: person.name, disabled: person.isDisabled, password: password(person.passwordHash))
    }

    /// Whether an account has a password, from its stored hash: hashes are bcrypt (`$2b$…`), and
    /// anything else matches no password (an account waiting for its first reset link).
    static func password(_ hash: String) -> String {
        hash.hasPrefix("$") ? "set" : "not set"
    }
}
