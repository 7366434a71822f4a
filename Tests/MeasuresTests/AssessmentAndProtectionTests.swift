import Core
import Testing
@testable import Measures

// Worked days used below (statutory convention: the start day is not counted):
// - 45 working days from Thu 28 Mar 2024 end on Wed 5 Jun 2024 (Good Friday, Easter Monday and
//   the May bank holidays skipped); under the peer convention on Tue 4 Jun.
// - 15 working days from Mon 6 May 2024 (a bank holiday): 7–10 May = 4, 13–17 = 9, 20–24 = 14,
//   Tue 28 May = 15 (Mon 27 May is the spring bank holiday).
// - 15 working days from Mon 3 Jun 2024: 4–7 Jun = 4, 10–14 = 9, 17–21 = 14, Mon 24 Jun = 15.

@Suite("Assessments")
struct AssessmentMeasureTests {
    let engine = Build.engine { i in
        let l = "List_4"
        i.assessments = [
            Assessment(source: Build.source(l, 3), child: Build.child("A1", team: "North"), start: Day(2024, 3, 28), childSeen: .yes, authorised: Day(2024, 6, 5)),
            Assessment(source: Build.source(l, 4), child: Build.child("A2", team: "North"), start: Day(2024, 3, 28), childSeen: .no, authorised: Day(2024, 6, 6)),
            // Authorised on the last day of the period (a Sunday): counted.
            Assessment(source: Build.source(l, 5), child: Build.child("A3", team: "South"), start: Day(2024, 6, 3), childSeen: .unknown, authorised: Day(2024, 6, 30)),
            // After the as-at date, and in the previous quarter: not counted.
            Assessment(source: Build.source(l, 6), child: Build.child("A4"), start: Day(2024, 6, 3), childSeen: .yes, authorised: Day(2024, 7, 1)),
            Assessment(source: Build.source(l, 7), child: Build.child("A5"), start: Day(2024, 2, 1), childSeen: .yes, authorised: Day(2024, 3, 31)),
            // Open: not in ASM-45WD.
            Assessment(source: Build.source(l, 8), child: Build.child("A6"), start: Day(2024, 6, 20)),
            { var a = Assessment(source: Build.source(l, 9), child: Build.child("A7"), start: Day(2024, 6, 1), childSeen: nil, authorised: Day(2024, 5, 1))
              a.unusable = ["assessmentAuthorised"]; return a }(),
        ]
    }

    @Test("ASM-45WD: authorised in the period on or before day 45; a bad row is excluded")
    func within45() {
        let r = engine.run("ASM-45WD")
        // Counted: A1 (5 Jun = day 45, in), A2 (6 Jun = day 46, late), A3 (30 Jun, in). 2 ÷ 3 = 66.7%.
        #expect(r.numerator == 2)
        #expect(r.denominator == 3)
        #expect(abs((r.value ?? 0) - 200.0 / 3.0) < 1e-9)
        #expect(r.counted.map(\.childID) == ["A1", "A2", "A3"])
        let a1 = r.counted[0]
        #expect(a1.daysTaken == 45)
        #expect(a1.inNumerator)
        #expect(r.counted[1].daysTaken == 46)
        #expect(r.counted[1].status == "late")
        #expect(r.excluded.map(\.childID) == ["A7"])
        // Breakdown by team: North 1 of 2, South 1 of 1.
        let north = r.breakdowns.first { $0.dimension == "team" && $0.group == "North" }
        #expect(north?.numerator == 1)
        #expect(north?.denominator == 2)
    }

    @Test("ASM-45WD under the peer convention: 5 Jun is day 46, late")
    func peer() {
        let peerEngine = MeasureEngine(inputs: engine.inputs, options: EngineOptions(convention: .peer))
        let r = peerEngine.run("ASM-45WD")
        // A1 now late (deadline Tue 4 Jun), A2 late, A3 in: 1 ÷ 3.
        #expect(r.numerator == 1)
        #expect(r.denominator == 3)
        #expect(r.counted[0].daysTaken == 46)
        #expect(r.convention == .peer)
    }

    @Test("ASM-OVERDUE: open at the as-at date and past day 45")
    func overdue() {
        let e = Build.engine { i in
            i.assessments = [
                Assessment(source: Build.source("L4", 3), child: Build.child("O1"), start: Day(2024, 3, 28)), // due 5 Jun: overdue
                Assessment(source: Build.source("L4", 4), child: Build.child("O2"), start: Day(2024, 6, 20)), // not yet due
                Assessment(source: Build.source("L4", 5), child: Build.child("O3"), start: Day(2024, 3, 28), authorised: Day(2024, 7, 2)), // open at 30 Jun
                Assessment(source: Build.source("L4", 6), child: Build.child("O4"), start: Day(2024, 3, 28), authorised: Day(2024, 6, 1)), // closed
                Assessment(source: Build.source("L4", 7), child: Build.child("O5"), start: Day(2024, 7, 5)), // not started yet
                Assessment(source: Build.source("L4", 8), child: Build.child("O6"), start: nil), // no start: excluded
            ]
        }
        let r = e.run("ASM-OVERDUE")
        // Open: O1, O2, O3 (3); overdue: O1, O3 (2).
        #expect(r.numerator == 2)
        #expect(r.denominator == 3)
        #expect(r.value == 2)
        #expect(r.openAndOverdue.map(\.childID) == ["O1", "O3"])
        #expect(r.excluded.map(\.reason) == ["no usable start date"])
        // On the deadline day itself it is not yet overdue; the day after it is.
        #expect(e.run("ASM-OVERDUE", asAt: Day(2024, 6, 5)).numerator == 0)
        #expect(e.run("ASM-OVERDUE", asAt: Day(2024, 6, 6)).numerator == 2)
    }

