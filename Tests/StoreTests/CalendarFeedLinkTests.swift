import Core
import Foundation
@testable import Store
import Testing

@Suite("Calendar feed links")
struct CalendarFeedLinkTests {
    @Test("A new link replaces the old one, revoking removes it, and the trail records both without the hash", arguments: TestDatabase.all)
    func replaceAndRevoke(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let person = try await store.createPerson(Person(email: "iro.manager@northshire.example", name: "IRO Service Manager",
                                                             passwordHash: "!unset", createdAt: Fixture.instant(0)))
            let first = CalendarFeedLink(personID: person.id, organisationID: organisation.id, hash: String(repeating: "a", count: 64),
                                         createdAt: Fixture.instant(0))
            try await store.replaceCalendarFeedLink(first)
            #expect(try await store.calendarFeedLink(hash: first.hash) == first)

            var second = first
            second.hash = String(repeating: "b", count: 64)
            second.createdAt = Fixture.instant(60)
            try await store.replaceCalendarFeedLink(second)
            #expect(try await store.calendarFeedLink(hash: first.hash) == nil, "the old address stops working")
            #expect(try await store.calendarFeedLink(personID: person.id, organisationID: organisation.id) == second)

            try await store.deleteCalendarFeedLink(personID: person.id, organisationID: organisation.id)
            #expect(try await store.calendarFeedLink(hash: second.hash) == nil)

            let trail = try await store.auditTrail(organisationID: organisation.id, entity: "calendar feed link", entityID: person.id)
            #expect(trail.map(\.change) == [.create, .update, .delete])
            let written = trail.map { "\($0.before ?? "") \($0.after ?? "")" }.joined()
            #expect(!written.contains(first.hash) && !written.contains(second.hash))
            #expect(written.contains("IRO Service Manager"))
        }
    }
}
