import Core
import Foundation
import Testing
@testable import Measures

/// Hand-worked examples for the SSDA903 reviews, participation, long-term stability and
/// missing-incident measures. As-at Tuesday 1 October 2024, period the financial year 2024-25
/// (so up to the as-at date); the return's reviews are those from 1 April 2024.
@Suite("SSDA903 review, stability and missing-incident measures")
struct SSDA903ReviewMeasureTests {
    static let asAt = Day(2024, 10, 1)
    static let year = Period.financialYear(startYear: 2024)

    static func engine(_ body: (inout SSDA903Return) -> Void) -> MeasureEngine {
        var inputs = MeasureInputs()
        inputs.supplied = Set(SSDA903Table.allCases.map(\.key))
        body(&inputs.ssda903)
        return MeasureEngine(inputs: inputs)
    }

    static func episode(_ child: String, _ start: Day, _ rne: String, _ end: Day? = nil, _ rec: String? = nil,
                        place: String = "U4") -> SSDA903Episode {
        SSDA903Episode(source: RecordSource(sheet: "episodes.csv", row: 2), childID: child, start: start, reasonNewEpisode: rne,
                       legalStatus: "C2", placement: place, end: end, reasonEnded: rec ?? (end == nil ? nil : "X1"))
    }

    static func review(_ child: String, _ day: Day, _ code: String? = "PN1") -> SSDA903Review {
        SSDA903Review(source: RecordSource(sheet: "reviews.csv", row: 2), childID: child, date: day, participation: code)
    }

    static func header(_ child: String, born: Day? = Day(2015, 6, 1)) -> SSDA903Child {
        SSDA903Child(source: RecordSource(sheet: "header.csv", row: 2), childID: child, sex: "2", dateOfBirth: born, ethnicity: "WBRI")
    }

    // MARK: 903-REVIEWS

    @Test("reviews in timescale: the first review due on the as-at date (20th working day) is in time, due yesterday and not held is late, due tomorrow is not yet due")
    func firstReviewBoundaries() {
        let engine = Self.engine { r in
            // Tue 1 Oct is the 20th working day after Tue 3 Sep; Mon 30 Sep after Mon 2 Sep; Wed 2 Oct after Wed 4 Sep.
            r.episodes += [Self.episode("A-today", Day(2024, 9, 3), "S"), Self.episode("B-yesterday", Day(2024, 9, 2), "S"),
                           Self.episode("C-tomorrow", Day(2024, 9, 4), "S"),
                           // Held on its due date, and held the day after it.
                           Self.episode("D-held-on-due", Day(2024, 9, 2), "S"), Self.episode("E-held-late", Day(2024, 9, 2), "S"),
                           // Ceased to be looked after before the as-at date: not counted.
                           Self.episode("F-ceased", Day(2024, 4, 2), "S", Day(2024, 9, 1), "E4A")]
            r.reviews += [Self.review("D-held-on-due", Day(2024, 9, 30)), Self.review("E-held-late", Day(2024, 10, 1))]
        }
        let result = engine.compute(.ssda903Reviews, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["A-today", "B-yesterday", "D-held-on-due", "E-held-late"])
        #expect(result.counted.map(\.inNumerator) == [true, false, true, false])
        #expect(result.counted[0].dates.map(\.value) == ["2024-09-03", "2024-10-01"])
        #expect(result.counted[1].status == "1 of 1 review due late or not held")
        #expect(result.counted[2].status == "1 review due, all in timescale")
        #expect(result.numerator == 2 && result.denominator == 4 && result.value == 50)
    }

