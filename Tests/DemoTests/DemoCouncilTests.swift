import Testing
@testable import Demo
import Store
import Core

@Suite("Demo council")
struct DemoCouncilTests {
    static let fixedDay = Day(2026, 11, 23)
    static let days = [Day(2026, 11, 23), Day(2024, 2, 29), Day(2025, 4, 1), Day(2027, 1, 31)]

    static func actions(of draft: PlanDraft) -> [PlanDraft.ActionDraft] {
        draft.themes.flatMap(\.areas).flatMap(\.actions)
    }

    static func latestPeriod(of measure: Measure, asAt day: Day) -> Period {
        switch measure.frequency {
        case .monthly: Period.month(containing: day).previous
        case .quarterly: Period.quarter(containing: day).previous
        case .annual: Period.financialYear(containing: day).previous
        }
    }

    @Test func organisationIsFictional() {
        #expect(DemoCouncil.organisation().name == "Northmoor Borough Council")
        #expect(DemoCouncil.organisation().kind == .council)
    }

    @Test func planHasThemesAreasAndActions() throws {
        let draft = DemoCouncil.plan(organisationID: 7, asAt: Self.fixedDay)
        #expect(draft.plan.organisationID == 7)
        #expect(draft.themes.count >= 5)
        #expect(Self.actions(of: draft).count >= 40)
        for theme in draft.themes {
            #expect((1...2).contains(theme.areas.count), "theme \(theme.theme.ref)")
            for area in theme.areas {
                #expect(!area.area.improvementLead.isEmpty)
                #expect(!area.area.coreFocus.isEmpty)
                #expect(!area.area.issues.isEmpty)
                #expect(area.area.issues.allSatisfy { !$0.paragraphs.isEmpty })
                #expect(!area.area.objectives.isEmpty)
                #expect(!area.area.whyItMatters.isEmpty)
                #expect(!area.area.whatGoodLooksLike.isEmpty)
            }
        }
        let inspection = try #require(draft.inspection)
        #expect(inspection.kind == .ilacs)
        #expect(inspection.organisationID == 7)
        #expect(inspection.judgements.count >= 4)
        #expect(inspection.recommendations.count >= 6)
        #expect(inspection.recommendations.allSatisfy { !$0.paragraphs.isEmpty })
        #expect(inspection.startDate < Self.fixedDay)
    }

    @Test func everyActionHasMilestonesLeadsAndDates() {
        let draft = DemoCouncil.plan(organisationID: 1, asAt: Self.fixedDay)
        for action in Self.actions(of: draft).map(\.action) {
            #expect((1...4).contains(action.milestones.count), "\(action.ref)")
            #expect(!action.leads.isEmpty, "\(action.ref)")
            #expect(action.startDate != nil && action.dueDate != nil, "\(action.ref)")
            #expect(action.status != .complete || action.completedOn != nil, "\(action.ref)")
            #expect(action.updates == action.updates.sorted { $0.date > $1.date }, "\(action.ref) updates newest first")
            let percents = action.updates.reversed().compactMap(\.percentComplete)
            #expect(percents == percents.sorted(), "\(action.ref) % complete never falls")
            if let latest = action.latestUpdate?.percentComplete {
                #expect(latest == action.percentComplete, "\(action.ref)")
            }
        }
    }

    @Test func actionRefsAreUnique() {
        let refs = Self.actions(of: DemoCouncil.plan(organisationID: 1, asAt: Self.fixedDay)).map(\.action.ref)
        #expect(Set(refs).count == refs.count)
        #expect(refs.contains("1.1"))
        #expect(refs.contains("2.1.1"))
    }

