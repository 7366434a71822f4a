import Core
import Foundation
import SQLKit

/// Calendar feed links of `PeopleStore`: one per person and organisation, stored as a hash.
extension SQLStore {
    public func replaceCalendarFeedLink(_ link: CalendarFeedLink) async throws {
        try await gateway.write { db in
            let stored = try await Self.calendarFeedLink(db, personID: link.personID, organisationID: link.organisationID)
            try await db.raw("DELETE FROM calendar_feed_links WHERE person_id = \(bind: link.personID) AND organisation_id = \(bind: link.organisationID)").run()
            try await db.raw("""
                INSERT INTO calendar_feed_links (person_id, organisation_id, hash, created_at)
                VALUES (\(bind: link.personID), \(bind: link.organisationID), \(bind: link.hash), \(bind: Timestamp.string(from: link.createdAt)))
                """).run()
            let person = try await Self.personInTrail(db, id: link.personID)
            try await AuditLog.record(db, organisationID: link.organisationID, entity: "calendar feed link", id: link.personID,
                                      change: stored == nil ? .create : .update,
                                      before: stored.map { CalendarFeedLinkInTrail($0, person: person) }, after: CalendarFeedLinkInTrail(link, person: person))
        }
    }

    public func calendarFeedLink(hash: String) async throws -> CalendarFeedLink? {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM calendar_feed_links WHERE hash = \(bind: hash)").first().map(Self.calendarFeedLink(from:))
        }
    }

    public func calendarFeedLink(personID: Int64, organisationID: Int64) async throws -> CalendarFeedLink? {
        try await gateway.read { db in try await Self.calendarFeedLink(db, personID: personID, organisationID: organisationID) }
    }

    public func deleteCalendarFeedLink(personID: Int64, organisationID: Int64) async throws {
        try await gateway.write { db in
            guard let stored = try await Self.calendarFeedLink(db, personID: personID, organisationID: organisationID) else { return }
            try await db.raw("DELETE FROM calendar_feed_links WHERE person_id = \(bind: personID) AND organisation_id = \(bind: organisationID)").run()
            let person = try await Self.personInTrail(db, id: personID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "calendar feed link", id: personID, change: .delete,
                                      before: CalendarFeedLinkInTrail(stored, person: person), after: nil as CalendarFeedLinkInTrail?)
        }
    }

    static func calendarFeedLink(_ db: any SQLDatabase, personID: Int64, organisationID: Int64) async throws -> CalendarFeedLink? {
        try await db.raw("SELECT * FROM calendar_feed_links WHERE person_id = \(bind: personID) AND organisation_id = \(bind: organisationID)")
            .first().map(Self.calendarFeedLink(from:))
    }

    static func calendarFeedLink(from row: any SQLRow) throws -> CalendarFeedLink {
        CalendarFeedLink(personID: try row.int64("person_id"), organisationID: try row.int64("organisation_id"),
                         hash: try row.string("hash"), createdAt: try row.date("created_at"))
    }
}

/// A calendar feed link as the audit trail records it: whose and when it was made — never the
/// address or its hash, which would let a reader of the trail subscribe.
struct CalendarFeedLinkInTrail: Encodable {
    var person: String
    var createdAt: String

    init(_ link: CalendarFeedLink, person: String) {
        self.person = person
        createdAt = Timestamp.string(from: link.createdAt)
    }
}
