import Core
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Hand-built plans and measures for the report tests, and small readers for what reports write.
enum ReportFixtures {
    /// A monthly percentage KPI, Jun 2024 – Jan 2025, with an interim target of 70% by
    /// 31 Oct 2024 and a final target of 95% by 31 Mar 2025.
    static func timelyAssessments(followsTrajectory: Bool = false) -> Measure {
        let figures: [(Int, Int, Double)] = [
            (2024, 6, 61), (2024, 7, 63.5), (2024, 8, 64), (2024, 9, 66.2),
            (2024, 10, 68), (2024, 11, 74), (2024, 12, 79.9), (2025, 1, 82),
        ]
        return Measure(
            id: 7, organisationID: 1, code: "A1", title: "Assessments completed within 45 working days",
            unit: .percentage, polarity: .higherIsBetter, decimals: 1,
            targets: [
                Target(value: 95, dueBy: Day(2025, 3, 31)),
                Target(value: 70, dueBy: Day(2024, 10, 31), isInterim: true),
            ],
            followsTrajectory: followsTrajectory,
            benchmarks: [
                Benchmark(kind: .england, year: "2021-22", value: 77.0),
                Benchmark(kind: .england, year: "2022-23", value: 80.1, source: "DfE CIN census <2023> & notes"),
                Benchmark(kind: .region, year: "2022-23", value: 90.0),
            ],
            values: figures.map { MeasureValue(period: .month(year: $0.0, month: $0.1), value: $0.2, asAt: Day(2025, 2, 10)) }
        )
    }

    static let asAt = Day(2023, 10, 15)

    /// Three actions in two themes, as at 15 Oct 2023: one Red (overdue), one Blue (complete,
    /// with a formula-like title), one Green (reprogrammed, judged to make some difference).
    static func plan() -> PlanContents {
        let plan = Plan(id: 1, organisationID: 1, title: "Children's services improvement plan", updateCycle: .monthly)
        let themes = [
            Theme(id: 20, planID: 1, position: 2, ref: "2", title: "Leadership, management"),
            Theme(id: 10, planID: 1, position: 1, ref: "1", title: "Assessment"),
        ]
        let areas = [
            Area(id: 100, themeID: 10, position: 1, ref: "1.1", title: "Timeliness of assessments"),
            Area(id: 200, themeID: 20, position: 1, ref: "2.1", title: "Quality assurance"),
        ]
        let recorded = Date(timeIntervalSince1970: 1_696_118_400) // 2023-10-01T00:00:00Z
        let frontDoor = Action(
            id: 1001, areaID: 100, position: 1, ref: "1.1.1",
            title: "Review the \"front door\" process, including MASH",
            outcome: "Children get the right help first time",
            leads: ["Head of Service", "Police"],
            startDate: Day(2023, 4, 1), dueDate: Day(2023, 9, 30), status: .inProgress, percentComplete: 60,
            milestones: [
                Milestone(id: 1, title: "Map current process", dueDate: Day(2023, 6, 30), completedOn: Day(2023, 6, 12)),
                Milestone(id: 2, title: "Pilot", dueDate: Day(2023, 9, 30)),
            ],
            updates: [
                ProgressUpdate(id: 2, actionID: 1001, date: Day(2023, 9, 1), author: "HoS",
                               text: "Pilot started,\nsecond line", recordedAt: recorded),
                ProgressUpdate(id: 1, actionID: 1001, date: Day(2023, 8, 1), author: "HoS",
                               text: "Scoping done", recordedAt: recorded),
            ])
        let formula = Action(
            id: 1002, areaID: 100, position: 2, ref: "1.1.2", title: "=SUM(A1:A2)", leads: ["@admin"],
            startDate: Day(2023, 4, 1), dueDate: Day(2023, 9, 30), status: .complete, percentComplete: 100,
            completedOn: Day(2023, 9, 12))
        let audits = Action(
            id: 2001, areaID: 200, position: 1, ref: "2.1.1", title: "Audit programme",
            leads: ["Principal Social Worker"],
            startDate: Day(2023, 9, 1), dueDate: Day(2024, 3, 31),
            reprogrammings: [Reprogramming(from: Day(2023, 12, 31), to: Day(2024, 3, 31), reason: "Capacity",
                                           changedOn: Day(2023, 9, 20), changedBy: "PSW")],
            status: .inProgress, percentComplete: 20,
            updates: [ProgressUpdate(id: 3, actionID: 2001, date: Day(2023, 10, 10), author: "PSW",
                                     text: "-3 audits completed", recordedAt: recorded)],
            evidence: [EvidenceOfImpact(date: Day(2023, 10, 5), text: "Audit grades up", author: "PSW")],
            difference: DifferenceJudgement(value: .someDifference, date: Day(2023, 10, 1), by: "J Smith",
                                            note: "Fewer repeat referrals"))
        // Contents in an order that is not the plan's: the exports put themes and areas in position order.
        return PlanContents(plan: plan, themes: themes, areas: areas, actions: [audits, formula, frontDoor])
    }

    /// Reads RFC 4180 CSV (after any byte order mark) into rows of fields.
    static func parseCSV(_ text: String) -> [[String]] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                i += 1
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// Whether `text` is well-formed XML, by Foundation's parser.
    static func isWellFormedXML(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }

    /// Every match of `pattern`'s first capture group in `text`.
    static func captures(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
