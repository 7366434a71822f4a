import Core
import Foundation
@testable import Store
import Testing

@Suite("Measures: definitions, targets and values")
struct MeasureStoreTests {
    /// What a stored measure should read back as: the input with the store's ids, version 1, values in period order.
    func expected(_ input: Measure, stored: Measure) -> Measure {
        var expected = input
        expected.id = stored.id
        expected.version = 1
        expected.values = input.values.sorted { $0.period < $1.period }
        for i in expected.values.indices {
            expected.values[i].id = stored.values.first { $0.period == expected.values[i].period }?.id ?? -1
        }
        return expected
    }

    @Test("createMeasure round trip: every field, values in period order", arguments: TestDatabase.all)
    func createRoundTrip(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            for input in Fixture.measures(organisationID: organisation.id) {
                let created = try await store.createMeasure(input)
                #expect(created.id > 0)
                #expect(created.version == 1)
                #expect(created.values.count == input.values.count)
                #expect(created.values.allSatisfy { $0.id > 0 })
                let loaded = try await store.measure(id: created.id, organisationID: organisation.id)
                #expect(loaded == expected(input, stored: loaded), "measure \(input.code)")
            }
            let csc01 = try #require(try await store.measures(organisationID: organisation.id).first)
            #expect(csc01.values.map(\.period) == [.month(year: 2023, month: 4), .month(year: 2023, month: 5)])
        }
    }

    @Test("editMeasure round trip: targets, interim, trajectory, baseline, band, period targets, benchmarks, source", arguments: TestDatabase.all)
    func editRoundTrip(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let input = Fixture.measures(organisationID: organisation.id)[1]
            let created = try await store.createMeasure(input)

            let edited = try await store.editMeasure(id: created.id, organisationID: organisation.id, expectedVersion: 1) { m in
                m.code = "CSC-02a"
                m.title = "Average caseload per social worker"
                m.definition = "Open cases divided by case-holding FTE"
                m.numeratorText = "Open cases"
                m.denominatorText = "Case-holding FTE"
                m.unit = .score
                m.polarity = .withinBand
                m.band = 16...19.5
                m.frequency = .monthly
                m.source = .computed(catalogueID: "caseload-average-v2")
                m.decimals = 2
                m.owner = "Head of Workforce"
                m.targets = [Target(value: 20, dueBy: Day(2023, 12, 31), isInterim: true),
                             Target(value: 18, dueBy: Day(2024, 3, 31), isInterim: true),
                             Target(value: 17, dueBy: Day(2025, 3, 31))]
                m.followsTrajectory = true
                m.baseline = Baseline(value: 22.25, date: Day(2023, 6, 30))
                m.periodTargets = [PeriodTarget(period: .quarter(startYear: 2023, quarter: 3), value: 19),
                                   PeriodTarget(period: .financialYear(startYear: 2024), value: 17.5),
                                   PeriodTarget(period: .rolling12(endYear: 2024, endMonth: 3), value: 18)]
                m.tolerance = 0.75
                m.benchmarks = [Benchmark(kind: .england, year: "2022-23", value: 16.3, source: "DfE workforce 2023"),
                                Benchmark(kind: .statisticalNeighbours, year: "2022-23", value: 16.9, rangeLow: 13,
                                          rangeHigh: 21.4, source: "LAIT")]
                m.values = [] // values are recorded, not edited: ignored
                m.version = 99 // ignored
                m.organisationID = 12345 // ignored
            }
            #expect(edited.version == 2)
            #expect(edited.id == created.id)
            #expect(edited.organisationID == organisation.id)
            #expect(edited.values == created.values)
            #expect(edited.code == "CSC-02a")
            #expect(edited.band == 16...19.5)
            #expect(edited.source == .computed(catalogueID: "caseload-average-v2"))
            #expect(edited.targets.filter(\.isInterim).count == 2)
            #expect(edited.followsTrajectory)
            #expect(edited.baseline == Baseline(value: 22.25, date: Day(2023, 6, 30)))
            #expect(edited.periodTargets.map(\.period) == [.quarter(startYear: 2023, quarter: 3), .financialYear(startYear: 2024),
                                                           .rolling12(endYear: 2024, endMonth: 3)])
            #expect(edited.tolerance == 0.75)
            #expect(edited.benchmarks.count == 2)
            #expect(try await store.measure(id: created.id, organisationID: organisation.id) == edited)

            // Clearing optional fields clears them.
            let cleared = try await store.editMeasure(id: created.id, organisationID: organisation.id, expectedVersion: 2) { m in
                m.polarity = .higherIsBetter
                m.band = nil
                m.baseline = nil
                m.tolerance = nil
                m.followsTrajectory = false
                m.source = .audit
                m.periodTargets = []
            }
            #expect(cleared.version == 3)
            #expect(cleared.band == nil)
            #expect(cleared.baseline == nil)
            #expect(cleared.tolerance == nil)
            #expect(!cleared.followsTrajectory)
            #expect(cleared.source == .audit)
            #expect(try await store.measure(id: created.id, organisationID: organisation.id) == cleared)
        }
    }

    @Test("editMeasure: stale versions and invalid edits are refused and change nothing", arguments: TestDatabase.all)
    func editRefused(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let created = try await store.createMeasure(Fixture.measures(organisationID: organisation.id)[0])
            let edited = try await store.editMeasure(id: created.id, organisationID: organisation.id, expectedVersion: 1) {
                $0.title = "First editor"
            }
            await #expect(throws: StoreError.staleVersion(entity: "measure", id: created.id, expected: 1, current: 2)) {
                try await store.editMeasure(id: created.id, organisationID: organisation.id, expectedVersion: 1) {
                    $0.title = "Second editor"
                }
            }
            await #expect(throws: ValidationErrors.self) {
                try await store.editMeasure(id: created.id, organisationID: organisation.id, expectedVersion: 2) {
                    $0.polarity = .withinBand
                    $0.band = nil
                }
            }
            #expect(try await store.measure(id: created.id, organisationID: organisation.id) == edited)
        }
    }

    @Test("A second measure with the same code is a conflict; so is renaming to a code in use", arguments: TestDatabase.all)
    func duplicateCode(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let measures = Fixture.measures(organisationID: organisation.id)
            let first = try await store.createMeasure(measures[0])
            let second = try await store.createMeasure(measures[1])
            await #expect(throws: StoreError.self) {
                try await store.createMeasure(Measure(organisationID: organisation.id, code: "CSC-01", title: "Again"))
            }
            await #expect(throws: StoreError.self) {
                try await store.editMeasure(id: second.id, organisationID: organisation.id, expectedVersion: nil) {
                    $0.code = "CSC-01"
                }
            }
            #expect(try await store.measures(organisationID: organisation.id).map(\.code) == ["CSC-01", "CSC-02"])
            #expect(try await store.measure(id: first.id, organisationID: organisation.id).title == measures[0].title)
            #expect(try await store.measure(id: second.id, organisationID: organisation.id).version == 1)
        }
    }

    @Test("An invalid measure is refused", arguments: TestDatabase.all)
    func invalidMeasure(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            await #expect {
                try await store.createMeasure(Measure(organisationID: organisation.id, code: " ", title: "", polarity: .withinBand,
                                                      decimals: 9))
            } throws: { error in
                Set((error as? ValidationErrors)?.errors.map(\.field) ?? []) == ["code", "title", "band", "decimals"]
            }
            #expect(try await store.measures(organisationID: organisation.id) == [])
        }
    }

    @Test("recordValue stores values and returns them in period order", arguments: TestDatabase.all)
    func recordValues(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let measure = try await store.createMeasure(Measure(organisationID: organisation.id, code: "M1", title: "Visits on time"))
            var recorded: [MeasureValue] = []
            for month in [6, 4, 5, 3] {
                let value = MeasureValue(period: .month(year: 2023, month: month), value: Double(60 + month), numerator: Double(60 + month),
                                         denominator: 100, asAt: Day(2023, month, 28), note: "Month \(month)",
                                         computedFrom: month == 5 ? "visits-2023-05.csv" : nil)
                let saved = try await store.recordValue(value, measureID: measure.id, organisationID: organisation.id, replace: false)
                #expect(saved.id > 0)
                var expected = value
                expected.id = saved.id
                #expect(saved == expected)
                recorded.append(saved)
            }
            let loaded = try await store.measure(id: measure.id, organisationID: organisation.id)
            #expect(loaded.values == recorded.sorted { $0.period < $1.period })
            #expect(loaded.values.map(\.period.label) == ["2023-03", "2023-04", "2023-05", "2023-06"])
            #expect(loaded.value(for: .month(year: 2023, month: 5))?.computedFrom == "visits-2023-05.csv")
            #expect(loaded.version == 1)
        }
    }

    @Test("Every kind of period is stored and read back, including years that look like months", arguments: TestDatabase.all)
    func periodKinds(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let measure = try await store.createMeasure(Measure(organisationID: organisation.id, code: "M1", title: "Anything"))
            let periods: [Period] = [
                .month(year: 2011, month: 12), .financialYear(startYear: 2011), .quarter(startYear: 2011, quarter: 4),
                .rolling12(endYear: 2012, endMonth: 3), .financialYear(startYear: 2023), .quarter(startYear: 2023, quarter: 1),
            ]
            for (i, period) in periods.enumerated() {
                _ = try await store.recordValue(MeasureValue(period: period, value: Double(i), asAt: period.end),
                                                measureID: measure.id, organisationID: organisation.id, replace: false)
            }
            let loaded = try await store.measure(id: measure.id, organisationID: organisation.id)
            #expect(Set(loaded.values.map(\.period)) == Set(periods))
            for (i, period) in periods.enumerated() {
                #expect(loaded.value(for: period)?.value == Double(i), "\(period)")
            }
            #expect(loaded.values.map(\.period.end) == loaded.values.map(\.period.end).sorted())
        }
    }

    @Test("The same period again is a conflict unless replace is true, which replaces it", arguments: TestDatabase.all)
    func samePeriod(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let measure = try await store.createMeasure(Fixture.measures(organisationID: organisation.id)[0])
            let april: Period = .month(year: 2023, month: 4)
            let original = try #require(measure.value(for: april))

            await #expect {
                try await store.recordValue(MeasureValue(period: april, value: 12, asAt: Day(2023, 5, 20)),
                                            measureID: measure.id, organisationID: organisation.id, replace: false)
            } throws: { error in
                guard case let .conflict(message)? = error as? StoreError else { return false }
                return message.contains("CSC-01") && message.contains("2023-04")
            }
            #expect(try await store.measure(id: measure.id, organisationID: organisation.id).value(for: april) == original)

            let replacement = MeasureValue(period: april, value: 28.5, numerator: 57, denominator: 200, asAt: Day(2023, 5, 20),
                                           note: "Corrected after validation")
            let saved = try await store.recordValue(replacement, measureID: measure.id, organisationID: organisation.id, replace: true)
            let loaded = try await store.measure(id: measure.id, organisationID: organisation.id)
            #expect(loaded.values.count == 2)
            #expect(loaded.values.filter { $0.period == april }.count == 1)
            #expect(loaded.value(for: april) == saved)
            #expect(saved.value == 28.5)
            #expect(saved.note == "Corrected after validation")
            #expect(loaded.value(for: .month(year: 2023, month: 5)) == measure.value(for: .month(year: 2023, month: 5)))

            // replace: true for a new period simply records it.
            _ = try await store.recordValue(MeasureValue(period: .month(year: 2023, month: 6), value: 26, asAt: Day(2023, 7, 3)),
                                            measureID: measure.id, organisationID: organisation.id, replace: true)
            #expect(try await store.measure(id: measure.id, organisationID: organisation.id).values.count == 3)
        }
    }

    @Test("An invalid value, or one for a measure that does not exist, is refused", arguments: TestDatabase.all)
    func invalidValue(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let measure = try await store.createMeasure(Measure(organisationID: organisation.id, code: "M1", title: "Anything"))
            await #expect(throws: ValidationErrors.self) {
                try await store.recordValue(MeasureValue(period: .month(year: 2023, month: 4), value: 50, numerator: 60, denominator: 50,
                                                         asAt: Day(2023, 5, 1)),
                                            measureID: measure.id, organisationID: organisation.id, replace: false)
            }
            await #expect(throws: ValidationErrors.self) {
                try await store.recordValue(MeasureValue(period: .month(year: 2023, month: 4), value: .nan, asAt: Day(2023, 5, 1)),
                                            measureID: measure.id, organisationID: organisation.id, replace: false)
            }
            await #expect(throws: StoreError.notFound(entity: "measure", id: "777")) {
                try await store.recordValue(MeasureValue(period: .month(year: 2023, month: 4), value: 50, asAt: Day(2023, 5, 1)),
                                            measureID: 777, organisationID: organisation.id, replace: false)
            }
            #expect(try await store.measure(id: measure.id, organisationID: organisation.id).values == [])
        }
    }

    @Test("actionsLinked(toMeasure:) lists the actions that link to a measure, in plan order", arguments: TestDatabase.all)
    func actionsLinked(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let measures = try await store.measures(organisationID: organisation.id)
            let csc01 = try #require(measures.first { $0.code == "CSC-01" })
            let csc02 = try #require(measures.first { $0.code == "CSC-02" })

            let linked01 = try await store.actionsLinked(toMeasure: csc01.id, organisationID: organisation.id)
            #expect(linked01.map(\.ref) == ["1.1.1", "1.2.1"])
            #expect(linked01.allSatisfy { $0.measureIDs.contains(csc01.id) })
            #expect(linked01.first { $0.ref == "1.2.1" }?.measureIDs == [csc01.id, csc02.id])
            // Each carries its latest update, as in the overview.
            #expect(linked01.first?.updates.map(\.date) == [Day(2023, 8, 31)])
            #expect(try await store.actionsLinked(toMeasure: csc02.id, organisationID: organisation.id).map(\.ref) == ["1.2.1", "2.1.1"])

            let a212 = try await store.action(ref: "2.1.2", planID: plan.id, organisationID: organisation.id)
            _ = try await store.editAction(id: a212.id, organisationID: organisation.id, expectedVersion: nil) {
                $0.measureIDs = [csc01.id, csc01.id]
            }
            let a111 = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            _ = try await store.editAction(id: a111.id, organisationID: organisation.id, expectedVersion: nil) {
                $0.measureIDs = []
            }
            #expect(try await store.actionsLinked(toMeasure: csc01.id, organisationID: organisation.id).map(\.ref) == ["1.2.1", "2.1.2"])
            #expect(try await store.actionsLinked(toMeasure: 123_456, organisationID: organisation.id) == [])
        }
    }
}