    @Test("reviews in timescale: the second review is due 3 months after the first (held that day in time, the day after late); later ones 6 months after the one before")
    func laterReviewBoundaries() {
        let engine = Self.engine { r in
            // Tue 2 Apr 2024 (after Easter Monday): the first review is due Tue 30 Apr; held Mon 29 Apr, the second is due Mon 29 Jul.
            r.episodes += [Self.episode("G-second-on-due", Day(2024, 4, 2), "S"), Self.episode("H-second-late", Day(2024, 4, 2), "S")]
            r.reviews += [Self.review("G-second-on-due", Day(2024, 4, 29)), Self.review("G-second-on-due", Day(2024, 7, 29)),
                          Self.review("H-second-late", Day(2024, 4, 29)), Self.review("H-second-late", Day(2024, 7, 30))]
            // Looked after since before the return's reviews: the first review the return holds is not judged
            // (its due date is in an earlier year) but starts the timetable.
            r.episodes += [Self.episode("I-six-months-today", Day(2023, 1, 2), "S"), Self.episode("J-six-months-yesterday", Day(2023, 1, 2), "S"),
                           Self.episode("K-six-months-held-on-due", Day(2023, 1, 2), "S"), Self.episode("L-no-review", Day(2023, 1, 2), "S")]
            r.reviews += [Self.review("I-six-months-today", Day(2024, 4, 1)), Self.review("J-six-months-yesterday", Day(2024, 3, 31)),
                          Self.review("K-six-months-held-on-due", Day(2024, 3, 31)), Self.review("K-six-months-held-on-due", Day(2024, 9, 30))]
        }
        let result = engine.compute(.ssda903Reviews, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["G-second-on-due", "H-second-late", "I-six-months-today", "J-six-months-yesterday",
                                                  "K-six-months-held-on-due", "L-no-review"])
        #expect(result.counted.map(\.inNumerator) == [true, false, true, false, true, false])
        // G: the first (due 30 Apr, held 29 Apr) and the second (due and held 29 Jul) are in the period.
        #expect(result.counted[0].dates.map(\.value) == ["2024-04-02", "2024-04-30", "2024-04-29", "2024-07-29", "2024-07-29"])
        #expect(result.counted[1].status == "1 of 2 reviews due late or not held")
        // I: due 6 months after 1 Apr, on the as-at date, not yet held: in time. J: due 30 Sep, yesterday: late.
        #expect(result.counted[2].dates.map(\.value) == ["2023-01-02", "2024-10-01"])
        #expect(result.counted[3].dates.map(\.value) == ["2023-01-02", "2024-09-30"])
        // L: no review in the return; the one before it was by 31 Mar 2024, so the next was due by 30 Sep.
        #expect(result.counted[5].dates.map(\.value) == ["2023-01-02", "2024-09-30"])
    }

    @Test("reviews in timescale and CLA-REVIEW share one timetable: the same child gives the same due date from Annex A and from the return")
    func sameRuleAsAnnexA() {
        let annex = Build.engine { i in
            i.lookedAfter = [LookedAfterChild(source: Build.source("L8", 3), child: Build.child("A-today"), start: Day(2024, 9, 3)),
                             LookedAfterChild(source: Build.source("L8", 4), child: Build.child("B-yesterday"), start: Day(2024, 9, 2))]
        }
        let fromReturn = Self.engine { r in
            r.episodes += [Self.episode("A-today", Day(2024, 9, 3), "S"), Self.episode("B-yesterday", Day(2024, 9, 2), "S")]
        }
        let a = annex.compute(.claReview, period: Self.year, asAt: Self.asAt)
        let b = fromReturn.compute(.ssda903Reviews, period: Self.year, asAt: Self.asAt)
        #expect(a.counted.map(\.inNumerator) == b.counted.map(\.inNumerator))
        #expect(a.counted.map { $0.dates.last?.value } == b.counted.map { $0.dates.last?.value })
    }

    @Test("reviews in timescale: a review with an unusable date leaves the child out, named")
    func unusableReviewDate() {
        let engine = Self.engine { r in
            r.episodes += [Self.episode("A", Day(2024, 9, 2), "S")]
            var bad = Self.review("A", Day(2024, 9, 20)); bad.date = nil; bad.unusable = ["REVIEW"]
            r.reviews = [bad]
        }
        let result = engine.compute(.ssda903Reviews, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.isEmpty)
        #expect(result.excluded.map(\.reason) == ["a review with no usable REVIEW date (see data quality)"])
    }

    // MARK: 903-REVIEW-PN

    @Test("participation: PN1–PN6 took part, PN7 did not, PN0 (under 4) is left out; a review on the period's first day and on the as-at date count, the day before and after do not")
    func participation() {
        let engine = Self.engine { r in
            r.children = [Self.header("A"), Self.header("B", born: Day(2021, 5, 1))]
            r.reviews = [Self.review("A", Day(2024, 4, 1), "PN1"), Self.review("A", Self.asAt, "PN6"), Self.review("A", Day(2024, 6, 1), "PN7"),
                         Self.review("B", Day(2024, 6, 2), "PN0"), Self.review("A", Day(2024, 3, 31), "PN1"),
                         Self.review("A", Day(2024, 10, 2), "PN2"), Self.review("A", Day(2024, 7, 1), nil)]
        }
        let result = engine.compute(.ssda903Participation, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map { $0.dates.first?.value } == ["2024-04-01", "2024-10-01", "2024-06-01"])
        #expect(result.counted.map(\.inNumerator) == [true, true, false])
        #expect(result.numerator == 2 && result.denominator == 3)
        #expect(result.excluded.map(\.reason) == ["PN0: under 4 at the review, left out", "REVIEW_CODE blank"])
        #expect(result.breakdowns.contains { $0.dimension == "category" && $0.group == "PN7 did not attend, views not conveyed" && $0.value == 0 })
        #expect(result.breakdowns.contains { $0.dimension == "age band" && $0.group == "5–9" && $0.denominator == 3 })
    }

