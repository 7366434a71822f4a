import Core

/// How a measure's rows add up to its value.
public enum Aggregation: String, Sendable, Hashable, Codable {
    /// Rows in the numerator ÷ rows counted, as a percentage.
    case percentage
    /// Rows in the numerator (the count), out of the rows considered.
    case count
    /// The mean of each counted row's figure (days).
    case mean
    /// Rows counted ÷ distinct allocated workers among them.
    case perWorker
}

/// One measure of the catalogue (`docs/measures.md`, `kpi-catalogue.md`).
public struct CatalogueMeasure: Sendable, Hashable, Identifiable {
    public let id: MeasureID
    public let title: String
    /// `%`, `count`, `days`, `cases` or `score`.
    public let unit: String
    public let polarity: Measure.Polarity
    public let aggregation: Aggregation
    /// The rule in words, as the documentation states it.
    public let rule: String
    /// What it reads: `List 4`, `local contacts`…
    public let input: String
    /// The keys of `MeasureInputs.supplied` it needs, all of them; `a|b` means either.
    public let needs: [String]

    /// The plan measure unit this maps onto.
    public var measureUnit: Measure.Unit {
        switch unit {
        case "%": .percentage
        case "days": .days
        case "score": .score
        default: .count
        }
    }
}

/// Every measure the engine computes, in catalogue order.
///
/// Adding a measure (from a new return, say): its `MeasureID` constant and `CatalogueMeasure`
/// entries in a file of one's own (`Catalogue+SSDA903.swift`), its computation in another
/// (`MeasureEngine+SSDA903.swift`), and one line each in `all` below and in
/// `MeasureEngine.computations`. `TypedCatalogueTests` fails while an entry has no computation.
public enum MeasureCatalogue {
    /// Every measure, in catalogue order: one group per source of records.
    public static let all: [CatalogueMeasure] = [
        annexAAndLocalEvents,
        ssda903,
        ssda903Adoption,
        ssda903Reviews,
    ].flatMap { $0 }

    /// The measure with this id (every `MeasureID` is in the catalogue).
    public static func measure(_ id: MeasureID) -> CatalogueMeasure {
        // A MeasureID exists only for a catalogue entry; the fallback keeps a bad declaration visible rather than fatal.
        byID[id] ?? CatalogueMeasure(id: id, title: id.rawValue, unit: "count", polarity: .higherIsBetter, aggregation: .count,
                                     rule: "", input: "", needs: [id.rawValue])
    }

    /// The measure an outside id names, or nil (`MeasureID.parse` gives the reason).
    public static func measure(_ text: String) -> CatalogueMeasure? {
        (try? MeasureID.parse(text)).map { measure($0) }
    }

    /// The measures these ids name, in the order given.
    public static func measures(_ ids: [MeasureID]) -> [CatalogueMeasure] { ids.map { measure($0) } }

