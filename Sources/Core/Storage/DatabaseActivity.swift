/// What a database gateway tells the operator's metrics about its work: how long writes queue
/// for the one writer, how long each write transaction holds it, how long reads take. The store
/// may not know how metrics are kept (it imports no metrics library), so it reports here and the
/// web layer records (`/metrics`). Called on the request's task: implementations only count.
public protocol DatabaseActivity: Sendable {
    /// A write has asked for the writer and is waiting for it.
    func writeQueued()
    /// The waiting write has the writer now (or gave up waiting, when the gateway failed before
    /// its transaction began), after `waited`.
    func writeStarted(waited: Duration)
    /// A write transaction that held the writer for `held` has ended: committed, or rolled back.
    func writeEnded(held: Duration, committed: Bool)
    /// A read (its wait for the reader included) took `took`.
    func readEnded(took: Duration)
}
