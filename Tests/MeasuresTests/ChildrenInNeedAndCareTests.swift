import Core
import Testing
@testable import Measures

@Suite("Children in need")
struct ChildInNeedMeasureTests {
    @Test("CIN-SEEN: last seen within 20 working days of the as-at date")
    func seen() {
        let asAt = Day(2024, 6, 28) // Fri
        let e = Build.engine { i in
            i.childInNeed = [
                // 20 working days after Fri 31 May: 3–7 Jun 5, 10–14 10, 17–21 15, 24–28 20 → Fri 28 Jun: in.
                ChildInNeedEpisode(source: Build.source("L6", 3), child: Build.child("N1"), start: Day(2024, 1, 1), lastSeen: Day(2024, 5, 31)),
                // After Thu 30 May the 20th working day is Thu 27 Jun: out.
                ChildInNeedEpisode(source: Build.source("L6", 4), child: Build.child("N2"), start: Day(2024, 1, 1), lastSeen: Day(2024, 5, 30)),
                ChildInNeedEpisode(source: Build.source("L6", 5), child: Build.child("N3"), start: Day(2024, 6, 10)), // not yet due
                ChildInNeedEpisode(source: Build.source("L6", 6), child: Build.child("N4"), start: Day(2024, 1, 1), closure: Day(2024, 6, 1)), // closed
                ChildInNeedEpisode(source: Build.source("L6", 7), child: Build.child("N5"), start: Day(2023, 1, 1)), // never seen
            ]
        }
        let r = e.run("CIN-SEEN", asAt: asAt)
        // Counted N1 (in), N2, N5: 1 ÷ 3.
        #expect(r.numerator == 1)
        #expect(r.denominator == 3)
        #expect(r.excluded.map(\.childID) == ["N3"])
    }

    @Test("CIN-2Y: open episodes started more than 2 years before")
    func twoYears() {
        let e = Build.engine { i in
            i.childInNeed = [
                ChildInNeedEpisode(source: Build.source("L6", 3), child: Build.child("T1"), start: Day(2022, 6, 29)), // over
                ChildInNeedEpisode(source: Build.source("L6", 4), child: Build.child("T2"), start: Day(2022, 6, 30)), // exactly 2 years: not over
                ChildInNeedEpisode(source: Build.source("L6", 5), child: Build.child("T3"), start: Day(2024, 1, 1)),
                ChildInNeedEpisode(source: Build.source("L6", 6), child: Build.child("T4"), start: nil), // excluded
            ]
        }
        let r = e.run("CIN-2Y")
        #expect(r.numerator == 1)
        #expect(r.denominator == 3)
        #expect(r.excluded.count == 1)
    }
}

@Suite("Children looked after")
struct LookedAfterMeasureTests {
    func cla(_ id: String, _ row: Int, start: Day?, born: Day? = nil, review: Day? = nil, visit: Day? = nil, health: Day? = nil,
             dental: Day? = nil, placements: Int? = nil, ceased: Day? = nil, missing: Int? = nil, offered: YesNo? = nil) -> LookedAfterChild {
        LookedAfterChild(source: Build.source("L8", row), child: Build.child(id, born: born), start: start, latestReview: review,
                         lastSocialWorkVisit: visit, lastHealthAssessment: health, lastDentalCheck: dental,
                         placementsInLast12Months: placements, ceased: ceased, missingEpisodesInLast12Months: missing,
                         returnInterviewOffered: offered)
    }

    @Test("CLA-REVIEW: 20 working days, then 3 months after the first, then 6 months")
    func reviews() {
        let e = Build.engine { i in
            i.lookedAfter = [
                cla("C1", 3, start: Day(2024, 6, 10)), // first due 8 Jul: not yet due
                // From Wed 1 May: 2–3 May 2, 7–10 6 (6 May a bank holiday), 13–17 11, 20–24 16, 28–31 20 (27 May a bank holiday)
                // → first due Fri 31 May: overdue at 30 Jun.
                cla("C2", 4, start: Day(2024, 5, 1)),
                cla("C3", 5, start: Day(2024, 5, 1), review: Day(2024, 5, 20)), // first review in time → second due 20 Aug
                cla("C4", 6, start: Day(2024, 1, 1), review: Day(2024, 3, 1)), // later review → next due 1 Sep
                cla("C5", 7, start: Day(2023, 1, 1), review: Day(2023, 3, 15)), // next due 15 Sep 2023: overdue
                cla("C6", 8, start: Day(2023, 1, 1), ceased: Day(2024, 6, 1)), // no longer looked after
            ]
        }
        let r = e.run("CLA-REVIEW")
        // Counted C2 (overdue), C3, C4 (in), C5 (overdue): 2 ÷ 4 = 50%.
        #expect(r.numerator == 2)
        #expect(r.denominator == 4)
        #expect(r.excluded.map(\.childID) == ["C1"])
        #expect(r.counted.first { $0.childID == "C2" }?.dates.last == DateUsed("next review due", "2024-05-31"))
        #expect(r.counted.first { $0.childID == "C3" }?.dates.last == DateUsed("next review due", "2024-08-20"))
    }

