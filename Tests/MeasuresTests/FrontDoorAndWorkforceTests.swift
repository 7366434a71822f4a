import Core
import Testing
@testable import Measures

@Suite("Front door")
struct FrontDoorMeasureTests {
    let m = Build.moment

    @Test("CON-NFA: contacts received in the period with outcome NFA")
    func contactsNFA() {
        let e = Build.engine { i in
            i.contacts = [
                Contact(source: Build.source("contacts.csv", 2), contactID: "K1", childID: "C1", received: m("2024-04-01T00:00"), outcome: "NFA"),
                Contact(source: Build.source("contacts.csv", 3), contactID: "K2", childID: "C2", received: m("2024-05-01T09:00"), outcome: "Referral to CSC"),
                Contact(source: Build.source("contacts.csv", 4), contactID: "K3", childID: "C3", received: m("2024-06-30T23:59"), outcome: "nfa"),
                Contact(source: Build.source("contacts.csv", 5), contactID: "K4", childID: "C4", received: m("2024-03-31T23:59"), outcome: "NFA"), // previous quarter
            ]
        }
        let r = e.run("CON-NFA")
        #expect(r.numerator == 2)
        #expect(r.denominator == 3)
    }

    @Test("CON-TIMELY: 24 hours for cp and assessment, 72 otherwise; per category")
    func contactsTimely() {
        let e = Build.engine { i in
            i.contacts = [
                Contact(source: Build.source("contacts.csv", 2), contactID: "K1", childID: "C1", received: m("2024-06-01T09:00"), decided: m("2024-06-02T09:00"), category: "cp"), // 24:00
                Contact(source: Build.source("contacts.csv", 3), contactID: "K2", childID: "C2", received: m("2024-06-01T09:00"), decided: m("2024-06-02T09:01"), category: "cp"), // 24:01
                Contact(source: Build.source("contacts.csv", 4), contactID: "K3", childID: "C3", received: m("2024-06-01T09:00"), decided: m("2024-06-04T09:00"), category: "advice"), // 72:00
                Contact(source: Build.source("contacts.csv", 5), contactID: "K4", childID: "C4", received: m("2024-06-01"), decided: m("2024-06-03"), category: "assessment"), // 2 days > 1
                Contact(source: Build.source("contacts.csv", 6), contactID: "K5", childID: "C5", received: m("2024-06-01T09:00"), category: "cp"), // not decided
            ]
        }
        let r = e.run("CON-TIMELY")
        // K1 and K3 in time of K1–K4: 50%.
        #expect(r.numerator == 2)
        #expect(r.denominator == 4)
        let cp = r.breakdowns.first { $0.dimension == "category" && $0.group == "cp" }
        #expect(cp?.numerator == 1)
        #expect(cp?.denominator == 2)
    }

    @Test("SD-4H: strategy discussions within 4 hours of the referral")
    func strategy() {
        let e = Build.engine { i in
            i.strategyDiscussions = [
                StrategyDiscussion(source: Build.source("sd.csv", 2), childID: "S1", referral: m("2024-06-01T10:00"), held: m("2024-06-01T14:00")),
                StrategyDiscussion(source: Build.source("sd.csv", 3), childID: "S2", referral: m("2024-06-01T10:00"), held: m("2024-06-01T14:01")),
                StrategyDiscussion(source: Build.source("sd.csv", 4), childID: "S3", referral: m("2024-06-30T22:00"), held: m("2024-07-01T01:00")), // held after the period
            ]
        }
        let r = e.run("SD-4H")
        #expect(r.numerator == 1)
        #expect(r.denominator == 2)
    }

    @Test("REF-NFA and REF-REPEAT over List 3")
    func referrals() {
        let e = Build.engine { i in
            i.referrals = [
                Referral(source: Build.source("L3", 3), child: Build.child("F1"), date: Day(2024, 4, 1), nfa: .yes, referralsInLast12Months: 0),
                Referral(source: Build.source("L3", 4), child: Build.child("F2"), date: Day(2024, 5, 1), nfa: .no, referralsInLast12Months: 2),
                Referral(source: Build.source("L3", 5), child: Build.child("F3"), date: Day(2024, 6, 30), nfa: .unknown, referralsInLast12Months: nil),
                Referral(source: Build.source("L3", 6), child: Build.child("F4"), date: Day(2024, 6, 1), nfa: nil, referralsInLast12Months: 1),
                Referral(source: Build.source("L3", 7), child: Build.child("F5"), date: Day(2024, 3, 1), nfa: .yes, referralsInLast12Months: 1), // before the period
            ]
        }
        let nfa = e.run("REF-NFA")
        // F1 yes; F2 no; F3 unknown (counted, not NFA); F4 blank → excluded: 1 ÷ 3.
        #expect(nfa.numerator == 1)
        #expect(nfa.denominator == 3)
        #expect(nfa.excluded.map(\.childID) == ["F4"])
        let repeats = e.run("REF-REPEAT")
        // F1 0, F2 2, F4 1; F3 blank → excluded: 2 ÷ 3.
        #expect(repeats.numerator == 2)
        #expect(repeats.denominator == 3)
    }
}

