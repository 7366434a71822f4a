import Core
import SQLKit

extension SQLStore: ReadinessCheck {
    /// A read of the migrations table: it proves the database answers and says what it holds.
    /// Never throws: an unreachable database is an answer ("not ready"), not an error page.
    public func readiness() async -> Readiness {
        do {
            let applied = try await gateway.read { db in
                Set(try await db.raw("SELECT version FROM schema_migrations").all().map { try $0.int("version") })
            }
            return SchemaReadiness.judge(applied: applied, known: Set(Migrations.all.map(\.version)))
        } catch {
            return .notReady("the database did not answer (\(String(reflecting: type(of: error))))")
        }
    }
}
