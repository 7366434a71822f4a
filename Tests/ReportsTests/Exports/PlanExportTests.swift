import Core
import Foundation
import Testing
@testable import Reports

@Suite("Plan export: CSV")
struct PlanExportCSVTests {
    let csv = PlanExport.csv(ReportFixtures.plan(), asAt: ReportFixtures.asAt)
    var rows: [[String]] { ReportFixtures.parseCSV(csv) }

    func row(_ ref: String) throws -> [String: String] {
        let header = rows[0]
        let found = try #require(rows.first { $0.count > 2 && $0[2] == ref })
        return Dictionary(uniqueKeysWithValues: zip(header, found))
    }

    @Test("starts with a UTF-8 byte order mark so Excel reads it as UTF-8")
    func byteOrderMark() {
        #expect(Array(Data(csv.utf8).prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.hasPrefix("\u{FEFF}Theme,Area,Ref,Action,Outcome,Leads,Start date,Due date,Original due date,Status,% complete,RAG,RAG meaning,Reasons,Update due,Latest update date,Latest update,Milestones,Evidence of impact,Making a difference\r\n"))
    }

    @Test("has a header and one row per action, in plan order, every record ended by CRLF")
    func oneRowPerAction() {
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.count == 20 })
        #expect(rows.dropFirst().map { $0[2] } == ["1.1.1", "1.1.2", "2.1.1"])
        let bytes = Array(csv.utf8)
        let crlf = zip(bytes, bytes.dropFirst()).filter { $0 == (13, 10) }.count
        #expect(crlf == 4)
        #expect(bytes.filter { $0 == 13 }.count == 4, "no carriage return except at the end of a record")
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test("quotes fields holding commas, quotes and line breaks, doubling the quotes")
    func quoting() throws {
        #expect(csv.contains(",\"Review the \"\"front door\"\" process, including MASH\","))
        #expect(csv.contains("\"2 Leadership, management\""))
        #expect(csv.contains(",\"Pilot started,\nsecond line\","))
        let first = try row("1.1.1")
        #expect(first["Action"] == "Review the \"front door\" process, including MASH")
        #expect(first["Latest update"] == "Pilot started,\nsecond line")
        #expect(first["Theme"] == "1 Assessment")
        #expect(first["Area"] == "1.1 Timeliness of assessments")
        #expect(first["Leads"] == "Head of Service; Police")
    }

    @Test("cells that would run as formulas start with an apostrophe")
    func formulaInjection() throws {
        let formula = try row("1.1.2")
        #expect(formula["Action"] == "'=SUM(A1:A2)")
        #expect(formula["Leads"] == "'@admin")
        #expect(try row("2.1.1")["Latest update"] == "'-3 audits completed")
        #expect(CSVDocument.field("+44 20 7946 0000") == "'+44 20 7946 0000")
        #expect(CSVDocument.field("\t=1") == "'\t=1")
        #expect(CSVDocument.field("a=b") == "a=b")
        #expect(!csv.contains(",=SUM"))
    }

    @Test("dates are UK dd/mm/yyyy; milestones one per line with their due and completion dates")
    func ukDates() throws {
        let first = try row("1.1.1")
        #expect(first["Start date"] == "01/04/2023")
        #expect(first["Due date"] == "30/09/2023")
        #expect(first["Original due date"] == "30/09/2023")
        #expect(first["Latest update date"] == "01/09/2023")
        #expect(first["Milestones"] == "Map current process — due 30 June 2023 — complete 12 June 2023\nPilot — due 30 September 2023")
        let reprogrammed = try row("2.1.1")
        #expect(reprogrammed["Due date"] == "31/03/2024")
        #expect(reprogrammed["Original due date"] == "31/12/2023")
    }

    @Test("each row carries its delivery rating as colour and word, the reasons, and whether an update is due")
    func ratings() throws {
        let overdue = try row("1.1.1")
        #expect(overdue["Status"] == "In progress")
        #expect(overdue["% complete"] == "60")
        #expect(overdue["RAG"] == "Red")
        #expect(overdue["RAG meaning"] == "Overdue")
        #expect(overdue["Reasons"] == "Due 30 September 2023 and not complete (15 days overdue)")
        #expect(overdue["Update due"] == "Yes")

        let complete = try row("1.1.2")
        #expect(complete["RAG"] == "Blue")
        #expect(complete["RAG meaning"] == "Complete")
        #expect(complete["Reasons"] == "Completed on 12 September 2023")
        #expect(complete["Update due"] == "No")

        let green = try row("2.1.1")
        #expect(green["RAG"] == "Green")
        #expect(green["RAG meaning"] == "On schedule")
        #expect(green["Update due"] == "No")
        #expect(green["Evidence of impact"] == "5 October 2023: Audit grades up (PSW)")
        #expect(green["Making a difference"] == "Some difference — set by J Smith on 1 October 2023: Fewer repeat referrals")
    }

    @Test("an action whose area is not in the plan is still exported, with blank theme and area")
    func unplaced() throws {
        var contents = ReportFixtures.plan()
        contents.actions.append(Action(id: 9, areaID: 999, ref: "9.9", title: "Stray"))
        let rows = ReportFixtures.parseCSV(PlanExport.csv(contents, asAt: ReportFixtures.asAt))
        #expect(rows.count == 5)
        #expect(rows.last?[0] == "")
        #expect(rows.last?[1] == "")
        #expect(rows.last?[2] == "9.9")
    }
}