    @Test("ASM-SEEN: seen yes among assessments authorised in the period")
    func seen() {
        let r = engine.run("ASM-SEEN")
        // A1 yes, A2 no, A3 unknown (counted, not seen): 1 ÷ 3.
        #expect(r.numerator == 1)
        #expect(r.denominator == 3)
    }
}

@Suite("Child protection")
struct ProtectionMeasureTests {
    @Test("ICPC-15WD: conferences in the period; strategy discussion on a bank holiday; deemed unnecessary left out")
    func icpc() {
        let e = Build.engine { i in
            i.enquiries = [
                Section47Enquiry(source: Build.source("L5", 3), child: Build.child("E1"), strategyDiscussion: Day(2024, 5, 6), conferenceDeemedUnnecessary: .no, conference: Day(2024, 5, 28)),
                Section47Enquiry(source: Build.source("L5", 4), child: Build.child("E2"), strategyDiscussion: Day(2024, 5, 6), conferenceDeemedUnnecessary: .no, conference: Day(2024, 5, 29)),
                Section47Enquiry(source: Build.source("L5", 5), child: Build.child("E3"), strategyDiscussion: Day(2024, 5, 6), conferenceDeemedUnnecessary: .yes, conference: Day(2024, 5, 20)),
                Section47Enquiry(source: Build.source("L5", 6), child: Build.child("E4"), strategyDiscussion: Day(2024, 3, 1), conference: Day(2024, 3, 20)),
            ]
        }
        let r = e.run("ICPC-15WD")
        // E1 on 28 May is day 15 (in), E2 on 29 May day 16 (late): 1 ÷ 2 = 50%.
        #expect(r.numerator == 1)
        #expect(r.denominator == 2)
        #expect(r.value == 50)
        #expect(r.counted.map(\.daysTaken) == [15, 16])
        #expect(r.excluded.map(\.reason) == ["conference deemed unnecessary"])
    }

    @Test("S47-OVERDUE: no conference 15 working days after the strategy discussion")
    func s47() {
        let e = Build.engine { i in
            i.enquiries = [
                Section47Enquiry(source: Build.source("L5", 3), child: Build.child("S1"), strategyDiscussion: Day(2024, 6, 3)), // due 24 Jun: overdue
                Section47Enquiry(source: Build.source("L5", 4), child: Build.child("S2"), strategyDiscussion: Day(2024, 6, 20)), // not yet due
                Section47Enquiry(source: Build.source("L5", 5), child: Build.child("S3"), strategyDiscussion: Day(2024, 5, 1), conferenceDeemedUnnecessary: .yes),
                Section47Enquiry(source: Build.source("L5", 6), child: Build.child("S4"), strategyDiscussion: Day(2024, 6, 1), conference: Day(2024, 6, 10)),
            ]
        }
        let r = e.run("S47-OVERDUE")
        // Open: S1, S2; overdue: S1.
        #expect(r.numerator == 1)
        #expect(r.denominator == 2)
        #expect(r.openAndOverdue.first?.dates.last == DateUsed("deadline", "2024-06-24"))
        #expect(e.run("S47-OVERDUE", asAt: Day(2024, 6, 24)).numerator == 0)
    }

    @Test("CPP-REPEAT: plans starting in the period with previous plans")
    func repeatPlans() {
        let e = Build.engine { i in
            i.protectionPlans = [
                ProtectionPlan(source: Build.source("L7", 3), child: Build.child("P1"), start: Day(2024, 4, 1), previousPlans: 0),
                ProtectionPlan(source: Build.source("L7", 4), child: Build.child("P2"), start: Day(2024, 6, 30), previousPlans: 2),
                ProtectionPlan(source: Build.source("L7", 5), child: Build.child("P3"), start: Day(2024, 5, 1), previousPlans: nil),
                ProtectionPlan(source: Build.source("L7", 6), child: Build.child("P4"), start: Day(2024, 3, 31), previousPlans: 1),
            ]
        }
        let r = e.run("CPP-REPEAT")
        // P1 first plan, P2 repeat (starts on the period's last day); P3 blank → excluded; P4 before the period. 1 ÷ 2.
        #expect(r.numerator == 1)
        #expect(r.denominator == 2)
        #expect(r.excluded.count == 1)
    }

