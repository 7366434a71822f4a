import Core
import Foundation
import Hummingbird

/// A measure's history in words: a value recorded or corrected reads as a sentence with its
/// figures formatted as the measure formats them ("Corrected October 2026 from 62.5% to 65.0%.
/// Reason: …"), and a change to the measure lists its targets, benchmarks and definition as
/// a reader says them, never as stored JSON.
enum MeasureHistoryWords {
    static func rows(_ entries: [AuditEntry], measure: Measure, suppression: SmallNumbers?) -> [HistoryRow] {
        HistoryPage.newestFirst(entries).map { entry in
            var row = HistoryRow(entry)
            switch entry.entity {
            case "measure value": describeValue(entry, into: &row, measure: measure, suppression: suppression)
            case "measure": describeMeasure(entry, into: &row)
            default: break
            }
            return row
        }
    }

    /// The fields a value's entry holds, read back without trusting them.
    struct ValueInTrail: Decodable {
        var period: Period
        var value: Double
        var numerator: Double?
        var denominator: Double?
        var asAt: Day?
        var note: String?
        var computedFrom: String?
        var reason: String?

        var measureValue: MeasureValue {
            MeasureValue(period: period, value: value, numerator: numerator, denominator: denominator, asAt: asAt ?? period.end,
                         note: note ?? "", computedFrom: computedFrom)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String?) -> T? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func describeValue(_ entry: AuditEntry, into row: inout HistoryRow, measure: Measure, suppression: SmallNumbers?) {
        guard let after = decode(ValueInTrail.self, entry.after) else { return }
        let before = decode(ValueInTrail.self, entry.before)
        let hidden = suppression.map { rule in
            [before?.measureValue, after.measureValue].compactMap { $0 }.contains { rule.suppresses($0, unit: measure.unit) }
        } ?? false
        let period = MeasureEditing.longLabel(after.period)
        if hidden {
            row.whatText = "\(before == nil ? "Recorded" : "Changed") the value for \(period) (\(suppression?.notice ?? "figures withheld"))"
                + (after.reason.map { $0.isEmpty ? "" : ". Reason: \($0)" } ?? "")
        } else if let before {
            if let reason = after.reason, !reason.isEmpty {
                let correction = ValueCorrection(measureID: measure.id, period: after.period, before: before.measureValue,
                                                 after: after.measureValue, reason: reason, correctedBy: entry.actor, correctedAt: entry.at)
                row.whatText = MeasureEditing.sentence(for: correction, of: measure)
            } else {
                // Replaced without a reason: by an analysis run, or through the API's `replace`.
                let source = after.computedFrom.map { ", computed from \($0)" } ?? ""
                row.whatText = "Replaced the value for \(period): \(measure.format(before.value)) became \(measure.format(after.value))\(source)"
            }
        } else {
            row.whatText = MeasureEditing.sentence(recorded: after.measureValue, of: measure)
        }
        row.fields = []
        row.hasFields = false
    }

    static func describeMeasure(_ entry: AuditEntry, into row: inout HistoryRow) {
        guard entry.change == .update, let before = decode(Measure.self, entry.before), let after = decode(Measure.self, entry.after) else { return }
        let changes = fieldChanges(from: before, to: after)
        guard !changes.isEmpty else { return }
        row.fields = changes.map { HistoryRow.FieldRow(fieldLabel: $0.label, beforeText: $0.before, afterText: $0.after) }
        row.hasFields = true
    }

    struct Change: Equatable {
        var label: String
        var before: String
        var after: String
    }

