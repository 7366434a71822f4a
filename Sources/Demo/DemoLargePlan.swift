import Foundation
import Core

/// A synthetic plan of any size for benchmarks: ten themes of three areas, actions spread evenly
/// across them with three milestones and up to twelve monthly updates each, and measures with
/// eighteen monthly values. Ratings are mixed; everything follows from the arguments.
enum DemoLargePlan {
    static let themeTitles = [
        "Front door and assessment", "Planning and review", "Supervision and oversight", "Recording",
        "Exploitation and missing", "Children in care", "Care leavers", "Workforce",
        "Quality assurance", "Partnership working",
    ]
    static let verbs = ["Review", "Introduce", "Strengthen", "Embed", "Audit", "Refresh", "Develop", "Evaluate"]
    static let subjects = [
        "the allocation process", "practice standards", "the audit programme", "management oversight",
        "the case summary template", "multi-agency training", "the performance clinic", "the step-down protocol",
        "return home interviews", "the supervision policy", "pathway planning", "the threshold document",
    ]
    static let teams = ["in the east locality", "in the west locality", "across the service", "with partners",
                        "in the hub", "in the assessment teams"]
    static let leads = [
        "Service Manager, Assessment", "Head of Quality Assurance", "Principal Social Worker",
        "Head of Performance and Intelligence", "Service Manager, Children in Care", "Team Manager, Leaving Care",
        "Service Manager, Adolescent Services", "Learning and Development Manager", "Northmoor Police",
        "Northmoor ICB",
    ]
    static let measureTitles = [
        "Assessments in timescale", "Visits in timescale", "Plans reviewed in timescale", "Supervision in timescale",
        "Audits graded good or better", "Return interviews in timescale", "Pathway plans up to date",
        "Repeat referrals", "Missing episodes", "Children on plans per 10,000",
    ]

    static func plan(organisationID: Int64, asAt today: Day, actions: Int, measures: Int) -> PlanDraft {
        let plan = Plan(organisationID: organisationID, title: "Synthetic improvement plan (\(actions) actions, \(measures) measures)",
                        kind: .improvementPlan, periodStart: today.adding(months: -13).firstOfMonth,
                        periodEnd: today.adding(months: 11).lastOfMonth, updateCycle: .monthly)
        let codes = (0..<measures).map { code(for: $0) }
        let areaCount = themeTitles.count * 3
        var index = 0
        let themes = themeTitles.enumerated().map { t, title in
            PlanDraft.ThemeDraft(
                theme: Theme(planID: 0, position: t + 1, ref: "\(t + 1)", title: title),
                areas: (0..<3).map { a in
                    let areaIndex = t * 3 + a
                    let count = actions / areaCount + (areaIndex < actions % areaCount ? 1 : 0)
                    let area = Area(themeID: 0, position: a + 1, ref: "\(t + 1).\(a + 1)",
                                    title: "\(title): priority \(a + 1)", recommendationNumber: areaIndex % 8 + 1,
                                    improvementLead: leads[areaIndex % leads.count],
                                    coreFocus: "Improving \(title.lowercased()) for children.",
                                    objectives: ["Practice in \(title.lowercased()) is consistently good."],
                                    whyItMatters: "Children wait less and are safer.",
                                    whatGoodLooksLike: "Targets met and sustained for six months.")
                    let drafts = (0..<count).map { k -> PlanDraft.ActionDraft in
                        defer { index += 1 }
                        let spec = actionSpec(index: index, ref: "\(t + 1).\(a + 1).\(k + 1)", codes: codes)
                        return DemoActionBuilder.action(spec, position: k + 1, seed: index + 1, today: today)
                    }
                    return PlanDraft.AreaDraft(area: area, actions: drafts)
                })
        }
        let measureDrafts = (0..<measures).map {
            DemoMeasureBuilder.measure(measureSpec(index: $0, today: today), organisationID: organisationID, today: today)
        }
        return PlanDraft(plan: plan, themes: themes, measures: measureDrafts)
    }

    static func code(for index: Int) -> String {
        let number = String(index + 1)
        return "KPI-" + String(repeating: "0", count: max(0, 3 - number.count)) + number
    }

