/// "Blue counts as 100%": the % complete shown and averaged for an action is 100 when its
/// delivery rating is Blue — complete, or overridden to Blue by someone who judged it done —
/// and otherwise the recorded figure (kept between 0 and 100). One rule, so the plan page, the
/// action page, the exports, the board pack and the API give the same figure for one action.
extension DeliveryRules {
    public static func percentComplete(recorded: Int, rating: DeliveryRating) -> Int {
        rating == .blue ? 100 : max(0, min(100, recorded))
    }
}

extension DeliveryAssessment {
    /// The % complete shown for `action` under this rating (`DeliveryRules.percentComplete`).
    public func percentComplete(of action: Action) -> Int {
        DeliveryRules.percentComplete(recorded: action.percentComplete, rating: rating)
    }
}

extension PlanAssessment.RatedAction {
    /// The % complete shown and averaged: 100 for a Blue action, else the recorded figure.
    public var percentComplete: Int { delivery.percentComplete(of: action) }
}
