import Core

// MARK: Reviews, participation, long-term stability and missing incidents from the SSDA903 return
// (docs/measures.md, "From the SSDA903 return")

extension MeasureID {
    public static let ssda903Reviews = MeasureID("903-REVIEWS")
    public static let ssda903Participation = MeasureID("903-REVIEW-PN")
    public static let ssda903LongTermStability = MeasureID("903-STABILITY-LT")
    public static let ssda903MissingIncidents = MeasureID("903-MISSING-INCIDENTS")
    public static let ssda903AwayIncidents = MeasureID("903-AWAY-INCIDENTS")
}

extension MeasureCatalogue {
    static let ssda903Reviews: [CatalogueMeasure] = [
        m(.ssda903Reviews, "Children looked after whose reviews were all held in timescale", "%", .higherIsBetter, .percentage,
          "Children looked after at the as-at date with at least one review due in the period (first within 20 working days of becoming looked after, the second within 3 months of the first, then within 6 months of the one before; due on the as-at date and not yet held is in time) whose every review due in the period was held by its due date ÷ those children.",
          "SSDA903 episodes + reviews", [SSDA903Table.episodes.key, SSDA903Table.reviews.key]),
        m(.ssda903Participation, "Children's participation in their reviews", "%", .higherIsBetter, .percentage,
          "Reviews held in the period where the child took part (REVIEW_CODE PN1–PN6) ÷ reviews held in the period with PN1–PN7 (PN0, a child under 4, is left out); broken down by PN code.",
          "SSDA903 reviews", [SSDA903Table.reviews.key]),
        m(.ssda903LongTermStability, "Long-term placement stability", "%", .higherIsBetter, .percentage,
          "Children looked after at the as-at date, under 16 then, looked after continuously for at least 2½ years, who had been in the same placement for at least 2 years, or are placed for adoption and the adoptive placement with the placement before it lasted 2 years ÷ those children (the DfE's long-term stability measure).",
          "SSDA903 header + episodes", [SSDA903Table.header.key, SSDA903Table.episodes.key]),
        m(.ssda903MissingIncidents, "Missing incidents of children looked after", "count", .lowerIsBetter, .count,
          "Missing incidents (MISSING M) that started in the period while the child was looked after; out of all missing and away-without-authorisation incidents starting then.",
          "SSDA903 episodes + missing", [SSDA903Table.episodes.key, SSDA903Table.missing.key]),
        m(.ssda903AwayIncidents, "Incidents of children looked after away from placement without authorisation", "count", .lowerIsBetter, .count,
          "Away-from-placement-without-authorisation incidents (MISSING A) that started in the period while the child was looked after; out of all missing and away incidents starting then.",
          "SSDA903 episodes + missing", [SSDA903Table.episodes.key, SSDA903Table.missing.key]),
    ]
}
