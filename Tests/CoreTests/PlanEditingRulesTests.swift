import Core
import Testing

/// The rules for changing a plan's shape and its inspection: what moves where, what may be
/// removed, which references clash, and how paragraph references are read.
@Suite("Plan editing rules")
struct PlanEditingRulesTests {
    @Test("Moving swaps with the neighbour; the first cannot go up, the last cannot go down")
    func moving() {
        #expect(PlanStructure.moving(2, .up, in: [1, 2, 3]) == [2, 1, 3])
        #expect(PlanStructure.moving(2, .down, in: [1, 2, 3]) == [1, 3, 2])
        #expect(PlanStructure.moving(1, .up, in: [1, 2, 3]) == nil)
        #expect(PlanStructure.moving(3, .down, in: [1, 2, 3]) == nil)
        #expect(PlanStructure.moving(9, .up, in: [1, 2, 3]) == nil)
    }

    @Test("An area holding actions cannot be removed, and the refusal says how many")
    func areaRemoval() throws {
        let area = Area(id: 4, themeID: 1, position: 0, ref: "1.2", title: "Quality of assessments")
        #expect(PlanStructure.areaRemovalRefusal(area, actionCount: 0) == nil)
        let one = try #require(PlanStructure.areaRemovalRefusal(area, actionCount: 1))
        #expect(one.message == "Area 1.2 Quality of assessments cannot be removed because it holds 1 action. Move it to another area or remove it first.")
        let three = try #require(PlanStructure.areaRemovalRefusal(area, actionCount: 3))
        #expect(three.message.contains("holds 3 actions. Move them"))
    }

    @Test("A theme holding areas or actions cannot be removed, saying what it holds")
    func themeRemoval() throws {
        let theme = Theme(id: 2, planID: 1, position: 0, ref: "2", title: "Leadership")
        #expect(PlanStructure.themeRemovalRefusal(theme, areaCount: 0, actionCount: 0) == nil)
        let refusal = try #require(PlanStructure.themeRemovalRefusal(theme, areaCount: 2, actionCount: 5))
        #expect(refusal.message == "Theme 2 Leadership cannot be removed because it holds 2 areas and 5 actions. Remove its areas first.")
        #expect(PlanStructure.themeRemovalRefusal(theme, areaCount: 1, actionCount: 0)?.message.contains("holds 1 area.") == true)
    }

    @Test("References are unique in the plan, whatever their case or spaces; an area needs its reference and title")
    func uniqueRefs() {
        let others = [Area(id: 1, themeID: 1, position: 0, ref: "1.1", title: "A"), Area(id: 2, themeID: 1, position: 1, ref: "1.2a", title: "B")]
        #expect(PlanStructure.errors(in: Area(id: 3, themeID: 1, position: 2, ref: " 1.2A ", title: "C"), among: others).map(\.field) == ["ref"])
        #expect(PlanStructure.errors(in: Area(id: 2, themeID: 1, position: 1, ref: "1.2a", title: "B renamed"), among: others).isEmpty,
                "an area keeps its own reference")
        #expect(Set(PlanStructure.errors(in: Area(id: 3, themeID: 1, position: 2, ref: "", title: " "), among: others).map(\.field)) == ["ref", "title"])
        let long = String(repeating: "x", count: PlanStructure.longestTitle + 1)
        #expect(PlanStructure.errors(in: Area(id: 3, themeID: 1, position: 2, ref: "1.3", title: long), among: others).map(\.field) == ["title"])
        let issue = Area(id: 3, themeID: 1, position: 2, ref: "1.3", title: "C", issues: [Area.Issue(heading: "Planning", quote: "")])
        #expect(PlanStructure.errors(in: issue, among: others).map(\.field) == ["issues[0].quote"])

        let themes = [Theme(id: 1, planID: 1, position: 0, ref: "1", title: "Help")]
        #expect(PlanStructure.errors(in: Theme(id: 2, planID: 1, position: 1, ref: "1", title: "Care"), among: themes).first?.message
            == "Another theme of this plan is already numbered 1: choose another reference")
        #expect(PlanStructure.errors(in: Theme(id: 2, planID: 1, position: 1, ref: "", title: ""), among: themes).map(\.field) == ["title"])
    }

    @Test("Paragraph references are separated by semicolons or new lines, so 'Para 13,14' stays one", arguments: [
        ("14", ["14"]),
        ("14; 15", ["14", "15"]),
        ("Pg 5 Para 13,14; 22", ["Pg 5 Para 13,14", "22"]),
        ("Paragraph 14\nParagraph 15\n\n", ["Paragraph 14", "Paragraph 15"]),
        (" ; ", []),
    ])
    func paragraphs(text: String, expected: [String]) {
        #expect(PlanStructure.paragraphs(from: text) == expected)
    }

    @Test("An inspection's report is published on or after it starts; recommendations have their own numbers and text; an area is judged once")
    func inspectionRules() {
        var inspection = Inspection(organisationID: 1, kind: .ilacs, startDate: Day(2026, 1, 20), publishedDate: Day(2026, 3, 3),
                                    judgements: [.init(area: "Overall effectiveness", grade: .requiresImprovement)],
                                    recommendations: [.init(number: 1, text: "Improve supervision", paragraphs: ["12"])])
        #expect(Inspection.errors(in: inspection).isEmpty)
        inspection.publishedDate = Day(2026, 1, 19)
        #expect(Inspection.errors(in: inspection).map(\.field) == ["publishedDate"])
        inspection.publishedDate = nil
        inspection.recommendations.append(.init(number: 1, text: "Again"))
        #expect(Inspection.errors(in: inspection).map(\.message) == ["Recommendation 1 is numbered twice: give each recommendation its own number"])
        inspection.recommendations = [.init(number: 0, text: " ")]
        #expect(Set(Inspection.errors(in: inspection).map(\.field)) == ["recommendations[0].number", "recommendations[0].text"])
        inspection.recommendations = []
        inspection.judgements.append(.init(area: "overall effectiveness", grade: .good))
        #expect(Inspection.errors(in: inspection).map(\.field) == ["judgements[1].area"])
    }

    @Test("A new recommendation takes the next number; they read in number order")
    func recommendationNumbers() {
        let inspection = Inspection(organisationID: 1, kind: .ilacs, startDate: Day(2026, 1, 20),
                                    recommendations: [.init(number: 3, text: "C"), .init(number: 1, text: "A")])
        #expect(inspection.nextRecommendationNumber == 4)
        #expect(inspection.recommendationsInOrder.map(\.number) == [1, 3])
        #expect(Inspection(organisationID: 1, kind: .sif, startDate: Day(2026, 1, 1)).nextRecommendationNumber == 1)
    }

    @Test("A place in a list reads as a person says it")
    func place() {
        #expect(PlanStructure.placeText(0, of: 4) == "1 of 4")
    }
}
