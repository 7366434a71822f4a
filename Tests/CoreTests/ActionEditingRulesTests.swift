import Core
import Testing

/// The rules every edit of an action keeps, wherever it comes from (pages, API).
@Suite("Action editing rules")
struct ActionEditingRulesTests {
    static let today = Day(2026, 11, 23)

    static func action(due: Day? = Day(2027, 3, 3)) -> Action {
        Action(id: 7, areaID: 1, ref: "2.1.3", title: "Embed the practice model", outcome: "Children's plans are clearer",
               leads: ["Principal Social Worker"], startDate: Day(2026, 4, 1), dueDate: due, status: .inProgress, percentComplete: 40)
    }

    static func details(_ action: Action, due: Day?) -> ActionDetails {
        var details = ActionDetails(action)
        details.dueDate = due
        return details
    }

    @Test("Moving the due date without a reason is refused, naming the field; nothing changes")
    func dueDateNeedsReason() {
        var action = Self.action()
        #expect(throws: ValidationErrors([ValidationError(field: "reprogrammeReason", message: "Enter why the due date is changing")])) {
            try action.change(to: Self.details(action, due: Day(2027, 6, 1)), reprogrammeReason: "  ", on: Self.today, by: "Sam Okafor")
        }
        #expect(action.dueDate == Day(2027, 3, 3))
        #expect(action.reprogrammings.isEmpty)
    }

    @Test("A moved due date is kept as a reprogramming with the reason, the day and the person")
    func dueDateReprogrammed() throws {
        var action = Self.action()
        try action.change(to: Self.details(action, due: Day(2027, 6, 1)), reprogrammeReason: "Recruitment delayed", on: Self.today, by: "Sam Okafor")
        #expect(action.dueDate == Day(2027, 6, 1))
        #expect(action.originalDueDate == Day(2027, 3, 3))
        #expect(action.reprogrammings == [Reprogramming(from: Day(2027, 3, 3), to: Day(2027, 6, 1), reason: "Recruitment delayed",
                                                        changedOn: Self.today, changedBy: "Sam Okafor")])
    }

    @Test("A first due date is set without a reason; an unchanged one needs none")
    func firstDueDate() throws {
        var action = Self.action(due: nil)
        try action.change(to: Self.details(action, due: Day(2027, 1, 31)), reprogrammeReason: nil, on: Self.today, by: "Sam")
        #expect(action.dueDate == Day(2027, 1, 31))
        #expect(!action.isReprogrammed)
        var details = ActionDetails(action)
        details.title = "  Embed the model  "
        try action.change(to: details, reprogrammeReason: nil, on: Self.today, by: "Sam")
        #expect(action.title == "Embed the model")
        #expect(!action.isReprogrammed)
    }

    @Test("Every problem is reported at once: no title, no reference, due before start")
    func allProblems() {
        var action = Self.action()
        var details = ActionDetails(action)
        details.title = " "
        details.ref = ""
        details.dueDate = Day(2026, 1, 1)
        do {
            try action.change(to: details, reprogrammeReason: "Moved", on: Self.today, by: "Sam")
            Issue.record("expected the change to be refused")
        } catch {
            #expect(error.errors.map(\.field) == ["ref", "title", "dueDate"])
        }
    }

    @Test("Leads are trimmed, blanks dropped and each named once")
    func leads() {
        #expect(ActionEditRules.normalisedLeads([" Sam Okafor ", "", "sam okafor", "Police (partner)", "\n"]) == ["Sam Okafor", "Police (partner)"])
    }

    @Test("A reference is unique within the plan; the action keeps its own")
    func refUnique() {
        let others = [Action(id: 1, areaID: 1, ref: "2.1.1", title: "A"), Action(id: 2, areaID: 1, ref: "2.1.2", title: "B")]
        #expect(ActionEditRules.refProblem(" 2.1.2 ", actionID: 9, among: others)?.field == "ref")
        #expect(ActionEditRules.refProblem("2.1.2", actionID: 9, among: others)?.message == "Action 2.1.2 already exists in this plan: choose another reference")
        #expect(ActionEditRules.refProblem("2.1.2", actionID: 2, among: others) == nil)
        #expect(ActionEditRules.refProblem("2.1.3", actionID: nil, among: others) == nil)
    }

    @Test("The suggested reference is the next in the area, skipping one taken elsewhere in the plan")
    func suggestedRef() {
        let area = Area(id: 5, themeID: 1, position: 0, ref: "2.1", title: "Assessment")
        let actions = [Action(id: 1, areaID: 5, ref: "2.1.1", title: "A"), Action(id: 2, areaID: 5, ref: "2.1.2", title: "B")]
        #expect(ActionEditRules.suggestedRef(in: area, actions: actions, planActions: actions) == "2.1.3")
        let stray = actions + [Action(id: 3, areaID: 6, ref: "2.1.3", title: "C")]
        #expect(ActionEditRules.suggestedRef(in: area, actions: actions, planActions: stray) == "2.1.4")
        let empty = Area(id: 8, themeID: 1, position: 1, ref: "3.2", title: "Leadership")
        #expect(ActionEditRules.suggestedRef(in: empty, actions: [], planActions: actions) == "3.2.1")
    }

    @Test("An override needs a reason and an end date after the day it is set")
    func overrideRules() throws {
        #expect(throws: ValidationError(field: "overrideReason", message: "Enter the reason for overriding the rating")) {
            try RatingOverride(rating: .amber, reason: "   ", by: "Sam", on: Self.today, until: Day(2027, 1, 31))
        }
        #expect(throws: ValidationError(field: "overrideUntil", message: "The date the override ends must be after 23 November 2026")) {
            try RatingOverride(rating: .amber, reason: "Agreed at board", by: "Sam", on: Self.today, until: Self.today)
        }
        let override = try RatingOverride(rating: .green, reason: "New date agreed", by: "Sam", on: Self.today, until: Day(2027, 1, 31))
        #expect(override.isInForce(on: Day(2027, 1, 31)))
        #expect(!override.isInForce(on: Day(2027, 2, 1)))
    }

    @Test("After its end date an override no longer stands: the calculated rating applies again")
    func overrideEnds() throws {
        var action = Self.action(due: Day(2026, 10, 1))
        action.override = try RatingOverride(rating: .green, reason: "New date agreed", by: "Sam", on: Day(2026, 10, 2), until: Day(2026, 12, 31))
        let during = DeliveryRules.deliveryRating(of: action, asAt: Self.today)
        #expect(during.rating == .green)
        #expect(during.isOverridden)
        let after = DeliveryRules.deliveryRating(of: action, asAt: Day(2027, 1, 1))
        #expect(after.rating == .red)
        #expect(!after.isOverridden)
    }

    @Test("Evidence needs text and a date no later than today, and records who gave it")
    func evidence() throws {
        var action = Self.action()
        do {
            try action.addEvidence("  ", date: Day(2026, 11, 24), author: "Sam", authorRole: "Editor", today: Self.today)
            Issue.record("expected the evidence to be refused")
        } catch {
            #expect(error.errors.map(\.field) == ["text", "date"])
        }
        try action.addEvidence(" Re-audit: 80% good ", date: Self.today, author: "Sam Okafor", authorRole: "Editor", today: Self.today)
        #expect(action.evidence == [EvidenceOfImpact(date: Self.today, text: "Re-audit: 80% good", author: "Sam Okafor", authorRole: "Editor")])
    }

    @Test("Putting an action on hold or withdrawing it needs a reason; other changes do not")
    func statusReason() {
        #expect(ActionEditRules.statusProblem(from: .inProgress, to: .onHold, reason: " ")?.message == "Enter why the action is being put on hold")
        #expect(ActionEditRules.statusProblem(from: .inProgress, to: .withdrawn, reason: nil)?.message == "Enter why the action is being withdrawn")
        #expect(ActionEditRules.statusProblem(from: .inProgress, to: .onHold, reason: "Paused by the board") == nil)
        #expect(ActionEditRules.statusProblem(from: .onHold, to: .onHold, reason: nil) == nil)
        #expect(ActionEditRules.statusProblem(from: .notStarted, to: .inProgress, reason: nil) == nil)
    }

    @Test("Milestones: titles are required and an unknown id is refused")
    func milestones() throws {
        var action = Self.action()
        action.milestones = [Milestone(id: 3, title: "Train staff", dueDate: Day(2027, 1, 1))]
        do {
            try action.replaceMilestones([Milestone(id: 3, title: " "), Milestone(id: 99, title: "Other")])
            Issue.record("expected the milestones to be refused")
        } catch {
            #expect(error.errors.map(\.field) == ["milestones[0].title", "milestones[1].id"])
        }
        try action.replaceMilestones([Milestone(id: 3, title: " Train all staff ", dueDate: Day(2027, 2, 1)), Milestone(title: "Audit")])
        #expect(action.milestones.map(\.title) == ["Train all staff", "Audit"])
    }
}
