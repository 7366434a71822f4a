import Core
import Foundation
import Hummingbird

// What the JSON API accepts. Every field a client may omit is optional; checks that need the
// domain's words live in Core's PlanValidation.

struct MilestoneInput: Codable, Sendable {
    var id: Int64?
    var title: String
    var dueDate: Day?
    var completedOn: Day?

    var milestone: Milestone { Milestone(id: id ?? 0, title: title, dueDate: dueDate, completedOn: completedOn) }
}

struct ActionInput: Codable, Sendable {
    var ref: String
    var title: String
    var outcome: String?
    var leads: [String]?
    var startDate: Day?
    var dueDate: Day?
    var status: LifecycleStatus?
    var percentComplete: Int?
    var completedOn: Day?
    var milestones: [MilestoneInput]?
    var measureIDs: [Int64]?

    func action(areaID: Int64) -> Action {
        Action(areaID: areaID, ref: ref, title: title, outcome: outcome ?? "", leads: leads ?? [], startDate: startDate,
               dueDate: dueDate, status: status ?? .notStarted, percentComplete: percentComplete ?? (status == .complete ? 100 : 0),
               completedOn: completedOn, milestones: (milestones ?? []).map(\.milestone), measureIDs: measureIDs ?? [])
    }

    /// The action, its status and % complete settled by Core's one rule (`ProgressRules`) as if
    /// changed from a new action's "not started, 0%": complete is 100%, 100% needs a status.
    func settledAction(areaID: Int64) throws -> Action {
        var action = action(areaID: areaID)
        guard status != nil || percentComplete != nil else { return action }
        switch ProgressRules.settle(currentStatus: .notStarted, currentPercent: 0, status: status, percentComplete: percentComplete) {
        case let .settled(settled):
            action.status = settled.status
            action.percentComplete = settled.percentComplete
        case .askWhetherComplete: throw ProgressRules.statusNeededWithFullPercent
        case let .refused(error): throw error
        }
        return action
    }
}

struct AreaInput: Codable, Sendable {
    var ref: String
    var title: String
    var recommendationNumber: Int?
    var improvementLead: String?
    var coreFocus: String?
    var issues: [Area.Issue]?
    var objectives: [String]?
    var whyItMatters: String?
    var whatGoodLooksLike: String?
    var actions: [ActionInput]?
}

struct ThemeInput: Codable, Sendable {
    var ref: String?
    var title: String
    var areas: [AreaInput]?
}

struct PlanInput: Codable, Sendable {
    var title: String
    var kind: Plan.Kind?
    var updateCycle: UpdateCycle?
    var periodStart: Day?
    var periodEnd: Day?
    var themes: [ThemeInput]?

    /// The plan to store; each action's status and % complete settled as `ActionInput.settledAction`
    /// does, a refusal naming the action's place in the body.
    func draft(organisationID: Int64) throws -> PlanDraft {
        let plan = Plan(organisationID: organisationID, title: title, kind: kind ?? .improvementPlan,
                        periodStart: periodStart, periodEnd: periodEnd, updateCycle: updateCycle ?? .monthly)
        let themes = try (themes ?? []).enumerated().map { t, theme in
            try PlanDraft.ThemeDraft(
                theme: Theme(planID: 0, position: t, ref: theme.ref ?? String(t + 1), title: theme.title),
                areas: (theme.areas ?? []).enumerated().map { a, area in
                    try PlanDraft.AreaDraft(
                        area: Area(themeID: 0, position: a, ref: area.ref, title: area.title,
                                   recommendationNumber: area.recommendationNumber, improvementLead: area.improvementLead ?? "",
                                   coreFocus: area.coreFocus ?? "", issues: area.issues ?? [], objectives: area.objectives ?? [],
                                   whyItMatters: area.whyItMatters ?? "", whatGoodLooksLike: area.whatGoodLooksLike ?? ""),
                        actions: (area.actions ?? []).enumerated().map { i, input in
                            var action: Action
                            do {
                                action = try input.settledAction(areaID: 0)
                            } catch let error as ValidationError {
                                throw ValidationError(field: "themes[\(t)].areas[\(a)].actions[\(i)].\(error.field)", message: error.message)
                            }
                            action.position = i + 1
                            return PlanDraft.ActionDraft(action: action)
                        })
                })
        }
        return PlanDraft(plan: plan, themes: themes)
    }
}