@Suite("Plan export: JSON")
struct PlanExportJSONTests {
    @Test("decodes back with every action, each with its rating, reasons and update status")
    func roundTrip() throws {
        let data = try PlanExport.json(ReportFixtures.plan(), asAt: ReportFixtures.asAt)
        let document = try PlanExport.decodeJSON(data)
        #expect(document.asAt == ReportFixtures.asAt)
        #expect(document.allActions.count == 3)
        #expect(document.themes.map(\.theme.title) == ["Assessment", "Leadership, management"])
        #expect(document.themes.map { $0.areas.map(\.area.ref) } == [["1.1"], ["2.1"]])
        #expect(document.allActions.map(\.action.ref) == ["1.1.1", "1.1.2", "2.1.1"])
        #expect(document.allActions.map(\.delivery.rating) == [.red, .blue, .green])
        #expect(document.allActions.map(\.delivery.word) == ["Overdue", "Complete", "On schedule"])
        #expect(document.allActions[0].delivery.reasons.first == "Due 30 September 2023 and not complete (15 days overdue)")
        #expect(document.allActions.map(\.update.isDue) == [true, false, false])
        #expect(document.allActions[2].reprogrammed)
        #expect(document.summary.sentence == "3 actions: 1 Red (Overdue), 1 Green (On schedule), 1 Blue (Complete)")
        #expect(document.themes[0].progress.sentence == "2 actions: 1 Red (Overdue), 1 Blue (Complete)")
        #expect(document.unplacedActions.isEmpty)
        // The history comes through whole.
        #expect(document.allActions[0].action.updates.count == 2)
    }

    @Test("is pretty-printed with sorted keys, ISO days and ISO times")
    func format() throws {
        let data = try PlanExport.json(ReportFixtures.plan(), asAt: ReportFixtures.asAt)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasPrefix("{\n  \"asAt\" : \"2023-10-15\",\n  \"formatVersion\" : 1,\n  \"plan\" : {"))
        #expect(text.contains("\"dueDate\" : \"2023-09-30\""))
        #expect(text.contains("\"recordedAt\" : \"2023-10-01T00:00:00Z\""))
        #expect(text.contains("\"colour\" : \"Red\""))
        let keys = ReportFixtures.captures(#"\n  "([a-zA-Z]+)" :"#, in: text)
        #expect(keys == ["asAt", "formatVersion", "plan", "summary", "themes", "unplacedActions"])
        // Same input, same bytes.
        #expect(try PlanExport.json(ReportFixtures.plan(), asAt: ReportFixtures.asAt) == data)
    }
}
