import Core
import Foundation

/// A plan as a file: JSON for other systems, CSV for the spreadsheet a council already keeps.
///
/// Both are rated as at a date with `PlanAssessment`, so each action carries its delivery rating
/// (BRAG), the reasons for it and whether an update is due, exactly as the pages show them.
public enum PlanExport {
    // MARK: - JSON

    /// The plan, its themes, areas and actions, each action with its delivery rating, reasons
    /// and update status as at `asAt`. Pretty-printed with sorted keys; days as `2023-09-30`,
    /// times as ISO 8601.
    public static func json(_ contents: PlanContents, asAt: Day) throws -> Data {
        try encoder.encode(document(contents, asAt: asAt))
    }

    /// Reads back what `json(_:asAt:)` wrote.
    public static func decodeJSON(_ data: Data) throws -> Document {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Document.self, from: data)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The exported plan: what the JSON holds.
    public struct Document: Sendable, Codable, Hashable {
        /// Changes when the shape of the export changes incompatibly.
        public var formatVersion: Int
        public var asAt: Day
        public var plan: Plan
        public var inspection: Inspection?
        public var summary: Progress
        public var themes: [ThemeEntry]
        /// Actions whose area (or whose area's theme) is not in the plan, kept so none is lost.
        public var unplacedActions: [ActionEntry]

        /// Every action in the export, in plan order.
        public var allActions: [ActionEntry] {
            themes.flatMap { $0.areas.flatMap(\.actions) } + unplacedActions
        }
    }

    /// Delivery ratings rolled up, with the sentence a page shows beside the bar.
    public struct Progress: Sendable, Codable, Hashable {
        public var sentence: String
        public var ratings: RatingRollup

        init(_ rollup: RatingRollup) {
            self.sentence = rollup.sentence
            self.ratings = rollup
        }
    }

    public struct ThemeEntry: Sendable, Codable, Hashable {
        public var theme: Theme
        public var progress: Progress
        public var areas: [AreaEntry]
    }

    public struct AreaEntry: Sendable, Codable, Hashable {
        public var area: Area
        public var progress: Progress
        public var actions: [ActionEntry]
    }

    public struct ActionEntry: Sendable, Codable, Hashable {
        public var action: Action
        public var delivery: Delivery
        public var update: UpdateStatus
        /// Due within the next 30 days and not complete.
        public var dueSoon: Bool
        public var reprogrammed: Bool
    }

    /// The delivery rating in force, in words and colour, with its reasons.
    public struct Delivery: Sendable, Codable, Hashable {
        public var rating: DeliveryRating
        /// "Red", "Amber"…
        public var colour: String
        /// "Overdue", "Behind schedule"…
        public var word: String
        public var reasons: [String]
        /// The rating the rules give, which differs from `rating` when overridden.
        public var calculated: DeliveryRating
        public var override: RatingOverride?
        /// The % complete shown under this rating: 100 when Blue, else the action's recorded
        /// figure (`DeliveryRules.percentComplete`). Optional: exports written before it lack it.
        public var percentComplete: Int?
    }

    /// The export as a value, for the JSON API and for other reports.
    public static func document(_ contents: PlanContents, asAt: Day) -> Document {
        let assessment = PlanAssessment(contents: contents, asAt: asAt)
        let entries = assessment.actions.map { rated in
            ActionEntry(
                action: rated.action,
                delivery: Delivery(rating: rated.delivery.rating, colour: rated.delivery.rating.colour,
                                   word: rated.delivery.rating.word, reasons: rated.delivery.reasons,
                                   calculated: rated.delivery.calculated, override: rated.delivery.override,
                                   percentComplete: rated.percentComplete),
                update: rated.update, dueSoon: rated.dueSoon, reprogrammed: rated.action.isReprogrammed)
        }
        let outline = PlanOutline(contents)
        let themes = outline.themes.map { theme in
            ThemeEntry(
                theme: theme.theme,
                progress: Progress(assessment.byTheme[theme.theme.id] ?? RatingRollup(ratings: [])),
                areas: theme.areas.map { area in
                    AreaEntry(area: area.area,
                              progress: Progress(assessment.byArea[area.area.id] ?? RatingRollup(ratings: [])),
                              actions: area.actionIndices.map { entries[$0] })
                })
        }
        return Document(formatVersion: 1, asAt: asAt, plan: contents.plan, inspection: contents.inspection,
                        summary: Progress(assessment.plan), themes: themes,
                        unplacedActions: outline.unplacedActionIndices.map { entries[$0] })
    }

    // MARK: - CSV

    /// The CSV header, in order.
    public static let csvColumns = [
        "Theme", "Area", "Ref", "Action", "Outcome", "Leads", "Start date", "Due date", "Original due date",
        "Status", "% complete", "RAG", "RAG meaning", "Reasons", "Update due", "Latest update date",
        "Latest update", "Milestones", "Evidence of impact", "Making a difference",
    ]

