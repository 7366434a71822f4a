import Testing
@testable import Core

/// "Interim target by Oct 2019: 70%, Target by Mar 2020: 95%" — given here in reverse order on purpose.
private func makeMeasure(trajectory: Bool = false, baseline: Baseline? = nil, periodTargets: [PeriodTarget] = [],
                         decimals: Int = 0) -> Measure {
    Measure(id: 1, organisationID: 1, code: "12", title: "Assessments completed within 45 working days",
            unit: .percentage, polarity: .higherIsBetter, decimals: decimals,
            targets: [Target(value: 95, dueBy: Day(2020, 3, 31)),
                      Target(value: 70, dueBy: Day(2019, 10, 31), isInterim: true)],
            followsTrajectory: trajectory, baseline: baseline, periodTargets: periodTargets)
}

private func inForce(_ measure: Measure, _ period: Period) -> TargetInForce? {
    MeasureRules.targetInForce(for: measure, in: period)
}

@Suite("Target in force: next target, final target, period targets and trajectories")
struct TargetInForceTests {
    // MARK: The next target due

    @Test("The first target dated on or after the period's end is in force", arguments: [
        (Period.month(year: 2019, month: 6), 70.0),
        (.month(year: 2019, month: 9), 70),
        (.month(year: 2019, month: 10), 70), // ends 31 Oct, the interim target's own date
        (.month(year: 2019, month: 11), 95),
        (.month(year: 2020, month: 3), 95),
        (.quarter(startYear: 2019, quarter: 2), 70), // Jul–Sep 2019
        (.quarter(startYear: 2019, quarter: 3), 95), // Oct–Dec 2019 ends after the interim date
        (.quarter(startYear: 2019, quarter: 4), 95), // Jan–Mar 2020
    ])
    func nextTarget(period: Period, value: Double) throws {
        let target = try #require(inForce(makeMeasure(), period))
        #expect(target.value == value)
        #expect(target.basis == .nextTarget)
    }

    @Test("The reason names the target and says whether it is interim")
    func nextTargetReasons() throws {
        let interim = try #require(inForce(makeMeasure(), .month(year: 2019, month: 9)))
        #expect(interim.reason == "The next interim target due: 70% by 31 October 2019")
        let final = try #require(inForce(makeMeasure(), .month(year: 2019, month: 11)))
        #expect(final.reason == "The next target due: 95% by 31 March 2020")
    }

    @Test("After the final date, the final target stays in force", arguments: [
        Period.month(year: 2020, month: 4), .month(year: 2021, month: 1), .quarter(startYear: 2020, quarter: 1),
        .financialYear(startYear: 2020),
    ])
    func afterFinal(period: Period) throws {
        let target = try #require(inForce(makeMeasure(), period))
        #expect(target.value == 95)
        #expect(target.basis == .finalTarget)
        #expect(target.reason == "Final target of 95% (due by 31 March 2020)")
    }

    @Test("No targets: no target in force")
    func noTargets() {
        let measure = Measure(organisationID: 1, code: "7", title: "Re-referrals")
        #expect(inForce(measure, .month(year: 2024, month: 1)) == nil)
    }

    // MARK: Explicit period targets

    @Test("An explicit period target overrides the next target, for that period only")
    func periodTarget() throws {
        let measure = makeMeasure(periodTargets: [PeriodTarget(period: .month(year: 2019, month: 11), value: 80)])
        let november = try #require(inForce(measure, .month(year: 2019, month: 11)))
        #expect(november.value == 80)
        #expect(november.basis == .periodTarget)
        #expect(november.reason == "Target of 80% set for November 2019")
        #expect(inForce(measure, .month(year: 2019, month: 12))?.value == 95)
        // A quarterly period target does not apply to a month inside it.
        let quarterly = makeMeasure(periodTargets: [PeriodTarget(period: .quarter(startYear: 2019, quarter: 3), value: 82)])
        #expect(inForce(quarterly, .quarter(startYear: 2019, quarter: 3))?.value == 82)
        #expect(inForce(quarterly, .month(year: 2019, month: 11))?.value == 95)
    }

    @Test("An explicit period target overrides a trajectory")
    func periodTargetOverridesTrajectory() throws {
        let measure = makeMeasure(trajectory: true, periodTargets: [PeriodTarget(period: .month(year: 2019, month: 11), value: 72)])
        let target = try #require(inForce(measure, .month(year: 2019, month: 11)))
        #expect(target.value == 72)
        #expect(target.basis == .periodTarget)
    }

    @Test("An explicit period target also applies after the final date, and without other targets")
    func periodTargetAlone() throws {
        let measure = Measure(organisationID: 1, code: "7", title: "Re-referrals", unit: .percentage,
                              polarity: .lowerIsBetter, decimals: 1,
                              periodTargets: [PeriodTarget(period: .quarter(startYear: 2024, quarter: 1), value: 21.5)])
        let target = try #require(inForce(measure, .quarter(startYear: 2024, quarter: 1)))
        #expect(target.value == 21.5)
        #expect(target.reason == "Target of 21.5% set for 2024-25 Q1")
        #expect(inForce(measure, .quarter(startYear: 2024, quarter: 2)) == nil)
    }

    // MARK: Trajectories