@Suite("Workforce and practice")
struct WorkforceMeasureTests {
    let engine = Build.engine { i in
        i.lookedAfter = [LookedAfterChild(source: Build.source("L8", 3), child: Build.child("X", team: "CLA", worker: "W1"), start: Day(2023, 1, 1))]
        i.protectionPlans = [ProtectionPlan(source: Build.source("L7", 3), child: Build.child("Y", team: "CP", worker: "W1"), start: Day(2024, 1, 1))]
        i.childInNeed = [
            ChildInNeedEpisode(source: Build.source("L6", 3), child: Build.child("X", team: "CIN", worker: "W9"), start: Day(2022, 1, 1)), // X already counted on List 8
            ChildInNeedEpisode(source: Build.source("L6", 4), child: Build.child("Z", team: "CIN", worker: "W2"), start: Day(2024, 2, 1)),
            ChildInNeedEpisode(source: Build.source("L6", 5), child: Build.child("V", team: "CIN"), start: Day(2024, 2, 1)), // unallocated
            ChildInNeedEpisode(source: Build.source("L6", 6), child: Build.child("U", worker: "W3"), start: Day(2024, 2, 1), closure: Day(2024, 6, 1)), // closed
        ]
        i.supervisions = [
            Supervision(source: Build.source("sup.csv", 2), childID: "X", date: Day(2024, 5, 19)), // 42 days: in
            Supervision(source: Build.source("sup.csv", 3), childID: "Y", date: Day(2024, 5, 18)), // 43 days: out
            Supervision(source: Build.source("sup.csv", 4), childID: "Z", date: Day(2024, 7, 1)), // after the as-at date: ignored
        ]
    }

    @Test("CASELOAD: open allocated children once each ÷ workers")
    func caseload() {
        let r = engine.run("CASELOAD")
        // X (W1), Y (W1), Z (W2): 3 cases ÷ 2 workers = 1.5.
        #expect(r.numerator == 3)
        #expect(r.denominator == 2)
        #expect(r.value == 1.5)
        #expect(r.counted.first { $0.childID == "X" }?.worker == "W1")
    }

    @Test("SUP-6W: supervision in the 42 days before the as-at date")
    func supervision() {
        let r = engine.run("SUP-6W")
        #expect(r.numerator == 1)
        #expect(r.denominator == 3)
    }

    @Test("EHCP-20W: issued within 140 days of the request, exceptions left out")
    func ehcp() {
        let e = Build.engine { i in
            i.ehcPlans = [
                EHCPlanRequest(source: Build.source("ehc.csv", 2), request: Day(2024, 1, 1), issued: Day(2024, 5, 20)), // day 140
                EHCPlanRequest(source: Build.source("ehc.csv", 3), request: Day(2024, 1, 1), issued: Day(2024, 5, 21)), // day 141
                EHCPlanRequest(source: Build.source("ehc.csv", 4), request: Day(2024, 1, 1), issued: Day(2024, 6, 1), exception: "School holidays"),
                EHCPlanRequest(source: Build.source("ehc.csv", 5), request: Day(2024, 3, 1), issued: Day(2024, 4, 1), exception: "no"),
            ]
        }
        let r = e.run("EHCP-20W")
        #expect(r.numerator == 2)
        #expect(r.denominator == 3)
        #expect(r.excluded.first?.reason == "exception recorded: School holidays")
    }
}

@Suite("The catalogue and the engine")
struct CatalogueTests {
    @Test("every catalogue id is computed, none twice")
    func everyMeasure() {
        let ids = MeasureCatalogue.all.map(\.id)
        #expect(MeasureCatalogue.annexAAndLocalEvents.count == 33)
        #expect(Set(ids).count == ids.count)
        let results = Build.engine { _ in }.computeAll(period: q1, asAt: june30)
        #expect(results.map(\.measure.id) == ids)
        // Nothing to count: no value for rates and means; a count of 0 for the overdue counts.
        #expect(results.allSatisfy { $0.missingInput == nil && $0.value == ($0.measure.aggregation == .count ? 0 : nil) })
    }

    @Test("a measure whose input was not supplied says so")
    func missingInput() {
        let r = MeasureEngine(inputs: MeasureInputs()).compute("ASM-45WD", period: q1, asAt: june30)!
        #expect(r.missingInput == "list4")
        #expect(r.value == nil)
    }

    @Test("a result becomes a computed plan measure value")
    func measureValue() {
        let e = Build.engine { i in
            i.assessments = [Assessment(source: Build.source("L4", 3), child: Build.child("A"), start: Day(2024, 3, 28), authorised: Day(2024, 6, 5))]
        }
        let value = e.run("ASM-45WD").measureValue(fileName: "annex-a.xlsx")
        #expect(value?.value == 100)
        #expect(value?.numerator == 1)
        #expect(value?.denominator == 1)
        #expect(value?.computedFrom == "annex-a.xlsx as at 30 June 2024")
    }
}