    @Test func aYearOfMonthlyUpdates() {
        let draft = DemoCouncil.plan(organisationID: 1, asAt: Self.fixedDay)
        let updates = Self.actions(of: draft).flatMap(\.action.updates)
        let months = Set(updates.map { Period.month(containing: $0.date) })
        #expect(months.count >= 12)
        #expect(updates.allSatisfy { $0.date <= Self.fixedDay && !$0.text.isEmpty })
        #expect(Self.actions(of: draft).contains { $0.action.updates.count >= 12 })
        // Started actions have history; those not started have none.
        for action in Self.actions(of: draft).map(\.action) {
            if action.status == .notStarted {
                #expect(action.updates.isEmpty, "\(action.ref)")
            } else {
                #expect(!action.updates.isEmpty, "\(action.ref)")
            }
        }
    }

    @Test func evidenceJudgementsReprogrammingAndOverrides() {
        let actions = Self.actions(of: DemoCouncil.plan(organisationID: 1, asAt: Self.fixedDay)).map(\.action)
        #expect(actions.filter { !$0.evidence.isEmpty }.count >= 5)
        #expect(actions.filter { $0.difference != nil }.count >= 5)
        let reprogrammed = actions.filter(\.isReprogrammed)
        #expect(reprogrammed.count >= 2)
        for action in reprogrammed {
            #expect(action.reprogrammings.last?.to == action.dueDate)
            #expect(action.originalDueDate != action.dueDate)
        }
        let overridden = actions.filter { $0.override != nil }
        #expect((1...2).contains(overridden.count))
        for action in overridden {
            let assessment = DeliveryRules.deliveryRating(of: action, asAt: Self.fixedDay)
            #expect(assessment.isOverridden)
            #expect(assessment.rating != assessment.calculated, "\(action.ref)")
        }
    }

    @Test(arguments: days)
    func everyDeliveryRatingAppears(asAt day: Day) {
        let draft = DemoCouncil.plan(organisationID: 1, asAt: day)
        let actions = Self.actions(of: draft).map(\.action)
        let assessments = actions.map { DeliveryRules.deliveryRating(of: $0, asAt: day) }
        let shown = Set(assessments.map(\.rating))
        let calculated = Set(assessments.map(\.calculated))
        #expect(shown == Set(DeliveryRating.allCases))
        #expect(calculated == Set(DeliveryRating.allCases))
        for action in actions where action.status == .complete {
            #expect(action.completedOn != nil)
        }

        // Amber for each of its reasons.
        let amberReasons = assessments.filter { $0.calculated == .amber }.flatMap { assessment in
            assessment.isOverridden ? [] : assessment.reasons
        }
        #expect(amberReasons.contains { $0.hasPrefix("Milestone") })
        #expect(amberReasons.contains { $0.contains("expected by now") })
        #expect(amberReasons.contains { $0.hasPrefix("Not started") })

        // Update due, and due in the next 30 days.
        let updateDue = actions.filter {
            DeliveryRules.updateStatus(of: $0, cycle: draft.plan.updateCycle, asAt: day).isDue
        }
        #expect(updateDue.count >= 2)
        let assessment = PlanAssessment(
            contents: PlanContents(plan: draft.plan, themes: [], areas: [], actions: actions), asAt: day)
        #expect(assessment.actions.filter(\.dueSoon).count >= 2)
    }

    @Test(arguments: days)
    func theSpreadIsTheSameWheneverTheDemoIsLoaded(asAt day: Day) {
        func counts(_ day: Day) -> [DeliveryRating: Int] {
            Self.actions(of: DemoCouncil.plan(organisationID: 1, asAt: day)).reduce(into: [:]) {
                $0[DeliveryRules.deliveryRating(of: $1.action, asAt: day).rating, default: 0] += 1
            }
        }
        #expect(counts(day) == counts(Self.fixedDay))
    }

    @Test(arguments: days)
    func theDemoPassesTheStoresValidation(asAt day: Day) {
        for draft in [DemoCouncil.plan(organisationID: 1, asAt: day),
                      DemoCouncil.largePlan(organisationID: 1, asAt: day, actions: 60, measures: 12)] {
            #expect(PlanValidation.errors(in: draft).isEmpty)
            let actions = Self.actions(of: draft).map(\.action)
            let updateErrors = actions.flatMap(\.updates).flatMap { PlanValidation.errors(in: $0) }
            #expect(updateErrors.isEmpty)
            let valueErrors = draft.measures.flatMap { measure in
                measure.values.flatMap { PlanValidation.errors(in: $0, unit: measure.unit) }
            }
            #expect(valueErrors.isEmpty)
        }
    }