    @Test("CPP-18M: open plans started more than 18 months before the as-at date")
    func eighteenMonths() {
        let e = Build.engine { i in
            i.protectionPlans = [
                ProtectionPlan(source: Build.source("L7", 3), child: Build.child("Q1"), start: Day(2022, 12, 29)), // 18 months on 29 Jun 2024: over
                ProtectionPlan(source: Build.source("L7", 4), child: Build.child("Q2"), start: Day(2022, 12, 30)), // exactly 18 months: not over
                ProtectionPlan(source: Build.source("L7", 5), child: Build.child("Q3"), start: Day(2024, 1, 1)),
                ProtectionPlan(source: Build.source("L7", 6), child: Build.child("Q4"), start: Day(2020, 1, 1), end: Day(2024, 5, 1)), // ended
                ProtectionPlan(source: Build.source("L7", 7), child: Build.child("Q5"), start: Day(2020, 1, 1), end: Day(2024, 7, 15)), // open at as-at
            ]
        }
        let r = e.run("CPP-18M")
        // Open: Q1, Q2, Q3, Q5; over 18 months: Q1, Q5. 2 ÷ 4 = 50%.
        #expect(r.numerator == 2)
        #expect(r.denominator == 4)
        #expect(r.value == 50)
    }

    @Test("CPP-2Y-ENDED: plans ending in the period on or after their second anniversary")
    func twoYearsEnded() {
        let e = Build.engine { i in
            var bad = ProtectionPlan(source: Build.source("L7", 6), child: Build.child("R4"), start: Day(2024, 5, 1), end: Day(2024, 4, 1))
            bad.unusable = ["planEnd"]
            i.protectionPlans = [
                ProtectionPlan(source: Build.source("L7", 3), child: Build.child("R1"), start: Day(2022, 4, 1), end: Day(2024, 4, 1)), // exactly 2 years
                ProtectionPlan(source: Build.source("L7", 4), child: Build.child("R2"), start: Day(2022, 4, 2), end: Day(2024, 4, 1)), // a day short
                ProtectionPlan(source: Build.source("L7", 5), child: Build.child("R3"), start: Day(2021, 1, 1), end: Day(2024, 6, 30)), // last day of period
                bad,
            ]
        }
        let r = e.run("CPP-2Y-ENDED")
        // R1 and R3 lasted 2 years or more, R2 did not; R4 excluded. 2 ÷ 3.
        #expect(r.numerator == 2)
        #expect(r.denominator == 3)
        #expect(r.excluded.map(\.childID) == ["R4"])
    }

    @Test("CP-VISIT: last statutory visit within 10 working days of the as-at date")
    func visits() {
        let asAt = Day(2024, 6, 28) // a Friday
        let e = Build.engine { i in
            i.protectionPlans = [
                // 10 working days after Fri 14 Jun is Fri 28 Jun: in.
                ProtectionPlan(source: Build.source("L7", 3), child: Build.child("V1"), start: Day(2024, 1, 1), lastStatutoryVisit: Day(2024, 6, 14)),
                // After Thu 13 Jun the 10th working day is Thu 27 Jun: out.
                ProtectionPlan(source: Build.source("L7", 4), child: Build.child("V2"), start: Day(2024, 1, 1), lastStatutoryVisit: Day(2024, 6, 13)),
                ProtectionPlan(source: Build.source("L7", 5), child: Build.child("V3"), start: Day(2024, 6, 20)), // not yet due
                ProtectionPlan(source: Build.source("L7", 6), child: Build.child("V4"), start: Day(2024, 1, 1)), // never visited
            ]
        }
        let r = e.run("CP-VISIT", asAt: asAt)
        #expect(r.numerator == 1)
        #expect(r.denominator == 3)
        #expect(r.excluded.map(\.childID) == ["V3"])
    }

    @Test("CP-REVIEW: first review 3 months after the start, then 6 months after the latest")
    func reviews() {
        let e = Build.engine { i in
            i.protectionPlans = [
                ProtectionPlan(source: Build.source("L7", 3), child: Build.child("W1"), start: Day(2024, 1, 15)), // due 15 Apr: overdue
                ProtectionPlan(source: Build.source("L7", 4), child: Build.child("W2"), start: Day(2024, 4, 15)), // due 15 Jul: not yet due
                ProtectionPlan(source: Build.source("L7", 5), child: Build.child("W3"), start: Day(2023, 6, 1), latestReviewConference: Day(2024, 1, 10)), // next due 10 Jul
                ProtectionPlan(source: Build.source("L7", 6), child: Build.child("W4"), start: Day(2023, 1, 1), latestReviewConference: Day(2023, 12, 30)), // due 30 Jun = as-at: in
            ]
        }
        let r = e.run("CP-REVIEW")
        // Counted W1 (overdue), W3, W4 (in): 2 ÷ 3.
        #expect(r.numerator == 2)
        #expect(r.denominator == 3)
        #expect(r.excluded.map(\.childID) == ["W2"])
    }
}
