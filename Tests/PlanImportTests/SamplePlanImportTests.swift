import Core
import Foundation
import Testing
@testable import PlanImport

/// The two published plans, imported: what a reader of each document sees.
@Suite("Importing the sample plans")
struct SamplePlanImportTests {
    func imported(_ name: String) throws -> ImportResult {
        try PlanImporter.importPlans(url: Fixture.url(name))
    }

    @Test("Wokingham: one plan of five areas with their leads, issues and objectives")
    func wokinghamAreas() throws {
        let result = try imported(Fixture.wokingham)
        #expect(result.plans.count == 1)
        #expect(result.validationErrors.isEmpty)
        let plan = try #require(result.plans.first)
        #expect(plan.draft.plan.title == "ILACS Improvement Plan")
        #expect(plan.draft.plan.kind == .improvementPlan)
        let areas = plan.areas
        #expect(areas.map(\.ref) == ["1", "2", "3", "4", "5"])
        #expect(areas.map(\.title) == ["Assessment", "Planning", "Supervision & Management Oversight", "Recording", "Exploitation"])
        #expect(areas.map(\.improvementLead) == [
            "Service Manager, Safeguarding",
            "Service Manager, Quality Assurance and Safeguarding",
            "Assistant Director, Quality Assurance and Safeguarding Standards",
            "Service Manager, Corporate Parenting",
            "Service Manager, Children with Disabilities, Early Help and PYJS and Service Manager, Safeguarding",
        ])
        #expect(areas[0].coreFocus == "The timeliness of assessments of children's needs.")
        #expect(areas.map { $0.issues.count } == [4, 4, 5, 3, 4])
        let first = areas[0].issues[0]
        #expect(first.heading == "The pace of decision making")
        #expect(first.quote.hasPrefix("When information suggests that children are at lower levels of risk"))
        #expect(first.quote.hasSuffix("is often slow."))
        #expect(first.paragraphs == ["Paragraph 1"])
        // A page number the extraction left before an issue is not part of it.
        #expect(areas[1].issues[2].heading == "Leadership")
        #expect(areas[1].issues[3].paragraphs == ["Paragraph 50"])
        #expect(areas[2].issues[4].paragraphs == ["Paragraph 50", "Paragraph 59"])
        #expect(areas.map { $0.objectives.count } == [2, 5, 1, 3, 4])
        #expect(areas[1].objectives[0] == "A clearer, simpler format for Child in Need and Child Protection Plans.")
    }

    @Test("Wokingham: every numbered action with its leads, milestones, progress and evidence")
    func wokinghamActions() throws {
        let result = try imported(Fixture.wokingham)
        let plan = try #require(result.plans.first)
        let actions = plan.actions
        #expect(actions.map(\.ref) == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7",
                                       "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4"])
        func action(_ ref: String) throws -> Action { try #require(actions.first { $0.ref == ref }) }

        // 1.1 runs over a page break: its title, second milestone, progress and evidence continue.
        let a11 = try action("1.1")
        #expect(a11.title.hasPrefix("New processes to be put in place across Referral & Assessment Team (R&A)"))
        #expect(a11.title.contains("Child & Family Assessments. To include daily allocation meetings"))
        #expect(a11.leads == ["Service Manager, Safeguarding"])
        #expect(a11.milestones.map(\.title) == ["Implement new processes across R&A Team", "Add Assessments in 45 days as a corporate KPI"])
        #expect(a11.milestones.allSatisfy { $0.isComplete })
        #expect(a11.milestones.map(\.dueDate) == [Day(2023, 4, 30), Day(2023, 4, 30)])
        #expect(a11.status == .complete)
        #expect(a11.completedOn == Day(2023, 4, 30))
        let progress = try #require(a11.updates.first)
        #expect(a11.updates.count == 1)
        #expect(progress.text.hasPrefix("The following processes were put in place within the R&A team in April"))
        #expect(progress.text.contains("The target rate is currently set at 85%."))
        #expect(progress.date == Day(2023, 8, 31))
        #expect(a11.evidence.count == 1)
        #expect(a11.evidence.first?.text.contains("April: 63.8% May: 77.5% June: 80%") == true)

        // "1/2" in the extraction is action 1.2, with a warning.
        let a12 = try action("1.2")
        #expect(a12.title.hasPrefix("Develop new timescales and RAG rating systems"))
        #expect(a12.milestones.map(\.title) == ["Present proposal for reform to DLT", "Scope required changes needed to MOSAIC and reporting",
                                                "Draft MOSAIC and reporting proposal", "Roll out of revised timescales"])
        #expect(a12.milestones.map(\.isComplete) == [true, false, false, false])
        #expect(a12.dueDate == Day(2023, 10, 31))
        #expect(a12.status == .inProgress)
        #expect(result.warnings.contains { $0.message.contains("\"1/2\" is read as action 1.2") && $0.row == 37 && $0.column == 1 })

        let a32 = try action("3.2")
        #expect(a32.leads == ["Service Manager, Safeguarding", "Service Manager, Corporate Parenting"])
        #expect(try action("3.4").milestones.first?.dueDate == Day(2023, 12, 31))  // "Q3 23-24"
        #expect(try action("3.7").milestones.count == 3)
        #expect(try action("4.1").leads.count == 3)
        #expect(try action("2.2").milestones.first?.title == "Programme to support roll out")
        #expect(try action("2.2").milestones.first?.dueDate == Day(2023, 11, 30))

        // 5.3: six milestones, three complete, one after the page break; the bracketed note stays with its milestone.
        let a53 = try action("5.3")
        #expect(a53.milestones.count == 6)
        #expect(a53.milestones.filter(\.isComplete).count == 3)
        #expect(a53.milestones.last?.title == "Expansion of EMRAC")
        #expect(a53.milestones.last?.dueDate == Day(2024, 4, 30))
        #expect(a53.milestones[2].title.contains("(Inclusion of adult safeguarding"))
        #expect(a53.updates.first?.text.contains("will commence in September 2023") == true)

        #expect(try action("5.4").evidence.isEmpty)
        #expect(actions.allSatisfy { !$0.leads.isEmpty && !$0.milestones.isEmpty && $0.updates.count == 1 })
        let completed = actions.filter { $0.status == .complete }.map(\.ref)
        #expect(completed == ["1.1", "3.1", "3.5"])
        let milestones = plan.milestones
        #expect(milestones.count == 43)
        #expect(milestones.filter(\.isComplete).count == 16)
        // Undated progress is dated from the cover, and says so.
        #expect(result.warnings.contains { $0.message.contains("dated 31 August 2023") })
    }

    @Test("West Sussex: areas 2–12 with their Ofsted references, and area 1 inferred with a warning")
    func westSussexAreas() throws {
        let result = try imported(Fixture.westSussex)
        #expect(result.plans.count == 1)
        #expect(result.validationErrors.isEmpty)
        let plan = try #require(result.plans.first)
        #expect(plan.draft.plan.title == "Practice Improvement Plan")
        let areas = plan.areas
        #expect(areas.map(\.ref) == (1...12).map(String.init))
        #expect(areas.dropFirst().map(\.recommendationNumber) == (2...12).map { Optional($0) })
        let area2 = areas[1]
        #expect(area2.title == "The quality of social work practice, to assess, support and protect children who experience neglect.")
        #expect(area2.issues.first?.paragraphs == ["Pg 3 Para 2", "Pg 4 Para 8", "Pg 9 para 34"])
        #expect(areas[3].issues.first?.paragraphs == ["Pg 5 Para 9", "Pg 6 para 19", "Pg 9 Para 31"])
        #expect(areas[11].issues.first?.paragraphs == ["Pg 4 Para 6,7", "Pg 6 Para 15,16", "Pg 8 Para 26,27", "Pg 9 Para 30,31"])
        #expect(areas[6].title == "The quality and timeliness of life-story work.")
        // "Improvement Outcomes", in the table or as prose after it, is what good looks like.
        #expect(areas[1].whatGoodLooksLike.hasPrefix("The partnership will be able to identify and respond to neglect"))
        #expect(areas[2].whatGoodLooksLike.hasPrefix("Partner agencies and Social Workers will be able to recognise"))
        #expect(areas[9].whatGoodLooksLike.hasPrefix("Staff to feel valued and supported"))
        #expect(areas[0].whatGoodLooksLike.hasPrefix("The service will have increased capacity to lead and achieve improvement"))

        let area1 = areas[0]
        #expect(area1.title == "Area 1")
        let inferred = try #require(result.warnings.first { $0.message.contains("starts part-way through area 1") })
        #expect(inferred.table == 1)
        #expect(inferred.row == 39)
        #expect(inferred.message.contains("1.2.2–1.3.8"))
        #expect(result.notes.contains { $0.message.contains("18 paragraphs of text outside the tables skipped") })
    }

    @Test("West Sussex: numbered actions with due dates and leads")
    func westSussexActions() throws {
        let result = try imported(Fixture.westSussex)
        let plan = try #require(result.plans.first)
        let byArea = plan.draft.themes.flatMap(\.areas).map { ($0.area.ref, $0.actions.map(\.action.ref)) }
        let refs = Dictionary(uniqueKeysWithValues: byArea)
        #expect(refs["1"] == ["1.2.2", "1.3", "1.3.1", "1.3.2", "1.3.3", "1.3.4", "1.3.5", "1.3.6", "1.3.7", "1.3.8"])
        #expect(refs["2"] == ["2.1.0", "2.1.1", "2.1.2", "2.1.3", "2.2", "2.3"])
        #expect(refs["3"] == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"])
        #expect(refs["4"] == ["4.1", "4.1.2", "4.1.3", "4.2", "4.2.2", "4.2.3", "4.2.4", "4.2.5"])
        #expect(refs["7"] == ["7.1", "7.1.2"])
        #expect(refs["9"]?.count == 20)
        #expect(refs["11"] == (1...9).map { "11.\($0)" })
        #expect(refs["12"] == (1...7).map { "12.\($0)" })
        #expect(plan.actions.count == 95)

        func action(_ ref: String) throws -> Action { try #require(plan.actions.first { $0.ref == ref }) }
        // One due date per action, in order.
        #expect(try [action("2.1.0"), action("2.1.1"), action("2.1.2"), action("2.1.3"), action("2.2")].map(\.dueDate)
            == [Day(2019, 11, 30), Day(2019, 6, 30), Day(2019, 1, 31), Day(2019, 8, 31), Day(2019, 12, 31)])
        #expect(try action("2.3").dueDate == Day(2019, 12, 31))
        #expect(try action("2.3").leads == ["Learning and development", "PSW"])
        // One lead per action, line by line; a slash separates two leads.
        #expect(try action("3.1").leads == ["Jackie Wood (JW)"])
        #expect(try action("3.5").leads == ["Ann Marie Dodds", "Housing"])
        // One date and one lead for the row: every action shares them.
        #expect(try action("7.1.2").dueDate == Day(2019, 9, 30))
        #expect(try action("7.1.2").leads == ["Sarah Daly"])
        #expect(try action("12.7").leads == ["JB", "Amanda Radley"])
        // Sub-actions share their parent's date when the cell lists one per numbered action.
        #expect(try action("9.3.2").dueDate == Day(2019, 9, 30))
        // Dates that cannot be matched to the actions are kept on each as a note, with a warning.
        let a31 = try action("3.1")
        #expect(a31.dueDate == nil)
        #expect(a31.outcome.contains("Nov 2019 & ongoing"))
        #expect(result.warnings.contains { $0.table == 3 && $0.row == 70 && $0.column == 5 && $0.message.contains("8 entries for the 6 actions") })
        #expect(try action("1.3.6").title.hasPrefix("Implement training on 'What Good Looks Like'"))
    }

    @Test("West Sussex: the 66 numbered KPIs (6–71) with targets and interim targets, in their areas")
    func westSussexMeasures() throws {
        let result = try imported(Fixture.westSussex)
        let plan = try #require(result.plans.first)
        let measures = plan.draft.measures
        #expect(measures.count == 66)
        #expect(measures.map(\.code) == (6...71).map(String.init))
        func measure(_ code: String) throws -> Measure { try #require(measures.first { $0.code == code }) }

        let m42 = try measure("42")
        #expect(m42.title == "% Percentage of open cases with an up to date supervision recorded within 6 weeks")
        #expect(m42.targets == [Target(value: 70, dueBy: Day(2019, 10, 31), isInterim: true), Target(value: 95, dueBy: Day(2020, 3, 31))])
        #expect(try measure("45").targets == [Target(value: 70, dueBy: Day(2019, 10, 31), isInterim: true), Target(value: 90, dueBy: Day(2020, 2, 29))])
        #expect(try measure("6").targets == [Target(value: 95, dueBy: Day(2020, 3, 31))])
        #expect(try measure("12").targets == [Target(value: 70, dueBy: Day(2020, 1, 31))])
        #expect(try measure("64").targets == [Target(value: 75, dueBy: Day(2020, 2, 29), isInterim: true)])
        let m68 = try measure("68")
        #expect(m68.polarity == .lowerIsBetter)
        #expect(m68.targets == [Target(value: 30, dueBy: Day(2019, 12, 31), isInterim: true), Target(value: 20, dueBy: Day(2020, 3, 31))])
        // A target with no date is due by the plan's end, with a warning naming the cell.
        #expect(try measure("16").targets == [Target(value: 25, dueBy: Day(2020, 3, 31))])
        #expect(result.warnings.contains { $0.row == 54 && $0.column == 7 && $0.message.contains("Measures 14, 15, 16, 17 have targets with no date") })
        #expect(try measure("28").targets.isEmpty)
        #expect(try measure("71").title == "Evidence through disruption work via exploitation group")
        #expect(try measure("11").definition.contains("a) % of stat visits for CP, CIN and CLA in timescale Target: 95%"))
        #expect(try measure("18").unit == .count)

        // Each measure sits in its area, and the area's actions link to it.
        #expect(plan.measureAreas["6"] == "1")
        #expect(plan.measureAreas["42"] == "8")
        #expect(plan.measureAreas["71"] == "12")
        let area8 = try #require(plan.draft.themes.flatMap(\.areas).first { $0.area.ref == "8" })
        #expect(area8.actions.first?.measureCodes == ["42", "43", "44", "45"])
    }
}