    // MARK: 903-STABILITY-LT

    @Test("long-term stability: looked after exactly 2½ years counts, a day short does not; in the placement exactly 2 years is stable, a day short is not; a change of legal status alone keeps the placement")
    func longTermStability() {
        let engine = Self.engine { r in
            let ids = ["S1-care-exactly", "S2-care-day-short", "S3-placed-exactly", "S4-placed-day-short", "S5-legal-only",
                       "S6-adoption", "S7-adoption-day-short", "S8-sixteen-today", "S9-sixteen-tomorrow"]
            r.children = ids.map { id in
                id == "S8-sixteen-today" ? Self.header(id, born: Day(2008, 10, 1))
                    : id == "S9-sixteen-tomorrow" ? Self.header(id, born: Day(2008, 10, 2)) : Self.header(id)
            } + [Self.header("S10-no-birth", born: nil)]
            // 2½ years before Tue 1 Oct 2024 is 1 Apr 2022; 2 years, 1 Oct 2022.
            r.episodes += [Self.episode("S1-care-exactly", Day(2022, 4, 1), "S"), Self.episode("S2-care-day-short", Day(2022, 4, 2), "S")]
            r.episodes += [Self.episode("S3-placed-exactly", Day(2020, 1, 1), "S", Day(2022, 10, 1)), Self.episode("S3-placed-exactly", Day(2022, 10, 1), "P")]
            r.episodes += [Self.episode("S4-placed-day-short", Day(2020, 1, 1), "S", Day(2022, 10, 2)), Self.episode("S4-placed-day-short", Day(2022, 10, 2), "P")]
            r.episodes += [Self.episode("S5-legal-only", Day(2020, 1, 1), "S", Day(2022, 10, 1)), Self.episode("S5-legal-only", Day(2022, 10, 1), "P", Day(2024, 1, 1)),
                           Self.episode("S5-legal-only", Day(2024, 1, 1), "L")]
            // Placed for adoption on 1 Jun 2024: with the foster placement before it, since 1 Oct 2022 (stable) or 2 Oct 2022 (not).
            r.episodes += [Self.episode("S6-adoption", Day(2020, 1, 1), "S", Day(2022, 10, 1)), Self.episode("S6-adoption", Day(2022, 10, 1), "P", Day(2024, 6, 1)),
                           Self.episode("S6-adoption", Day(2024, 6, 1), "T", place: "A5")]
            r.episodes += [Self.episode("S7-adoption-day-short", Day(2020, 1, 1), "S", Day(2022, 10, 2)),
                           Self.episode("S7-adoption-day-short", Day(2022, 10, 2), "P", Day(2024, 6, 1)),
                           Self.episode("S7-adoption-day-short", Day(2024, 6, 1), "T", place: "A5")]
            r.episodes += [Self.episode("S8-sixteen-today", Day(2020, 1, 1), "S"), Self.episode("S9-sixteen-tomorrow", Day(2020, 1, 1), "S"),
                           Self.episode("S10-no-birth", Day(2020, 1, 1), "S")]
        }
        let result = engine.compute(.ssda903LongTermStability, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["S1-care-exactly", "S3-placed-exactly", "S4-placed-day-short", "S5-legal-only",
                                                  "S6-adoption", "S7-adoption-day-short", "S9-sixteen-tomorrow"])
        #expect(result.counted.map(\.inNumerator) == [true, true, false, true, true, false, true])
        #expect(result.counted[4].status == "placed for adoption; with the placement before, 2 years or more")
        #expect(result.counted[4].dates.map(\.value) == ["2020-01-01", "2022-10-01", "2024-06-01"])
        #expect(result.excluded.map(\.reason) == ["no usable date of birth in the header"])
        #expect(result.numerator == 5 && result.denominator == 7)
    }

