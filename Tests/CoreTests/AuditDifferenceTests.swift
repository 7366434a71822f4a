import Foundation
import Testing
@testable import Core

@Suite("Audit difference: which fields a change made")
struct AuditDifferenceTests {
    @Test("An update lists only the fields that changed, with before and after as text")
    func update() {
        let before = #"{"dueDate":"2026-12-31","leads":["Head of Service"],"percentComplete":45,"status":"in-progress","title":"Audit","version":3}"#
        let after = #"{"dueDate":"2027-01-31","leads":["Head of Service","PSW"],"percentComplete":80,"status":"in-progress","title":"Audit","version":4}"#
        let changes = AuditDifference.changes(before: before, after: after, ignoring: ["version"])
        #expect(changes == [
            AuditFieldChange(field: "dueDate", before: "2026-12-31", after: "2027-01-31"),
            AuditFieldChange(field: "leads", before: #"["Head of Service"]"#, after: #"["Head of Service","PSW"]"#),
            AuditFieldChange(field: "percentComplete", before: "45", after: "80"),
        ])
        #expect(changes.map { $0.label } == ["Due date", "Leads", "% complete"])
    }

    @Test("A field set, cleared, or nested; a create; text that is not an object")
    func edges() {
        let changes = AuditDifference.changes(
            before: #"{"completedOn":null,"note":"kept","override":{"by":"A","reason":"x"},"value":1.5}"#,
            after: #"{"completedOn":"2026-11-25","override":{"reason":"x","by":"B"},"value":1.5,"flag":true}"#)
        #expect(changes == [
            AuditFieldChange(field: "completedOn", before: nil, after: "2026-11-25"),
            AuditFieldChange(field: "flag", before: nil, after: "true"),
            AuditFieldChange(field: "note", before: "kept", after: nil),
            AuditFieldChange(field: "override", before: #"{"by":"A","reason":"x"}"#, after: #"{"by":"B","reason":"x"}"#),
        ])
        let created = AuditDifference.changes(before: nil, after: #"{"period":"2026-10","value":45}"#)
        #expect(created == [AuditFieldChange(field: "period", before: nil, after: "2026-10"),
                            AuditFieldChange(field: "value", before: nil, after: "45")])
        #expect(AuditDifference.changes(before: #"{"a":1}"#, after: #"{"a":1}"#).isEmpty)
        #expect(AuditDifference.changes(before: "not json", after: "[1]").isEmpty)
    }

    @Test("A list holding a control character is shown as JSON that reads back to the same text")
    func controlCharactersInAList() throws {
        let bell = "Bell\u{07} \"quoted\" back\\slash"
        let before = try String(decoding: JSONEncoder().encode(["leads": [bell]]), as: UTF8.self)
        let changes = AuditDifference.changes(before: before, after: #"{"leads":[]}"#)
        let shown = try #require(changes.first?.before)
        #expect(shown.contains("\\u0007"))
        #expect(try JSONDecoder().decode([String].self, from: Data(shown.utf8)) == [bell])
    }

    @Test("Field names in words")
    func labels() {
        #expect(AuditDifference.label(for: "percentComplete") == "% complete")
        #expect(AuditDifference.label(for: "originalDueDate") == "Original due date")
        #expect(AuditDifference.label(for: "measureIDs") == "Linked measures")
        #expect(AuditDifference.label(for: "title") == "Title")
    }
}