    @Test("CLA-VISIT: a visit in the 42 days before the as-at date")
    func visits() {
        let e = Build.engine { i in
            i.lookedAfter = [
                cla("V1", 3, start: Day(2024, 1, 1), visit: Day(2024, 5, 19)), // 42 days before 30 Jun: in
                cla("V2", 4, start: Day(2024, 1, 1), visit: Day(2024, 5, 18)), // 43 days: out
                cla("V3", 5, start: Day(2024, 6, 1)), // under 6 weeks, no visit: not yet due
                cla("V4", 6, start: Day(2024, 1, 1)), // never visited
            ]
        }
        let r = e.run("CLA-VISIT")
        #expect(r.numerator == 1)
        #expect(r.denominator == 3)
        #expect(r.excluded.map(\.childID) == ["V3"])
    }

    @Test("CLA-HEALTH: 6 months under 5, 12 months 5 and over, among children looked after 12 months")
    func health() {
        let e = Build.engine { i in
            i.lookedAfter = [
                cla("H1", 3, start: Day(2022, 1, 1), born: Day(2020, 1, 1), health: Day(2024, 1, 1)), // age 4: 6 months back is 30 Dec 2023: in
                cla("H2", 4, start: Day(2022, 1, 1), born: Day(2020, 1, 1), health: Day(2023, 12, 29)), // out
                cla("H3", 5, start: Day(2022, 1, 1), born: Day(2010, 1, 1), health: Day(2023, 6, 30)), // age 14: 12 months back is 30 Jun 2023: in
                cla("H4", 6, start: Day(2024, 1, 1), born: Day(2010, 1, 1)), // looked after under 12 months: not in cohort
                cla("H5", 7, start: Day(2022, 1, 1), born: Day(2010, 1, 1)), // no assessment
                cla("H6", 8, start: Day(2022, 1, 1)), // no date of birth or age: excluded
                cla("H7", 9, start: Day(2023, 6, 30), born: Day(2010, 1, 1), health: Day(2024, 1, 1)), // exactly 12 months: in cohort, in date
            ]
        }
        let r = e.run("CLA-HEALTH")
        // Counted H1, H2, H3, H5, H7; in date H1, H3, H7: 3 ÷ 5 = 60%.
        #expect(r.numerator == 3)
        #expect(r.denominator == 5)
        #expect(r.value == 60)
        #expect(r.excluded.map(\.childID) == ["H6"])
    }

    @Test("CLA-DENTAL: a check in the 12 months before, same cohort")
    func dental() {
        let e = Build.engine { i in
            i.lookedAfter = [
                cla("D1", 3, start: Day(2022, 1, 1), dental: Day(2023, 7, 1)), // in
                cla("D2", 4, start: Day(2022, 1, 1)), // none
                cla("D3", 5, start: Day(2022, 1, 1), dental: Day(2023, 6, 29)), // a day too old
                cla("D4", 6, start: Day(2022, 1, 1), dental: Day(2024, 6, 30)), // on the as-at date
                cla("D5", 7, start: Day(2024, 2, 1), dental: Day(2024, 3, 1)), // not in cohort
            ]
        }
        let r = e.run("CLA-DENTAL")
        // D1, D4 of D1–D4: 2 ÷ 4.
        #expect(r.numerator == 2)
        #expect(r.denominator == 4)
    }