    @Test("November is judged against the path from October's 70% to March's 95%")
    func trajectoryBetweenTargets() throws {
        // 31 October 2019 → 31 March 2020 is 152 days (2020 is a leap year); 30 Nov is 30 days along.
        let target = try #require(inForce(makeMeasure(trajectory: true, decimals: 1), .month(year: 2019, month: 11)))
        #expect(target.basis == .trajectory)
        #expect(abs(target.value - (70 + 25.0 * 30 / 152)) < 1e-9) // 74.93…
        #expect(target.reason == "Trajectory target of 74.9% at 30 November 2019, on the path from the target of 70.0% due by 31 October 2019 to the target of 95.0% due by 31 March 2020")
    }

    @Test("On the trajectory, the period ending on a target's date gets that target's value")
    func trajectoryAtTargetDates() throws {
        let measure = makeMeasure(trajectory: true)
        let march = try #require(inForce(measure, .month(year: 2020, month: 3)))
        #expect(march.value == 95)
        #expect(march.basis == .trajectory)
        let quarter = try #require(inForce(measure, .quarter(startYear: 2019, quarter: 4)))
        #expect(quarter.value == 95)
    }

    @Test("On the trajectory, after the final date the final target applies")
    func trajectoryAfterFinal() throws {
        let target = try #require(inForce(makeMeasure(trajectory: true), .month(year: 2020, month: 5)))
        #expect(target.value == 95)
        #expect(target.basis == .finalTarget)
    }

    @Test("Before the first target, without a baseline, the trajectory falls back to the next target")
    func trajectoryWithoutBaseline() throws {
        let target = try #require(inForce(makeMeasure(trajectory: true), .month(year: 2019, month: 9)))
        #expect(target.value == 70)
        #expect(target.basis == .nextTarget)
        #expect(target.reason == "The next interim target due: 70% by 31 October 2019")
    }

    @Test("From a baseline: halfway along the path from 40% to 80% is 60%")
    func trajectoryFromBaseline() throws {
        // Baseline 31 March 2023, target 31 March 2024: 366 days; 30 September 2023 is 183 days along, exactly half.
        let measure = Measure(organisationID: 1, code: "3", title: "Visits on time", unit: .percentage, decimals: 0,
                              targets: [Target(value: 80, dueBy: Day(2024, 3, 31))], followsTrajectory: true,
                              baseline: Baseline(value: 40, date: Day(2023, 3, 31)))
        let september = try #require(inForce(measure, .month(year: 2023, month: 9)))
        #expect(september.value == 60)
        #expect(september.basis == .trajectory)
        #expect(september.reason == "Trajectory target of 60% at 30 September 2023, on the path from the baseline of 40% on 31 March 2023 to the target of 80% due by 31 March 2024")
        // The quarter ending 30 September 2023 ends on the same day.
        #expect(inForce(measure, .quarter(startYear: 2023, quarter: 2))?.value == 60)
        // A period ending before the baseline is held at the baseline value.
        #expect(inForce(measure, .month(year: 2023, month: 2))?.value == 40)
    }

    @Test("A baseline dated after the next target is ignored")
    func baselineAfterTarget() throws {
        let measure = makeMeasure(trajectory: true, baseline: Baseline(value: 50, date: Day(2019, 12, 1)))
        let target = try #require(inForce(measure, .month(year: 2019, month: 9)))
        #expect(target.value == 70)
        #expect(target.basis == .nextTarget)
    }

    @Test("A baseline before the interim target starts the path to it; later periods follow interim → final")
    func baselineThenInterim() throws {
        // Baseline 50% on 31 August 2019; interim 70% by 31 October 2019 (61 days); 30 Sep is 30 days along.
        let measure = makeMeasure(trajectory: true, baseline: Baseline(value: 50, date: Day(2019, 8, 31)))
        let september = try #require(inForce(measure, .month(year: 2019, month: 9)))
        #expect(abs(september.value - (50 + 20.0 * 30 / 61)) < 1e-9) // 59.84…
        #expect(september.reason.contains("from the baseline of 50% on 31 August 2019 to the interim target of 70% due by 31 October 2019"))
        let november = try #require(inForce(measure, .month(year: 2019, month: 11)))
        #expect(abs(november.value - (70 + 25.0 * 30 / 152)) < 1e-9)
    }

    @Test("A measure not on a trajectory ignores its baseline")
    func baselineWithoutTrajectory() throws {
        let measure = makeMeasure(trajectory: false, baseline: Baseline(value: 50, date: Day(2019, 8, 31)))
        #expect(inForce(measure, .month(year: 2019, month: 9))?.value == 70)
        #expect(inForce(measure, .month(year: 2019, month: 11))?.value == 95)
    }

    // MARK: Bands

    @Test("A band measure is judged against its band, whatever its targets")
    func band() throws {
        let measure = Measure(organisationID: 1, code: "9", title: "Caseload per social worker", unit: .count,
                              polarity: .withinBand, band: 16...20, decimals: 0,
                              targets: [Target(value: 18, dueBy: Day(2025, 3, 31))])
        let target = try #require(inForce(measure, .month(year: 2024, month: 1)))
        #expect(target.basis == .band)
        #expect(target.value == 18)
        #expect(target.reason == "Band of 16 to 20")
    }

    @Test("A band measure without a band has no target in force")
    func bandMissing() {
        let measure = Measure(organisationID: 1, code: "9", title: "Caseload per social worker", unit: .count,
                              polarity: .withinBand, targets: [Target(value: 18, dueBy: Day(2025, 3, 31))])
        #expect(inForce(measure, .month(year: 2024, month: 1)) == nil)
    }
}
