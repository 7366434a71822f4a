/// What makes a password acceptable, after the NCSC's guidance: long enough, not one of the
/// passwords attackers try first, not the person's own name or email — and no composition rules
/// (no "one capital and one symbol"), which only make passwords harder to remember.
public struct PasswordRules: Sendable {
    public static let minimumLength = 12
    /// Long passphrases are welcome; the cap only stops absurd inputs (bcrypt reads 72 bytes).
    public static let maximumLength = 128

    /// Common passwords, in lower case.
    public var denied: Set<String>

    public init(denied: Set<String>) {
        self.denied = Set(denied.map { $0.lowercased() })
    }

    /// What is wrong with `password` for this person, as a sentence; nil when it will do.
    public func problem(with password: String, email: String, name: String) -> String? {
        if password.isEmpty { return "Enter a password" }
        if password.count < Self.minimumLength {
            return "Your password must be at least \(Self.minimumLength) characters long"
        }
        if password.count > Self.maximumLength {
            return "Your password must be \(Self.maximumLength) characters or fewer"
        }
        let lowered = password.lowercased()
        let squashed = lowered.filter { !$0.isWhitespace }
        if denied.contains(lowered) || denied.contains(squashed) || Set(lowered).count <= 2 {
            return "That password is too common and easy to guess. Choose another, for example three random words"
        }
        let email = Person.normalisedEmail(email)
        let local = email.split(separator: "@").first.map(String.init) ?? ""
        let own = [email, local, name.lowercased(), name.lowercased().filter { !$0.isWhitespace }].filter { $0.count >= 4 }
        if own.contains(where: { lowered.contains($0) }) {
            return "Your password must not contain your name or email address"
        }
        return nil
    }
}