    @Test("CLA-MOVES: three or more placements in 12 months")
    func moves() {
        let e = Build.engine { i in
            i.lookedAfter = [
                cla("M1", 3, start: Day(2023, 1, 1), placements: 3),
                cla("M2", 4, start: Day(2023, 1, 1), placements: 2),
                cla("M3", 5, start: Day(2023, 1, 1), placements: 5),
                cla("M4", 6, start: Day(2023, 1, 1)), // blank: excluded
            ]
        }
        let r = e.run("CLA-MOVES")
        #expect(r.numerator == 2)
        #expect(r.denominator == 3)
        #expect(r.excluded.count == 1)
    }

    @Test("CLA-RHI-OFFERED: offered a return interview, among children missing in 12 months")
    func offered() {
        let e = Build.engine { i in
            i.lookedAfter = [
                cla("R1", 3, start: Day(2023, 1, 1), missing: 2, offered: .yes),
                cla("R2", 4, start: Day(2023, 1, 1), missing: 1, offered: .no),
                cla("R3", 5, start: Day(2023, 1, 1), missing: 0, offered: .no), // never missing: not counted
                cla("R4", 6, start: Day(2023, 1, 1), missing: 3), // blank answer: excluded
            ]
        }
        let r = e.run("CLA-RHI-OFFERED")
        #expect(r.numerator == 1)
        #expect(r.denominator == 2)
        #expect(r.excluded.map(\.childID) == ["R4"])
    }

    @Test("PEP-IN-DATE: school-age children with a PEP this term (summer term from 1 April)")
    func peps() {
        let e = Build.engine { i in
            i.lookedAfter = [
                cla("E1", 3, start: Day(2023, 1, 1), born: Day(2014, 1, 1)), // 9 on 31 Aug 2023
                cla("E2", 4, start: Day(2023, 1, 1), born: Day(2015, 1, 1)), // 8: PEP last term only
                cla("E3", 5, start: Day(2023, 1, 1), born: Day(2020, 1, 1)), // 3: not school age
                cla("E4", 6, start: Day(2023, 1, 1), born: Day(2007, 6, 1)), // 16: not school age
                cla("E5", 7, start: Day(2023, 1, 1)), // no age: excluded
            ]
            i.peps = [
                PersonalEducationPlan(source: Build.source("peps.csv", 2), childID: "E1", date: Day(2024, 5, 1)),
                PersonalEducationPlan(source: Build.source("peps.csv", 3), childID: "E2", date: Day(2024, 3, 15)),
                PersonalEducationPlan(source: Build.source("peps.csv", 4), childID: "E3", date: Day(2024, 5, 1)),
            ]
        }
        let r = e.run("PEP-IN-DATE")
        #expect(r.numerator == 1)
        #expect(r.denominator == 2)
        #expect(r.excluded.map(\.childID) == ["E5"])
    }

    @Test("RHI-72H: return interview within 72 hours of the return, to the minute")
    func returnInterviews() {
        let m = Build.moment
        let e = Build.engine { i in
            i.missingEpisodes = [
                MissingEpisode(source: Build.source("missing.csv", 2), childID: "M1", missingStart: m("2024-05-31T20:00"), missingEnd: m("2024-06-01T10:00"), interviewCompleted: m("2024-06-04T10:00")), // exactly 72:00
                MissingEpisode(source: Build.source("missing.csv", 3), childID: "M2", missingStart: m("2024-05-31T20:00"), missingEnd: m("2024-06-01T10:00"), interviewCompleted: m("2024-06-04T10:01")), // 72:01
                MissingEpisode(source: Build.source("missing.csv", 4), childID: "M3", missingStart: m("2024-06-28T20:00"), missingEnd: m("2024-06-29T12:00")), // not yet due
                MissingEpisode(source: Build.source("missing.csv", 5), childID: "M4", missingStart: m("2024-06-09T20:00"), missingEnd: m("2024-06-10T09:00")), // no interview: late
                MissingEpisode(source: Build.source("missing.csv", 6), childID: "M5", missingStart: m("2024-06-30T20:00"), missingEnd: m("2024-07-01T09:00")), // returned after the period
                MissingEpisode(source: Build.source("missing.csv", 7), childID: "M6", missingStart: m("2024-06-20T20:00")), // still missing
                // Dates only: counted in days, 3 days in time, 4 late.
                MissingEpisode(source: Build.source("missing.csv", 8), childID: "M7", missingStart: m("2024-06-01"), missingEnd: m("2024-06-01"), interviewCompleted: m("2024-06-04")),
                MissingEpisode(source: Build.source("missing.csv", 9), childID: "M8", missingStart: m("2024-06-01"), missingEnd: m("2024-06-01"), interviewCompleted: m("2024-06-05")),
            ]
        }
        let r = e.run("RHI-72H")
        // Counted M1 (in), M2 (late), M4 (late), M7 (in), M8 (late): 2 ÷ 5 = 40%.
        #expect(r.counted.map(\.childID) == ["M1", "M2", "M4", "M7", "M8"])
        #expect(r.numerator == 2)
        #expect(r.denominator == 5)
        #expect(r.excluded.map(\.childID) == ["M3", "M6"])
        #expect(r.counted[3].status.contains("dates only"))
    }
}

