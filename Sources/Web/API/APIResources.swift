import Core
import Foundation

// What the JSON API returns: domain values with their ratings and the reasons for them.

struct PlanSummary: Codable, Sendable {
    var id: Int64
    var title: String
    var kind: Plan.Kind
    var updateCycle: UpdateCycle
    var periodStart: Day?
    var periodEnd: Day?
    var version: Int
    var links: [String: String]
}

struct RollupResource: Codable, Sendable {
    var total: Int
    var counted: Int
    var averagePercentComplete: Double?
    var counts: [String: Int]
    var summary: String

    init(_ rollup: RatingRollup) {
        total = rollup.total
        counted = rollup.counted
        averagePercentComplete = rollup.averagePercentComplete.map { ($0 * 10).rounded() / 10 }
        counts = Dictionary(uniqueKeysWithValues: rollup.shares.map { ($0.rating.rawValue, $0.count) })
        summary = rollup.sentence
    }
}

struct PlanResource: Codable, Sendable {
    struct ThemeResource: Codable, Sendable {
        var id: Int64
        var ref: String
        var title: String
        /// What `PATCH /themes/{id}`, its move and its removal carry.
        var version: Int
        var rollup: RollupResource
        var areas: [AreaResource]
    }

    struct AreaResource: Codable, Sendable {
        var area: Area
        var rollup: RollupResource
    }

    var plan: Plan
    var inspection: Inspection?
    var asAt: Day
    var rollup: RollupResource
    var themes: [ThemeResource]

    init(contents: PlanContents, assessment: PlanAssessment) {
        plan = contents.plan
        inspection = contents.inspection
        asAt = assessment.asAt
        rollup = RollupResource(assessment.plan)
        themes = contents.themes.map { theme in
            ThemeResource(id: theme.id, ref: theme.ref, title: theme.title, version: theme.version,
                          rollup: RollupResource(assessment.byTheme[theme.id] ?? RatingRollup(ratings: [])),
                          areas: contents.areas(in: theme).map {
                              AreaResource(area: $0, rollup: RollupResource(assessment.byArea[$0.id] ?? RatingRollup(ratings: [])))
                          })
        }
    }
}

struct RatingResource: Codable, Sendable {
    var rating: DeliveryRating
    var word: String
    var reasons: [String]
    var calculated: DeliveryRating
    var override: RatingOverride?

    init(_ assessment: DeliveryAssessment) {
        rating = assessment.rating
        word = assessment.rating.word
        reasons = assessment.reasons
        calculated = assessment.calculated
        override = assessment.override
    }
}

/// An action with its rating, whether an update is due, and (for lists) only its latest update.
struct ActionResource: Encodable, Sendable {
    var action: Action
    var rating: RatingResource
    var updateStatus: UpdateStatus
    var latestUpdate: ProgressUpdate?
    var includeHistory: Bool
    /// The % complete the pages, exports and pack show and average: 100 for a Blue action
    /// (`DeliveryRules.percentComplete`); `percentComplete` stays the figure recorded.
    var effectivePercentComplete: Int

    init(action: Action, asAt day: Day, cycle: UpdateCycle, includeHistory: Bool) {
        self.action = action
        let delivery = DeliveryRules.deliveryRating(of: action, asAt: day)
        self.rating = RatingResource(delivery)
        self.effectivePercentComplete = delivery.percentComplete(of: action)
        self.updateStatus = DeliveryRules.updateStatus(of: action, cycle: cycle, asAt: day)
        self.latestUpdate = action.latestUpdate
        self.includeHistory = includeHistory
    }

    enum Keys: String, CodingKey { case rating, updateStatus, latestUpdate, originalDueDate, updates, effectivePercentComplete }

    func encode(to encoder: any Encoder) throws {
        var trimmed = action
        if !includeHistory { trimmed.updates = [] }
        try trimmed.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(rating, forKey: .rating)
        try container.encode(updateStatus, forKey: .updateStatus)
        try container.encode(effectivePercentComplete, forKey: .effectivePercentComplete)
        try container.encodeIfPresent(latestUpdate, forKey: .latestUpdate)
        try container.encodeIfPresent(action.originalDueDate, forKey: .originalDueDate)
    }
}

