import Core
import Foundation
import Testing
@testable import Measures

@Suite("SSDA903 measures")
struct SSDA903MeasureTests {
    static let asAt = Day(2024, 3, 31)
    static let year = Period.quarter(startYear: 2023, quarter: 4)

    static func engine(_ body: (inout SSDA903Return) -> Void) -> MeasureEngine {
        var inputs = MeasureInputs()
        inputs.supplied = Set(SSDA903Table.allCases.map(\.key))
        body(&inputs.ssda903)
        return MeasureEngine(inputs: inputs)
    }

    static func episode(_ child: String, _ row: Int, _ start: Day, _ rne: String, _ end: Day? = nil, _ rec: String? = nil) -> SSDA903Episode {
        SSDA903Episode(source: RecordSource(sheet: "episodes.csv", row: row), childID: child, start: start, reasonNewEpisode: rne,
                       legalStatus: "C2", placement: "U4", end: end, reasonEnded: rec ?? (end == nil ? nil : "X1"))
    }

    @Test("placement stability: the placement in force when the 12 months start counts, changes of legal status alone do not, an episode ending the day before the 12 months is out")
    func placementStability() {
        let engine = Self.engine { r in
            // A: the first placement ended on 31 March 2023, the day before the 12 months: 2 placements.
            r.episodes += [Self.episode("A", 2, Day(2022, 1, 1), "S", Day(2023, 3, 31)), Self.episode("A", 3, Day(2023, 3, 31), "P", Day(2023, 8, 1)),
                           Self.episode("A", 4, Day(2023, 8, 1), "P")]
            // B: the first ended on 1 April 2023, inside the 12 months; one change is of legal status only: 3 placements.
            r.episodes += [Self.episode("B", 5, Day(2022, 1, 1), "S", Day(2023, 4, 1)), Self.episode("B", 6, Day(2023, 4, 1), "P", Day(2023, 10, 1)),
                           Self.episode("B", 7, Day(2023, 10, 1), "L", Day(2024, 1, 1)), Self.episode("B", 8, Day(2024, 1, 1), "P")]
            // C: ceased to be looked after on the as-at date: not looked after then, left out.
            r.episodes += [Self.episode("C", 9, Day(2023, 5, 1), "S", Day(2023, 6, 1)), Self.episode("C", 10, Day(2023, 6, 1), "P", Day(2023, 7, 1)),
                           Self.episode("C", 11, Day(2023, 7, 1), "P", Self.asAt, "E4A")]
            // D: an episode ending on the as-at date with X1 and the next starting that day: still looked after.
            r.episodes += [Self.episode("D", 12, Day(2020, 1, 1), "S", Self.asAt), Self.episode("D", 13, Self.asAt, "P")]
        }
        let result = engine.compute(.ssda903Moves, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.childID) == ["A", "B", "D"])
        #expect(result.counted.map(\.daysTaken) == [2, 3, 2])
        #expect(result.numerator == 1 && result.denominator == 2 + 1)
        #expect(result.counted[1].status == "3 placements in 12 months")
    }

    @Test("children who went missing: an incident on the period’s first day counts, an away (A) incident or one the day before the period does not")
    func wentMissing() {
        let engine = Self.engine { r in
            r.episodes += [Self.episode("E", 2, Day(2023, 10, 1), "S"), Self.episode("F", 3, Day(2023, 10, 1), "S"),
                           Self.episode("G", 4, Day(2023, 10, 1), "S"),
                           Self.episode("H", 5, Day(2023, 1, 1), "S", Day(2023, 9, 30), "E4A")]
            func missing(_ child: String, _ kind: String, _ start: Day) -> SSDA903MissingEpisode {
                SSDA903MissingEpisode(source: RecordSource(sheet: "missing.csv", row: 2), childID: child, kind: kind, start: start, end: start)
            }
            r.missing += [missing("E", "M", Day(2024, 1, 1)), missing("F", "A", Day(2024, 2, 1)), missing("G", "M", Day(2023, 12, 31)),
                          missing("H", "M", Day(2023, 9, 1))]
        }
        let result = engine.compute(.ssda903Missing, period: Self.year, asAt: Self.asAt)
        // H ceased on 30 September 2023, the day before the period: not in it.
        #expect(result.counted.map(\.childID) == ["E", "F", "G"])
        #expect(result.counted.map(\.inNumerator) == [true, false, false])
    }

    @Test("OC2 health assessment, teeth and immunisations: 1 counts, 0 does not, blank is left out")
    func outcomes() {
        let engine = Self.engine { r in
            var a = SSDA903Outcomes(source: RecordSource(sheet: "oc2.csv", row: 2), childID: "A"); a.healthAssessment = true; a.teethCheck = false
            var b = SSDA903Outcomes(source: RecordSource(sheet: "oc2.csv", row: 3), childID: "B"); b.healthAssessment = false; b.immunisations = true
            r.outcomes = [a, b]
        }
        let health = engine.compute(.ssda903HealthAssessment, period: Self.year, asAt: Self.asAt)
        #expect(health.numerator == 1 && health.denominator == 2 && health.value == 50)
        let teeth = engine.compute(.ssda903Teeth, period: Self.year, asAt: Self.asAt)
        #expect(teeth.numerator == 0 && teeth.denominator == 1 && teeth.excluded.map(\.reason) == ["TEETH_CHECK blank"])
        #expect(engine.compute(.ssda903Immunisations, period: Self.year, asAt: Self.asAt).value == 100)
    }

    @Test("OC3 care leavers by age band: 19 on the as-at date is 19–21, 18 the day before the birthday is 17–18; DIED and NREQ left out")
    func careLeavers() {
        let engine = Self.engine { r in
            func leaver(_ id: String, _ born: Day, _ touch: String, _ activ: String?, _ accom: String?) -> SSDA903CareLeaver {
                SSDA903CareLeaver(source: RecordSource(sheet: "oc3.csv", row: 2), childID: id, dateOfBirth: born, inTouch: touch, activity: activ, accommodation: accom)
            }
            r.careLeavers = [leaver("A", Day(2005, 3, 31), "YES", "F2", "D1"), leaver("B", Day(2005, 4, 1), "YES", "G6", "W2"),
                             leaver("C", Day(2006, 6, 1), "NO", "0", "0"), leaver("D", Day(2004, 1, 1), "DIED", nil, nil)]
        }
        let touch = engine.compute(.ssda903LeaversInTouch, period: Self.year, asAt: Self.asAt)
        #expect(touch.counted.map(\.childID) == ["A", "B", "C"] && touch.numerator == 2)
        #expect(touch.counted.map(\.category) == ["19–21", "17–18", "17–18"])
        #expect(touch.excluded.map(\.reason) == ["IN_TOUCH DIED: left out"])
        let eet = engine.compute(.ssda903LeaversEET, period: Self.year, asAt: Self.asAt)
        #expect(eet.counted.map(\.inNumerator) == [true, false, false])
        let accommodation = engine.compute(.ssda903LeaversAccommodation, period: Self.year, asAt: Self.asAt)
        #expect(accommodation.counted.map(\.inNumerator) == [true, false, false])
        #expect(eet.breakdowns.contains { $0.dimension == "category" && $0.group == "19–21" && $0.value == 100 })
    }

    @Test("UASC: a child who stops being UASC on the as-at date is formerly UASC; the day after, still UASC")
    func unaccompanied() {
        let engine = Self.engine { r in
            r.episodes += [Self.episode("A", 2, Day(2023, 1, 1), "S"), Self.episode("B", 3, Day(2023, 1, 1), "S"), Self.episode("C", 4, Day(2023, 1, 1), "S")]
            r.uasc = [SSDA903UASC(source: RecordSource(sheet: "uasc.csv", row: 2), childID: "A", ceased: Self.asAt),
                      SSDA903UASC(source: RecordSource(sheet: "uasc.csv", row: 3), childID: "B", ceased: Self.asAt.adding(days: 1))]
        }
        let result = engine.compute(.ssda903UASC, period: Self.year, asAt: Self.asAt)
        #expect(result.counted.map(\.status) == ["formerly UASC", "UASC", "not UASC"])
        #expect(result.value == 1 && result.denominator == 3)
    }

    @Test("from a generated return: every SSDA903 measure has a value")
    func generated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssda903-m-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SSDA903Generator(children: 3_000, seed: 2).write(folder: folder)
        let engine = MeasureEngine(inputs: try SSDA903Reader.read(folder: folder))
        for measure in MeasureCatalogue.ssda903 {
            let result = engine.compute(measure, period: Self.year, asAt: Self.asAt)
            #expect(result.missingInput == nil && result.value != nil, "\(measure.id)")
        }
    }
}
