import Core
import Foundation
import Testing
@testable import Measures

/// Hand-worked examples for the SDQ and adoption timeliness measures of the SSDA903 return:
/// each boundary sits exactly at the threshold, with a child one day either side.
@Suite("SSDA903 SDQ and adoption measures")
struct SSDA903AdoptionMeasureTests {
    static let asAt = Day(2024, 3, 31)
    /// 1 April 2023 to 31 March 2024.
    static let year = Period.containing(Day(2024, 3, 31), kind: .year)

    static func engine(_ body: (inout SSDA903Return) -> Void) -> MeasureEngine {
        var inputs = MeasureInputs()
        inputs.supplied = Set(SSDA903Table.allCases.map(\.key))
        body(&inputs.ssda903)
        return MeasureEngine(inputs: inputs)
    }

    static func episode(_ child: String, _ row: Int, _ start: Day, _ rne: String, _ ls: String, _ place: String,
                        _ end: Day? = nil, _ rec: String? = nil) -> SSDA903Episode {
        SSDA903Episode(source: RecordSource(sheet: "episodes.csv", row: row), childID: child, start: start, reasonNewEpisode: rne,
                       legalStatus: ls, placement: place, end: end, reasonEnded: rec ?? (end == nil ? nil : "X1"))
    }

    static func ad1(_ child: String, _ row: Int, matched: Day?, byFosterCarers: Bool?) -> SSDA903Adoption {
        SSDA903Adoption(source: RecordSource(sheet: "ad1.csv", row: row), childID: child, matched: matched, byFosterCarers: byFosterCarers)
    }

    static func oc2(_ child: String, _ row: Int, born: Day, score: Int?, reason: String? = nil) -> SSDA903Outcomes {
        var o = SSDA903Outcomes(source: RecordSource(sheet: "oc2.csv", row: row), childID: child, dateOfBirth: born)
        o.sdqScore = score
        o.sdqReason = reason
        return o
    }

    @Test("the OC2 year is the 31 March on or before the as-at date")
    func oc2Year() {
        #expect(MeasureEngine.oc2YearEnd(Day(2024, 3, 31)) == Day(2024, 3, 31))
        #expect(MeasureEngine.oc2YearEnd(Day(2024, 3, 30)) == Day(2023, 3, 31))
        #expect(MeasureEngine.oc2YearEnd(Day(2024, 6, 30)) == Day(2024, 3, 31))
    }

    // The year is 1 April 2023 to 31 March 2024. The DfE expects an SDQ for a child aged 4 on
    // 1 April 2023 (fourth birthday on or before it) and under 17 on 31 March 2024.
    static let sdqEngine = engine { r in
        r.children = [SSDA903Child(source: RecordSource(sheet: "header.csv", row: 2), childID: "A", sex: "2", dateOfBirth: Day(2019, 4, 1)),
                      SSDA903Child(source: RecordSource(sheet: "header.csv", row: 3), childID: "G", sex: "1", dateOfBirth: Day(2012, 5, 5))]
        r.outcomes = [
            oc2("A", 2, born: Day(2019, 4, 1), score: 12),               // 4 exactly on 1 April 2023: expected
            oc2("B", 3, born: Day(2019, 4, 2), score: 10),               // 4 a day later: not expected
            oc2("C", 4, born: Day(2007, 4, 1), score: nil, reason: "SDQ2"), // 17 on 1 April 2024, the day after: expected
            oc2("D", 5, born: Day(2007, 3, 31), score: 20),              // 17 on 31 March 2024: not expected
            oc2("G", 6, born: Day(2012, 5, 5), score: 17),               // 17: the first score of concern
            oc2("H", 7, born: Day(2012, 5, 5), score: 16),               // 16: just below it
            oc2("J", 8, born: Day(2012, 5, 5), score: nil),              // no score and no reason
        ]
    }

    @Test("SDQ recorded: a child 4 on 1 April and one turning 17 the day after 31 March are expected; a day younger or older is not; the reasons are the breakdown")
    func sdqCompleted() {
        let result = Self.sdqEngine.compute(.ssda903SDQCompleted, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["A", "C", "G", "H", "J"])
        #expect(result.counted.map(\.inNumerator) == [true, false, true, true, false])
        #expect(result.numerator == 3 && result.denominator == 5 && result.value == 60)
        #expect(result.excluded.map(\.childID) == ["B", "D"])
        #expect(result.excluded.map(\.reason) == ["under 4 on 1 April 2023: no SDQ expected", "17 by 31 March 2024: no SDQ expected"])
        #expect(result.counted[1].status == "no score (SDQ2: carer refused)")
        let reasons = result.breakdowns.filter { $0.dimension == "category" }
        #expect(reasons.map(\.group) == ["No score and no reason", "SDQ2: carer refused", "Score recorded"])
        #expect(reasons.map(\.denominator) == [1, 1, 3])
        // The header's sex gives the gender breakdown; C, H and J are not in the header.
        #expect(result.breakdowns.filter { $0.dimension == "gender" }.map(\.group) == ["Female", "Male", "Not recorded"])
    }