struct ActionList: Encodable, Sendable {
    var planID: Int64
    var asAt: Day
    var actions: [ActionResource]
}

/// A value with its rating, as the reader may see it: where their small-number rule suppresses
/// it, its figures are left out (not nulled: absent) and `suppressed` is true.
struct ValueResource: Encodable, Sendable {
    var value: MeasureValue
    var rating: MeasureRating
    var suppressed: Bool

    init(value: MeasureValue, of measure: Measure, suppression: SmallNumbers?) {
        self.value = value
        let rating = MeasureRules.rating(of: measure, for: value.period)
        self.rating = suppression?.shared(rating, of: measure) ?? rating
        suppressed = suppression?.suppresses(value, unit: measure.unit) ?? false
    }

    enum Keys: String, CodingKey { case value, rating }
    enum ValueKeys: String, CodingKey { case id, period, value, numerator, denominator, asAt, note, computedFrom, suppressed }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var shown = container.nestedContainer(keyedBy: ValueKeys.self, forKey: .value)
        try shown.encode(value.id, forKey: .id)
        try shown.encode(value.period, forKey: .period)
        if !suppressed {
            try shown.encode(value.value, forKey: .value)
            try shown.encodeIfPresent(value.numerator, forKey: .numerator)
            try shown.encodeIfPresent(value.denominator, forKey: .denominator)
        }
        try shown.encode(value.asAt, forKey: .asAt)
        try shown.encode(value.note, forKey: .note)
        try shown.encodeIfPresent(value.computedFrom, forKey: .computedFrom)
        try shown.encode(suppressed, forKey: .suppressed)
        try container.encode(rating, forKey: .rating)
    }
}

/// A measure with every value rated, and the latest period's RAG, direction of travel and exception status.
struct MeasureResource: Encodable, Sendable {
    var measure: Measure
    var latest: LatestResource?
    var exception: ExceptionStatus
    var suppression: SmallNumbers?

    struct LatestResource: Codable, Sendable {
        var period: Period
        /// Absent where suppressed.
        var value: Double?
        /// "62.5%", or "Suppressed (small number)".
        var formatted: String
        var suppressed: Bool
        var rating: MeasureRating
        var againstPreviousPeriod: DirectionOfTravel
        var againstSamePeriodLastYear: DirectionOfTravel
    }

    init(measure: Measure, suppression: SmallNumbers?) {
        self.measure = measure
        self.suppression = suppression
        self.exception = MeasureRules.exceptionStatus(of: measure)
        if let last = measure.valuesInOrder.last {
            let period = last.period
            let rating = MeasureRules.rating(of: measure, for: period)
            let previous = MeasureRules.direction(of: measure, for: period, comparedWith: period.previous)
            let lastYear = MeasureRules.direction(of: measure, for: period, comparedWith: period.sameLastYear)
            let notice = suppression.flatMap { $0.suppresses(last, unit: measure.unit) ? $0.notice : nil }
            latest = LatestResource(
                period: period, value: notice == nil ? last.value : nil,
                formatted: notice ?? measure.format(last.value), suppressed: notice != nil,
                rating: suppression?.shared(rating, of: measure) ?? rating,
                againstPreviousPeriod: suppression?.shared(previous, of: measure, for: period) ?? previous,
                againstSamePeriodLastYear: suppression?.shared(lastYear, of: measure, for: period) ?? lastYear)
        }
    }

    enum Keys: String, CodingKey { case values, latest, exception, targetInForce }

    func encode(to encoder: any Encoder) throws {
        var trimmed = measure
        trimmed.values = []
        try trimmed.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        let rated = measure.valuesInOrder.map { ValueResource(value: $0, of: measure, suppression: suppression) }
        try container.encode(rated, forKey: .values)
        try container.encodeIfPresent(latest, forKey: .latest)
        try container.encode(exception, forKey: .exception)
    }
}
