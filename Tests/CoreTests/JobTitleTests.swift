import Foundation
import Testing
@testable import Core

@Suite("A person's job title")
struct JobTitleTests {
    @Test("Trimmed; blank means none; over 120 characters is refused naming the field")
    func validated() throws {
        #expect(try JobTitle.validated("  Head of Service, Safeguarding \n").get() == "Head of Service, Safeguarding")
        #expect(try JobTitle.validated("   ").get() == nil)
        #expect(try JobTitle.validated(nil).get() == nil)
        #expect(try JobTitle.validated(String(repeating: "a", count: 120)).get()?.count == 120)
        guard case let .failure(error) = JobTitle.validated(String(repeating: "a", count: 121)) else {
            Issue.record("121 characters accepted"); return
        }
        #expect(error.field == "jobTitle")
        #expect(error.message == "Job title must be 120 characters or fewer")
    }

    @Test("The signature is the name with the title beside it, or the name alone")
    func signature() {
        #expect(JobTitle.signature(name: "Sam Patel", jobTitle: "Head of Service") == "Sam Patel, Head of Service")
        #expect(JobTitle.signature(name: "Sam Patel", jobTitle: nil) == "Sam Patel")
        #expect(JobTitle.signature(name: "Sam Patel", jobTitle: "  ") == "Sam Patel")
        let person = Person(email: "sam@example.org", name: "Sam Patel", passwordHash: "", jobTitle: "Head of Service")
        #expect(person.signature == "Sam Patel, Head of Service")
        let identity = Identity(personID: 1, name: "Sam Patel", email: "sam@example.org", organisationID: 1, organisationName: "Council",
                                role: .editor, jobTitle: "Head of Service")
        #expect(identity.signature == "Sam Patel, Head of Service")
    }

    @Test("A change of job title reads in words in the audit trail")
    func auditWords() throws {
        func entry(_ before: String, _ after: String) -> AuditEntry {
            AuditEntry(id: 1, at: "2026-11-23T10:00:00Z", organisationID: 1, actor: "Alex", source: nil, entity: "person", entityID: "7",
                       change: .update, before: before, after: after)
        }
        #expect(AuditWords.summary(entry(#"{"name":"Sam Patel"}"#, #"{"name":"Sam Patel","jobTitle":"Head of Service"}"#))
                == "Changed Sam Patel's job title to ‘Head of Service’")
        #expect(AuditWords.summary(entry(#"{"name":"Sam Patel","jobTitle":"Head of Service"}"#, #"{"name":"Sam Patel"}"#))
                == "Removed Sam Patel's job title")
    }
}
