import Core
import Foundation
import Testing
@testable import PlanImport

/// The importer scored on the corpus in `Fixtures/Corpus`: documents in the layouts councils
/// publish (committee packs, trackers, Word and Excel plans, work programmes), each with the
/// result a person expects written beside it (`NAME.expected.json`, made by `make_corpus.py`).
///
/// The score is what a new council would notice: the plans found, the plans that are not plans,
/// and how many of the actions come in with the right title, leads and due date.
@Suite("The import corpus")
struct CorpusScoreTests {
    @Test("Every document in the corpus imports with recall and precision ≥ 0.95, leads and due dates ≥ 0.90, no false plans")
    func corpusScore() throws {
        let scores = try CorpusScorer.scoreAll()
        print(CorpusScorer.table(scores))
        #expect(scores.count >= 20, "the corpus holds at least 20 documents")
        let total = CorpusScorer.Score.total(scores)
        #expect(total.recall >= 0.95, "action recall \(total.recall)")
        #expect(total.precision >= 0.95, "action precision \(total.precision)")
        #expect(total.leadAccuracy >= 0.90, "lead accuracy \(total.leadAccuracy)")
        #expect(total.dueAccuracy >= 0.90, "due-date accuracy \(total.dueAccuracy)")
        #expect(total.falsePlans == 0, "false plans: \(scores.filter { $0.falsePlans > 0 }.map(\.file))")
        for score in scores where score.expectedActions > 0 {
            #expect(score.recall >= 0.85, "\(score.file): recall \(score.recall)")
        }
    }

    @Test("Every work programme in the corpus is found with all its meetings, items, presenters and standing rules, and nothing more")
    func workProgrammesFound() throws {
        let folder = try CorpusScorer.corpusFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".expected.json") }.sorted()
        var programmes = 0
        for name in names {
            let expected = try JSONDecoder().decode(CorpusScorer.Expected.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            let result = try PlanImporter.importPlans(url: folder.appendingPathComponent(expected.file), options: ImportOptions(asAt: Day(2024, 6, 1)))
            let want = expected.workProgrammes ?? []
            programmes += want.count
            #expect(result.workProgrammes.count == want.count, "\(expected.file): \(result.workProgrammes.count) work programmes found, \(want.count) expected")
            for (found, wanted) in zip(result.workProgrammes, want) {
                #expect(found.meetings.map(CorpusScorer.when) == wanted.meetings, "\(expected.file): meetings")
                let have = found.entries.map { CorpusScorer.Expected.WorkProgramme.Item(title: $0.title, presenter: $0.presenter, when: CorpusScorer.when($0.when)) }
                for item in wanted.items {
                    #expect(have.contains { CorpusScorer.normal($0.title) == CorpusScorer.normal(item.title) && $0.when == item.when
                        && CorpusScorer.normal($0.presenter) == CorpusScorer.normal(item.presenter) },
                            "\(expected.file): \(item.title) (\(item.when), \(item.presenter)) not found")
                }
                #expect(have.count == wanted.items.count, "\(expected.file): \(have.count) items found, \(wanted.items.count) expected")
            }
        }
        #expect(programmes >= 5, "the corpus holds at least five work programmes")
    }

    @Test("The scorer counts a missing action, a false plan and a wrong lead")
    func scorerCounts() {
        let expected = CorpusScorer.Expected.Plan(title: "Plan", kind: "improvementPlan", themes: [], areas: [], actions: [
            .init(ref: "1.1", title: "Recruit foster carers", leads: ["Fostering Manager"], due: "2024-03-31"),
            .init(ref: "1.2", title: "Open a children's home", leads: ["Head of Service"], due: nil),
        ])
        let found = [
            CorpusScorer.Found(title: "Plan", actions: [.init(ref: "1.1", title: "Recruit foster carers in the borough", leads: ["Someone else"], due: Day(2024, 3, 31))]),
            CorpusScorer.Found(title: "Agenda", actions: [.init(ref: "1", title: "Apologies", leads: [], due: nil)]),
        ]
        let score = CorpusScorer.score(file: "test", expected: [expected], found: found)
        #expect(score.matched == 1)
        #expect(score.expectedActions == 2)
        #expect(score.foundActions == 2)
        #expect(score.falsePlans == 1)
        #expect(score.plansFound == 1)
        #expect(score.leadsRight == 0)
        #expect(score.dueRight == 1)
    }
}

