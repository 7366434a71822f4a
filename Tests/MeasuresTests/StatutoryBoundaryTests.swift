import Core
import Foundation
@testable import Measures
import Testing

/// Issue 16 item 5: three boundaries an independent re-implementation found the engine and
/// docs/measures.md disagreed on, each decided against the statutory guidance.
@Suite("Statutory boundaries")
struct StatutoryBoundaryTests {
    @Test("CIN-SEEN: a last-seen date of 'not known' is left out as unusable, not counted as unseen")
    func lastSeenNotKnown() {
        // The reader marks the field under this key when the cell is not a date.
        #expect(AnnexAField.lastSeen.rawValue == "lastSeen")
        let e = Build.engine { i in
            var notKnown = ChildInNeedEpisode(source: Build.source("L6", 3), child: Build.child("K1"), start: Day(2024, 1, 2))
            notKnown.unusable = ["lastSeen"]
            i.childInNeed = [
                notKnown,
                ChildInNeedEpisode(source: Build.source("L6", 4), child: Build.child("K2"), start: Day(2024, 1, 2)), // blank: never seen, counted
                ChildInNeedEpisode(source: Build.source("L6", 5), child: Build.child("K3"), start: Day(2024, 1, 2), lastSeen: Day(2024, 6, 20)),
            ]
        }
        let r = e.compute(.cinSeen, period: q1, asAt: june30)
        #expect(r.denominator == 2)
        #expect(r.numerator == 1)
        #expect(r.excluded.map(\.childID) == ["K1"])
        #expect(r.excluded.first?.reason == "last seen date unusable (see data quality)")
    }

    @Test("CIN-SEEN: the generator's 'not known' rows read from a workbook are left out and named in the data-quality report")
    func lastSeenNotKnownFromWorkbook() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("boundary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workbook = folder.appendingPathComponent("annex-a.xlsx")
        _ = try AnnexAGenerator(children: 2000, seed: 42, asAt: Day(2024, 3, 31)).write(workbook: workbook)
        let inputs = try AnnexAReader.read(url: workbook)
        let notKnown = inputs.childInNeed.filter { $0.unusable.contains("lastSeen") }
        try #require(!notKnown.isEmpty, "seed 42 with 2,000 children writes at least one 'not known' last-seen date")
        #expect(inputs.dataQuality.contains { $0.column?.contains("Last Seen") == true })
        let r = MeasureEngine(inputs: inputs).compute(.cinSeen, period: .financialYear(startYear: 2023), asAt: Day(2024, 3, 31))
        let counted = Set(r.counted.map(\.childID))
        for episode in notKnown where (episode.start.map { $0 <= Day(2024, 3, 31) } ?? false) && episode.closure == nil {
            #expect(!counted.contains(episode.child.childID))
            #expect(r.excluded.contains { $0.childID == episode.child.childID && $0.reason.hasPrefix("last seen date unusable") })
        }
    }

    @Test("CP-REVIEW: a review due on the as-at date is in time, the first and later ones alike; due yesterday is overdue; due tomorrow, not yet due")
    func reviewDueOnTheDay() {
        let e = Build.engine { i in
            i.protectionPlans = [
                ProtectionPlan(source: Build.source("L7", 3), child: Build.child("F-today"), start: Day(2024, 3, 30)), // first due 30 Jun
                ProtectionPlan(source: Build.source("L7", 4), child: Build.child("F-yesterday"), start: Day(2024, 3, 29)), // due 29 Jun
                ProtectionPlan(source: Build.source("L7", 5), child: Build.child("F-tomorrow"), start: Day(2024, 4, 1)), // due 1 Jul
                ProtectionPlan(source: Build.source("L7", 6), child: Build.child("L-today"), start: Day(2023, 1, 1),
                               latestReviewConference: Day(2023, 12, 30)), // next due 30 Jun
                ProtectionPlan(source: Build.source("L7", 7), child: Build.child("L-yesterday"), start: Day(2023, 1, 1),
                               latestReviewConference: Day(2023, 12, 29)), // next due 29 Jun
            ]
        }
        let r = e.compute(.cpReview, period: q1, asAt: june30)
        #expect(r.counted.filter(\.inNumerator).map(\.childID) == ["F-today", "L-today"])
        #expect(r.counted.filter { !$0.inNumerator }.map(\.childID) == ["F-yesterday", "L-yesterday"])
        #expect(r.excluded.map(\.childID) == ["F-tomorrow"])
        #expect(r.value == 50)
    }

    @Test("CLA-REVIEW: a first review due on the as-at date is counted and in time, as a later one is")
    func lookedAfterFirstReviewDueOnTheDay() {
        // Fri 28 Jun 2024 is the 20th working day after Fri 31 May (statutory convention).
        let asAt = Day(2024, 6, 28)
        let e = Build.engine { i in
            i.lookedAfter = [
                LookedAfterChild(source: Build.source("L8", 3), child: Build.child("R-today"), start: Day(2024, 5, 31)),
                LookedAfterChild(source: Build.source("L8", 4), child: Build.child("R-yesterday"), start: Day(2024, 5, 30)),
                LookedAfterChild(source: Build.source("L8", 5), child: Build.child("R-tomorrow"), start: Day(2024, 6, 3)),
            ]
        }
        let r = e.compute(.claReview, period: q1, asAt: asAt)
        #expect(r.counted.map(\.childID) == ["R-today", "R-yesterday"])
        #expect(r.counted.map(\.inNumerator) == [true, false])
        #expect(r.excluded.map(\.childID) == ["R-tomorrow"])
    }

    @Test("CLA-VISIT: looked after exactly 42 days with no visit is due (and late); 41 days is not yet due")
    func lookedAfterSixWeeks() {
        let e = Build.engine { i in
            i.lookedAfter = [
                LookedAfterChild(source: Build.source("L8", 3), child: Build.child("D41"), start: Day(2024, 5, 20)), // 41 days to 30 Jun
                LookedAfterChild(source: Build.source("L8", 4), child: Build.child("D42"), start: Day(2024, 5, 19)), // exactly 6 weeks
                LookedAfterChild(source: Build.source("L8", 5), child: Build.child("D43"), start: Day(2024, 5, 18)),
                LookedAfterChild(source: Build.source("L8", 6), child: Build.child("V42"), start: Day(2024, 1, 1),
                                 lastSocialWorkVisit: Day(2024, 5, 19)), // visited 42 days ago: in time
            ]
        }
        let r = e.compute(.claVisit, period: q1, asAt: june30)
        #expect(r.excluded.map(\.childID) == ["D41"])
        #expect(r.counted.map(\.childID) == ["D42", "D43", "V42"])
        #expect(r.counted.map(\.inNumerator) == [false, false, true])
        #expect(r.counted.first?.status == "no visit recorded")
    }
}
