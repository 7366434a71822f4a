import Core

// MARK: The measures computed from an SSDA903 return (docs/measures.md, "From the SSDA903 return")

extension MeasureID {
    public static let ssda903Moves = MeasureID("903-MOVES")
    public static let ssda903Missing = MeasureID("903-MISSING")
    public static let ssda903HealthAssessment = MeasureID("903-OC2-HEALTH")
    public static let ssda903Teeth = MeasureID("903-OC2-TEETH")
    public static let ssda903Immunisations = MeasureID("903-OC2-IMMS")
    public static let ssda903LeaversInTouch = MeasureID("903-CL-IN-TOUCH")
    public static let ssda903LeaversEET = MeasureID("903-CL-EET")
    public static let ssda903LeaversAccommodation = MeasureID("903-CL-ACCOM")
    public static let ssda903UASC = MeasureID("903-UASC")
}

extension MeasureCatalogue {
    static let ssda903: [CatalogueMeasure] = [
        m(.ssda903Moves, "Children looked after with three or more placements in 12 months", "%", .lowerIsBetter, .percentage,
          "Children looked after at the as-at date with 3 or more placements (episodes that start a period of care or change the placement: RNE S, P, T, U or B) open at some time in the 12 months ending on it ÷ children looked after at the as-at date (the DfE's placement stability measure).",
          "SSDA903 episodes", [SSDA903Table.episodes.key]),
        m(.ssda903Missing, "Children looked after who went missing", "%", .lowerIsBetter, .percentage,
          "Children looked after at some time in the period with a missing incident (MISSING M) starting in the period while looked after ÷ children looked after at some time in the period.",
          "SSDA903 episodes + missing", [SSDA903Table.episodes.key, SSDA903Table.missing.key]),
        m(.ssda903HealthAssessment, "Health assessment up to date (OC2)", "%", .higherIsBetter, .percentage,
          "Children on OC2 (looked after continuously for 12 months at 31 March) with HEALTH_ASSESSMENT 1 ÷ children on OC2 with it recorded.",
          "SSDA903 OC2", [SSDA903Table.oc2.key]),
        m(.ssda903Teeth, "Teeth checked by a dentist (OC2)", "%", .higherIsBetter, .percentage,
          "Children on OC2 with TEETH_CHECK 1 ÷ children on OC2 with it recorded.", "SSDA903 OC2", [SSDA903Table.oc2.key]),
        m(.ssda903Immunisations, "Immunisations up to date (OC2)", "%", .higherIsBetter, .percentage,
          "Children on OC2 with IMMUNISATIONS 1 ÷ children on OC2 with it recorded.", "SSDA903 OC2", [SSDA903Table.oc2.key]),
        m(.ssda903LeaversInTouch, "Care leavers in touch (OC3)", "%", .higherIsBetter, .percentage,
          "Care leavers on OC3 with IN_TOUCH YES ÷ care leavers on OC3 (those who died or were not required to keep in touch, DIED and NREQ, are left out); by age band 17–18 and 19–21.",
          "SSDA903 OC3", [SSDA903Table.oc3.key]),
        m(.ssda903LeaversEET, "Care leavers in education, employment or training (OC3)", "%", .higherIsBetter, .percentage,
          "Care leavers on OC3 with ACTIV F1, P1, F2, P2, F4, P4, F5 or P5 ÷ care leavers on OC3 (DIED and NREQ left out; not in touch counts as not known to be in EET); by age band 17–18 and 19–21.",
          "SSDA903 OC3", [SSDA903Table.oc3.key]),
        m(.ssda903LeaversAccommodation, "Care leavers in suitable accommodation (OC3)", "%", .higherIsBetter, .percentage,
          "Care leavers on OC3 whose ACCOM ends in 1 (suitable) ÷ care leavers on OC3 (DIED and NREQ left out; not in touch counts as not known to be suitable); by age band 17–18 and 19–21.",
          "SSDA903 OC3", [SSDA903Table.oc3.key]),
        m(.ssda903UASC, "Unaccompanied asylum-seeking children looked after", "count", .higherIsBetter, .count,
          "Children looked after at the as-at date who are on the UASC table and had not stopped being unaccompanied asylum-seeking children (DUC blank or after the as-at date); out of children looked after.",
          "SSDA903 episodes + UASC", [SSDA903Table.episodes.key, SSDA903Table.uasc.key]),
    ]
}
