/// Whether this server may take requests: its database answers and holds exactly the schema
/// this build knows. A load balancer asks `/readyz` before sending traffic, so a server whose
/// database is down, or one left on an older build after another server migrated the database
/// further, is taken out of rotation instead of answering with errors.
public enum Readiness: Sendable, Equatable {
    case ready
    case notReady(String)
}

public protocol ReadinessCheck: Sendable {
    func readiness() async -> Readiness
}

/// The rule on schema versions, kept apart from any database so it is tested once.
public enum SchemaReadiness {
    /// `applied`: the migration versions the database records; `known`: those this build has.
    public static func judge(applied: Set<Int>, known: Set<Int>) -> Readiness {
        let missing = known.subtracting(applied)
        if !missing.isEmpty {
            return .notReady("the database lacks migrations \(missing.sorted().map(String.init).joined(separator: ", ")) (start the server once with write access, or run a newer build's migrations)")
        }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
            return .notReady("the database has migrations this build does not know (\(unknown.sorted().map(String.init).joined(separator: ", "))): another server runs a newer Oversight; upgrade this one")
        }
        return .ready
    }
}