struct OverrideInput: Codable, Sendable {
    var rating: DeliveryRating
    var reason: String
    /// The last day the override applies; open-ended when left out.
    var until: Day?
}

struct DifferenceInput: Codable, Sendable {
    var value: Difference
    var note: String?
    var date: Day?
}

/// A partial edit of an action. `version` is the version the client last read: a stale one is refused.
struct ActionPatch: Codable, Sendable {
    var version: Int
    /// Refused when sent: the person recorded is the token's.
    var by: String?
    var ref: String?
    var areaID: Int64?
    var title: String?
    var outcome: String?
    var leads: [String]?
    var startDate: Day?
    var dueDate: Day?
    var reprogrammeReason: String?
    var status: LifecycleStatus?
    var percentComplete: Int?
    var completedOn: Day?
    var milestones: [MilestoneInput]?
    var measureIDs: [Int64]?
    var override: OverrideInput?
    var clearOverride: Bool?
    var difference: DifferenceInput?
    var evidence: String?

    /// The fields sent, by their names in the body, in the order of the document.
    var fieldsSent: [String] {
        let sent: [(String, Bool)] = [
            ("ref", ref != nil), ("areaID", areaID != nil), ("title", title != nil), ("outcome", outcome != nil), ("leads", leads != nil), ("startDate", startDate != nil),
            ("dueDate", dueDate != nil), ("reprogrammeReason", reprogrammeReason != nil), ("status", status != nil),
            ("percentComplete", percentComplete != nil), ("completedOn", completedOn != nil), ("milestones", milestones != nil),
            ("measureIDs", measureIDs != nil), ("override", override != nil), ("clearOverride", clearOverride != nil),
            ("difference", difference != nil), ("evidence", evidence != nil),
        ]
        return sent.filter(\.1).map(\.0)
    }

    /// What an action lead who may not edit plans may change, as on the action page's forms:
    /// its status and % complete (with the completion date), the difference judgement, and
    /// evidence of impact. Its wording, dates, leads, milestones, measures and rating are the
    /// plan's, changed by editors.
    static let leadFields: Set<String> = ["status", "percentComplete", "completedOn", "difference", "evidence"]

