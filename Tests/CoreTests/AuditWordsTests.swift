import Foundation
import Testing
@testable import Core

/// The audit trail's filters, paging and words, as the audit page and the API use them.
@Suite("Audit words and paging")
struct AuditWordsTests {
    static func entry(_ entity: String, _ change: AuditEntry.Change, id: String = "7", before: String?, after: String?) -> AuditEntry {
        AuditEntry(id: 1, at: "2026-11-14T10:05:00.000Z", organisationID: 1, actor: "Jo Bloggs <jo@test.example>", source: nil,
                   entity: entity, entityID: id, change: change, before: before, after: after)
    }

    @Test("A page number that is not one is the first page; a page after the last is the last", arguments: [
        ("-1", 1), ("abc", 1), ("", 1), ("0", 1), ("2", 2), ("15", 15), ("16", 15), ("99999999999999999999", 1),
    ])
    func paging(requested: String, page: Int) {
        let paging = AuditPaging(requested: requested, total: 734)
        #expect(paging.page == page)
        #expect(paging.pageCount == 15)
    }

    @Test("The GOV.UK results line and the edges of the pages")
    func pagingSummary() {
        let second = AuditPaging(requested: "2", total: 734)
        #expect(second.summary == "Showing 51 to 100 of 734 entries")
        #expect(second.offset == 50 && second.hasPrevious && second.hasNext)
        let last = AuditPaging(requested: "15", total: 734)
        #expect(last.summary == "Showing 701 to 734 of 734 entries")
        #expect(!last.hasNext && last.hasPrevious)
        let none = AuditPaging(requested: "3", total: 0)
        #expect(none.page == 1 && none.summary == "No entries" && !none.hasNext && !none.hasPrevious)
        #expect(AuditPaging(requested: nil, total: 1).summary == "Showing 1 to 1 of 1 entry")
    }

    @Test("A UK day starts at midnight in London: GMT in winter, BST in summer")
    func ukDays() {
        let winter = AuditFilter(from: Day(2026, 11, 14), to: Day(2026, 11, 14))
        #expect(winter.earliestTimestamp == "2026-11-14T00:00:00.000Z")
        #expect(winter.endTimestamp == "2026-11-15T00:00:00.000Z")
        let summer = AuditFilter(from: Day(2026, 7, 1))
        #expect(summer.earliestTimestamp == "2026-06-30T23:00:00.000Z")
    }

    @Test("A range that ends before it starts, and an unknown record type, are refused naming the field")
    func filterProblems() {
        #expect(AuditFilter(from: Day(2026, 11, 14), to: Day(2026, 11, 13)).problems().map(\.field) == ["to"])
        #expect(AuditFilter(entity: "spaceship").problems().map(\.field) == ["recordType"])
        #expect(AuditFilter(entity: "area", from: Day(2026, 11, 14), to: Day(2026, 11, 14)).problems().isEmpty)
        #expect(AuditRecordType.all.count == Set(AuditRecordType.all.map(\.entity)).count, "each record type once")
    }

    @Test("An area renamed on the structure page reads as a rename naming both titles")
    func renamedArea() {
        let entry = Self.entry("area", .update,
                               before: #"{"planID":"1","Reference":"2.3","Title":"Early help","Theme":"2 Help","Place in the theme":"3 of 4"}"#,
                               after: #"{"planID":"1","Reference":"2.3","Title":"Early help and prevention","Theme":"2 Help","Place in the theme":"3 of 4"}"#)
        #expect(AuditWords.summary(entry) == "Renamed area 2.3 ‘Early help’ to ‘Early help and prevention’")
        let changes = AuditWords.changes(entry)
        #expect(changes.map(\.label) == ["Title"], "the plan's id is not a change a reader sees")
    }

    @Test("An action moved to another area names the area, not its id")
    func movedAction() {
        var names = AuditNames()
        names.areas[12] = "2.1 Early help"
        let entry = Self.entry("action", .update, before: #"{"areaID":11,"ref":"1.2.3","title":"Audit case files","version":3}"#,
                               after: #"{"areaID":12,"ref":"1.2.3","title":"Audit case files","version":4}"#)
        #expect(AuditWords.summary(entry, names: names) == "Moved action 1.2.3 ‘Audit case files’ to area 2.1 Early help")
        let change = try! #require(AuditWords.changes(entry, names: names).first)
        #expect(change.label == "Area")
        #expect(change.before == .text("a record no longer held"))
        #expect(change.after == .text("area 2.1 Early help"))
    }

    @Test("Dates, months, times, percentages and lists read as words")
    func values() {
        let entry = Self.entry("action point", .update,
                               before: #"{"text":"Circulate the breakdown","due":{"date":"2026-11-14"},"period":"2026-11","percentComplete":45.26,"leads":[],"status":"open","updatedAt":"2026-11-14T10:05:00.000Z"}"#,
                               after: #"{"text":"Circulate the breakdown","due":{"meeting":{"id":4}},"period":"2026-12","percentComplete":50,"leads":["Head of Service","Principal Social Worker"],"status":"done","updatedAt":"2026-07-01T10:05:00.000Z"}"#)
        var names = AuditNames()
        names.meetings[4] = "Improvement Board meeting on 9 December 2026"
        let byLabel = Dictionary(uniqueKeysWithValues: AuditWords.changes(entry, names: names).map { ($0.label, $0) })
        #expect(byLabel["Due"]?.before == .text("Date: 14 November 2026"))
        #expect(byLabel["Due"]?.after == .text("Improvement Board meeting on 9 December 2026"))
        #expect(byLabel["Period"]?.after == .text("December 2026"))
        #expect(byLabel["% complete"]?.before == .text("45.3%"))
        #expect(byLabel["% complete"]?.after == .text("50%"))
        #expect(byLabel["Leads"]?.after == .list(["Head of Service", "Principal Social Worker"]))
        #expect(byLabel["Updated at"]?.after == .text("1 July 2026 at 11:05"), "UK summer time")
        #expect(AuditWords.summary(entry, names: names) == "Changed action point ‘Circulate the breakdown’")
    }
}
