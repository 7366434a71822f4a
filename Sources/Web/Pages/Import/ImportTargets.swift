import Core
import Crypto
import Foundation
import PlanImport

/// What each plan of a file is imported as: a new plan, or an update of a plan the organisation
/// already has. A plan whose title the organisation already uses updates that plan unless the
/// person chooses otherwise, so importing the same file twice never makes a second plan unasked.
struct ImportTargets: Sendable {
    enum Target: Sendable, Hashable {
        case new
        case update(Int64)

        /// As the forms carry it: `new`, or the stored plan's id.
        var formValue: String {
            switch self {
            case .new: "new"
            case let .update(id): String(id)
            }
        }
    }

    /// The organisation's plans, to choose from.
    var storedPlans: [Plan]
    /// One a plan of the file, in order.
    var targets: [Target]
    /// For each plan of the file, the stored plan it is taken to be (its title, or its actions), when there is one.
    var matches: [PlanReimport.Match?]
    /// The update each plan of the file makes, for those that update a stored plan.
    var updates: [Int: PlanReimport]
    /// Names the targets and every change they make: a confirmation must name the same.
    var fingerprint: String

    /// The form field naming what plan `index` (0-based) becomes: `plan-1`.
    static func fieldName(_ index: Int) -> String { "plan-\(index + 1)" }

    /// Works out the targets (`chosen` gives the form's value for a field name, if any) and the
    /// update each makes, against the plans as stored now.
    static func plan(_ result: ImportResult, chosen: (String) -> String?, store: any PlanStore, organisationID: Int64,
                     today: Day, person: String) async throws -> ImportTargets {
        let stored = try await store.plans(organisationID: organisationID)
        var actions: [Int64: [Action]] = [:]
        for plan in stored {
            actions[plan.id] = try await store.planContents(id: plan.id, organisationID: organisationID, fullHistory: false).actions
        }
        var targets: [Target] = []
        var matches: [PlanReimport.Match?] = []
        var updates: [Int: PlanReimport] = [:]
        for (index, imported) in result.plans.enumerated() {
            let draft = imported.draft
            var candidates: [(plan: Plan, inspection: Inspection?, actions: [Action])] = []
            for plan in stored {
                // Inspections are compared only when the file names one.
                var inspection: Inspection?
                if draft.inspection != nil, let id = plan.inspectionID {
                    inspection = try await store.inspection(id: id, organisationID: organisationID)
                }
                candidates.append((plan, inspection, actions[plan.id] ?? []))
            }
            let match = PlanReimport.match(title: draft.plan.title, inspection: draft.inspection, actions: imported.actions, among: candidates)
            matches.append(match)
            let target: Target
            switch chosen(fieldName(index)) {
            case "new"?: target = .new
            case let value? where Int64(value).map({ id in stored.contains { $0.id == id } }) ?? false:
                target = .update(Int64(value) ?? 0)
            default: target = match.map { .update($0.plan.id) } ?? .new
            }
            targets.append(target)
            if case let .update(id) = target {
                let contents = try await store.planContents(id: id, organisationID: organisationID, fullHistory: true)
                updates[index] = PlanReimport.comparing(imported.reimported, with: contents, fileName: result.fileName,
                                                        on: today, by: person)
            }
        }
        return ImportTargets(storedPlans: stored, targets: targets, matches: matches, updates: updates,
                             fingerprint: fingerprint(targets, updates))
    }

    static func fingerprint(_ targets: [Target], _ updates: [Int: PlanReimport]) -> String {
        var hash = SHA256()
        hash.update(data: Data(targets.map(\.formValue).joined(separator: ",").utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for index in updates.keys.sorted() {
            hash.update(data: Data([0]))
            hash.update(data: (try? encoder.encode(updates[index])) ?? Data())
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The plans of the file to create, and the updates, in file order.
    func split(_ result: ImportResult, organisationID: Int64) -> (drafts: [PlanDraft], updates: [PlanReimport]) {
        let drafts = result.drafts(organisationID: organisationID)
        var creating: [PlanDraft] = []
        var updating: [PlanReimport] = []
        for (index, target) in targets.enumerated() {
            switch target {
            case .new: creating.append(drafts[index])
            case .update: if let update = updates[index] { updating.append(update) }
            }
        }
        return (creating, updating)
    }

    /// Two plans of the file aimed at one stored plan would apply the file to it twice.
    var problems: [ErrorLink] {
        var seen: [Int64: Int] = [:]
        var problems: [ErrorLink] = []
        for (index, target) in targets.enumerated() {
            guard case let .update(id) = target else { continue }
            if let first = seen[id] {
                let title = storedPlans.first { $0.id == id }?.title ?? "that plan"
                problems.append(ErrorLink(href: "#plan-\(index + 1)-target",
                                          message: "Plans \(first + 1) and \(index + 1) of the file would both update \(title): choose a different plan, or a new plan, for one of them"))
            } else {
                seen[id] = index
            }
        }
        return problems
    }
}