    /// Refuses what the body may not say: `by` (400), a field beyond an action lead's rights (403
    /// naming it), and combinations that contradict themselves (400).
    func check(editor: Bool) throws {
        if by != nil {
            throw ValidationError(field: "by", message: "Leave out by: the change is recorded as made by the person the token belongs to")
        }
        if !editor, let field = fieldsSent.first(where: { !Self.leadFields.contains($0) }) {
            throw HTTPError(.forbidden, message: "\(field): you lead this action, so you may change its status, percentComplete, completedOn, difference and evidence; \(field) is changed by an editor")
        }
        if override != nil, clearOverride == true {
            throw ValidationError(field: "clearOverride", message: "Give an override or clear it, not both")
        }
        if reprogrammeReason != nil, dueDate == nil {
            throw ValidationError(field: "reprogrammeReason", message: "Give the new due date with the reason for moving it")
        }
        // Always, not only when a date moves, so the rule does not depend on what is stored.
        if dueDate != nil, reprogrammeReason?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
            throw ValidationError(field: "reprogrammeReason", message: "Enter why the due date is being set or changed")
        }
        if let evidence, evidence.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError(field: "evidence", message: "Enter the evidence of impact")
        }
        for (field, text) in [("ref", ref), ("title", title), ("override.reason", override?.reason)] {
            if let text, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError(field: field, message: field == "title" ? "Enter what the action is"
                                      : field == "ref" ? "Enter the action's reference, for example 2.1.3" : "Enter the reason for overriding the rating")
            }
        }
    }

    /// Applies the edit as at `day`; `person` (the token's) is recorded on overrides,
    /// reprogrammings, judgements and evidence.
    func apply(to action: inout Action, on day: Day, by person: String, role: String? = nil) throws {
        // The store refuses a reference another action of the plan has, and an area of another plan.
        if let ref { action.ref = ref.trimmingCharacters(in: .whitespaces) }
        if let areaID { action.areaID = areaID }
        if let title { action.title = title }
        if let outcome { action.outcome = outcome }
        if let leads { action.leads = ActionEditRules.normalisedLeads(leads) }
        if let startDate { action.startDate = startDate }
        if let dueDate, dueDate != action.dueDate {
            if action.dueDate == nil {
                action.dueDate = dueDate
            } else {
                try action.reprogramme(to: dueDate, reason: reprogrammeReason ?? "", on: day, by: person)
            }
        }
        if let status, status != action.status, ActionEditRules.needsReason(status) {
            // The reason must be kept, as on the page: it goes in with a progress update.
            throw ValidationError(field: "status", message: "To put an action on hold or withdraw it, POST /actions/{id}/updates with the status and the reason as text")
        }
        if status != nil || percentComplete != nil {
            // Core's one rule, as on the action page's forms; the API cannot ask, so 100% needs a status.
            switch ProgressRules.settle(action, status: status, percentComplete: percentComplete) {
            case let .settled(settled): action.apply(settled, on: completedOn ?? day)
            case .askWhetherComplete: throw ProgressRules.statusNeededWithFullPercent
            case let .refused(error): throw error
            }
        }
        if let completedOn, action.status == .complete { action.completedOn = completedOn }
        // Core's rule: titles required, and an id must be one of the action's milestones (else it would be lost).
        if let milestones { try action.replaceMilestones(milestones.map(\.milestone)) }
        if let measureIDs { action.measureIDs = measureIDs }
        if clearOverride == true { action.override = nil }
        if let override {
            do {
                action.override = try RatingOverride(rating: override.rating, reason: override.reason, by: person, on: day, until: override.until)
            } catch {
                // Core names the form's fields; the API's are inside `override`.
                let field = switch error.field {
                case "overrideReason": "override.reason"
                case "overrideUntil": "override.until"
                default: "override.rating"
                }
                throw ValidationError(field: field, message: error.message)
            }
        }
        if let difference {
            action.difference = DifferenceJudgement(value: difference.value, date: difference.date ?? day, by: person, note: difference.note ?? "")
        }
        if let evidence {
            action.evidence.append(EvidenceOfImpact(date: day, text: evidence, author: person, authorRole: role))
        }
    }
}

struct UpdateInput: Codable, Sendable {
    /// Refused when sent: the author is the token's person.
    var author: String?
    var text: String
    var date: Day?
    var percentComplete: Int?
    var status: LifecycleStatus?
    /// The action version the update was written against; optional for updates.
    var version: Int?
}

struct BandInput: Codable, Sendable {
    var low: Double
    var high: Double
}

struct MeasureInput: Codable, Sendable {
    var code: String
    var title: String
    var definition: String?
    var numeratorText: String?
    var denominatorText: String?
    var unit: Measure.Unit?
    var polarity: Measure.Polarity?
    var band: BandInput?
    var frequency: Measure.Frequency?
    var decimals: Int?
    var owner: String?
    var targets: [Target]?
    var followsTrajectory: Bool?
    var baseline: Baseline?
    var periodTargets: [PeriodTarget]?
    var tolerance: Double?
    var benchmarks: [Benchmark]?

    func measure(organisationID: Int64) throws -> Measure {
        // Written so that a NaN bound is refused too: `...` would trap on it.
        if let band, !(band.low <= band.high) {
            throw ValidationError(field: "band", message: "The band's low value must not be above its high value")
        }
        return Measure(organisationID: organisationID, code: code, title: title, definition: definition ?? "",
                       numeratorText: numeratorText ?? "", denominatorText: denominatorText ?? "",
                       unit: unit ?? .percentage, polarity: polarity ?? .higherIsBetter,
                       band: band.map { $0.low...$0.high }, frequency: frequency ?? .monthly, decimals: decimals ?? 1,
                       owner: owner ?? "", targets: targets ?? [], followsTrajectory: followsTrajectory ?? false,
                       baseline: baseline, periodTargets: periodTargets ?? [], tolerance: tolerance,
                       benchmarks: benchmarks ?? [])
    }
}

