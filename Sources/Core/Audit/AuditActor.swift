/// Who is making a change, and from where, as the audit trail records it.
///
/// The web layer and the command line set it for the work they start (`AuditActor.$current`);
/// the store reads it inside each write transaction. A task-local rather than a parameter on
/// every store method, so no write path can forget to pass it: an unset actor is recorded as
/// "system", never silently dropped.
public struct AuditActor: Sendable, Hashable, Codable {
    /// "Jo Bloggs <jo.bloggs@northmoor.example>", "command line", "system".
    public var name: String
    /// The client's address for web requests; the host user for the command line.
    public var source: String?

    public init(name: String, source: String? = nil) {
        self.name = name
        self.source = source
    }

    @TaskLocal public static var current = AuditActor(name: "system")
}