/// Compares what the importer found with what a person expects.
enum CorpusScorer {
    struct Expected: Decodable {
        struct Plan: Decodable {
            struct AreaRef: Decodable { var ref: String; var title: String }
            struct Action: Decodable {
                var ref: String
                var title: String
                var leads: [String]
                var due: String?
            }
            var title: String?
            var kind: String
            var themes: [String]
            var areas: [AreaRef]
            var actions: [Action]
        }
        /// A board's work programme the file holds: its meetings (`2023-09-12`, or `2024-06` for a
        /// month) and every item with when it comes (a meeting, `every meeting`, `quarterly`, `annually 11`).
        struct WorkProgramme: Decodable {
            struct Item: Decodable, Equatable { var title: String; var presenter: String; var when: String }
            var meetings: [String]
            var items: [Item]
        }
        var file: String
        var layout: String
        var plans: [Plan]
        var workProgrammes: [WorkProgramme]?
    }

    /// When a work programme item comes, as the expected files write it.
    static func when(_ when: WorkProgrammeImport.When) -> String {
        switch when {
        case let .day(day): day.iso
        case let .month(year, month): String(format: "%04d-%02d", year, month)
        case .standing(.everyMeeting): "every meeting"
        case .standing(.quarterly): "quarterly"
        case let .standing(.annually(month)): "annually \(month)"
        }
    }

    struct Found {
        struct Action { var ref: String; var title: String; var leads: [String]; var due: Day? }
        var title: String
        var actions: [Action]
        /// Areas as (ref, title).
        var areas: [(ref: String, title: String)] = []
    }

    struct Score {
        var file: String
        var plansExpected = 0
        var plansFound = 0
        var falsePlans = 0
        var titlesRight = 0
        var titlesExpected = 0
        var expectedActions = 0
        var foundActions = 0
        var matched = 0
        var refsRight = 0
        var leadsRight = 0
        var dueRight = 0
        var areasExpected = 0
        var areasRight = 0

        var recall: Double { expectedActions == 0 ? 1 : Double(matched) / Double(expectedActions) }
        var precision: Double { foundActions == 0 ? (expectedActions == 0 ? 1 : 0) : Double(matched) / Double(foundActions) }
        var leadAccuracy: Double { matched == 0 ? (expectedActions == 0 ? 1 : 0) : Double(leadsRight) / Double(matched) }
        var dueAccuracy: Double { matched == 0 ? (expectedActions == 0 ? 1 : 0) : Double(dueRight) / Double(matched) }
        var refAccuracy: Double { matched == 0 ? (expectedActions == 0 ? 1 : 0) : Double(refsRight) / Double(matched) }

        static func total(_ scores: [Score]) -> Score {
            var total = Score(file: "All documents")
            for s in scores {
                total.plansExpected += s.plansExpected; total.plansFound += s.plansFound; total.falsePlans += s.falsePlans
                total.titlesRight += s.titlesRight; total.titlesExpected += s.titlesExpected
                total.expectedActions += s.expectedActions; total.foundActions += s.foundActions; total.matched += s.matched
                total.refsRight += s.refsRight; total.leadsRight += s.leadsRight; total.dueRight += s.dueRight
                total.areasExpected += s.areasExpected; total.areasRight += s.areasRight
            }
            return total
        }
    }