    @Test("average SDQ score: the mean of the scores recorded; 17 is a cause for concern, 16 is not")
    func sdqAverage() {
        let result = Self.sdqEngine.compute(.ssda903SDQAverage, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["A", "G", "H"])
        #expect(result.numerator == 12 + 17 + 16 && result.denominator == 3 && result.value == 15)
        #expect(result.counted.map(\.inNumerator) == [false, true, false])
        #expect(result.counted.map(\.status) == ["score 12", "score 17: a cause for concern", "score 16"])
        #expect(result.outOfTimescaleTotal == 1)
        #expect(MeasureCatalogue.measure(.ssda903SDQAverage).measureUnit == .score)
    }

    @Test("an SDQ score out of 0–40 is named in the data-quality report and left out of both SDQ measures")
    func sdqOutOfRange() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let oc2 = """
        CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED
        K,05/05/2012,41,,0,,1,1,1,0,,
        L,05/05/2012,40,,0,,1,1,1,0,,
        M,05/05/2012,0,,0,,1,1,1,0,,

        """
        try Data(oc2.utf8).write(to: folder.appendingPathComponent("oc2.csv"))
        let inputs = try SSDA903Reader.read(folder: folder)
        #expect(inputs.dataQuality.contains { $0.sheet == "oc2.csv" && $0.row == 2 && $0.column == "SDQ_SCORE" })
        let engine = MeasureEngine(inputs: inputs)
        let average = engine.compute(.ssda903SDQAverage, period: Self.year, asAt: Self.asAt)
        #expect(average.counted.map(\.childID) == ["L", "M"] && average.value == 20)
        #expect(average.excluded.map(\.reason) == ["unusable SDQ_SCORE (see data quality)"])
        let completed = engine.compute(.ssda903SDQCompleted, period: Self.year, asAt: Self.asAt)
        #expect(completed.denominator == 2 && completed.excluded.map(\.childID) == ["K"])
    }

    // Adoption: everyone entered care on 1 June 2022 unless said otherwise; 2022-06-01 + 426
    // days is 1 August 2023. Placement orders on 15 January 2023; + 121 days is 16 May 2023.
    static let entered = Day(2022, 6, 1), order = Day(2023, 1, 15)

    static func adopted(_ child: String, _ row: Int, entered: Day = entered, order: Day? = order, placed: Day, place: String = "A6",
                        adopted: Day, rec: String = "E11") -> [SSDA903Episode] {
        var episodes: [SSDA903Episode] = []
        if let order {
            episodes.append(episode(child, row, entered, "S", "C2", "U4", order))
            episodes.append(episode(child, row + 1, order, "L", "E1", "U4", placed))
        } else {
            episodes.append(episode(child, row, entered, "S", "V2", "U4", placed))
        }
        episodes.append(episode(child, row + 2, placed, "P", order == nil ? "V2" : "E1", place, adopted, rec))
        return episodes
    }

    static let adoptionEngine = engine { r in
        r.children = [SSDA903Child(source: RecordSource(sheet: "header.csv", row: 2), childID: "P", sex: "1", dateOfBirth: Day(2021, 1, 1)),
                      SSDA903Child(source: RecordSource(sheet: "header.csv", row: 3), childID: "Q", sex: "2", dateOfBirth: Day(2018, 1, 1))]
        r.episodes += adopted("P", 2, placed: Day(2023, 8, 1), adopted: Day(2023, 12, 1))            // 426 days: at the threshold
        r.episodes += adopted("Q", 5, placed: Day(2023, 8, 2), adopted: Day(2024, 1, 5), rec: "E12") // 427: a day over
        r.episodes += adopted("R", 8, placed: Day(2023, 7, 31), adopted: asAt)                       // 425: a day under; adopted on the last day
        r.episodes += adopted("S", 11, order: Day(2023, 3, 1), placed: Day(2023, 4, 1), adopted: Day(2024, 1, 10)) // 304
        r.episodes += adopted("T", 14, entered: Day(2023, 1, 1), order: nil, placed: Day(2023, 6, 1), place: "A4",
                              adopted: Day(2024, 2, 1))                                              // 151; placed with consent, no order
        // U: adopted without a placement for adoption; V: adopted the day before the year.
        r.episodes.append(episode("U", 17, Day(2021, 1, 1), "S", "C2", "U4", Day(2023, 9, 1), "E11"))
        r.episodes += adopted("V", 18, placed: Day(2022, 12, 1), adopted: Day(2023, 3, 31))
        r.adoptions = [ad1("P", 2, matched: Day(2023, 5, 16), byFosterCarers: false),  // 121 days after the order: at the threshold
                       ad1("Q", 3, matched: Day(2023, 5, 17), byFosterCarers: false),  // 122
                       ad1("R", 4, matched: Day(2023, 5, 15), byFosterCarers: false),  // 120
                       ad1("S", 5, matched: Day(2023, 2, 20), byFosterCarers: false),  // before its order of 1 March: 0
                       ad1("T", 6, matched: Day(2023, 5, 1), byFosterCarers: false)]
    }

    @Test("A1: entering care to moving in with the adoptive family; 426 days is within the threshold, 427 is not; adopted on the year's last day counts, the day before its first does not")
    func a1() {
        let result = Self.adoptionEngine.compute(.ssda903A1, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["P", "Q", "R", "S", "T"])
        #expect(result.counted.map(\.daysTaken) == [426, 427, 425, 304, 151])
        #expect(result.numerator == 1733 && result.denominator == 5 && result.value == 346.6)
        #expect(result.counted.map(\.inNumerator) == [false, true, false, false, false])
        #expect(result.outOfTimescaleTotal == 1 && result.counted[1].status == "427 days, over 426")
        #expect(result.counted[0].dates == [DateUsed("entered care", "2022-06-01"), DateUsed("placed for adoption", "2023-08-01"),
                                            DateUsed("adopted", "2023-12-01")])
        #expect(result.excluded.map(\.childID) == ["U"])
        #expect(result.excluded.first?.reason.hasPrefix("not placed for adoption before the adoption order") == true)
        #expect(result.breakdowns.contains { $0.dimension == "gender" && $0.group == "Male" && $0.value == 426 })
        #expect(result.breakdowns.contains { $0.dimension == "age band" && $0.group == "1–4" })

        let within = Self.adoptionEngine.compute(.ssda903A1Within, period: Self.year, asAt: Self.asAt)
        #expect(within.counted.map(\.inNumerator) == [true, false, true, true, true])
        #expect(within.numerator == 4 && within.denominator == 5 && within.value == 80)
    }

    @Test("A2: court authority (E1) to the match; 121 days is within the threshold, 122 is not; matched before the order is 0; no order is left out")
    func a2() {
        let result = Self.adoptionEngine.compute(.ssda903A2, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["P", "Q", "R", "S"])
        #expect(result.counted.map(\.daysTaken) == [121, 122, 120, 0])
        #expect(result.numerator == 363 && result.denominator == 4 && result.value == 90.75)
        #expect(result.counted[3].status == "0 days (matched before court authority)")
        #expect(result.counted[0].dates.first == DateUsed("court authority to place", "2023-01-15"))
        #expect(result.excluded.map(\.childID) == ["T", "U"])
        #expect(result.excluded.first?.reason.hasPrefix("no placement order or freeing order") == true)

        let within = Self.adoptionEngine.compute(.ssda903A2Within, period: Self.year, asAt: Self.asAt)
        #expect(within.counted.map(\.inNumerator) == [true, false, true, true])
        #expect(within.value == 75)
    }

    @Test("A2: an unusable or blank DATE_MATCH, or no AD1 row, is left out with the reason")
    func a2Unusable() {
        let engine = Self.engine { r in
            r.episodes += Self.adopted("W", 2, placed: Day(2023, 6, 1), adopted: Day(2023, 12, 1))
            r.episodes += Self.adopted("X", 5, placed: Day(2023, 6, 1), adopted: Day(2023, 12, 1))
            r.episodes += Self.adopted("Y", 8, placed: Day(2023, 6, 1), adopted: Day(2023, 12, 1))
            var bad = Self.ad1("W", 2, matched: nil, byFosterCarers: false)
            bad.unusable = ["DATE_MATCH"]
            r.adoptions = [bad, Self.ad1("X", 3, matched: nil, byFosterCarers: false)]
        }
        let result = engine.compute(.ssda903A2, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.isEmpty && result.value == nil)
        #expect(result.excluded.map(\.reason) == ["unusable DATE_MATCH (see data quality)", "DATE_MATCH blank", "no AD1 row: no match date"])
    }

    // Z entered care on 10 January 2022 with other carers, moved to the carers who adopt on
    // 1 March 2022 (50 days), stayed with them through the placement order (RNE L) and was placed
    // with them for adoption (A5) on 1 February 2023 (387 days).
    static let a10Engine = engine { r in
        r.episodes += [episode("Z", 2, Day(2022, 1, 10), "S", "C2", "U4", Day(2022, 3, 1)),
                       episode("Z", 3, Day(2022, 3, 1), "P", "C2", "U4", Day(2022, 9, 1)),
                       episode("Z", 4, Day(2022, 9, 1), "L", "E1", "U4", Day(2023, 2, 1)),
                       episode("Z", 5, Day(2023, 2, 1), "P", "E1", "A5", Day(2023, 10, 1), "E11")]
        r.episodes += adopted("P", 6, placed: Day(2023, 8, 1), adopted: Day(2023, 12, 1))
        r.episodes += adopted("N", 9, placed: Day(2023, 8, 2), adopted: Day(2023, 12, 1))
        r.adoptions = [ad1("Z", 2, matched: Day(2023, 1, 20), byFosterCarers: true),
                       ad1("P", 3, matched: Day(2023, 5, 16), byFosterCarers: false)]
    }

    @Test("A10: a child adopted by their foster carers counts from the day they moved in with them, back over changes of legal status alone; others as A1")
    func a10() {
        let a1 = Self.a10Engine.compute(.ssda903A1, period: Self.year, asAt: Self.asAt)
        #expect(a1.counted.map(\.childID) == ["N", "P", "Z"] && a1.counted.map(\.daysTaken) == [427, 426, 387])
        let result = Self.a10Engine.compute(.ssda903A10, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["N", "P", "Z"])
        #expect(result.counted.map(\.daysTaken) == [427, 426, 50])
        #expect(result.numerator == 903 && result.value == 301)
        #expect(result.counted.map(\.status) == ["427 days, over 426 (no AD1 row: not adjusted)", "426 days", "50 days (adopted by foster carers)"])
        #expect(result.counted[2].dates.map(\.label) == ["entered care", "moved in with the foster carers", "placed for adoption", "adopted"])
        #expect(result.counted[2].dates[1].value == "2022-03-01")
    }

    @Test("A10: a child placed for adoption straight from entering care with their foster carers counts to that placement")
    func a10NoEarlierPlacement() {
        let engine = Self.engine { r in
            r.episodes.append(Self.episode("F", 2, Day(2023, 1, 1), "S", "E1", "A5", Day(2023, 11, 1), "E11"))
            r.adoptions = [Self.ad1("F", 2, matched: Day(2022, 12, 1), byFosterCarers: true)]
        }
        let result = engine.compute(.ssda903A10, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.daysTaken) == [0])
    }

    @Test("one year's return: a child whose care began before its first episode is left out of A1 and A10 with the reason; A2 counts when that episode began the placement order")
    func incompleteHistory() {
        let engine = Self.engine { r in
            // The year's return starts with the order (RNE L, E1); the episode that began care ended before 1 April.
            r.episodes += [Self.episode("K", 2, Day(2023, 4, 10), "L", "E1", "U4", Day(2023, 6, 1)),
                           Self.episode("K", 3, Day(2023, 6, 1), "P", "E1", "A6", Day(2024, 1, 1), "E11")]
            // M's first episode in the files changed only the placement, already under the order.
            r.episodes += [Self.episode("M", 4, Day(2023, 4, 10), "P", "E1", "U4", Day(2023, 6, 1)),
                           Self.episode("M", 5, Day(2023, 6, 1), "P", "E1", "A6", Day(2024, 1, 1), "E11")]
            r.adoptions = [Self.ad1("K", 2, matched: Day(2023, 5, 1), byFosterCarers: false),
                           Self.ad1("M", 3, matched: Day(2023, 5, 1), byFosterCarers: false)]
        }
        let a1 = engine.compute(.ssda903A1, period: Self.year, asAt: Self.asAt)
        #expect(a1.counted.isEmpty && a1.excluded.map(\.childID) == ["K", "M"])
        #expect(a1.excluded.first?.reason == "entered care before the first episode the files hold (RNE L, not S): add the earlier years' episodes")
        #expect(engine.compute(.ssda903A10, period: Self.year, asAt: Self.asAt).excluded.count == 2)
        let a2 = engine.compute(.ssda903A2, period: Self.year, asAt: Self.asAt)
        #expect(a2.counted.map(\.childID) == ["K"] && a2.counted.map(\.daysTaken) == [21])
        #expect(a2.excluded.map(\.reason) == ["the placement order began before the first episode the files hold: add the earlier years' episodes"])
    }

    @Test("two years' episode files: the episode open on 31 March is in both and counts once, as the later return ends it")
    func twoYears() {
        let engine = Self.engine { r in
            // Last year's return: care began 1 June 2022; the order episode was still open on 31 March 2023.
            r.episodes += [Self.episode("P", 2, Self.entered, "S", "C2", "U4", Self.order), Self.episode("P", 3, Self.order, "L", "E1", "U4")]
            // This year's: the order episode again, now ended, and the placement for adoption.
            r.episodes += [Self.episode("P", 4, Self.order, "L", "E1", "U4", Day(2023, 8, 1)),
                           Self.episode("P", 5, Day(2023, 8, 1), "P", "E1", "A6", Day(2023, 12, 1), "E11")]
        }
        let a1 = engine.compute(.ssda903A1, period: Self.year, asAt: Self.asAt)
        #expect(a1.counted.map(\.daysTaken) == [426] && a1.excluded.isEmpty)
    }

    @Test("averages carry the number of children behind them, so the small-number rule suppresses a mean over fewer than 10")
    func suppression() throws {
        let result = Self.adoptionEngine.compute(.ssda903A1, period: Self.year, asAt: Self.asAt)
        let value = try #require(result.measureValue(fileName: "episodes.csv"))
        #expect(value.denominator == 5)
        #expect(SmallNumbers.standard.suppresses(value, unit: result.measure.measureUnit))
    }

    @Test("from a generated return: every SDQ and adoption measure has a value, foster carer adoptions among them, and a figures-only run gives the same figures")
    func generated() throws {
        let inputs = try GeneratedSSDA903.inputs.get()
        #expect(inputs.ssda903.adoptions.contains { $0.byFosterCarers == true })
        let engine = MeasureEngine(inputs: inputs)
        for measure in MeasureCatalogue.ssda903Adoption {
            let result = engine.compute(measure, period: Self.year, asAt: Self.asAt)
            #expect(result.missingInput == nil && result.value != nil, "\(measure.id)")
        }
        // Scores shaped like the national ones: a mean in the teens.
        let sdq = engine.compute(.ssda903SDQAverage, period: Self.year, asAt: Self.asAt).value ?? 0
        #expect(sdq > 12 && sdq < 18, "\(sdq)")
        let a1 = engine.compute(.ssda903A1, period: Self.year, asAt: Self.asAt).value ?? 0
        let a10 = engine.compute(.ssda903A10, period: Self.year, asAt: Self.asAt).value ?? 0
        #expect(a10 < a1, "the adjustment shortens foster carer adoptions")
    }
}

