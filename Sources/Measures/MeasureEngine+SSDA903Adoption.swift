import Core

extension MeasureEngine {
    static let ssda903AdoptionComputations: [(MeasureID, Computation)] = [
        (.ssda903SDQCompleted, { $0.ssda903SDQ(average: false, $1.asAt, &$2) }),
        (.ssda903SDQAverage, { $0.ssda903SDQ(average: true, $1.asAt, &$2) }),
        (.ssda903A1, { $0.ssda903AdoptionTimeliness(.a1, within: false, $1.period, $1.asAt, &$2) }),
        (.ssda903A1Within, { $0.ssda903AdoptionTimeliness(.a1, within: true, $1.period, $1.asAt, &$2) }),
        (.ssda903A2, { $0.ssda903AdoptionTimeliness(.a2, within: false, $1.period, $1.asAt, &$2) }),
        (.ssda903A2Within, { $0.ssda903AdoptionTimeliness(.a2, within: true, $1.period, $1.asAt, &$2) }),
        (.ssda903A10, { $0.ssda903AdoptionTimeliness(.a10, within: false, $1.period, $1.asAt, &$2) }),
    ]

    /// The 31 March that closes the return's year for an as-at date: the OC2 cohort is "looked
    /// after continuously for 12 months at 31 March", so a later as-at date still reads that year.
    static func oc2YearEnd(_ asAt: Day) -> Day {
        let march = Day(asAt.year, 3, 31)
        return march <= asAt ? march : Day(asAt.year - 1, 3, 31)
    }

    /// `SDQ_REASON` in words, for the category breakdown.
    static let sdqReasons: [String: String] = [
        "SDQ1": "SDQ1: aged under 4 or over 16 at the assessment",
        "SDQ2": "SDQ2: carer refused",
        "SDQ3": "SDQ3: not possible because of the child's disability",
        "SDQ4": "SDQ4: other reason",
        "SDQ5": "SDQ5: child refused",
    ]

    /// The DfE's band for a total difficulties score: 17 and over is a cause for concern.
    static let sdqConcern = 17

    /// OC2's children the DfE expects an SDQ for: aged 4 or over on the first day of the year and
    /// under 17 on its last (validation rule 186). The cohort is OC2 itself, as for the other OC2
    /// measures, so the "looked after continuously for 12 months" rule is the return's, not redone.
    func ssda903SDQ(average: Bool, _ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        let yearEnd = Self.oc2YearEnd(asAt), yearStart = Day(yearEnd.year - 1, 4, 1)
        for o in inputs.ssda903.outcomes {
            let child = children[o.childID] ?? ChildDetails(childID: o.childID)
            let details = ChildDetails(childID: o.childID, dateOfBirth: o.dateOfBirth ?? child.dateOfBirth)
            guard let ageAtStart = details.age(on: yearStart), let ageAtEnd = details.age(on: yearEnd) else {
                t.exclude(o.source, o.childID, "no usable date of birth: SDQ age not known"); continue
            }
            guard ageAtStart >= 4, ageAtEnd <= 16 else {
                t.exclude(o.source, o.childID, ageAtStart < 4 ? "under 4 on \(yearStart.formatted): no SDQ expected"
                                                               : "17 by \(yearEnd.formatted): no SDQ expected")
                continue
            }
            if o.unusable.contains("SDQ_SCORE") {
                t.exclude(o.source, o.childID, "unusable SDQ_SCORE (see data quality)"); continue
            }
            let breakdown = ChildDetails(childID: o.childID, gender: child.gender, ethnicity: child.ethnicity, dateOfBirth: details.dateOfBirth)
            if average {
                guard let score = o.sdqScore else { continue }
                let concern = score >= Self.sdqConcern
                t.count(o.source, breakdown, [], days: nil, hit: concern,
                        status: concern ? "score \(score): a cause for concern" : "score \(score)", figure: Double(score))
            } else {
                let reason = o.sdqScore == nil ? (o.sdqReason.map { Self.sdqReasons[$0] ?? $0 } ?? "No score and no reason") : "Score recorded"
                t.count(o.source, breakdown, [], days: nil, hit: o.sdqScore != nil,
                        status: o.sdqScore.map { "score \($0)" } ?? "no score (\(reason))", category: reason)
            }
        }
    }

    /// The adoption scorecard's timeliness indicators.
    enum AdoptionIndicator: Sendable {
        /// Entering care to moving in with the adoptive family.
        case a1
        /// Court authority to place to the match.
        case a2
        /// A1, from the day a child adopted by their foster carers moved in with them.
        case a10

        /// The scorecard's threshold in days.
        var threshold: Int { self == .a2 ? 121 : 426 }
    }

    /// One child adopted in the period, as the episodes tell it.
    struct SSDA903AdoptedChild {
        var childID: String
        /// The child's episodes in start order.
        var episodes: [SSDA903Episode]
        /// The first episode of the period of care that ended in adoption, as far as the files go.
        var careStart: Int
        /// The episode the adoption ended.
        var adopted: Int

        /// Whether the files go back to the day care began: the first episode started it (`RNE`
        /// S). A year's return holds only the episodes open in its year, so a child who entered
        /// care earlier needs the earlier years' episode files too.
        var startsCare: Bool { episodes[careStart].reasonNewEpisode == "S" }
    }

    /// One copy of each episode when several years' files are read together: an episode open on
    /// 31 March is in both years' returns, open in the first and ended (if it has) in the second.
    static func onceEach(_ episodes: [SSDA903Episode]) -> [SSDA903Episode] {
        var kept: [SSDA903Episode] = []
        for e in episodes {
            if let last = kept.last, last.start == e.start {
                if last.end == nil, e.end != nil { kept[kept.count - 1] = e }
            } else {
                kept.append(e)
            }
        }
        return kept
    }

