import Foundation

/// Background jobs (the retention rule's sweep) run on one server at a time, however many
/// servers share the database: a job runs only while its server holds the job's lease.
///
/// The contract: `claimLease` is one atomic statement, so of two servers claiming at once
/// exactly one gets it; a holder may renew its own lease at any time; another server gets it
/// only once it has expired (its holder stopped, or stopped renewing). Expiry, not a release
/// call, hands it on, so a server that dies mid-job never leaves the job stuck.
public protocol JobLeaseStore: Sendable {
    /// Takes or renews `job`'s lease for `holder` until `until`; false while another holder's
    /// lease runs past `now`.
    func claimLease(job: String, holder: String, until: Date, now: Date) async throws -> Bool
}