    /// One row per action in plan order, as a council's own tracker spreadsheet has it. RFC 4180
    /// with CRLF line ends, a UTF-8 byte order mark for Excel, UK dates (`30/09/2023`), and every
    /// cell guarded against formula injection.
    public static func csv(_ contents: PlanContents, asAt: Day) -> String {
        let assessment = PlanAssessment(contents: contents, asAt: asAt)
        let outline = PlanOutline(contents)
        var document = CSVDocument()
        document.append(csvColumns)
        for theme in outline.themes {
            for area in theme.areas {
                for index in area.actionIndices {
                    document.append(csvRow(assessment.actions[index], theme: theme.theme, area: area.area))
                }
            }
        }
        for index in outline.unplacedActionIndices {
            document.append(csvRow(assessment.actions[index], theme: nil, area: nil))
        }
        return document.text
    }

    static func csvRow(_ rated: PlanAssessment.RatedAction, theme: Theme?, area: Area?) -> [String] {
        let action = rated.action
        let latest = action.latestUpdate
        return [
            theme.map { heading(ref: $0.ref, title: $0.title) } ?? "",
            area.map { heading(ref: $0.ref, title: $0.title) } ?? "",
            action.ref,
            action.title,
            action.outcome,
            action.leads.joined(separator: "; "),
            action.startDate?.ukNumeric ?? "",
            action.dueDate?.ukNumeric ?? "",
            action.originalDueDate?.ukNumeric ?? "",
            action.status.word,
            // As the pages and the API show it: Blue counts as 100%.
            String(rated.percentComplete),
            rated.delivery.rating.colour,
            rated.delivery.rating.word,
            rated.delivery.reasons.joined(separator: "; "),
            rated.update.isDue ? "Yes" : "No",
            latest?.date.ukNumeric ?? "",
            latest?.text ?? "",
            action.milestones.map(milestoneLine).joined(separator: "\n"),
            action.evidence.map { "\($0.date.formatted): \($0.text)" + ($0.author.isEmpty ? "" : " (\($0.author))") }
                .joined(separator: "\n"),
            action.difference.map(differenceText) ?? "",
        ]
    }

    static func heading(ref: String, title: String) -> String {
        let ref = ref.trimmingCharacters(in: .whitespaces)
        return ref.isEmpty ? title : "\(ref) \(title)"
    }

    /// `UAT — due 30 Sep 2023 — complete 12 Sep 2023`.
    static func milestoneLine(_ milestone: Milestone) -> String {
        var parts = [milestone.title]
        if let due = milestone.dueDate { parts.append("due \(due.formatted)") }
        if let done = milestone.completedOn { parts.append("complete \(done.formatted)") }
        return parts.joined(separator: " — ")
    }

    /// `Some difference — set by J Smith on 12 Sep 2023: fewer re-referrals`.
    static func differenceText(_ judgement: DifferenceJudgement) -> String {
        var text = judgement.value.word
        let by = judgement.by.trimmingCharacters(in: .whitespaces)
        text += " — set" + (by.isEmpty ? "" : " by \(by)") + " on \(judgement.date.formatted)"
        let note = judgement.note.trimmingCharacters(in: .whitespacesAndNewlines)
        if !note.isEmpty { text += ": \(note)" }
        return text
    }
}

/// Themes, areas and actions in plan order (by position, then as given), by index into
/// `PlanContents.actions` so ratings from `PlanAssessment` line up with them.
struct PlanOutline {
    struct AreaNode {
        var area: Area
        var actionIndices: [Int]
    }

    struct ThemeNode {
        var theme: Theme
        var areas: [AreaNode]
    }

    var themes: [ThemeNode]
    var unplacedActionIndices: [Int]

    init(_ contents: PlanContents) {
        func ordered<T>(_ items: [T], position: (T) -> Int) -> [T] {
            items.enumerated().sorted { (position($0.element), $0.offset) < (position($1.element), $1.offset) }.map(\.element)
        }
        var placed = Set<Int>()
        themes = ordered(contents.themes, position: \.position).map { theme in
            let areas = ordered(contents.areas.filter { $0.themeID == theme.id }, position: \.position).map { area in
                let indices = contents.actions.indices
                    .filter { contents.actions[$0].areaID == area.id && !placed.contains($0) }
                    .sorted { (contents.actions[$0].position, $0) < (contents.actions[$1].position, $1) }
                placed.formUnion(indices)
                return AreaNode(area: area, actionIndices: indices)
            }
            return ThemeNode(theme: theme, areas: areas)
        }
        unplacedActionIndices = contents.actions.indices.filter { !placed.contains($0) }
    }
}

extension Day {
    /// `30/09/2023`: how a UK spreadsheet reads a date.
    var ukNumeric: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(self.year)
        return "\(two(day))/\(two(month))/\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)"
    }
}
