import Core
import Foundation

/// Sign-in attempts per client address and per account, kept in this process's memory: several
/// servers, or a restart, each count afresh. The address is the one the audit trail records
/// (behind a proxy, the proxy's, so every client shares one count there; see docs/security.md).
///
/// An attempt is admitted *before* its password is checked, in one step of this actor: it
/// counts as a refusal from the moment it is admitted and stops counting only if it succeeds.
/// So a hundred attempts sent at once see each other, and no more than the limit reach bcrypt.
public actor SignInRateLimit {
    let rules: SignInRules

    /// An attempt from an address: when it was admitted, and which admission made it (so a
    /// success can take back its own entry).
    struct Entry {
        var at: Date
        var admission: Int
    }

    private var refusals: [String: [Entry]] = [:]
    /// Attempts whose password is being checked now, by account (the email as typed, normalised).
    private var checking: [String: Int] = [:]
    private var nextAdmission = 1

    /// Past this many addresses, a refusal also forgets every address whose window has passed,
    /// so a stream of new addresses cannot grow the table without end.
    static let sweepAbove = 10_000

    public init(rules: SignInRules) {
        self.rules = rules
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
        let admission: Int
        let address: String
        let account: String
    }

    /// One atomic check-and-record: counts the address's refusals and attempts in flight, and the
    /// account's attempts in flight, and admits this one only while both are under their limits.
    public func admit(address: String?, account: String, at now: Date) -> Admission {
        let key = address ?? ""
        if let wait = rules.addressWait(refusals: recent(key, at: now).map(\.at), at: now) {
            return .wait(max(1, wait))
        }
        let admission = nextAdmission
        nextAdmission += 1
        record(Entry(at: now, admission: admission), for: key, at: now)
        // Each attempt in flight could be one more failure: no more may be checked at once than
        // it takes to lock the account, so a burst cannot outrun the lock.
        guard checking[account, default: 0] < max(rules.maximumFailedAttempts, 1) else { return .refused }
        checking[account, default: 0] += 1
        return .admitted(Ticket(admission: admission, address: key, account: account))
    }

    /// The attempt's password has been checked. A success no longer counts against the address.
    public func finish(_ ticket: Ticket, succeeded: Bool) {
        let left = checking[ticket.account, default: 1] - 1
        checking[ticket.account] = left > 0 ? left : nil
        if succeeded {
            refusals[ticket.address]?.removeAll { $0.admission == ticket.admission }
        }
    }

    /// Seconds the address must wait before trying again, or nil when it may try now.
    func wait(address: String?, at now: Date) -> TimeInterval? {
        rules.addressWait(refusals: recent(address ?? "", at: now).map(\.at), at: now)
    }

    func recordRefusal(address: String?, at now: Date) {
        record(Entry(at: now, admission: 0), for: address ?? "", at: now)
    }

    private func recent(_ key: String, at now: Date) -> [Entry] {
        (refusals[key] ?? []).filter { now.timeIntervalSince($0.at) < rules.addressWindow }
    }

    private func record(_ entry: Entry, for key: String, at now: Date) {
        // Only the latest refusals up to the limit decide the wait.
        refusals[key] = Array((recent(key, at: now) + [entry]).suffix(max(rules.maximumRefusalsPerAddress, 1)))
        if refusals.count > Self.sweepAbove {
            refusals = refusals.filter { $0.value.contains { now.timeIntervalSince($0.at) < rules.addressWindow } }
        }
    }
}
