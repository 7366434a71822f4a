import Core
import Foundation

/// Refused sign-ins per client address, kept in this process's memory: several servers, or a
/// restart, each count afresh. The address is the one the audit trail records (behind a proxy,
/// the proxy's, so every client shares one count there; see docs/security.md).
public actor SignInRateLimit {
    let rules: SignInRules
    private var refusals: [String: [Date]] = [:]

    /// Past this many addresses, a refusal also forgets every address whose window has passed,
    /// so a stream of new addresses cannot grow the table without end.
    static let sweepAbove = 10_000

    public init(rules: SignInRules) {
        self.rules = rules
    }

    /// Seconds the address must wait before trying again, or nil when it may try now.
    func wait(address: String?, at now: Date) -> TimeInterval? {
        rules.addressWait(refusals: refusals[address ?? ""] ?? [], at: now)
    }

    func recordRefusal(address: String?, at now: Date) {
        let key = address ?? ""
        let window = rules.addressWindow
        // Only the latest refusals up to the limit decide the wait.
        let recent = (refusals[key] ?? []).filter { now.timeIntervalSince($0) < window } + [now]
        refusals[key] = Array(recent.suffix(max(rules.maximumRefusalsPerAddress, 1)))
        if refusals.count > Self.sweepAbove {
            refusals = refusals.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
        }
    }
}
