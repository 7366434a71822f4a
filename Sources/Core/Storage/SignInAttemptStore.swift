import Foundation

/// What `SignInAttemptStore.admitSignInAttempt` decides for a client address.
public enum SignInAttemptAdmission: Sendable, Equatable {
    /// The address has used up its attempts: it may try again in this many seconds.
    case wait(TimeInterval)
    /// Recorded: it counts against the address until withdrawn or its window passes.
    case admitted(attemptID: Int64)
}

/// Sign-in attempts per client address, kept where every server sees them (the database), so
/// several servers behind a load balancer hold an address to one limit (`SignInRules`).
public protocol SignInAttemptStore: Sendable {
    /// In one write transaction: forgets every attempt whose window has passed, then answers how
    /// long `address` must wait (`SignInRules.addressWait` over its attempts in the window), or
    /// records this attempt. Concurrent calls, on any server, see each other's attempts.
    func admitSignInAttempt(address: String, rules: SignInRules, at now: Date) async throws -> SignInAttemptAdmission
    /// Takes back an attempt that succeeded: successful sign-ins do not count.
    func withdrawSignInAttempt(id: Int64) async throws
    /// Records a refusal from `address` decided without an admission.
    func recordRefusedSignIn(address: String, at now: Date) async throws
    /// Seconds `address` must wait before trying again, or nil when it may try now.
    func signInWait(address: String, rules: SignInRules, at now: Date) async throws -> TimeInterval?
}