struct MeasurePatch: Codable, Sendable {
    var version: Int
    var code: String?
    var unit: Measure.Unit?
    var frequency: Measure.Frequency?
    var title: String?
    var definition: String?
    var numeratorText: String?
    var denominatorText: String?
    var owner: String?
    var decimals: Int?
    var polarity: Measure.Polarity?
    var band: BandInput?
    var targets: [Target]?
    var followsTrajectory: Bool?
    var baseline: Baseline?
    var periodTargets: [PeriodTarget]?
    var tolerance: Double?
    var benchmarks: [Benchmark]?

    func apply(to measure: inout Measure) throws {
        if let code { measure.code = code }
        if let unit { measure.unit = unit }
        if let frequency { measure.frequency = frequency }
        if let title { measure.title = title }
        if let definition { measure.definition = definition }
        if let numeratorText { measure.numeratorText = numeratorText }
        if let denominatorText { measure.denominatorText = denominatorText }
        if let owner { measure.owner = owner }
        if let decimals { measure.decimals = decimals }
        if let polarity { measure.polarity = polarity }
        if let band {
            // Written so that a NaN bound is refused too: `...` would trap on it.
            guard band.low <= band.high else {
                throw ValidationError(field: "band", message: "The band's low value must not be above its high value")
            }
            measure.band = band.low...band.high
        }
        if let targets { measure.targets = targets }
        if let followsTrajectory { measure.followsTrajectory = followsTrajectory }
        if let baseline { measure.baseline = baseline }
        if let periodTargets { measure.periodTargets = periodTargets }
        if let tolerance { measure.tolerance = tolerance }
        if let benchmarks { measure.benchmarks = benchmarks }
    }
}

struct ValueInput: Codable, Sendable {
    var period: Period
    var value: Double?
    var numerator: Double?
    var denominator: Double?
    var asAt: Day?
    var note: String?
    var replace: Bool?

    /// The value as given, or worked out from numerator and denominator (Core's rule, which the
    /// measure's forms use too).
    func measureValue(unit: Measure.Unit, today: Day) throws -> MeasureValue {
        let computed = try MeasureEditing.figure(value: value, numerator: numerator, denominator: denominator, unit: unit).get()
        return MeasureValue(period: period, value: computed, numerator: numerator, denominator: denominator,
                            asAt: asAt ?? min(today, period.end), note: note ?? "")
    }
}

/// An edit to a plan's own fields; the themes, areas and actions are edited through their own routes.
struct PlanPatch: Codable, Sendable {
    var version: Int
    var title: String?
    var kind: Plan.Kind?
    var updateCycle: UpdateCycle?
    var periodStart: Day?
    var periodEnd: Day?

    func apply(to plan: inout Plan) {
        if let title { plan.title = title }
        if let kind { plan.kind = kind }
        if let updateCycle { plan.updateCycle = updateCycle }
        if let periodStart { plan.periodStart = periodStart }
        if let periodEnd { plan.periodEnd = periodEnd }
    }
}

/// An edit to an area's (recommendation's) text.
struct AreaPatch: Codable, Sendable {
    var version: Int
    var ref: String?
    var title: String?
    var recommendationNumber: Int?
    var improvementLead: String?
    var coreFocus: String?
    var issues: [Area.Issue]?
    var objectives: [String]?
    var whyItMatters: String?
    var whatGoodLooksLike: String?

    func apply(to area: inout Area) {
        if let ref { area.ref = ref }
        if let title { area.title = title }
        if let recommendationNumber { area.recommendationNumber = recommendationNumber }
        if let improvementLead { area.improvementLead = improvementLead }
        if let coreFocus { area.coreFocus = coreFocus }
        if let issues { area.issues = issues }
        if let objectives { area.objectives = objectives }
        if let whyItMatters { area.whyItMatters = whyItMatters }
        if let whatGoodLooksLike { area.whatGoodLooksLike = whatGoodLooksLike }
    }
}