@Suite("Care leavers and adoption")
struct CareLeaverAndAdoptionTests {
    let engine = Build.engine { i in
        var l4 = CareLeaver(source: Build.source("L9", 6), child: Build.child("L4"), inTouch: "yes", accommodationSuitable: nil, activity: "P3")
        l4.unusable = ["accommodationSuitability"]
        i.careLeavers = [
            CareLeaver(source: Build.source("L9", 3), child: Build.child("L1"), inTouch: "yes", accommodationSuitable: true, activity: "F1"),
            CareLeaver(source: Build.source("L9", 4), child: Build.child("L2"), inTouch: "no", accommodationSuitable: false, activity: "G4"),
            CareLeaver(source: Build.source("L9", 5), child: Build.child("L3")), // not in touch, nothing recorded
            l4,
        ]
    }

    @Test("CL-ACCOM: suitable ÷ all care leavers, blanks in the denominator, unknown codes excluded")
    func accommodation() {
        let r = engine.run("CL-ACCOM")
        #expect(r.numerator == 1)
        #expect(r.denominator == 3)
        #expect(r.excluded.map(\.childID) == ["L4"])
    }

    @Test("CL-EET: activity F1, P1, F2, P2, F3 or P3")
    func eet() {
        let r = engine.run("CL-EET")
        // L1 F1 and L4 P3 of 4: 50%.
        #expect(r.numerator == 2)
        #expect(r.denominator == 4)
        #expect(r.value == 50)
    }

    @Test("CL-IN-TOUCH: LA in touch yes")
    func inTouch() {
        let r = engine.run("CL-IN-TOUCH")
        #expect(r.numerator == 2)
        #expect(r.denominator == 4)
    }

    @Test("ADO-ENTRY-TO-PLACED and ADO-ORDER-TO-MATCH: mean calendar days")
    func adoption() {
        let e = Build.engine { i in
            i.adoptions = [
                // 1 Apr 2023 → 1 Apr 2024: 366 days (2024 is a leap year).
                AdoptionRecord(source: Build.source("L10", 3), child: Build.child("D1"), enteredCare: Day(2023, 4, 1), placementOrder: Day(2024, 1, 1), matched: Day(2024, 4, 10), placed: Day(2024, 4, 1)),
                // 1 Jan → 30 Jun 2024: 31 + 29 + 31 + 30 + 31 + 29 = 181 days. Order 1 May → match 21 May: 20 days.
                AdoptionRecord(source: Build.source("L10", 4), child: Build.child("D2"), enteredCare: Day(2024, 1, 1), placementOrder: Day(2024, 5, 1), matched: Day(2024, 5, 21), placed: Day(2024, 6, 30)),
                AdoptionRecord(source: Build.source("L10", 5), child: Build.child("D3"), enteredCare: Day(2023, 1, 1), placed: Day(2024, 3, 31)), // before the period
                AdoptionRecord(source: Build.source("L10", 6), child: Build.child("D4"), placed: Day(2024, 5, 1)), // no date entered care
            ]
        }
        let placed = e.run("ADO-ENTRY-TO-PLACED")
        // (366 + 181) ÷ 2 = 273.5 days.
        #expect(placed.numerator == 547)
        #expect(placed.denominator == 2)
        #expect(placed.value == 273.5)
        #expect(placed.excluded.map(\.childID) == ["D4"])
        let matched = e.run("ADO-ORDER-TO-MATCH")
        // 1 Jan → 10 Apr 2024: 31 + 29 + 31 + 9 = 100 days; (100 + 20) ÷ 2 = 60.
        #expect(matched.value == 60)
    }
}
