import Core

// MARK: SDQ and adoption timeliness from an SSDA903 return (docs/measures.md, "From the SSDA903 return")

extension MeasureID {
    public static let ssda903SDQCompleted = MeasureID("903-SDQ")
    public static let ssda903SDQAverage = MeasureID("903-SDQ-AVG")
    public static let ssda903A1 = MeasureID("903-A1")
    public static let ssda903A1Within = MeasureID("903-A1-426")
    public static let ssda903A2 = MeasureID("903-A2")
    public static let ssda903A2Within = MeasureID("903-A2-121")
    public static let ssda903A10 = MeasureID("903-A10")
}

extension MeasureCatalogue {
    static let ssda903Adoption: [CatalogueMeasure] = [
        m(.ssda903SDQCompleted, "SDQ score recorded (OC2, aged 4 to 16)", "%", .higherIsBetter, .percentage,
          "Children on OC2 (looked after continuously for 12 months at 31 March) aged 4 or over on 1 April and under 17 on 31 March (the DfE's validation rule 186) with SDQ_SCORE recorded ÷ those children (an unusable SDQ_SCORE is left out); SDQ_REASON, why there is no score, in the category breakdown.",
          "SSDA903 OC2", [SSDA903Table.oc2.key]),
        m(.ssda903SDQAverage, "Average SDQ score (OC2)", "score", .lowerIsBetter, .mean,
          "Mean SDQ_SCORE (total difficulties, 0–40) of the children 903-SDQ counts who have a score; a score of 17 or more (the DfE's cause for concern) is in the numerator of the rows; an out-of-range score is unusable, named in the data-quality report and left out.",
          "SSDA903 OC2", [SSDA903Table.oc2.key]),
        m(.ssda903A1, "A1: average days from entering care to moving in with the adoptive family", "days", .lowerIsBetter, .mean,
          "Children adopted in the period (episode ended REC E11 or E12): mean days from the start of the period of care that ended in adoption to the start of its first placement for adoption (PLACE A3–A6), the DfE adoption scorecard's A1; rows over the 426-day threshold are out of timescale. Children not placed for adoption before the order are left out, and so is a child whose care began before the first episode the files hold (one year's return holds only its year's episodes).",
          "SSDA903 episodes", [SSDA903Table.episodes.key]),
        m(.ssda903A1Within, "A1: adopted children who moved in with the adoptive family within 426 days of entering care", "%", .higherIsBetter, .percentage,
          "Children A1 counts whose days from entering care to moving in with the adoptive family are 426 or fewer (the scorecard's A1 threshold, 14 months) ÷ children A1 counts.",
          "SSDA903 episodes", [SSDA903Table.episodes.key]),
        m(.ssda903A2, "A2: average days from court authority to place to the match with the adoptive family", "days", .lowerIsBetter, .mean,
          "Children adopted in the period who were placed for adoption before the order: mean days from the first episode of the period of care with legal status E1 (placement order) or D1 (freeing order) to DATE_MATCH on AD1, 0 when matched before the order (the scorecard's A2); rows over the 121-day threshold are out of timescale. Those with no placement or freeing order, or no usable DATE_MATCH, are left out.",
          "SSDA903 episodes + AD1", [SSDA903Table.episodes.key, SSDA903Table.ad1.key]),
        m(.ssda903A2Within, "A2: adopted children matched within 121 days of court authority to place", "%", .higherIsBetter, .percentage,
          "Children A2 counts whose days from court authority to place to the match are 121 or fewer (the scorecard's A2 threshold, 4 months) ÷ children A2 counts.",
          "SSDA903 episodes + AD1", [SSDA903Table.episodes.key, SSDA903Table.ad1.key]),
        m(.ssda903A10, "A10: average days from entering care to moving in with the adoptive family, adjusted for foster carer adoptions", "days", .lowerIsBetter, .mean,
          "As A1, but for a child adopted by their foster carers (FOSTER_CARE 1 on AD1) the day the child moved in with those carers: the start of the placement before the first placement for adoption, going back over episodes that changed the legal status alone (RNE L). The scorecard's A10; rows over 426 days are out of timescale.",
          "SSDA903 episodes + AD1", [SSDA903Table.episodes.key, SSDA903Table.ad1.key]),
    ]
}
