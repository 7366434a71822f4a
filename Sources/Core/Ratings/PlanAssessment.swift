/// Every action of a plan rated as at a date, with roll-ups per area, theme and plan.
public struct PlanAssessment: Sendable, Codable, Hashable {
    public struct RatedAction: Sendable, Codable, Hashable {
        public var action: Action
        public var delivery: DeliveryAssessment
        public var update: UpdateStatus
        /// Due within the next 30 days and not complete.
        public var dueSoon: Bool
        public var overdue: Bool { delivery.calculated == .red }
    }

    public var asAt: Day
    public var actions: [RatedAction]
    public var plan: RatingRollup
    public var byTheme: [Int64: RatingRollup]
    public var byArea: [Int64: RatingRollup]

    public init(contents: PlanContents, asAt day: Day) {
        self.asAt = day
        let horizon = day.adding(days: 30)
        let rated = contents.actions.map { action in
            let delivery = DeliveryRules.deliveryRating(of: action, asAt: day)
            let update = DeliveryRules.updateStatus(of: action, cycle: contents.plan.updateCycle, asAt: day)
            let soon = action.status != .complete && action.dueDate.map { $0 >= day && $0 <= horizon } == true
            return RatedAction(action: action, delivery: delivery, update: update, dueSoon: soon)
        }
        self.actions = rated
        self.plan = RatingRollup(ratings: rated.map { ($0.delivery.rating, $0.action.percentComplete) })
        var perArea: [Int64: [(DeliveryRating, Int)]] = [:]
        for r in rated { perArea[r.action.areaID, default: []].append((r.delivery.rating, r.action.percentComplete)) }
        self.byArea = contents.areas.reduce(into: [:]) { $0[$1.id] = RatingRollup(ratings: perArea[$1.id] ?? []) }
        var perTheme: [Int64: [(DeliveryRating, Int)]] = [:]
        let themeOfArea = Dictionary(uniqueKeysWithValues: contents.areas.map { ($0.id, $0.themeID) })
        for r in rated {
            if let theme = themeOfArea[r.action.areaID] {
                perTheme[theme, default: []].append((r.delivery.rating, r.action.percentComplete))
            }
        }
        self.byTheme = contents.themes.reduce(into: [:]) { $0[$1.id] = RatingRollup(ratings: perTheme[$1.id] ?? []) }
    }
}