@Suite("Figures-only runs: the SSDA903 measures")
struct FiguresOnlySSDA903Tests {
    @Test("every measure read from an SSDA903 return gives the same figures, breakdowns and exclusions with and without the counted rows")
    func sameFigures() throws {
        let engine = MeasureEngine(inputs: try GeneratedSSDA903.inputs.get())
        let measures = MeasureCatalogue.all.filter { $0.needs.allSatisfy { $0.hasPrefix("ssda903.") } }
        #expect(measures.contains { $0.id == .ssda903A10 } && measures.contains { $0.id == .ssda903SDQAverage })
        let asAt = Day(2024, 3, 31), period = Period.containing(asAt, kind: .year)
        let full = engine.compute(measures, period: period, asAt: asAt, detail: .rows)
        let figures = engine.compute(measures, period: period, asAt: asAt, detail: .figuresOnly)
        for (a, b) in zip(full, figures) {
            #expect(a.countedTotal > 0, "\(a.measure.id) counts nothing in the sample")
            #expect(a.numerator == b.numerator && a.denominator == b.denominator && a.value == b.value, "\(a.measure.id)")
            #expect(a.breakdowns == b.breakdowns, "\(a.measure.id)")
            #expect(a.excluded == b.excluded, "\(a.measure.id)")
            #expect(a.countedTotal == a.counted.count && b.countedTotal == a.counted.count, "\(a.measure.id)")
            #expect(a.outOfTimescaleTotal == a.outOfTimescale.count && b.outOfTimescaleTotal == a.outOfTimescaleTotal, "\(a.measure.id)")
            #expect(a.analysisResult == b.analysisResult, "\(a.measure.id)")
            #expect(b.counted.isEmpty && b.detail == .figuresOnly)
        }
    }
}

/// A generated return large enough for every adoption measure to count children (about 1,000
/// looked after, 40 adopted): made once for the suites that read it.
enum GeneratedSSDA903 {
    static let inputs: Result<MeasureInputs, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssda903-adoption-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SSDA903Generator(children: 30_000, seed: 2).write(folder: folder)
        return try SSDA903Reader.read(folder: folder)
    }
}
