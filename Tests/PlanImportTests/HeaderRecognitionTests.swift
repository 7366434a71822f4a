import Testing
@testable import PlanImport

@Suite("Recognising columns by their headers")
struct HeaderRecognitionTests {
    @Test("Headers users write are read by meaning", arguments: [
        ("Ref", ImportField.ref), ("Rec N°", .ref), ("Rec No.", .ref), ("Ofsted Ref", .inspectionReference),
        ("Action", .action), ("Action Required", .action), ("Actions", .action),
        ("Outcome", .outcome), ("Objectives / what needs to improve", .outcome), ("Objectives what needs to improve", .outcome),
        ("Recommendation", .recommendation), ("Lead(s)", .leads), ("Leads", .leads), ("Response Lead(s)", .leads),
        ("Response Leads", .leads), ("Lead agency/ partnership", .leads), ("Due", .due), ("Date Due", .due),
        ("Proposed Timeline", .due), ("Timescale", .due), ("Status", .status), ("RAG", .status), ("Progress Summary", .progress),
        ("Progress update (as at November 2016)", .progress), ("Planned response (as at June 2016)", .progress),
        ("Evidence of impact", .evidence), ("Performance: is the action making a difference?", .difference),
        ("Success Measure", .successMeasure), ("Key Performance indicators/measure of success", .successMeasure),
        ("% complete", .percentComplete), ("Comments", .note),
    ])
    func recognises(header: String, field: ImportField) {
        #expect(HeaderRecognition.field(for: header) == field)
    }

    @Test("Headers nobody maps are not guessed", arguments: ["Resources", "Cost (£)", "Budget holder sign-off", ""])
    func unknown(header: String) {
        #expect(HeaderRecognition.field(for: header) == nil)
    }

    @Test("A progress header's 'as at' date dates the updates")
    func asAt() {
        #expect(HeaderRecognition.asAtDate(in: "Progress update (as at November 2016)")?.day == .init(2016, 11, 30))
    }

    @Test("A header row needs two known columns, one of them the action, recommendation or reference")
    func headerRow() {
        #expect(TableColumns.header(["Action", "Response Leads", "Proposed Timeline"], mapping: .init()) != nil)
        #expect(TableColumns.header(["Lead", "Due"], mapping: .init()) == nil)
        #expect(TableColumns.header(["1.1 New processes to be put in place across the Referral and Assessment team, with action and leads and due dates agreed by the board in April and reviewed monthly", "Service Manager"], mapping: .init()) == nil)
    }

    @Test("Status words read as lifecycle statuses", arguments: [
        ("Completed", Core.LifecycleStatus.complete), ("Complete", .complete), ("COMPLETE", .complete), ("In progress", .inProgress),
        ("In Progress", .inProgress), ("Green", .inProgress), ("Amber", .inProgress), ("Blue", .complete),
        ("Not started", .notStarted), ("On hold", .onHold), ("Withdrawn", .withdrawn),
    ])
    func status(word: String, status: Core.LifecycleStatus) {
        #expect(StatusWords.read(word)?.status == status)
    }

    @Test("An unknown status is not guessed")
    func unknownStatus() {
        #expect(StatusWords.read("See note") == nil)
    }
}

import Core