    static var corpusFolder: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures/Corpus", withExtension: nil))
        }
    }

    static func scoreAll() throws -> [Score] {
        let folder = try corpusFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".expected.json") }.sorted()
        return try names.map { name in
            let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            let result = try PlanImporter.importPlans(url: folder.appendingPathComponent(expected.file),
                                                      options: ImportOptions(asAt: Day(2024, 6, 1)))
            // CORPUS_PREVIEW=1 prints what each document was read as, to see why a figure moved.
            if ProcessInfo.processInfo.environment["CORPUS_PREVIEW"] != nil { print(ImportPreview.text(result)) }
            let found = result.plans.map { plan in
                Found(title: plan.draft.plan.title, actions: plan.actions.map {
                    Found.Action(ref: $0.ref, title: $0.title, leads: $0.leads, due: $0.dueDate)
                }, areas: plan.areas.map { ($0.ref, $0.title) })
            }
            return score(file: expected.file, expected: expected.plans, found: found)
        }
    }

    /// Lower case letters and digits, single spaces: how titles and leads are compared.
    static func normal(_ text: String) -> String {
        let folded = text.lowercased().replacingOccurrences(of: "’", with: "'")
        return String(folded.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : " " })
            .split(separator: " ").joined(separator: " ")
    }

    /// An action is the expected one when its title starts with the expected title's first
    /// 40 characters (a continuation row may add to it; a title cut short or merged into
    /// another action's does not match).
    static func titleMatches(expected: String, found: String) -> Bool {
        let want = normal(expected), have = normal(found)
        guard !want.isEmpty else { return false }
        return have.hasPrefix(String(want.prefix(40)))
    }

    static func score(file: String, expected: [Expected.Plan], found: [Found]) -> Score {
        var score = Score(file: file)
        score.plansExpected = expected.count
        score.expectedActions = expected.reduce(0) { $0 + $1.actions.count }
        score.foundActions = found.reduce(0) { $0 + $1.actions.count }
        // Each plan found goes with the expected plan it shares most actions with; one sharing
        // none is a false plan.
        var assigned: [Int: [Int]] = [:]
        for (f, plan) in found.enumerated() {
            let overlaps = expected.map { want in
                want.actions.filter { action in plan.actions.contains { titleMatches(expected: action.title, found: $0.title) } }.count
            }
            if let best = overlaps.indices.max(by: { overlaps[$0] < overlaps[$1] }), overlaps[best] > 0 {
                assigned[best, default: []].append(f)
            } else {
                score.falsePlans += 1
            }
        }
        for (e, want) in expected.enumerated() {
            let plans = assigned[e] ?? []
            if !plans.isEmpty { score.plansFound += 1 }
            if let title = want.title {
                score.titlesExpected += 1
                if plans.contains(where: { normal(found[$0].title) == normal(title) }) { score.titlesRight += 1 }
            }
            // An area is right when one found has its reference and a title starting as expected.
            score.areasExpected += want.areas.count
            let areas = plans.flatMap { found[$0].areas }
            score.areasRight += want.areas.filter { area in
                areas.contains { $0.ref == area.ref && titleMatches(expected: area.title, found: $0.title) }
            }.count
            var pool = plans.flatMap { found[$0].actions }
            for action in want.actions {
                let candidates = pool.indices.filter { titleMatches(expected: action.title, found: pool[$0].title) }
                guard let pick = candidates.first(where: { pool[$0].ref == action.ref }) ?? candidates.first else { continue }
                let have = pool.remove(at: pick)
                score.matched += 1
                if have.ref == action.ref { score.refsRight += 1 }
                if Set(have.leads.map(normal)) == Set(action.leads.map(normal)) { score.leadsRight += 1 }
                if have.due?.iso == action.due { score.dueRight += 1 }
            }
        }
        return score
    }

    static func table(_ scores: [Score]) -> String {
        func f(_ value: Double) -> String { String(format: "%.2f", value) }
        var lines = ["| Document | Plans found | False plans | Titles | Areas | Actions (expected/found/matched) | Recall | Precision | Leads | Due | Refs |",
                     "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for s in scores + [Score.total(scores)] {
            lines.append("| \(s.file) | \(s.plansFound)/\(s.plansExpected) | \(s.falsePlans) | \(s.titlesRight)/\(s.titlesExpected) | \(s.areasRight)/\(s.areasExpected) | "
                         + "\(s.expectedActions)/\(s.foundActions)/\(s.matched) | \(f(s.recall)) | \(f(s.precision)) | "
                         + "\(f(s.leadAccuracy)) | \(f(s.dueAccuracy)) | \(f(s.refAccuracy)) |")
        }
        return lines.joined(separator: "\n")
    }
}