    /// Each field that differs, in words, in the order the measure's page shows them.
    static func fieldChanges(from old: Measure, to new: Measure) -> [Change] {
        var changes: [Change] = []
        func add(_ label: String, _ was: String, _ now: String) {
            if was != now { changes.append(Change(label: label, before: was.isEmpty ? "not set" : was, after: now.isEmpty ? "not set" : now)) }
        }
        add("Code", old.code, new.code)
        add("Title", old.title, new.title)
        add("Definition", old.definition, new.definition)
        add("Numerator", old.numeratorText, new.numeratorText)
        add("Denominator", old.denominatorText, new.denominatorText)
        add("Unit", old.unit.rawValue, new.unit.rawValue)
        add("Polarity", polarity(old), polarity(new))
        add("Frequency", old.frequency.rawValue, new.frequency.rawValue)
        add("Source", old.source.label, new.source.label)
        add("Decimal places", String(old.decimals), String(new.decimals))
        add("Owner", old.owner, new.owner)
        add("Targets", targets(old), targets(new))
        add("Trajectory", old.followsTrajectory ? "followed" : "not followed", new.followsTrajectory ? "followed" : "not followed")
        add("Baseline", old.baseline.map { "\(old.format($0.value)) on \($0.date.formatted)" } ?? "",
            new.baseline.map { "\(new.format($0.value)) on \($0.date.formatted)" } ?? "")
        add("Targets for single periods", periodTargets(old), periodTargets(new))
        add("Tolerance", old.tolerance.map(old.format) ?? "the default", new.tolerance.map(new.format) ?? "the default")
        add("Benchmarks", benchmarks(old), benchmarks(new))
        return changes
    }

    static func polarity(_ measure: Measure) -> String {
        guard measure.polarity == .withinBand, let band = measure.band else { return measure.polarity.rawValue }
        return "within a band: \(measure.format(band.lowerBound)) to \(measure.format(band.upperBound))"
    }

    /// "70.0% by 31 Oct 2026 (interim); 95.0% by 31 Mar 2027 (final)".
    static func targets(_ measure: Measure) -> String {
        measure.targets.sorted { $0.dueBy < $1.dueBy }
            .map { "\(measure.format($0.value)) by \($0.dueBy.formatted) (\($0.isInterim ? "interim" : "final"))" }
            .joined(separator: "; ")
    }

    static func periodTargets(_ measure: Measure) -> String {
        measure.periodTargets.sorted { $0.period < $1.period }
            .map { "\(measure.format($0.value)) for \(MeasureEditing.longLabel($0.period))" }.joined(separator: "; ")
    }

    /// "England 2025-26: 21.3% (range 18.0% to 25.1%, DfE CIN 2026)".
    static func benchmarks(_ measure: Measure) -> String {
        measure.benchmarks.sorted { ($0.year, $0.kind.rawValue) < ($1.year, $1.kind.rawValue) }.map { benchmark in
            var details: [String] = []
            if let low = benchmark.rangeLow, let high = benchmark.rangeHigh { details.append("range \(measure.format(low)) to \(measure.format(high))") }
            if !benchmark.source.isEmpty { details.append(benchmark.source) }
            return "\(benchmark.kind.rawValue) \(benchmark.year): \(measure.format(benchmark.value))" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
        }.joined(separator: "; ")
    }
}

extension PageController {
    /// `/measures/{id}`, with the links to change it for those who may, its corrections and the
    /// banner after a change.
    func measurePage(id: Int64, request: Request) async throws -> MeasurePage {
        let measure = try await store.measure(id: id, organisationID: org)
        let actions = try await store.actionsLinked(toMeasure: id, organisationID: org)
        let corrections = try await environment.store.valueCorrections(measureID: id, organisationID: org)
        return MeasurePage(measure: measure, linkedActions: actions, asAt: environment.today(), suppression: identity.suppression,
                           corrections: corrections, mayEdit: identity.can(.editPlans),
                           saved: request.uri.queryParameters.get("saved"))
    }

    /// `/measures/{id}/history`: the measure's and its values' entries, in words.
    func measureHistoryPage(id: Int64) async throws -> HistoryPage {
        let measure = try await store.measure(id: id, organisationID: org)
        let entries = try await auditStore.auditTrail(organisationID: org, entity: "measure", entityID: id)
            + auditStore.auditTrail(organisationID: org, entity: "measure value", entityID: id)
        var page = HistoryPage(measure: measure, entries: entries, suppression: identity.suppression)
        page.rows = MeasureHistoryWords.rows(entries, measure: measure, suppression: identity.suppression)
        page.hasRows = !page.rows.isEmpty
        return page
    }
}
