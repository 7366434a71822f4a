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

    /// A change an operator makes with the `oversight` command: `account` is their account on
    /// the host (`jo@oversight-01`), since the command line has no one signed in.
    public static func commandLine(account: String) -> AuditActor {
        AuditActor(name: "command line", source: account)
    }

    /// A change the server makes by itself (`reason`: "retention rule").
    public static func system(reason: String) -> AuditActor {
        AuditActor(name: "system", source: reason)
    }
}
