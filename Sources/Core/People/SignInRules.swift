import Foundation

/// How long sessions last and when repeated failures lock an account. Pure rules over dates;
/// the web layer applies them with its clock.
public struct SignInRules: Sendable, Hashable {
    /// A session unused for this long has ended (30 minutes).
    public var idleTimeout: TimeInterval
    /// A session this old has ended however busy (12 hours).
    public var absoluteTimeout: TimeInterval
    /// Failed attempts in a row that lock the account (5)…
    public var maximumFailedAttempts: Int
    /// …for this long (15 minutes).
    public var lockoutDuration: TimeInterval
    /// How long a password reset link works (24 hours).
    public var resetLifetime: TimeInterval
    /// Refused sign-ins from one client address, whatever the emails tried, after which it
    /// must wait (10): the lockout stops guessing one password, this stops trying many accounts…
    public var maximumRefusalsPerAddress: Int
    /// …counted over this long (5 minutes).
    public var addressWindow: TimeInterval
    /// How long an invitation to join an organisation can be accepted (7 days).
    public var invitationLifetime: TimeInterval

    public init(idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 12 * 3600,
                maximumFailedAttempts: Int = 5, lockoutDuration: TimeInterval = 15 * 60,
                resetLifetime: TimeInterval = 24 * 3600, maximumRefusalsPerAddress: Int = 10,
                addressWindow: TimeInterval = 5 * 60, invitationLifetime: TimeInterval = 7 * 24 * 3600) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.maximumFailedAttempts = maximumFailedAttempts
        self.lockoutDuration = lockoutDuration
        self.resetLifetime = resetLifetime
        self.maximumRefusalsPerAddress = maximumRefusalsPerAddress
        self.addressWindow = addressWindow
        self.invitationLifetime = invitationLifetime
    }

    /// How long an address with these refused sign-ins must wait before it may try again, or
    /// nil when it may try now: until the oldest of the last `maximumRefusalsPerAddress` leaves the window.
    public func addressWait(refusals: [Date], at now: Date) -> TimeInterval? {
        let recent = refusals.filter { now.timeIntervalSince($0) < addressWindow }.sorted()
        guard maximumRefusalsPerAddress > 0, recent.count >= maximumRefusalsPerAddress else { return nil }
        return recent[recent.count - maximumRefusalsPerAddress].addingTimeInterval(addressWindow).timeIntervalSince(now)
    }

    /// Whether `session` is still in force at `now`.
    public func isActive(_ session: Session, at now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) < idleTimeout && now.timeIntervalSince(session.createdAt) < absoluteTimeout
    }

    public func isLocked(_ person: Person, at now: Date) -> Bool {
        guard let until = person.lockedUntil else { return false }
        return now < until
    }

    /// The person after a failed attempt the store has already counted (it adds one to
    /// `failedAttempts` in the same statement that reads it back, so parallel failures are all
    /// counted): locked once the count reaches the maximum. A failure while a lock is in force
    /// (an attempt whose password was being checked when the lock began) keeps that lock; one
    /// after a lock has ended starts the count again.
    public func afterCountedFailure(_ person: Person, at now: Date) -> Person {
        var next = person
        if let until = person.lockedUntil {
            if now < until {
                next.failedAttempts = 0
                return next
            }
            next.lockedUntil = nil
            next.failedAttempts = 1
        }
        if next.failedAttempts >= maximumFailedAttempts {
            next.lockedUntil = now.addingTimeInterval(lockoutDuration)
            next.failedAttempts = 0
        }
        return next
    }
}
