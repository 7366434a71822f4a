import Foundation
import Core

/// The demo council's KPIs. Levels are written per period, oldest first (see `DemoMeasureSpec`),
/// so the latest periods show every KPI rating and every exception case:
/// - `REF-REPEAT` and `RHI-72H` are Red two periods running;
/// - `CL-PWAY` is newly Red;
/// - `ASM-ALONE` is Amber after Red (still an exception);
/// - `ASM-45WD` has recovered to Green;
/// - `CP-RATE` and `MACE-CHILD` have no target; `REC-SUMM` has no value for the latest month.
enum DemoCouncilMeasures {
    static func specs(asAt today: Day, inspectionPublished: Day) -> [DemoMeasureSpec] {
        // Target dates councils write: the end of the next quarter, the end of a financial year.
        let nextQuarterEnd = Period.quarter(containing: today).shifted(by: 1).end
        let yearEnd = Period.financialYear(containing: today.adding(months: 6)).end
        let followingYearEnd = Period.financialYear(containing: today.adding(months: 6)).shifted(by: 1).end
        let pastQuarterEnd = Period.quarter(containing: today).shifted(by: -3).end

        let benchmarkYear = Period.financialYear(containing: today).previous.label
        func benchmarks(england: Double, region: Double, neighbours: Double, low: Double, high: Double,
                        release: String) -> [Benchmark] {
            [
                Benchmark(kind: .england, year: benchmarkYear, value: england, source: "\(release) \(benchmarkYear)"),
                Benchmark(kind: .region, year: benchmarkYear, value: region,
                          source: "\(release) \(benchmarkYear), North West"),
                Benchmark(kind: .statisticalNeighbours, year: benchmarkYear, value: neighbours, rangeLow: low,
                          rangeHigh: high, source: "LAIT (Local Authority Interactive Tool), 10 statistical neighbours, \(benchmarkYear)"),
            ]
        }
        let cinCensus = "DfE Characteristics of children in need"
        let cla = "DfE Children looked after in England including adoptions"
        let workforce = "DfE Children's social work workforce"

        return [
            // MARK: Assessment and the front door
            DemoMeasureSpec(
                code: "ASM-45WD", title: "Assessments completed within 45 working days",
                definition: "Child and family assessments authorised in the month that were authorised within 45 working days of the assessment start date.",
                numeratorText: "Assessments authorised in the month within 45 working days of starting",
                denominatorText: "Assessments authorised in the month",
                source: .computed(catalogueID: "ASM-45WD"), owner: "Head of Service, Front Door and Assessment",
                targets: [Target(value: 80, dueBy: nextQuarterEnd, isInterim: true), Target(value: 90, dueBy: yearEnd)],
                benchmarks: benchmarks(england: 82.6, region: 84.1, neighbours: 85.3, low: 71.9, high: 95.2, release: cinCensus),
                denominatorSize: 210,
                levels: [-3.0, -2.9, -2.7, -2.8, -2.5, -2.3, -2.2, -1.9, -1.8, -1.6, -1.5, -0.7, -0.6, -0.5, -0.6, -0.45, -0.4, 0.5]),
            DemoMeasureSpec(
                code: "CON-TIMELY", title: "Contacts with a decision within timescale",
                definition: "Contacts decided in the month within 24 hours where they meet the threshold for child protection or assessment, and within 72 hours otherwise.",
                numeratorText: "Contacts decided within their timescale", denominatorText: "Contacts decided in the month",
                source: .computed(catalogueID: "CON-TIMELY"), owner: "Service Manager, Children's Advice and Support Hub",
                targets: [Target(value: 85, dueBy: pastQuarterEnd, isInterim: true), Target(value: 90, dueBy: yearEnd)],
                denominatorSize: 1_150,
                levels: [-1.4, -1.3, -0.6, -0.5, -0.4, 0.3, 0.5, 0.6, 0.4, 0.5, 0.7, 0.6, 0.5, 0.8, 0.6, 0.7, 0.9, 0.8]),
            DemoMeasureSpec(
                code: "CON-CONV", title: "Contacts progressing to a referral",
                definition: "Contacts received in the month that became a referral to children's social care. Too low suggests contacts that should not have been made; too high suggests thresholds applied too cautiously. The Safeguarding Partnership's expected range is 18% to 25%.",
                numeratorText: "Contacts received in the month that became a referral", denominatorText: "Contacts received in the month",
                polarity: .withinBand, band: 18...25, owner: "Service Manager, Children's Advice and Support Hub",
                denominatorSize: 1_200,
                levels: [0.5, 0.6, 0.4, 0.5, 0.3, 0.6, 0.5, 0.4, 0.5, 0.6, 0.5, 0.4, 0.3, -0.4, -0.5, 0.4, -0.45, -0.6],
                latestNote: "Rise linked to school-term contacts from education settings; being looked at with the Education Safeguarding Lead."),
            DemoMeasureSpec(
                code: "ASM-ALONE", title: "Children seen alone during assessment",
                definition: "Assessments authorised in the month where the child was seen alone by the social worker, excluding children under two and children for whom seeing them alone was not appropriate (reason recorded).",
                numeratorText: "Assessments where the child was seen alone", denominatorText: "Assessments authorised in the month, less exclusions",
                source: .manual, owner: "Principal Social Worker",
                targets: [Target(value: 70, dueBy: nextQuarterEnd, isInterim: true), Target(value: 80, dueBy: yearEnd)],
                denominatorSize: 150,
                levels: [-2.2, -2.0, -2.1, -1.8, -1.9, -1.7, -1.6, -1.5, -1.6, -1.4, -1.5, -1.4, -1.6, -1.5, -1.4, -1.4, -1.5, -0.5]),
            DemoMeasureSpec(
                code: "REF-REPEAT", title: "Re-referrals within 12 months",
                definition: "Referrals received in the month for children who had a previous referral in the 12 months before.",
                numeratorText: "Referrals in the month with a referral in the previous 12 months", denominatorText: "Referrals received in the month",
                polarity: .lowerIsBetter, source: .computed(catalogueID: "REF-REPEAT"), owner: "Head of Service, Front Door and Assessment",
                targets: [Target(value: 20, dueBy: yearEnd)],
                benchmarks: benchmarks(england: 22.4, region: 21.8, neighbours: 20.6, low: 13.9, high: 27.5, release: cinCensus),
                denominatorSize: 260,
                levels: [0.6, 0.5, 0.4, 0.6, 0.3, -0.4, -0.5, 0.3, 0.4, -0.5, -0.6, -0.4, -0.7, -0.5, -0.6, -1.4, -1.5, -1.4],
                latestNote: "Audit of re-referred children under way (action 1.6)."),

            // MARK: Planning
            DemoMeasureSpec(
                code: "CP-REVIEW", title: "Child protection review conferences in timescale",
                definition: "Children on a child protection plan at the month end whose review conferences were held in timescale: the first within three months of the plan starting, then every six months.",
                numeratorText: "Children on a plan with all reviews in timescale", denominatorText: "Children on a child protection plan at the month end",
                source: .computed(catalogueID: "CP-REVIEW"), owner: "Service Manager, Child Protection and Reviewing",
                targets: [Target(value: 95, dueBy: yearEnd)],
                benchmarks: benchmarks(england: 90.9, region: 92.4, neighbours: 93.5, low: 84.0, high: 100, release: cinCensus),
                denominatorSize: 205,
                levels: [0.3, 0.5, 0.4, 0.6, 0.5, 0.4, -0.4, 0.3, 0.5, 0.6, 0.4, 0.5, 0.6, 0.7, 0.5, 0.6, 0.4, 0.5]),
            DemoMeasureSpec(
                code: "CIN-REV", title: "Child in need plans reviewed within timescale",
                definition: "Children on a child in need plan at the month end whose plan was reviewed in the last three months. Judged against a trajectory from the inspection baseline to the interim and final targets.",
                numeratorText: "Children on a child in need plan reviewed in the last three months", denominatorText: "Children on a child in need plan at the month end",
                source: .manual, owner: "Service Manager, Child Protection and Reviewing",
                targets: [Target(value: 70, dueBy: nextQuarterEnd, isInterim: true), Target(value: 90, dueBy: followingYearEnd)],
                followsTrajectory: true, baseline: Baseline(value: 52, date: inspectionPublished),
                denominatorSize: 480,
                levels: [-0.5, -0.4, -0.6, -0.3, -0.5, 0.3, 0.4, -0.4, 0.3, 0.5, 0.4, 0.6, 0.5, 0.4, 0.6, 0.5, 0.7, 0.6]),
            DemoMeasureSpec(
                code: "CPP-REPEAT", title: "Child protection plans starting for a second or subsequent time",
                definition: "Child protection plans starting in the month for children who have been on a child protection plan before, at any time.",
                numeratorText: "Plans starting in the month for children with a previous plan", denominatorText: "Child protection plans starting in the month",
                polarity: .lowerIsBetter, source: .computed(catalogueID: "CPP-REPEAT"), owner: "Service Manager, Child Protection and Reviewing",
                targets: [Target(value: 18, dueBy: yearEnd)],
                benchmarks: benchmarks(england: 23.6, region: 22.9, neighbours: 21.7, low: 15.2, high: 29.8, release: cinCensus),
                denominatorSize: 45,
                levels: [-0.5, -0.6, -0.5, -0.6, -0.5, -0.5, 0.5, 0.6, -0.5, -0.5, 0.5, 0.5, 0.6, -0.5, -0.5, 0.5, -0.5, -0.6]),
            DemoMeasureSpec(
                code: "CP-RATE", title: "Children on a child protection plan per 10,000 children",
                definition: "Children on a child protection plan at the month end per 10,000 children aged 0 to 17 (ONS mid-year estimate). A context measure: no target is set, because the right number depends on need.",
                numeratorText: "Children on a child protection plan at the month end", denominatorText: "Children aged 0 to 17 in Northmoor",
                unit: .ratePer10k, owner: "Head of Performance and Intelligence",
                benchmarks: benchmarks(england: 41.6, region: 49.3, neighbours: 45.2, low: 31.8, high: 62.7, release: cinCensus),
                denominatorSize: 48_650, typicalValue: 44,
                levels: [0, 1.5, 2.0, 3.1, 2.4, 1.0, -0.5, -1.8, -2.6, -3.0, -2.2, -1.5, -0.8, 0.4, 1.1, 0.6, -0.3, -1.0]),
            DemoMeasureSpec(
                code: "CL-PWAY", title: "Care leavers with an up-to-date pathway plan",
                definition: "Care leavers aged 18 to 21 (and those aged 22 to 25 receiving support) whose pathway plan was reviewed in the last six months.",
                numeratorText: "Care leavers with a pathway plan reviewed in the last six months", denominatorText: "Care leavers aged 18 to 21, and those aged 22 to 25 receiving support",
                owner: "Head of Service, Children in Care and Care Leavers",
                targets: [Target(value: 95, dueBy: yearEnd)],
                denominatorSize: 230,
                levels: [-1.8, -1.6, -1.5, -1.2, -0.7, -0.5, -0.4, 0.3, 0.4, 0.5, 0.3, 0.4, 0.5, -0.4, 0.3, -0.5, -0.4, -1.6],
                latestNote: "Two personal adviser vacancies; backlog plan in action 2.2.2."),
            DemoMeasureSpec(
                code: "CLA-MOVES", title: "Children in care with three or more placements in the last 12 months",
                definition: "Children in care at the month end who have had three or more placements in the previous 12 months.",
                numeratorText: "Children in care with three or more placements in 12 months", denominatorText: "Children in care at the month end",
                polarity: .lowerIsBetter, source: .computed(catalogueID: "CLA-MOVES"), owner: "Service Manager, Children in Care",
                targets: [Target(value: 10, dueBy: yearEnd)],
                benchmarks: benchmarks(england: 10.0, region: 10.6, neighbours: 9.4, low: 6.1, high: 13.2, release: cla),
                denominatorSize: 395,
                levels: [0.3, 0.4, -0.4, 0.3, 0.5, 0.4, 0.6, 0.5, 0.4, 0.3, 0.5, 0.6, 0.4, 0.5, 0.7, 0.6, 0.5, 0.6]),

            // MARK: Supervision, workforce and quality
            DemoMeasureSpec(
                code: "SUP-6W", title: "Open cases with supervision in the last 6 weeks",
                definition: "Open allocated children's cases at the month end with a recorded case supervision in the previous six weeks.",
                numeratorText: "Open allocated cases with supervision in the last six weeks", denominatorText: "Open allocated cases at the month end",
                source: .computed(catalogueID: "SUP-6W"), owner: "Assistant Director, Quality Assurance and Safeguarding Standards",
                targets: [Target(value: 85, dueBy: nextQuarterEnd, isInterim: true), Target(value: 90, dueBy: yearEnd)],
                denominatorSize: 1_420,
                levels: [-1.5, -1.4, -1.2, -0.8, -0.6, -0.5, -0.4, 0.3, 0.4, -0.3, 0.5, 0.4, 0.6, 0.5, 0.7, 0.6, 0.5, 0.6]),
            DemoMeasureSpec(
                code: "WF-AGENCY", title: "Agency social workers",
                definition: "Agency social workers as a share of all social workers (full-time equivalent) in post at the month end.",
                numeratorText: "Agency social workers (FTE)", denominatorText: "All social workers in post (FTE)",
                polarity: .lowerIsBetter, owner: "Head of HR, People Services",
                targets: [Target(value: 15, dueBy: yearEnd)],
                benchmarks: benchmarks(england: 17.6, region: 15.9, neighbours: 19.2, low: 6.4, high: 31.5, release: workforce),
                denominatorSize: 186,
                levels: [-2.0, -1.9, -1.8, -1.6, -1.5, -1.4, -1.2, -0.8, -0.7, -0.6, -0.7, -0.5, -0.6, -0.5, -0.4, -0.5, -0.45, -0.4]),
            DemoMeasureSpec(
                code: "CASELOAD", title: "Average open cases per social worker",
                definition: "Open allocated children's cases at the month end divided by the number of case-holding social workers (FTE).",
                numeratorText: "Open allocated cases", denominatorText: "Case-holding social workers (FTE)",
                unit: .count, polarity: .lowerIsBetter, source: .computed(catalogueID: "CASELOAD"),
                owner: "Assistant Director, Children's Social Care",
                targets: [Target(value: 18, dueBy: yearEnd)],
                benchmarks: benchmarks(england: 15.8, region: 16.4, neighbours: 16.1, low: 12.9, high: 19.7, release: workforce),
                levels: [-1.6, -1.5, -1.3, -0.7, -0.5, 0.3, 0.4, 0.5, 0.6, 0.5, 0.7, 0.8, 0.6, 0.9, 1.0, 0.8, 0.9, 1.0]),

            // MARK: Recording and visits
            DemoMeasureSpec(
                code: "REC-SUMM", title: "Case summaries updated in the last three months",
                definition: "Open allocated children's records at the month end with a case summary updated in the previous three months.",
                numeratorText: "Open records with a case summary updated in the last three months", denominatorText: "Open allocated children's records at the month end",
                owner: "Head of Service, Children in Need and Protection",
                targets: [Target(value: 90, dueBy: yearEnd)],
                denominatorSize: 1_380,
                levels: [-1.5, -1.4, -1.6, -1.3, -0.7, -0.6, -0.5, -0.4, 0.3, 0.4, -0.3, 0.4, 0.5, 0.3, 0.4, 0.6, 0.5, 0.5],
                missingLatest: true),
            DemoMeasureSpec(
                code: "REC-CHRON", title: "Children with an up-to-date chronology",
                definition: "Open allocated children's records at the month end with a chronology updated in the previous three months.",
                numeratorText: "Open records with a chronology updated in the last three months", denominatorText: "Open allocated children's records at the month end",
                owner: "Principal Social Worker",
                targets: [Target(value: 75, dueBy: nextQuarterEnd, isInterim: true), Target(value: 85, dueBy: yearEnd)],
                denominatorSize: 1_380,
                levels: [-2.0, -1.8, -1.7, -1.6, -1.5, -1.4, -0.8, -0.6, -0.5, -0.4, 0.3, 0.4, 0.3, 0.5, 0.4, 0.6, 0.5, 0.7]),
            DemoMeasureSpec(
                code: "CP-VISIT", title: "Children on a child protection plan visited within 10 working days",
                definition: "Children on a child protection plan at the month end whose last statutory visit was within the previous 10 working days.",
                numeratorText: "Children on a plan visited in the last 10 working days", denominatorText: "Children on a child protection plan at the month end",
                source: .computed(catalogueID: "CP-VISIT"), owner: "Head of Service, Children in Need and Protection",
                targets: [Target(value: 95, dueBy: yearEnd)],
                denominatorSize: 205,
                levels: [0.3, 0.4, -0.4, -0.5, 0.3, -0.35, -0.5, -0.6, -0.4, 0.3, -0.4, -0.5, -0.6, -0.4, -0.5, -0.35, -0.6, -0.5]),

            // MARK: Exploitation and missing
            DemoMeasureSpec(
                code: "RHI-72H", title: "Return home interviews completed within 72 hours",
                definition: "Missing episodes ending in the month where a return home interview was completed within 72 hours of the child's return.",
                numeratorText: "Missing episodes with a return home interview within 72 hours", denominatorText: "Missing episodes ending in the month",
                source: .computed(catalogueID: "RHI-72H"), owner: "Service Manager, Adolescent Services",
                targets: [Target(value: 80, dueBy: yearEnd)],
                denominatorSize: 95,
                levels: [-0.6, -0.5, -0.4, 0.3, -0.5, -0.7, -1.4, -1.6, -1.5, -1.8, -1.4, -0.6, -0.5, -1.4, -1.7, -1.9, -2.1, -2.0],
                latestNote: "Provider staffing gap during transfer of the service in-house (action 5.2.1)."),
            DemoMeasureSpec(
                code: "MISS-EP", title: "Missing episodes of children in care",
                definition: "Episodes in the month in which a child in care was missing from their placement.",
                numeratorText: "Missing episodes of children in care in the month",
                unit: .count, polarity: .lowerIsBetter, decimals: 0, owner: "Service Manager, Adolescent Services",
                targets: [Target(value: 45, dueBy: yearEnd)],
                levels: [-1.6, -1.8, -1.5, -0.6, -0.5, 0.6, 0.7, 0.5, 0.8, 0.6, -0.5, -0.6, 0.6, 0.7, 0.5, -0.5, 0.6, -0.55]),
            DemoMeasureSpec(
                code: "EXP-SCREEN", title: "Children with an exploitation screening tool completed",
                definition: "Children open to social care at the month end with a recorded concern about exploitation who have a completed exploitation screening tool dated in the last six months.",
                numeratorText: "Children with a completed screening tool", denominatorText: "Children open with a recorded exploitation concern",
                owner: "Service Manager, Adolescent Services",
                targets: [Target(value: 75, dueBy: nextQuarterEnd, isInterim: true), Target(value: 90, dueBy: yearEnd)],
                denominatorSize: 120,
                levels: [-2.5, -2.3, -2.0, -1.8, -1.5, -1.3, -0.7, -0.5, -0.4, 0.3, 0.4, 0.5, 0.4, 0.6, 0.5, 0.7, 0.6, 0.8]),
            DemoMeasureSpec(
                code: "MACE-CHILD", title: "Children discussed at the multi-agency child exploitation (MACE) panel",
                definition: "Children discussed at the MACE panel in the month. A context measure: no target is set.",
                numeratorText: "Children discussed at the MACE panel in the month",
                unit: .count, decimals: 0, owner: "Community Safety Partnership Manager",
                typicalValue: 28,
                levels: [-10, -5, 0, 5, 8, 3, -2, 6, 10, 12, 9, 15, 18, 14, 20, 22, 19, 24]),

            // MARK: Quarterly
            DemoMeasureSpec(
                code: "AUD-GOOD", title: "Audited cases graded good or better",
                definition: "Case audits moderated in the quarter where the overall grade for the impact of practice on the child was good or outstanding.",
                numeratorText: "Moderated audits graded good or better", denominatorText: "Case audits moderated in the quarter",
                frequency: .quarterly, source: .audit, owner: "Head of Quality Assurance",
                targets: [Target(value: 60, dueBy: nextQuarterEnd, isInterim: true), Target(value: 75, dueBy: followingYearEnd)],
                denominatorSize: 64,
                levels: [-2.0, -1.6, -1.2, -0.6, -0.5, -0.4]),
            DemoMeasureSpec(
                code: "ADO-ENTRY-TO-PLACED", title: "Average days from entering care to moving in with an adoptive family",
                definition: "For children placed for adoption in the quarter, the average number of days between entering care and moving in with their adoptive family.",
                numeratorText: "Total days from entering care to placement", denominatorText: "Children placed for adoption in the quarter",
                unit: .days, polarity: .lowerIsBetter, frequency: .quarterly,
                source: .computed(catalogueID: "ADO-ENTRY-TO-PLACED"), decimals: 0, owner: "Head of Service, Children in Care and Care Leavers",
                targets: [Target(value: 426, dueBy: yearEnd)],
                benchmarks: benchmarks(england: 471, region: 452, neighbours: 438, low: 351, high: 560,
                                       release: "Adoption and Special Guardianship Leadership Board data"),
                levels: [-0.6, -0.4, 0.3, 0.5, 0.6, 0.8]),
            DemoMeasureSpec(
                code: "WF-SURVEY", title: "Staff who say supervision helps them improve their practice",
                definition: "Respondents to the quarterly staff pulse survey who agree or strongly agree that supervision helps them improve their practice with children.",
                numeratorText: "Respondents who agree or strongly agree", denominatorText: "Respondents to the question",
                frequency: .quarterly, owner: "Principal Social Worker",
                targets: [Target(value: 80, dueBy: yearEnd)],
                denominatorSize: 148,
                levels: [-1.5, -1.2, -0.6, -0.4, 0.3, 0.5]),
        ]
    }
}