    @Test func theDemoIsDeterministic() {
        let a = DemoCouncil.plan(organisationID: 1, asAt: Self.fixedDay)
        let b = DemoCouncil.plan(organisationID: 1, asAt: Self.fixedDay)
        #expect(a == b)
    }

    @Test func measuresHaveEighteenMonthsOfValues() throws {
        let draft = DemoCouncil.plan(organisationID: 3, asAt: Self.fixedDay)
        #expect(draft.measures.count >= 20)
        #expect(Set(draft.measures.map(\.code)).count == draft.measures.count)
        #expect(draft.measures.filter { $0.frequency == .monthly }.count >= 20)
        let lastMonth = Period.month(year: 2026, month: 10)
        for measure in draft.measures {
            #expect(measure.organisationID == 3)
            #expect(!measure.title.isEmpty && !measure.definition.isEmpty && !measure.owner.isEmpty)
            let values = measure.valuesInOrder
            let latest = Self.latestPeriod(of: measure, asAt: Self.fixedDay)
            let missingLatest = measure.value(for: latest) == nil
            switch measure.frequency {
            case .monthly:
                #expect(latest == lastMonth)
                #expect(values.count >= (missingLatest ? 17 : 18), "\(measure.code)")
            case .quarterly, .annual:
                // Eighteen months of a quarterly measure is six quarters.
                #expect(values.count >= 6, "\(measure.code)")
            }
            #expect(values.last.map { $0.period <= latest } ?? false, "\(measure.code)")
            #expect(values.allSatisfy { $0.asAt <= Self.fixedDay && $0.asAt > $0.period.end }, "\(measure.code) as at")
            if measure.unit == .percentage {
                for value in values {
                    let numerator = try #require(value.numerator, "\(measure.code) \(value.period)")
                    let denominator = try #require(value.denominator, "\(measure.code) \(value.period)")
                    #expect(abs(numerator / denominator * 100 - value.value) < 0.051, "\(measure.code) \(value.period)")
                }
            }
        }
        #expect(draft.measures.filter { $0.value(for: Self.latestPeriod(of: $0, asAt: Self.fixedDay)) == nil }.count == 1)
    }

    @Test func measuresCoverUnitsPolaritiesTargetsAndBenchmarks() {
        let measures = DemoCouncil.plan(organisationID: 1, asAt: Self.fixedDay).measures
        let units = Set(measures.map(\.unit))
        #expect(units.isSuperset(of: [.percentage, .count, .ratePer10k, .days]))
        #expect(measures.filter { $0.unit == .percentage }.count > measures.count / 2)
        #expect(Set(measures.map(\.polarity)) == Set(Measure.Polarity.allCases))
        #expect(measures.contains { $0.frequency == .quarterly })
        #expect(measures.contains { $0.targets.contains(where: \.isInterim) && $0.targets.contains { !$0.isInterim } })
        #expect(measures.contains { $0.followsTrajectory && $0.baseline != nil })
        let benchmarks = measures.flatMap(\.benchmarks)
        #expect(Set(benchmarks.map(\.kind)) == Set(Benchmark.Kind.allCases))
        #expect(benchmarks.contains { $0.kind == .statisticalNeighbours && $0.rangeLow != nil && $0.rangeHigh != nil })
        #expect(benchmarks.allSatisfy { !$0.source.isEmpty })
    }

    @Test(arguments: days)
    func everyMeasureRatingAppears(asAt day: Day) {
        let measures = DemoCouncil.plan(organisationID: 1, asAt: day).measures
        let rags = measures.map { MeasureRules.rating(of: $0, for: Self.latestPeriod(of: $0, asAt: day)).rag }
        #expect(Set(rags) == Set(MeasureRAG.allCases))
        #expect(rags.filter { $0 == .noData }.count == 1)
    }

