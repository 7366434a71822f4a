import Core
import Foundation
import SQLKit

extension SQLStore {
    /// Sets (or, with nil, clears) the person's job title, already validated by `JobTitle`, with
    /// an audit entry naming them. `organisationID` is where the change was made (an
    /// administrator's organisation); nil for a person changing their own, which, like the rest
    /// of an account, shows wherever they are a member. A title that does not change records nothing.
    public func setJobTitle(personID: Int64, _ jobTitle: String?, organisationID: Int64?) async throws {
        try await gateway.write { db in
            guard let row = try await db.raw("SELECT name, job_title FROM people WHERE id = \(bind: personID)").first() else {
                throw StoreError.notFound(entity: "person", id: String(personID))
            }
            let stored = try row.optionalString("job_title")
            guard stored != jobTitle else { return }
            try await db.raw("UPDATE people SET job_title = \(bind: jobTitle) WHERE id = \(bind: personID)").run()
            let name = try row.string("name")
            var before = AccountInTrail(name: name), after = AccountInTrail(name: name)
            before.jobTitle = stored
            after.jobTitle = jobTitle
            try await AuditLog.record(db, organisationID: organisationID, entity: "person", id: personID, change: .update,
                                      before: before, after: after)
        }
    }
}
