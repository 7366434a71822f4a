import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// A performance officer keeps a measure in the browser: adds and corrects values (with the
/// reason, the old value kept), changes targets, benchmarks and the definition, and adds a
/// measure; the API does the same. What they see is asserted: forms, error summaries, the stored
/// change, the history in words, the stale path, and refusals.
@Suite("Measure editing")
struct MeasureEditingTests {
    static func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .post, headers: formHeaders, body: formEncoded(fields))
    }

    static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
    }

    /// A new percentage measure with no values, linked to no action: the organisation's plan bounds it.
    static func freshMeasure(_ store: SQLStore, _ environment: AppEnvironment, code: String = "T-1") async throws -> Measure {
        try await store.createMeasure(Measure(organisationID: environment.organisationID, code: code, title: "Visits within 10 working days",
                                              numeratorText: "visits in time", denominatorText: "visits due", unit: .percentage))
    }

    static func plan(_ store: SQLStore, _ environment: AppEnvironment) async throws -> Plan {
        try #require(try await store.plans(organisationID: environment.organisationID).first)
    }

    /// A demo measure with a value that has a numerator and denominator, and that value.
    static func measureWithFraction(_ store: SQLStore, _ environment: AppEnvironment) async throws -> (Measure, MeasureValue) {
        for measure in try await store.measures(organisationID: environment.organisationID) where measure.unit == .percentage {
            if let value = measure.valuesInOrder.last(where: { $0.numerator != nil && $0.denominator != nil && $0.computedFrom == nil }) {
                return (measure, value)
            }
        }
        throw TestFailure("no demo percentage measure with a numerator and denominator")
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: Values

    @Test("An editor adds a value from its numerator and denominator; the page, its banner and the history say so in words")
    func addValue() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let measure = try await Self.freshMeasure(store, environment)
            let plan = try await Self.plan(store, environment)
            let period = Period.month(containing: try #require(plan.periodStart))

            let form = try await Self.get(client, "/measures/\(measure.id)/values/new")
            #expect(form.status == .ok)
            for text in ["Add a value", "<label class=\"label\" for=\"value-period\">Period</label>", "Numerator: visits in time",
                         "Denominator: visits due", "<legend class=\"fieldset__legend\">As at</legend>", "name=\"version\" value=\"1\""] {
                #expect(form.text.contains(text), "the form shows \(text)")
            }

            let added = try await Self.post(client, "/measures/\(measure.id)/values", [
                ("version", "1"), ("period", period.label), ("value", ""), ("numerator", "25"), ("denominator", "40"),
                ("as-at-day", "5"), ("as-at-month", "11"), ("as-at-year", "2026"), ("note", "From the case system"),
            ])
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/measures/\(measure.id)?saved=value#values")
            let stored = try #require(try await store.measure(id: measure.id, organisationID: environment.organisationID).value(for: period))
            #expect(stored.value == 62.5)
            #expect(stored.numerator == 25 && stored.denominator == 40 && stored.asAt == Day(2026, 11, 5))

            let page = try await Self.get(client, "/measures/\(measure.id)?saved=value")
            #expect(page.text.contains("Value added."))
            #expect(page.text.contains("62.5%"))
            let history = try await Self.get(client, "/measures/\(measure.id)/history")
            #expect(history.text.contains("Recorded 62.5% for \(MeasureEditing.longLabel(period)) (25 of 40)"))

            // A form from before someone changed the measure: nothing saved, what was typed kept.
            _ = try await store.editMeasure(id: measure.id, organisationID: environment.organisationID, expectedVersion: 1) { $0.owner = "Head of Service" }
            let next = period.shifted(by: 1)
            let stale = try await Self.post(client, "/measures/\(measure.id)/values", [
                ("version", "1"), ("period", next.label), ("value", "64.5"), ("as-at-day", "5"), ("as-at-month", "11"), ("as-at-year", "2026"),
            ])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else changed this measure after you opened this page. Your value has not been saved."))
            #expect(stale.text.contains("value=\"64.5\""))
            #expect(try await store.measure(id: measure.id, organisationID: environment.organisationID).value(for: next) == nil)

            // The same period again: refused beside the period, pointing to a correction.
            let again = try await Self.post(client, "/measures/\(measure.id)/values", [
                ("version", "2"), ("period", period.label), ("value", "70"), ("as-at-day", "5"), ("as-at-month", "11"), ("as-at-year", "2026"),
            ])
            #expect(again.status == .badRequest)
            #expect(again.text.contains("already has a value (62.5%): correct that value instead"))
            #expect(again.text.contains("href=\"#value-period\""))
        }
    }

    @Test("A value for a period outside the plan's period is refused, saying why, on the page and in the API; nothing is stored")
    func outsidePlanPeriod() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let measure = try await Self.freshMeasure(store, environment)
            let plan = try await Self.plan(store, environment)
            let outside = Period.month(containing: try #require(plan.periodEnd).adding(months: 3))
            let response = try await Self.post(client, "/measures/\(measure.id)/values", [
                ("version", "1"), ("period", outside.label), ("value", "50"), ("as-at-day", "5"), ("as-at-month", "11"), ("as-at-year", "2026"),
            ])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("<title>Error: "))
            #expect(response.text.contains("\(MeasureEditing.longLabel(outside)) is outside the plan’s period"))
            #expect(response.text.contains("The plan covers \(try #require(plan.periodStart).formattedLong) to \(try #require(plan.periodEnd).formattedLong)."),
                    "the hint says which periods are allowed")
            #expect(response.text.contains("value=\"\(outside.label)\""), "what was typed is kept")

            let api = try await client.executeRequest(uri: "/api/v1/measures/\(measure.id)/values", method: .post, headers: APITests.jsonHeaders,
                                                      body: try APITests.body(["period": outside.label, "value": 50]))
            #expect(api.status == .badRequest)
            let fields = try APITests.json(api)["fields"] as? [[String: Any]]
            #expect(fields?.first?["field"] as? String == "period")
            #expect(try await store.measure(id: measure.id, organisationID: environment.organisationID).values.isEmpty)
        }
    }

    @Test("Extreme and malformed figures are refused beside the field, never a crash", arguments: [
        ("1e13", "The value must be between -1,000,000,000,000 and 1,000,000,000,000"),
        ("abc", "Enter the value as a number, like 62.5"),
        ("nan", "Enter the value as a number, like 62.5"),
        ("1e400", "Enter the value as a number"),
    ])
    func extremeValues(typed: String, message: String) async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let measure = try await Self.freshMeasure(store, environment)
            let plan = try await Self.plan(store, environment)
            let period = Period.month(containing: try #require(plan.periodStart))
            let response = try await Self.post(client, "/measures/\(measure.id)/values", [
                ("version", "1"), ("period", period.label), ("value", typed), ("as-at-day", "5"), ("as-at-month", "11"), ("as-at-year", "2026"),
            ])
            #expect(response.status == .badRequest)
            #expect(response.text.contains(message))
            #expect(response.text.contains("<a href=\"#value-figure\">"))
            #expect(try await store.measure(id: measure.id, organisationID: environment.organisationID).values.isEmpty)
        }
    }

    @Test("A correction needs a reason; with one, the value changes, the old one is kept and the page and history read it in words")
    func correctValue() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let (measure, value) = try await Self.measureWithFraction(store, environment)
            let label = MeasureEditing.longLabel(value.period)
            let form = try await Self.get(client, "/measures/\(measure.id)/values/correct?period=\(value.period.label)")
            #expect(form.status == .ok)
            #expect(form.text.contains("Correct the value for \(label)"))
            #expect(form.text.contains("Recorded now: <strong>\(measure.format(value.value))"))
            #expect(form.text.contains("Why are you correcting it?"))

            let fields: [(String, String)] = [
                ("version", String(measure.version)), ("period", value.period.label), ("was", String(value.value)),
                ("value", ""), ("numerator", FigureField.text(value.numerator.map { $0 - 1 })), ("denominator", FigureField.text(value.denominator)),
                ("as-at-day", "20"), ("as-at-month", "11"), ("as-at-year", "2026"), ("note", ""),
            ]
            let noReason = try await Self.post(client, "/measures/\(measure.id)/values/correct", fields + [("reason", "  ")])
            #expect(noReason.status == .badRequest)
            #expect(noReason.text.contains("<title>Error: Correct the value"))
            #expect(noReason.text.contains("<a href=\"#value-reason\">Enter why the value is being corrected"))
            #expect(try await store.measure(id: measure.id, organisationID: org).value(for: value.period)?.value == value.value)

            let reason = "One visit was recorded twice"
            let saved = try await Self.post(client, "/measures/\(measure.id)/values/correct", fields + [("reason", reason)])
            #expect(saved.status == .seeOther)
            let now = try #require(try await store.measure(id: measure.id, organisationID: org).value(for: value.period))
            let expected = try #require(value.numerator.map { $0 - 1 }).self / (try #require(value.denominator)) * 100
            #expect(now.value == expected)
            let corrections = try await store.valueCorrections(measureID: measure.id, organisationID: org)
            #expect(corrections.count == 1)
            #expect(corrections.first?.before.value == value.value)
            #expect(corrections.first?.correctedBy == "Test Editor")

            let sentence = "Corrected \(label) from \(measure.format(value.value)) to \(measure.format(expected))"
            let page = try await Self.get(client, "/measures/\(measure.id)?saved=correction")
            #expect(page.text.contains("Value corrected."))
            #expect(page.text.contains("Test Editor:</strong> \(sentence)"))
            #expect(page.text.contains("Reason: \(reason)"))
            #expect(page.text.contains("Corrected on "))
            let history = try await Self.get(client, "/measures/\(measure.id)/history")
            #expect(history.text.contains(sentence))
            #expect(history.text.contains("Reason: \(reason)"))
            #expect(!history.text.contains("{\""), "no raw JSON in the history")
        }
    }

    @Test("A correction against a value someone else changed since is refused (409), keeping what was typed; the other change stands")
    func staleCorrection() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let (measure, value) = try await Self.measureWithFraction(store, environment)
            // Someone else corrects it first.
            _ = try await store.correctMeasureValue(measureID: measure.id, period: value.period, organisationID: org, expectedValue: value.value,
                                                    reason: "Recount", by: "Another Editor") { $0.value = 12.5; $0.numerator = nil; $0.denominator = nil }
            let response = try await Self.post(client, "/measures/\(measure.id)/values/correct", [
                ("version", String(measure.version)), ("period", value.period.label), ("was", String(value.value)), ("value", "99"),
                ("as-at-day", "20"), ("as-at-month", "11"), ("as-at-year", "2026"), ("reason", "My late recount"),
            ])
            #expect(response.status == .conflict)
            #expect(response.text.contains("Someone else changed the value of \(measure.code)"))
            #expect(response.text.contains("it is now 12.5%"))
            #expect(response.text.contains("My late recount"), "the reason typed is kept")
            #expect(response.text.contains("value=\"99\""), "the figure typed is kept")
            #expect(try await store.measure(id: measure.id, organisationID: org).value(for: value.period)?.value == 12.5)
        }
    }

    @Test("Values recorded from an analysis run show on the measure page, named as computed")
    func computedValuesShown() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let measure = try await Self.freshMeasure(store, environment)
            let plan = try await Self.plan(store, environment)
            let period = Period.month(containing: try #require(plan.periodStart))
            _ = try await store.recordValue(MeasureValue(period: period, value: 81.25, numerator: 13, denominator: 16, asAt: period.end,
                                                         computedFrom: "annex-a.xlsx"),
                                            measureID: measure.id, organisationID: environment.organisationID, replace: true)
            let page = try await Self.get(client, "/measures/\(measure.id)")
            #expect(page.text.contains("81.3%"))
            #expect(page.text.contains("Computed from annex-a.xlsx"))
            let history = try await Self.get(client, "/measures/\(measure.id)/history")
            #expect(history.text.contains("Recorded 81.3% for \(MeasureEditing.longLabel(period)) (13 of 16), computed from annex-a.xlsx"))
        }
    }

    @Test("A hand-made targets form with negative, huge or unreadable row counts is answered, never a crash",
          arguments: ["-5", "99999999999999999999", "abc", "100000"])
    func oddTargetCounts(count: String) async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let measure = try await Self.freshMeasure(store, environment)
            let response = try await Self.post(client, "/measures/\(measure.id)/targets", [
                ("version", "1"), ("target-count", count), ("period-target-count", count), ("tolerance", ""),
            ])
            #expect(response.status.code < 500)
            #expect(try await store.measure(id: measure.id, organisationID: environment.organisationID).targets.isEmpty)
        }
    }

    // MARK: Targets and benchmarks

    @Test("An editor sets a final and an interim target and a tolerance; the page rates against them and the history lists them in words")
    func targets() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let measure = try await Self.freshMeasure(store, environment)
            let form = try await Self.get(client, "/measures/\(measure.id)/targets")
            #expect(form.status == .ok)
            #expect(form.text.contains("Change the targets"))
            #expect(form.text.contains("New target"))

            let fields: [(String, String)] = [
                ("version", "1"), ("target-count", "2"), ("period-target-count", "1"),
                ("target-0-value", "70"), ("target-0-day", "31"), ("target-0-month", "10"), ("target-0-year", "2026"), ("target-0-kind", "interim"),
                ("target-1-value", "95"), ("target-1-day", "31"), ("target-1-month", "3"), ("target-1-year", "2027"), ("target-1-kind", "final"),
                ("period-target-0-period", "2026-12"), ("period-target-0-value", "80"),
                ("tolerance", "3"), ("trajectory", "no"),
            ]
            let saved = try await Self.post(client, "/measures/\(measure.id)/targets", fields)
            #expect(saved.status == .seeOther)
            let stored = try await store.measure(id: measure.id, organisationID: org)
            #expect(stored.targets == [Target(value: 70, dueBy: Day(2026, 10, 31), isInterim: true), Target(value: 95, dueBy: Day(2027, 3, 31))])
            #expect(stored.periodTargets == [PeriodTarget(period: .month(year: 2026, month: 12), value: 80)])
            #expect(stored.tolerance == 3)

            let page = try await Self.get(client, "/measures/\(measure.id)?saved=targets")
            #expect(page.text.contains("Targets saved."))
            #expect(page.text.contains("Amber within 3.0 percentage points of the target"))
            let history = try await Self.get(client, "/measures/\(measure.id)/history")
            #expect(history.text.contains("70.0% by 31 October 2026 (interim); 95.0% by 31 March 2027 (final)"))
            #expect(history.text.contains("80.0% for December 2026"))

            // The same form again, from the old version: someone else saved in between.
            let stale = try await Self.post(client, "/measures/\(measure.id)/targets", fields.map { $0.0 == "target-0-value" ? ($0.0, "71") : $0 })
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else changed this measure after you opened this page. Your change to the targets has not been saved."))
            #expect(stale.text.contains("value=\"71\""), "what was typed is kept")

            // A figure beyond the range, and two targets on one date, are refused beside their rows.
            let bad = try await Self.post(client, "/measures/\(measure.id)/targets", [
                ("version", "2"), ("target-count", "2"), ("period-target-count", "0"),
                ("target-0-value", "1e13"), ("target-0-day", "31"), ("target-0-month", "10"), ("target-0-year", "2026"), ("target-0-kind", "interim"),
                ("target-1-value", "abc"), ("target-1-day", "31"), ("target-1-month", "13"), ("target-1-year", "2027"), ("target-1-kind", "final"),
            ])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("<a href=\"#target-0-value\">The interim target must be between -1,000,000,000,000 and 1,000,000,000,000"))
            #expect(bad.text.contains("<a href=\"#target-1-value\">Enter the target as a number"))
            #expect(bad.text.contains("The date the target is due by must be a real date"))
            let sameDate = try await Self.post(client, "/measures/\(measure.id)/targets", [
                ("version", "2"), ("target-count", "2"), ("period-target-count", "0"),
                ("target-0-value", "70"), ("target-0-day", "31"), ("target-0-month", "10"), ("target-0-year", "2026"), ("target-0-kind", "interim"),
                ("target-1-value", "90"), ("target-1-day", "31"), ("target-1-month", "10"), ("target-1-year", "2026"), ("target-1-kind", "final"),
            ])
            #expect(sameDate.status == .badRequest)
            #expect(sameDate.text.contains("<a href=\"#target-1-due\">Two targets are due on 31 October 2026"))
            #expect(try await store.measure(id: measure.id, organisationID: org).version == 2)
        }
    }

    @Test("An editor adds, changes and removes benchmarks for England, statistical neighbours and the region")
    func benchmarks() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let measure = try await Self.freshMeasure(store, environment)
            let added = try await Self.post(client, "/measures/\(measure.id)/benchmarks", [
                ("version", "1"), ("index", ""), ("kind", "england"), ("year", "2025-26"), ("value", "21.3"), ("range-low", "18"),
                ("range-high", "25.1"), ("source", "DfE Children in need 2026"),
            ])
            #expect(added.status == .seeOther)
            _ = try await Self.post(client, "/measures/\(measure.id)/benchmarks", [
                ("version", "2"), ("index", ""), ("kind", "statistical-neighbours"), ("year", "2025-26"), ("value", "19.8"),
            ])
            var stored = try await store.measure(id: measure.id, organisationID: org)
            #expect(stored.benchmarks.map(\.kind) == [.england, .statisticalNeighbours])

            let page = try await Self.get(client, "/measures/\(measure.id)/benchmarks")
            #expect(page.text.contains("18.0% to 25.1%"))
            #expect(page.text.contains("Change<span class=\"visually-hidden\"> the England benchmark for 2025-26"))

            // The same comparator and year twice is refused.
            let twice = try await Self.post(client, "/measures/\(measure.id)/benchmarks", [
                ("version", "3"), ("index", ""), ("kind", "england"), ("year", "2025-26"), ("value", "22"),
            ])
            #expect(twice.status == .badRequest)
            #expect(twice.text.contains("There is already a England benchmark for 2025-26: change that one instead"))

            let changed = try await Self.post(client, "/measures/\(measure.id)/benchmarks", [
                ("version", "3"), ("index", "0"), ("kind", "region"), ("year", "2025-26"), ("value", "20.5"),
            ])
            #expect(changed.status == .seeOther)
            stored = try await store.measure(id: measure.id, organisationID: org)
            #expect(stored.benchmarks.first?.kind == .region && stored.benchmarks.first?.value == 20.5)

            let removed = try await Self.post(client, "/measures/\(measure.id)/benchmarks", [("version", "4"), ("remove", "1")])
            #expect(removed.status == .seeOther)
            stored = try await store.measure(id: measure.id, organisationID: org)
            #expect(stored.benchmarks.map(\.kind) == [.region])
            let history = try await Self.get(client, "/measures/\(measure.id)/history")
            #expect(history.text.contains("Statistical neighbours 2025-26: 19.8%"))

            let bad = try await Self.post(client, "/measures/\(measure.id)/benchmarks", [
                ("version", "5"), ("index", ""), ("kind", ""), ("year", "2025/26"), ("value", "abc"),
            ])
            #expect(bad.status == .badRequest)
            for text in ["<a href=\"#benchmark-kind-england\">Choose who the benchmark is for", "<a href=\"#benchmark-year\">Enter the benchmark&#39;s year like 2025-26",
                         "<a href=\"#benchmark-value\">Enter the benchmark as a number"] {
                #expect(bad.text.contains(text), "the error summary links \(text)")
            }
        }
    }

    // MARK: Definition and a new measure

    @Test("An editor adds a measure and changes its definition; a code in use and a band without its values are refused")
    func definition() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let list = try await Self.get(client, "/measures")
            #expect(list.text.contains("<a href=\"/measures/new\" class=\"button button--secondary\">Add a measure</a>"))
            let form = try await Self.get(client, "/measures/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("Add a measure"))
            let fields: [(String, String)] = [
                ("code", "NEW-7"), ("title", "Children seen alone"), ("definition", "Visits where the child was seen alone"),
                ("numerator-text", "seen alone"), ("denominator-text", "visits"), ("unit", "percentage"), ("polarity", "higher-is-better"),
                ("frequency", "quarterly"), ("decimals", "1"), ("owner", "Head of Service"), ("source", "manual"), ("catalogue-id", ""),
            ]
            let created = try await Self.post(client, "/measures", fields)
            #expect(created.status == .seeOther)
            let measure = try #require(try await store.measures(organisationID: org).first { $0.code == "NEW-7" })
            #expect(measure.frequency == .quarterly && measure.owner == "Head of Service")
            #expect(created.headers[.location] == "/measures/\(measure.id)?saved=measure")

            let again = try await Self.post(client, "/measures", fields)
            #expect(again.status == .badRequest)
            #expect(again.text.contains("A measure with code &#39;NEW-7&#39; already exists: choose another code"))

            let band = try await Self.post(client, "/measures/\(measure.id)/edit", [("version", "1")] + fields.map {
                $0.0 == "polarity" ? ("polarity", "within-a-band") : $0
            })
            #expect(band.status == .badRequest)
            #expect(band.text.contains("A measure judged within a band needs the band&#39;s low and high values"))

            let edited = try await Self.post(client, "/measures/\(measure.id)/edit", [("version", "1")] + fields.map {
                switch $0.0 {
                case "polarity": ("polarity", "lower-is-better")
                case "title": ("title", "Children seen alone at every visit")
                case "unit": ("unit", "rate-per-10000")
                default: $0
                }
            })
            #expect(edited.status == .seeOther)
            let saved = try await store.measure(id: measure.id, organisationID: org)
            #expect(saved.polarity == .lowerIsBetter && saved.unit == .ratePer10k && saved.title == "Children seen alone at every visit")
            let history = try await Self.get(client, "/measures/\(measure.id)/history")
            #expect(history.text.contains("higher is better"))
            #expect(history.text.contains("lower is better"))

            let stale = try await Self.post(client, "/measures/\(measure.id)/edit", [("version", "1")] + fields)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Your change to the definition has not been saved"))
        }
    }

    // MARK: Refusals

    @Test("A viewer sees no links to change a measure and is refused every form; another organisation's measure is not found")
    func refusals() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let measure = try #require(try await store.measures(organisationID: environment.organisationID).first)
            let page = try await Self.get(client, "/measures/\(measure.id)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("Add a value"))
            #expect(!page.text.contains("/values/correct"))
            #expect(!(try await Self.get(client, "/measures")).text.contains("/measures/new"))
            for path in ["/measures/new", "/measures/\(measure.id)/values/new", "/measures/\(measure.id)/targets",
                         "/measures/\(measure.id)/benchmarks", "/measures/\(measure.id)/edit"] {
                #expect(try await Self.get(client, path).status == .forbidden, "GET \(path)")
            }
            for path in ["/measures", "/measures/\(measure.id)/values", "/measures/\(measure.id)/values/correct", "/measures/\(measure.id)/targets",
                         "/measures/\(measure.id)/benchmarks", "/measures/\(measure.id)/edit"] {
                #expect(try await Self.post(client, path, [("version", "1"), ("value", "1")]).status == .forbidden, "POST \(path)")
            }
            let api = try await client.executeRequest(uri: "/api/v1/measures/\(measure.id)/values/corrections", method: .post,
                                                      headers: APITests.jsonHeaders,
                                                      body: try APITests.body(["period": "2026-10", "value": 1, "reason": "x", "previousValue": 1]))
            #expect(api.status == .forbidden)
        }
        try await withTestApp(as: .editor) { client, environment, store in
            let other = try await store.createOrganisation(Organisation(name: "Other Council"))
            let theirs = try await store.createMeasure(Measure(organisationID: other.id, code: "X", title: "Theirs"))
            #expect(try await Self.get(client, "/measures/\(theirs.id)/targets").status == .notFound)
            let post = try await Self.post(client, "/measures/\(theirs.id)/values", [("version", "1"), ("period", "2026-10"), ("value", "1")])
            #expect(post.status == .notFound)
            #expect(try await store.measure(id: theirs.id, organisationID: other.id).values.isEmpty)
        }
    }

    // MARK: The API

    @Test("The API corrects a value with a reason (400 without, 409 when stale), lists corrections, and patches code, unit and frequency")
    func api() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let (measure, value) = try await Self.measureWithFraction(store, environment)
            let uri = "/api/v1/measures/\(measure.id)/values/corrections"
            func send(_ object: [String: Any]) async throws -> TestResponse {
                try await client.executeRequest(uri: uri, method: .post, headers: APITests.jsonHeaders, body: try APITests.body(object))
            }
            let noReason = try await send(["period": value.period.label, "value": 50, "previousValue": value.value])
            #expect(noReason.status == .badRequest)
            #expect((try APITests.json(noReason)["fields"] as? [[String: Any]])?.first?["field"] as? String == "reason")

            let huge = try await send(["period": value.period.label, "value": 1e13, "reason": "Typo", "previousValue": value.value])
            #expect(huge.status == .badRequest)

            let corrected = try await send(["period": value.period.label, "value": 50, "reason": "Typo in the return", "previousValue": value.value])
            #expect(corrected.status == .created)
            let body = try APITests.json(corrected)
            #expect(body["reason"] as? String == "Typo in the return")
            #expect((body["sentence"] as? String)?.hasPrefix("Corrected \(MeasureEditing.longLabel(value.period)) from \(measure.format(value.value)) to 50.0%") == true)

            let stale = try await send(["period": value.period.label, "value": 60, "reason": "Again", "previousValue": value.value])
            #expect(stale.status == .conflict)
            #expect(try await store.measure(id: measure.id, organisationID: org).value(for: value.period)?.value == 50)

            let list = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
            #expect(list.status == .ok)
            #expect((try APITests.json(list)["corrections"] as? [Any])?.count == 1)

            let patch = try await client.executeRequest(uri: "/api/v1/measures/\(measure.id)", method: .patch, headers: APITests.jsonHeaders,
                                                        body: try APITests.body(["version": measure.version, "code": "\(measure.code)-R", "frequency": "quarterly"]))
            #expect(patch.status == .ok)
            let patched = try await store.measure(id: measure.id, organisationID: org)
            #expect(patched.code == "\(measure.code)-R" && patched.frequency == .quarterly)
        }
    }
}
