import Core
import Foundation

/// Sign-in attempts per client address and per account. The address window is in the database
/// (`SignInAttemptStore`), so every server counts the same attempts and a restart forgets
/// nothing; the attempts being checked per account are this process's own. The address is the
/// one the audit trail records (behind a proxy, the proxy's, so every client shares one count
/// there; see docs/security.md).
///
/// An attempt is admitted *before* its password is checked, in one write transaction: it counts
/// as a refusal from the moment it is admitted and stops counting only if it succeeds. So a
/// hundred attempts sent at once, to one server or several, see each other, and no more than the
/// limit reach bcrypt.
public actor SignInRateLimit {
    let rules: SignInRules
    let attempts: any SignInAttemptStore

    /// Attempts whose password is being checked now, by account (the email as typed, normalised).
    private var checking: [String: Int] = [:]

    public init(rules: SignInRules, attempts: any SignInAttemptStore) {
        self.rules = rules
        self.attempts = attempts
    }

    /// What `admit` decides.
    public enum Admission: Sendable, Equatable {
        /// Check the password; then call `finish` with this.
        case admitted(Ticket)
        /// The address has used up its attempts: answer 429 with this many seconds to wait.
        case wait(TimeInterval)
        /// As many attempts as would lock the account are being checked already: refuse
        /// without checking (it counts as a refusal from the address).
        case refused
    }

    public struct Ticket: Sendable, Equatable {
        let attemptID: Int64
        let account: String
    }

    /// Records the attempt against the address (in the database, where concurrent attempts on any
    /// server see each other) unless it has used up its attempts, then counts the account's
    /// attempts in flight and admits this one only while they are under the limit. Nothing
    /// suspends between that count and taking a place, so attempts on this server cannot overtake.
    public func admit(address: String?, account: String, at now: Date) async throws -> Admission {
        switch try await attempts.admitSignInAttempt(address: address ?? "", rules: rules, at: now) {
        case let .wait(seconds):
            return .wait(seconds)
        case let .admitted(attemptID):
            // Each attempt in flight could be one more failure: no more may be checked at once than
            // it takes to lock the account, so a burst cannot outrun the lock.
            guard checking[account, default: 0] < max(rules.maximumFailedAttempts, 1) else { return .refused }
            checking[account, default: 0] += 1
            return .admitted(Ticket(attemptID: attemptID, account: account))
        }
    }

    /// The attempt's password has been checked. A success no longer counts against the address.
    public func finish(_ ticket: Ticket, succeeded: Bool) async {
        let left = checking[ticket.account, default: 1] - 1
        checking[ticket.account] = left > 0 ? left : nil
        if succeeded {
            // The person is signed in whatever happens here; if the database cannot take the
            // attempt back, it goes on counting against the address, the safe side.
            try? await attempts.withdrawSignInAttempt(id: ticket.attemptID)
        }
    }

    /// Seconds the address must wait before trying again, or nil when it may try now.
    func wait(address: String?, at now: Date) async throws -> TimeInterval? {
        try await attempts.signInWait(address: address ?? "", rules: rules, at: now)
    }

    func recordRefusal(address: String?, at now: Date) async throws {
        try await attempts.recordRefusedSignIn(address: address ?? "", at: now)
    }
}
