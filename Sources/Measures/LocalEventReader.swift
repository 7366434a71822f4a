import Core
import Documents
import Foundation

/// The local-event files the catalogue describes, one CSV per kind.
public enum LocalEventKind: String, Sendable, CaseIterable {
    case contacts, strategyDiscussions = "strategy_discussions", missingEpisodes = "missing_episodes",
         supervision, peps, ehcPlans = "ehc_plans"

    /// The documented columns.
    public var columns: [String] {
        switch self {
        case .contacts: ["contact_id", "child_id", "received_at", "decided_at", "outcome", "category"]
        case .strategyDiscussions: ["child_id", "referral_at", "held_at"]
        case .missingEpisodes: ["child_id", "missing_start", "missing_end", "rhi_offered_at", "rhi_completed_at"]
        case .supervision: ["child_id", "worker", "supervised_on"]
        case .peps: ["child_id", "pep_date"]
        case .ehcPlans: ["request_date", "issued_date", "exception"]
        }
    }

    /// The kind a file holds, from its name (`contacts.csv`, `Strategy discussions.csv`, `ehc-plans.csv`…).
    public static func from(fileName: String) -> LocalEventKind? {
        let key = HeaderText.key((fileName as NSString).deletingPathExtension)
        if key.contains("contact") { return .contacts }
        if key.contains("strategy") { return .strategyDiscussions }
        if key.contains("missing") || key.contains("return") { return .missingEpisodes }
        if key.contains("supervision") { return .supervision }
        if key.contains("ehc") { return .ehcPlans }
        if key.contains("pep") || key.contains("personaleducation") { return .peps }
        return nil
    }
}

/// Reads local-event CSVs into records; unusable values go to the data-quality report.
public enum LocalEventReader {
    /// Every recognised `.csv` file in a folder, or only those of `kinds`.
    public static func read(folder: URL, kinds: Set<LocalEventKind>? = nil) throws -> MeasureInputs {
        var inputs = MeasureInputs()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for name in names where name.lowercased().hasSuffix(".csv") {
            guard let kind = LocalEventKind.from(fileName: name), kinds?.contains(kind) ?? true else { continue }
            let document = try CSVReader.read(url: folder.appendingPathComponent(name))
            inputs.merge(read(rows: document.tables.first?.rows ?? [], kind: kind, fileName: name))
        }
        return inputs
    }

    /// One file's rows, the first being the header.
    public static func read(rows: [TableRow], kind: LocalEventKind, fileName: String) -> MeasureInputs {
        var inputs = MeasureInputs()
        guard let header = rows.first else { return inputs }
        inputs.supplied.insert(kind.rawValue)
        var index: [String: Int] = [:]
        for (position, cell) in header.cells.enumerated() { index[HeaderText.key(cell.text)] = position }
        for column in kind.columns where index[HeaderText.key(column)] == nil && column != "exception" {
            inputs.dataQuality.append(DataQualityIssue(sheet: fileName, row: header.number, column: column, reason: "no column '\(column)'"))
        }
        // Each documented column's position, found once.
        var position: [String: Int] = [:]
        for column in kind.columns { position[column] = index[HeaderText.key(column)] }
        for row in rows.dropFirst() where !row.isBlank {
            var issues: [DataQualityIssue] = []
            var unusable: Set<String> = []
            func text(_ column: String) -> String {
                guard let i = position[column], i < row.cells.count else { return "" }
                return row.cells[i].text.trimmed
            }
            func stamp(_ column: String, required: Bool = false) -> Stamp? {
                let value = text(column)
                if value.isEmpty {
                    if required { issues.append(DataQualityIssue(sheet: fileName, row: row.number, column: column, reason: "missing date")); unusable.insert(column) }
                    return nil
                }
                guard let stamp = DateText.stamp(value) else {
                    issues.append(DataQualityIssue(sheet: fileName, row: row.number, column: column, reason: "'\(value)' is not a date or date-time"))
                    unusable.insert(column)
                    return nil
                }
                return stamp
            }
            func order(_ earlier: Stamp?, _ later: Stamp?, _ column: String, _ reason: String) {
                guard let earlier, let later, later < earlier else { return }
                issues.append(DataQualityIssue(sheet: fileName, row: row.number, column: column, reason: "\(reason) (\(later) is before \(earlier))"))
                unusable.insert(column)
            }
            let source = RecordSource(sheet: fileName, row: row.number)
            let childID = text("child_id")
            if kind != .ehcPlans && childID.isEmpty {
                inputs.dataQuality.append(DataQualityIssue(sheet: fileName, row: row.number, column: "child_id", reason: "no child id: row not used", rowDropped: true))
                continue
            }
            switch kind {
            case .contacts:
                let received = stamp("received_at", required: true), decided = stamp("decided_at")
                order(received, decided, "decided_at", "decided before it was received")
                var record = Contact(source: source, contactID: text("contact_id"), childID: childID, received: received,
                                     decided: decided, outcome: text("outcome"), category: text("category"))
                record.unusable = unusable
                inputs.contacts.append(record)
            case .strategyDiscussions:
                let referral = stamp("referral_at", required: true), held = stamp("held_at")
                order(referral, held, "held_at", "held before the referral")
                var record = StrategyDiscussion(source: source, childID: childID, referral: referral, held: held)
                record.unusable = unusable
                inputs.strategyDiscussions.append(record)
            case .missingEpisodes:
                let start = stamp("missing_start", required: true), end = stamp("missing_end")
                let offered = stamp("rhi_offered_at"), completed = stamp("rhi_completed_at")
                order(start, end, "missing_end", "returned before going missing")
                order(end, completed, "rhi_completed_at", "return interview before the return")
                var record = MissingEpisode(source: source, childID: childID, missingStart: start, missingEnd: end,
                                            interviewOffered: offered, interviewCompleted: completed)
                record.unusable = unusable
                inputs.missingEpisodes.append(record)
            case .supervision:
                if let day = stamp("supervised_on", required: true)?.day {
                    inputs.supervisions.append(Supervision(source: source, childID: childID, worker: text("worker"), date: day))
                }
            case .peps:
                if let day = stamp("pep_date", required: true)?.day {
                    inputs.peps.append(PersonalEducationPlan(source: source, childID: childID, date: day))
                }
            case .ehcPlans:
                let request = stamp("request_date", required: true)?.day, issued = stamp("issued_date")?.day
                order(request.map { Stamp(day: $0) }, issued.map { Stamp(day: $0) }, "issued_date", "issued before the request")
                let exception = text("exception")
                var record = EHCPlanRequest(source: source, request: request, issued: issued, exception: exception.isEmpty ? nil : exception)
                record.unusable = unusable
                inputs.ehcPlans.append(record)
            }
            inputs.dataQuality += issues
        }
        return inputs
    }
}