    @Test(arguments: days)
    func everyExceptionCaseAppears(asAt day: Day) {
        let measures = DemoCouncil.plan(organisationID: 1, asAt: day).measures
        func rags(_ measure: Measure) -> [MeasureRAG] {
            measure.valuesInOrder.map { MeasureRules.rating(of: measure, value: $0.value, for: $0.period).rag }
        }
        let cases = measures.map { ($0, rags($0), MeasureRules.exceptionStatus(of: $0)) }

        let redTwice = cases.filter { _, r, status in r.suffix(2) == [.red, .red] && status.isException }
        #expect(!redTwice.isEmpty, "Red two periods running")
        #expect(redTwice.allSatisfy { $0.2.reason.contains("consecutive") })

        let newlyRed = cases.filter { _, r, status in
            r.count >= 2 && r.last == .red && r[r.count - 2] != .red && status.isException
        }
        #expect(!newlyRed.isEmpty, "Newly Red")
        #expect(newlyRed.allSatisfy { $0.2.reason.hasPrefix("Newly Red") })

        let amberAfterRed = cases.filter { _, r, status in r.suffix(2) == [.red, .amber] && status.isException }
        #expect(!amberAfterRed.isEmpty, "Amber after Red stays an exception")

        let recovered = cases.filter { _, r, status in
            r.last == .green && r.dropLast().contains(.red) && r.dropLast().last != .green && !status.isException
        }
        #expect(!recovered.isEmpty, "Recovered to Green")
    }

    @Test func actionsLinkToMeasuresInTheDraft() {
        let draft = DemoCouncil.plan(organisationID: 1, asAt: Self.fixedDay)
        let codes = Set(draft.measures.map(\.code))
        var linked: Set<String> = []
        for theme in draft.themes {
            let themeCodes = Set(theme.areas.flatMap(\.actions).flatMap(\.measureCodes))
            #expect(!themeCodes.isEmpty, "theme \(theme.theme.ref)")
            for action in theme.areas.flatMap(\.actions) {
                #expect(action.measureCodes.count <= 3, "\(action.action.ref)")
                #expect(codes.isSuperset(of: action.measureCodes), "\(action.action.ref)")
            }
            linked.formUnion(themeCodes)
        }
        #expect(linked.count >= draft.measures.count - 2)
    }

    @Test func largePlanHasExactlyTheRequestedSize() {
        let draft = DemoCouncil.largePlan(organisationID: 2, asAt: Self.fixedDay, actions: 300, measures: 70)
        let actions = Self.actions(of: draft).map(\.action)
        #expect(actions.count == 300)
        #expect(draft.measures.count == 70)
        #expect(draft.themes.count == 10)
        #expect(draft.themes.allSatisfy { $0.areas.count == 3 })
        #expect(Set(actions.map(\.ref)).count == 300)
        #expect(Set(draft.measures.map(\.code)).count == 70)
        #expect(actions.allSatisfy { $0.milestones.count == 3 })
        #expect(actions.filter { $0.status != .notStarted }.allSatisfy { $0.updates.count == 12 })
        #expect(draft.measures.allSatisfy { $0.values.count == 18 })
        let codes = Set(draft.measures.map(\.code))
        #expect(Self.actions(of: draft).allSatisfy { codes.isSuperset(of: $0.measureCodes) })
        let ratings = Set(actions.map { DeliveryRules.deliveryRating(of: $0, asAt: Self.fixedDay).rating })
        #expect(ratings == Set(DeliveryRating.allCases))
        #expect(draft == DemoCouncil.largePlan(organisationID: 2, asAt: Self.fixedDay, actions: 300, measures: 70))
    }

    @Test func largePlanHandlesSmallSizes() {
        let draft = DemoCouncil.largePlan(organisationID: 2, asAt: Self.fixedDay, actions: 7, measures: 0)
        #expect(Self.actions(of: draft).count == 7)
        #expect(draft.measures.isEmpty)
        #expect(Self.actions(of: draft).allSatisfy { $0.measureCodes.isEmpty })
    }
}
