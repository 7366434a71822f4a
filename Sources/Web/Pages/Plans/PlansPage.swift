import Core

/// `/`: the organisation's plans, each with its delivery RAG as a bar, in numbers and in words.
struct PlansPage: PageModel, Sendable {
    static let template = Template.plans

    struct PlanCard: Sendable {
        var href: String
        var heading: String
        var kind: String
        /// "Apr 2026 to Mar 2028", or nil.
        var period: String?
        var rollup: RollupView
        var actionCount: String
        var averageComplete: String?
        var overdueCount: Int
        var updatesDueCount: Int
        var dueSoonCount: Int
    }

    struct Banner: Sendable {
        var message: String
    }

    var title = "Improvement plans"
    var navPlans = true
    var asAt: String
    var plans: [PlanCard]
    /// Editors and administrators: importing creates plans.
    var mayImport: Bool
    var banner: Banner?

    init(plans: [PlanContents], asAt day: Day, mayImport: Bool, imported: [Int64]) {
        asAt = day.formatted
        self.mayImport = mayImport
        banner = Self.importedBanner(plans.filter { imported.contains($0.plan.id) })
        self.plans = plans.map { contents in
            let assessment = PlanAssessment(contents: contents, asAt: day)
            let plan = contents.plan
            let period: String? = switch (plan.periodStart, plan.periodEnd) {
            case let (start?, end?): "\(start.formatted) to \(end.formatted)"
            case let (start?, nil): "From \(start.formatted)"
            case let (nil, end?): "To \(end.formatted)"
            case (nil, nil): nil
            }
            let count = assessment.actions.count
            return PlanCard(
                href: Path.plan(plan.id).href,
                heading: plan.title,
                kind: plan.kind.rawValue.prefix(1).uppercased() + plan.kind.rawValue.dropFirst(),
                period: period,
                rollup: RollupView(assessment.plan, barWidth: 480, barHeight: 20, includeZero: false),
                actionCount: "\(count) action\(count == 1 ? "" : "s")",
                averageComplete: assessment.plan.averagePercentComplete.map { "\(Int($0.rounded()))%" },
                overdueCount: assessment.actions.filter(\.overdue).count,
                updatesDueCount: assessment.actions.filter(\.update.isDue).count,
                dueSoonCount: assessment.actions.filter(\.dueSoon).count)
        }
    }

    /// "Imported 2 plans: ILACS Improvement Plan (5 areas, 19 actions) and …".
    static func importedBanner(_ plans: [PlanContents]) -> Banner? {
        guard !plans.isEmpty else { return nil }
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        let named = plans.map { "\($0.plan.title) (\(count($0.areas.count, "area")), \(count($0.actions.count, "action")))" }
        let list = named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " and " + named[named.count - 1]
        return Banner(message: "Imported \(count(plans.count, "plan")): \(list).")
    }
}