    // MARK: 903-MISSING-INCIDENTS and 903-AWAY-INCIDENTS

    @Test("missing incidents: each incident starting in the period while looked after counts, on the first day and on the as-at date; the day before, the day after, or while not looked after do not; away (A) incidents are counted apart")
    func incidents() {
        let engine = Self.engine { r in
            r.episodes += [Self.episode("A", Day(2024, 1, 1), "S"), Self.episode("B", Day(2024, 5, 1), "S")]
            func incident(_ child: String, _ kind: String, _ start: Day) -> SSDA903MissingEpisode {
                SSDA903MissingEpisode(source: RecordSource(sheet: "missing.csv", row: 2), childID: child, kind: kind, start: start, end: start.adding(days: 1))
            }
            r.missing = [incident("A", "M", Day(2024, 4, 1)), incident("A", "M", Day(2024, 3, 31)), incident("A", "A", Day(2024, 6, 1)),
                         incident("A", "M", Self.asAt), incident("A", "M", Day(2024, 10, 2)), incident("B", "M", Day(2024, 4, 30))]
        }
        let missing = engine.compute(.ssda903MissingIncidents, period: Self.year, asAt: Self.asAt)
        #expect(missing.counted.map { $0.dates.first?.value } == ["2024-04-01", "2024-06-01", "2024-10-01"])
        #expect(missing.value == 2 && missing.denominator == 3)
        #expect(missing.excluded.map(\.reason) == ["not looked after when the incident started"])
        let away = engine.compute(.ssda903AwayIncidents, period: Self.year, asAt: Self.asAt)
        #expect(away.value == 1 && away.counted.map(\.status) == ["missing", "away without authorisation", "missing"])
        #expect(away.breakdowns.contains { $0.dimension == "category" && $0.group == "away without authorisation" && $0.numerator == 1 })
    }

    // MARK: From a generated return

    @Test("from a generated return: each of these measures counts children, with a value")
    func generated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssda903-r-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SSDA903Generator(children: 3_000, seed: 2).write(folder: folder)
        let engine = MeasureEngine(inputs: try SSDA903Reader.read(folder: folder))
        let asAt = Day(2024, 3, 31), year = Period.financialYear(startYear: 2023)
        for measure in MeasureCatalogue.ssda903Reviews {
            let result = engine.compute(measure, period: year, asAt: asAt)
            #expect(result.missingInput == nil && result.value != nil && result.countedTotal >= 20, "\(measure.id): \(result.countedTotal) counted")
            // Realistic, not all or nothing.
            if measure.aggregation == .percentage, let value = result.value { #expect(value > 5 && value < 100, "\(measure.id): \(value)") }
        }
    }
}

extension FiguresOnlyTests {
    @Test("the SSDA903 measures give the same figures, breakdowns and exclusions with and without the counted rows")
    func sameFiguresFromTheSSDA903Return() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figures-only-903-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SSDA903Generator(children: 1_500, seed: 16).write(folder: folder)
        let engine = MeasureEngine(inputs: try SSDA903Reader.read(folder: folder))
        let asAt = Day(2024, 3, 31)
        let measures = MeasureCatalogue.all.filter { $0.id.rawValue.hasPrefix("903-") }
        #expect(measures.contains { $0.id == .ssda903Reviews } && measures.contains { $0.id == .ssda903AwayIncidents })
        for kind in [Period.Kind.quarter, .year] {
            let period = Period.containing(asAt, kind: kind)
            let full = engine.compute(measures, period: period, asAt: asAt, detail: .rows)
            let figures = engine.compute(measures, period: period, asAt: asAt, detail: .figuresOnly)
            for (a, b) in zip(full, figures) {
                if MeasureCatalogue.ssda903Reviews.contains(a.measure) { #expect(a.countedTotal > 0, "\(a.measure.id) counts nothing in the sample") }
                #expect(a.numerator == b.numerator && a.denominator == b.denominator && a.value == b.value, "\(a.measure.id)")
                #expect(a.breakdowns == b.breakdowns, "\(a.measure.id)")
                #expect(a.excluded == b.excluded, "\(a.measure.id)")
                #expect(a.countedTotal == a.counted.count && b.countedTotal == a.counted.count, "\(a.measure.id)")
                #expect(a.outOfTimescaleTotal == b.outOfTimescaleTotal, "\(a.measure.id)")
                #expect(b.counted.isEmpty && b.detail == .figuresOnly)
            }
        }
    }
}