    static func actionSpec(index i: Int, ref: String, codes: [String]) -> DemoActionSpec {
        let scenario: DemoActionSpec.Scenario
        let start: Int
        let due: Int
        let milestones: [Int]
        switch i % 12 {
        case 0: scenario = .complete(on: -20); start = -420; due = -10; milestones = [-300, -150, -30]
        case 3: scenario = .behind; start = -420; due = 60; milestones = [-300, -150, 40]
        case 4: scenario = .milestoneLate; start = -420; due = 150; milestones = [-250, -20, 120]
        case 5: scenario = .overdue(percent: 70); start = -420; due = -30; milestones = [-300, -150, -30]
        case 6: scenario = .future; start = 30; due = 300; milestones = [60, 150, 300]
        case 8: scenario = .lateStart; start = -10; due = 200; milestones = [40, 120, 200]
        case 9: scenario = .complete(on: -120); start = -500; due = -100; milestones = [-400, -250, -130]
        case 11:
            if i % 24 == 11 {
                scenario = .onHold(since: -40, percent: 45)
            } else {
                scenario = .withdrawn(on: -50, percent: 30)
            }
            start = -420; due = 100; milestones = [-300, -100, 60]
        default: scenario = .onTrack; start = -420; due = 120; milestones = [-300, -100, 90]
        }
        let title = "\(verbs[i % verbs.count]) \(subjects[(i / verbs.count) % subjects.count]) \(teams[i % teams.count])"
        var linked: [String] = []
        if !codes.isEmpty {
            linked.append(codes[i % codes.count])
            if i % 3 == 0, codes.count > 1 { linked.append(codes[(i + 7) % codes.count]) }
            if linked.count == 2, linked[0] == linked[1] { linked.removeLast() }
        }
        return DemoActionSpec(
            ref: ref, title: title + ".", outcome: "Children benefit from better practice \(teams[i % teams.count]).",
            leads: [leads[i % leads.count]] + (i % 5 == 0 ? [leads[(i + 3) % leads.count]] : []),
            scenario: scenario, start: start, due: due,
            milestones: milestones.enumerated().map { ("Stage \($0.offset + 1) of \(title.lowercased())", $0.element) },
            notes: ["Scope agreed with the service and partners.", "Mid-point review completed with the lead.",
                    "Final stages under way; evidence of impact is being gathered."],
            measures: linked,
            updateLag: i % 17 == 0 ? 45 : nil)
    }

    static func measureSpec(index k: Int, today: Day) -> DemoMeasureSpec {
        let nextQuarterEnd = Period.quarter(containing: today).shifted(by: 1).end
        let yearEnd = Period.financialYear(containing: today.adding(months: 6)).end
        let patterns: [[Double]] = [
            [-1.5, -1.4, -1.2, -1.0, -0.8, -0.7, -0.6, -0.5, -0.4, 0.3, 0.4, 0.5, 0.5, 0.6, 0.5, 0.6, 0.7, 0.6],
            [-0.5, -0.6, -0.4, -0.5, -0.6, -0.5, -0.4, -0.5, -0.6, -0.5, -0.4, -0.5, -0.6, -0.5, -0.4, -0.5, -0.6, -0.5],
            [-1.5, -1.6, -1.8, -1.5, -1.7, -1.6, -1.5, -1.8, -1.6, -1.5, -1.7, -1.6, -1.5, -1.8, -1.6, -1.5, -1.7, -1.6],
            [0.4, 0.5, 0.6, 0.5, 0.4, 0.5, 0.6, 0.5, 0.4, 0.5, 0.6, 0.5, 0.4, 0.5, 0.6, -0.5, 0.4, -1.6],
            [-0.5, -0.4, -1.5, -1.6, -1.7, -1.5, -1.6, -1.4, -1.5, -1.6, -1.7, -1.5, -1.6, -1.4, -1.5, -1.6, -1.5, -0.5],
        ]
        let levels = patterns[k % patterns.count]
        let title = "\(measureTitles[k % measureTitles.count]) (measure \(k + 1))"
        let owner = leads[k % leads.count]
        switch k % 10 {
        case 7:
            return DemoMeasureSpec(code: code(for: k), title: title, definition: "A synthetic count.",
                                   numeratorText: "Events in the month", unit: .count, polarity: .lowerIsBetter,
                                   decimals: 0, owner: owner, targets: [Target(value: 60, dueBy: yearEnd)],
                                   levels: levels)
        case 9:
            return DemoMeasureSpec(code: code(for: k), title: title, definition: "A synthetic context rate.",
                                   numeratorText: "Children", denominatorText: "Children aged 0 to 17",
                                   unit: .ratePer10k, owner: owner, denominatorSize: 52_000, typicalValue: 40,
                                   levels: levels.map { $0 * 3 })
        case 3, 8:
            return DemoMeasureSpec(code: code(for: k), title: title, definition: "A synthetic percentage, lower is better.",
                                   numeratorText: "Children counted", denominatorText: "Children in the cohort",
                                   polarity: .lowerIsBetter, owner: owner, targets: [Target(value: 20, dueBy: yearEnd)],
                                   denominatorSize: 300, levels: levels)
        default:
            return DemoMeasureSpec(code: code(for: k), title: title, definition: "A synthetic percentage, higher is better.",
                                   numeratorText: "Children counted", denominatorText: "Children in the cohort",
                                   owner: owner,
                                   targets: [Target(value: 80, dueBy: nextQuarterEnd, isInterim: true), Target(value: 90, dueBy: yearEnd)],
                                   denominatorSize: 300, levels: levels)
        }
    }
}
