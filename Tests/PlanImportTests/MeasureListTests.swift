import Core
import Testing
@testable import PlanImport

@Suite("Reading numbered KPI lists")
struct MeasureListTests {
    @Test("A KPI with an interim and a final target, each with its date")
    func interimAndFinal() throws {
        let split = MeasureList.split("42. % of open cases with an up to date supervision recorded within 6 weeks Interim target by Oct 2019: 70% Target by Mar 2020: 95%", after: nil)
        let item = try #require(split.items.first)
        #expect(split.items.count == 1)
        let measure = MeasureList.measure(number: item.number, text: item.text)
        #expect(measure.number == 42)
        #expect(measure.title == "% of open cases with an up to date supervision recorded within 6 weeks")
        #expect(measure.unit == .percentage)
        #expect(measure.targets.map(\.value) == [70, 95])
        #expect(measure.targets.map(\.isInterim) == [true, false])
        #expect(measure.targets.map { $0.dueBy?.day } == [Day(2019, 10, 31), Day(2020, 3, 31)])
    }

    @Test("Targets written the other ways round, and targets to be confirmed", arguments: [
        ("Target: 95% by March 2020.", 95.0, Day(2020, 3, 31) as Day?, false),
        ("Target 70% by Jan 2020", 70, Day(2020, 1, 31), false),
        ("Interim target: 70% by Oct 2019", 70, Day(2019, 10, 31), true),
        ("Target: 80%", 80, nil, false),
    ])
    func targetForms(text: String, value: Double, due: Day?, interim: Bool) throws {
        let (targets, rest) = MeasureList.readTargets(in: text)
        let target = try #require(targets.first)
        #expect(target.value == value)
        #expect(target.dueBy?.day == due)
        #expect(target.isInterim == interim)
        #expect(rest.trimmingCharacters(in: .whitespaces).isEmpty)
    }

    @Test("'Target: TBC' is no target, and stays in the definition")
    func toBeConfirmed() {
        let measure = MeasureList.measure(number: 28, text: "% of children subject to CIN plans longer than 2 years.\nTarget: TBC")
        #expect(measure.targets.isEmpty)
        #expect(measure.definition == "Target: TBC")
        #expect(measure.title == "% of children subject to CIN plans longer than 2 years")
    }

    @Test("Items split at the next number in sequence inside a line, never at other numbers")
    func splitting() {
        let split = MeasureList.split("70. Increase % of completed CE risk assessment tool by partners Target: 80% 71. Evidence through disruption work via exploitation group", after: 69)
        #expect(split.items.map(\.number) == [70, 71])
        #expect(split.items.last?.text == "Evidence through disruption work via exploitation group")

        let missing = MeasureList.split("33. Percentage of children eligible for a return home interview within 72 hrs. Target 75%", after: 32)
        #expect(missing.items.map(\.number) == [33])
    }

    @Test("Text before the first number runs on from the measure before; lettered items belong to their measure")
    func leadingAndLettered() {
        let split = MeasureList.split("a) % of stat visits in timescale Target: 95%\nb) % of assessments in 45 working days Target: 95%", after: 11)
        #expect(split.items.isEmpty)
        #expect(split.leading.hasPrefix("a) % of stat visits"))
        let measure = MeasureList.measure(number: 11, text: "Compliance with practice standards is part of our audit process\nEvidence including:\na) % of stat visits Target: 95%")
        #expect(measure.targets.isEmpty)
        #expect(measure.definition == "Evidence including:\na) % of stat visits Target: 95%")
    }

    @Test("Lower is better when the title or the targets say so")
    func polarity() {
        let lower = MeasureList.measure(number: 68, text: "Lower number of contacts with an outcome of No Further Action\nInterim target: 51% to 30 % by Dec 2019 Target by Mar 2020: 20%")
        #expect(lower.polarity == .lowerIsBetter)
        #expect(lower.targets.map(\.value) == [30, 20])
        #expect(lower.targets.first?.from == 51)
        let higher = MeasureList.measure(number: 62, text: "% of children with in-date PEPs\nTarget: 90%")
        #expect(higher.polarity == .higherIsBetter)
    }
}

import Foundation
