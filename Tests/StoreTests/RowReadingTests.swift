import Core
import Foundation
import Testing
@testable import Store

/// Stored lists of strings are read by hand for speed; they must read exactly as `JSONDecoder` would.
@Suite struct RowReadingTests {
    @Test(arguments: [
        #"[]"#, #" [ ] "#, #"["Head of Service"]"#, #"["A","B, with a comma"]"#,
        #"[ "spaced" , "out" ]"#, #"["quote \" inside","back\\slash","slash \/ escaped","line\nbreak\ttab"]"#,
        #"["café ✓ 👩‍⚕️"]"#, #"[""]"#,
    ])
    func listsReadAsTheDecoderReadsThem(text: String) throws {
        let expected = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        #expect(StoredStringList.parse(text) == expected)
    }

    @Test(arguments: [
        #"["\u00e9"]"#, #"["a",]"#, #"["a" "b"]"#, #"["unterminated]"#, #"[1]"#, #"{"a":1}"#, #"["a"] x"#, "", "[\"tab\there\"]",
    ])
    func anythingUnusualIsLeftToTheDecoder(text: String) {
        #expect(StoredStringList.parse(text) == nil)
    }

    @Test(arguments: TestDatabase.all)
    func leadsAndObjectivesSurviveTheStore(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let leads = ["Head of \"Service\"", "Café lead ✓", "Back\\slash"]
            let objectives = ["Quote \" and line\nbreak", "Second"]
            let draft = PlanDraft(
                plan: Plan(organisationID: organisation.id, title: "Plan"),
                themes: [.init(theme: Theme(planID: 0, position: 1, ref: "1", title: "Theme"), areas: [
                    .init(area: Area(themeID: 0, position: 1, ref: "1.1", title: "Area", objectives: objectives),
                          actions: [.init(action: Action(areaID: 0, ref: "1.1.1", title: "Act", leads: leads))]),
                ])])
            let plan = try await store.createPlan(draft)
            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(contents.actions.first?.leads == leads)
            #expect(contents.areas.first?.objectives == objectives)
        }
    }
}