    static let byID: [MeasureID: CatalogueMeasure] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    static let byRawID: [String: CatalogueMeasure] = Dictionary(all.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })

    /// The Annex A lists and local-event files `measures` read; the readers can skip the rest.
    public static func inputs(of measures: [CatalogueMeasure]) -> (lists: Set<AnnexAList>, events: Set<LocalEventKind>) {
        let keys = Set(measures.flatMap(\.needs).flatMap { $0.split(separator: "|").map(String.init) })
        return (Set(AnnexAList.allCases.filter { keys.contains($0.key) }), Set(LocalEventKind.allCases.filter { keys.contains($0.rawValue) }))
    }

    /// The measures computed from Annex A (Lists 3–10) and local event files.
    static let annexAAndLocalEvents: [CatalogueMeasure] = [
        m(.conNFA, "Contacts with no further action", "%", .lowerIsBetter, .percentage,
          "Contacts received in the period with outcome NFA ÷ contacts received in the period.", "local contacts", ["contacts"]),
        m(.conTimely, "Contacts decided within timescale", "%", .higherIsBetter, .percentage,
          "Contacts decided in the period within 24 hours of receipt (category cp or assessment) or 72 hours (any other category) ÷ contacts decided in the period; broken down by category.", "local contacts", ["contacts"]),
        m(.sd4H, "Strategy discussions within 4 hours of a child protection referral", "%", .higherIsBetter, .percentage,
          "Strategy discussions held in the period within 4 hours of the referral ÷ strategy discussions held in the period.", "local strategy discussions", ["strategy_discussions"]),
        m(.refNFA, "Referrals with no further action", "%", .lowerIsBetter, .percentage,
          "Referrals in the period with Referral NFA? yes ÷ referrals in the period.", "List 3", ["list3"]),
        m(.refRepeat, "Re-referrals within 12 months", "%", .lowerIsBetter, .percentage,
          "Referrals in the period with Number of Referrals in Last 12 Months > 0 ÷ referrals in the period.", "List 3", ["list3"]),
        m(.asm45WD, "Assessments completed within 45 working days", "%", .higherIsBetter, .percentage,
          "Assessments authorised in the period on or before the 45th working day after the start ÷ assessments authorised in the period.", "List 4", ["list4"]),
        m(.asmOverdue, "Open assessments past 45 working days", "count", .lowerIsBetter, .count,
          "Assessments open at the as-at date (started, not authorised by then) whose 45-working-day deadline is before the as-at date; out of all open assessments.", "List 4", ["list4"]),
        m(.asmSeen, "Children seen during assessment", "%", .higherIsBetter, .percentage,
          "Assessments authorised in the period with Child Seen During Continuous Assessment yes ÷ assessments authorised in the period.", "List 4", ["list4"]),
        m(.icpc15WD, "Initial conferences within 15 working days of the strategy discussion", "%", .higherIsBetter, .percentage,
          "Initial conferences held in the period on or before the 15th working day after the strategy discussion ÷ conferences held in the period (enquiries where a conference was deemed unnecessary are left out).", "List 5", ["list5"]),
        m(.s47Overdue, "Open enquiries with no conference past 15 working days", "count", .lowerIsBetter, .count,
          "Section 47 enquiries started by the as-at date with no conference held by then and no conference deemed unnecessary, whose 15-working-day deadline is before the as-at date; out of all such open enquiries.", "List 5", ["list5"]),
        m(.cppRepeat, "Second or subsequent child protection plans", "%", .lowerIsBetter, .percentage,
          "Plans starting in the period with Number of Previous Child Protection Plans > 0 ÷ plans starting in the period.", "List 7", ["list7"]),
        m(.cpp18M, "Open plans lasting over 18 months", "%", .lowerIsBetter, .percentage,
          "Plans open at the as-at date that started more than 18 calendar months before it ÷ plans open at the as-at date.", "List 7", ["list7"]),
        m(.cpp2YEnded, "Plans ended in period that lasted 2 years or more", "%", .lowerIsBetter, .percentage,
          "Plans ending in the period on or after the second anniversary of their start ÷ plans ending in the period.", "List 7", ["list7"]),
        m(.cpVisit, "Open plans with a statutory visit in the last 10 working days", "%", .higherIsBetter, .percentage,
          "Plans open at the as-at date whose last statutory visit is within 10 working days before it ÷ plans open at the as-at date (plans started within the last 10 working days and not yet visited are left out as not yet due).", "List 7", ["list7"]),
        m(.cpReview, "Open plans with review conferences in timescale", "%", .higherIsBetter, .percentage,
          "Plans open at the as-at date whose next review is not overdue: first review due 3 months after the plan start, then 6 months after the latest review; due on the as-at date is in time ÷ open plans (plans whose first review is due after the as-at date are left out).", "List 7", ["list7"]),
        m(.cinSeen, "Open children in need seen in the last 20 working days", "%", .higherIsBetter, .percentage,
          "Child in need episodes open at the as-at date where the child was last seen within 20 working days before it ÷ open episodes (episodes started within the last 20 working days and not yet seen, and episodes whose last-seen date is unusable, such as 'not known', are left out).", "List 6", ["list6"]),
        m(.cin2Y, "Open children in need episodes over 2 years", "%", .lowerIsBetter, .percentage,
          "Episodes open at the as-at date that started more than 2 years before it ÷ open episodes.", "List 6", ["list6"]),
        m(.claReview, "Reviews in timescale", "%", .higherIsBetter, .percentage,
          "Children looked after at the as-at date whose next review is not overdue: first due 20 working days after becoming looked after; if the latest review was that first one, the second is due 3 months after it; otherwise the next is due 6 months after the latest; due on the as-at date is in time ÷ children looked after (those whose first review is due after the as-at date are left out).", "List 8", ["list8"]),
        m(.claVisit, "Social work visit within 6 weeks", "%", .higherIsBetter, .percentage,
          "Children looked after at the as-at date with a social work visit in the 6 weeks (42 days) before it ÷ children looked after (those looked after for under 6 weeks, fewer than 42 days, and not yet visited are left out; at 42 days an unvisited child counts as late).", "List 8", ["list8"]),
        m(.claHealth, "Health assessment in date", "%", .higherIsBetter, .percentage,
          "Children looked after at the as-at date for 12 months or more whose last health assessment is within 6 months (under 5) or 12 months (5 and over) ÷ those children.", "List 8", ["list8"]),
        m(.claDental, "Dental check within 12 months", "%", .higherIsBetter, .percentage,
          "Children looked after at the as-at date for 12 months or more with a dental check in the 12 months before it ÷ those children.", "List 8", ["list8"]),
        m(.claMoves, "Three or more placements in the last 12 months", "%", .lowerIsBetter, .percentage,
          "Children looked after at the as-at date with Number of Placements in the Last 12 months of 3 or more ÷ children looked after.", "List 8", ["list8"]),
        m(.claRHIOffered, "Return interview offered after the last missing episode", "%", .higherIsBetter, .percentage,
          "Children on List 8 with at least one missing episode in 12 months who were offered a return interview after the last one ÷ children on List 8 with a missing episode.", "List 8", ["list8"]),
        m(.rhi72H, "Missing episodes with a return interview within 72 hours of return", "%", .higherIsBetter, .percentage,
          "Missing episodes ending in the period with a return interview completed within 72 hours of the return ÷ episodes ending in the period (episodes with no interview yet and less than 72 hours since the return are left out as not yet due).", "local missing episodes", ["missing_episodes"]),
        m(.pepInDate, "School-age children looked after with a PEP this term", "%", .higherIsBetter, .percentage,
          "Children looked after at the as-at date aged 5 to 15 on the 31 August before it with a PEP dated this term (autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar, summer 1 Apr–31 Aug) on or before the as-at date ÷ those children.", "List 8 + local PEPs", ["peps", "list8"]),
        m(.clAccom, "Care leavers in suitable accommodation", "%", .higherIsBetter, .percentage,
          "Care leavers with Suitability of Accommodation suitable ÷ all care leavers on List 9 (those not in touch or with no suitability recorded count in the denominator).", "List 9", ["list9"]),
        m(.clEET, "Care leavers in education, employment or training", "%", .higherIsBetter, .percentage,
          "Care leavers with Activity Status F1, P1, F2, P2, F3 or P3 ÷ all care leavers on List 9.", "List 9", ["list9"]),
        m(.clInTouch, "Care leavers in touch", "%", .higherIsBetter, .percentage,
          "Care leavers with LA In Touch yes ÷ all care leavers on List 9.", "List 9", ["list9"]),
        m(.adoEntryToPlaced, "Average days from entering care to placement for adoption", "days", .lowerIsBetter, .mean,
          "Mean calendar days from the date the child entered care to the date placed for adoption, for children placed in the period.", "List 10", ["list10"]),
        m(.adoOrderToMatch, "Average days from placement order to match", "days", .lowerIsBetter, .mean,
          "Mean calendar days from the placement order to the match with adopters, for children matched in the period.", "List 10", ["list10"]),
        m(.sup6W, "Open allocated cases with supervision in the last 6 weeks", "%", .higherIsBetter, .percentage,
          "Children open at the as-at date on Lists 6–8 with an allocated worker, each counted once, with a supervision recorded in the 42 days before it ÷ those children.", "local supervision + Lists 6–8", ["supervision", "list6|list7|list8"]),
        m(.caseload, "Average open cases per allocated worker", "cases", .lowerIsBetter, .perWorker,
          "Children open at the as-at date on Lists 6–8 with an allocated worker, each counted once (List 8 before 7 before 6 for the worker), ÷ distinct allocated workers.", "Lists 6–8", ["list6|list7|list8"]),
        m(.ehcp20W, "EHC plans issued within 20 weeks of the request", "%", .higherIsBetter, .percentage,
          "EHC plans issued in the period within 20 weeks (140 days) of the request ÷ plans issued in the period, leaving out those with a recorded exception.", "local EHC plans", ["ehc_plans"]),
    ]

    static func m(_ id: MeasureID, _ title: String, _ unit: String, _ polarity: Measure.Polarity, _ aggregation: Aggregation,
                          _ rule: String, _ input: String, _ needs: [String]) -> CatalogueMeasure {
        CatalogueMeasure(id: id, title: title, unit: unit, polarity: polarity, aggregation: aggregation, rule: rule, input: input, needs: needs)
    }
}