    /// Each child whose care ended in adoption (`REC` E11 or E12) in the period, with the period
    /// of care behind it: the episodes that follow on each other, each ending with `REC` X1 on
    /// the day the next starts.
    func ssda903AdoptedChildren(_ period: Period, _ asAt: Day) -> [SSDA903AdoptedChild] {
        var adopted: [SSDA903AdoptedChild] = []
        for (id, all) in ssda903Episodes().sorted(by: { $0.key < $1.key }) {
            let episodes = Self.onceEach(all)
            for (index, e) in episodes.enumerated() where ["E11", "E12"].contains(e.reasonEnded ?? "") && inPeriod(e.end, period, asAt) {
                var first = index
                while first > 0, episodes[first - 1].reasonEnded == "X1", let end = episodes[first - 1].end, end == episodes[first].start {
                    first -= 1
                }
                adopted.append(SSDA903AdoptedChild(childID: id, episodes: episodes, careStart: first, adopted: index))
            }
        }
        return adopted
    }

    func ssda903AdoptionTimeliness(_ indicator: AdoptionIndicator, within: Bool, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        let ad1 = Dictionary(inputs.ssda903.adoptions.map { ($0.childID, $0) }, uniquingKeysWith: { first, _ in first })
        for a in ssda903AdoptedChildren(period, asAt) {
            let care = a.episodes[a.careStart...a.adopted]
            let adoptedEpisode = a.episodes[a.adopted]
            let source = adoptedEpisode.source
            guard let entered = a.episodes[a.careStart].start, let adoptedDay = adoptedEpisode.end else { continue }
            guard let placedIndex = care.firstIndex(where: { ["A3", "A4", "A5", "A6"].contains($0.placement ?? "") }),
                  let placed = a.episodes[placedIndex].start else {
                t.exclude(source, a.childID, "not placed for adoption before the adoption order (no PLACE A3–A6 in the period of care): left out, as the DfE does")
                continue
            }
            if indicator != .a2, !a.startsCare {
                t.exclude(source, a.childID, "entered care before the first episode the files hold (RNE \(a.episodes[a.careStart].reasonNewEpisode ?? "blank"), not S): add the earlier years' episodes")
                continue
            }
            let start: Day, end: Day, dates: [DateUsed], note: String
            switch indicator {
            case .a1:
                start = entered; end = placed; note = ""
                dates = [DateUsed("entered care", entered.iso), DateUsed("placed for adoption", placed.iso), DateUsed("adopted", adoptedDay.iso)]
            case .a10:
                start = entered
                let record = ad1[a.childID]
                if record?.byFosterCarers == true {
                    // The carers' placement began with the episode before the placement for adoption,
                    // or earlier if that episode only changed the legal status (the carer stayed the same).
                    var carers = placedIndex - 1
                    while carers > a.careStart, a.episodes[carers].reasonNewEpisode == "L" { carers -= 1 }
                    let movedIn = carers >= a.careStart ? (a.episodes[carers].start ?? placed) : placed
                    end = movedIn; note = "adopted by foster carers"
                    dates = [DateUsed("entered care", entered.iso), DateUsed("moved in with the foster carers", movedIn.iso),
                             DateUsed("placed for adoption", placed.iso), DateUsed("adopted", adoptedDay.iso)]
                } else {
                    end = placed
                    note = record == nil ? "no AD1 row: not adjusted" : (record?.byFosterCarers == false ? "" : "FOSTER_CARE not recorded: not adjusted")
                    dates = [DateUsed("entered care", entered.iso), DateUsed("placed for adoption", placed.iso), DateUsed("adopted", adoptedDay.iso)]
                }
            case .a2:
                guard let orderIndex = care.firstIndex(where: { ["E1", "D1"].contains($0.legalStatus ?? "") }),
                      let order = a.episodes[orderIndex].start else {
                    t.exclude(source, a.childID, a.startsCare ? "no placement order or freeing order (LS E1 or D1) in the period of care: left out, as the DfE does"
                                                              : "no placement order or freeing order (LS E1 or D1) in the episodes the files hold: add the earlier years' episodes")
                    continue
                }
                // The order began on its episode's first day when that episode began with a change of
                // legal status (or of both); a first episode that only changed the placement began later.
                if orderIndex == a.careStart, !["S", "L", "T", "U", "B"].contains(a.episodes[orderIndex].reasonNewEpisode ?? "") {
                    t.exclude(source, a.childID, "the placement order began before the first episode the files hold: add the earlier years' episodes")
                    continue
                }
                guard let record = ad1[a.childID] else { t.exclude(source, a.childID, "no AD1 row: no match date"); continue }
                if record.unusable.contains("DATE_MATCH") {
                    t.exclude(record.source, a.childID, "unusable DATE_MATCH (see data quality)"); continue
                }
                guard let matched = record.matched else { t.exclude(record.source, a.childID, "DATE_MATCH blank"); continue }
                start = order; end = max(matched, order)
                note = matched < order ? "matched before court authority" : ""
                dates = [DateUsed("court authority to place", order.iso), DateUsed("matched", matched.iso), DateUsed("adopted", adoptedDay.iso)]
            }
            let days = start.days(until: end)
            let inTime = days <= indicator.threshold
            let words = "\(days) day\(days == 1 ? "" : "s")" + (inTime ? "" : ", over \(indicator.threshold)") + (note.isEmpty ? "" : " (\(note))")
            t.count(source, children[a.childID] ?? ChildDetails(childID: a.childID), dates, days: days,
                    hit: within ? inTime : !inTime, status: words, figure: within ? nil : Double(days))
        }
    }
}
