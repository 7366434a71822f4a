import Core

// The review timetable is written once here and used by both CLA-REVIEW (Annex A's List 8) and
// 903-REVIEWS: two copies of one statutory rule drift apart, as CP-REVIEW's did.
extension MeasureEngine {
    /// The first review of a child looked after is due 20 working days after the child became
    /// looked after (Care Planning, Placement and Case Review (England) Regulations 2010, reg. 33(1)).
    func firstLookedAfterReviewDue(lookedAfterFrom start: Day) -> Day { deadline(start, 20) }

    /// The second review is due 3 months after the first, each later one 6 months after the one
    /// before (reg. 33(2)–(3)); calendar months.
    static func nextLookedAfterReviewDue(after review: Day, wasFirst: Bool) -> Day {
        review.adding(months: wasFirst ? 3 : 6)
    }

    /// A review not held by the as-at date is late only once its due date has passed: due on the
    /// as-at date it can still be held that day, so it is in time (as for CP-REVIEW).
    static func lookedAfterReviewOverdue(due: Day, asAt: Day) -> Bool { due < asAt }
}

extension MeasureEngine {
    static let ssda903ReviewComputations: [(MeasureID, Computation)] = [
        (.ssda903Reviews, { $0.ssda903ReviewsInTimescale($1.period, $1.asAt, &$2) }),
        (.ssda903Participation, { $0.ssda903ReviewParticipation($1.period, $1.asAt, &$2) }),
        (.ssda903LongTermStability, { $0.ssda903LongTermStability($1.asAt, &$2) }),
        (.ssda903MissingIncidents, { $0.ssda903Incidents(kind: "M", $1.period, $1.asAt, &$2) }),
        (.ssda903AwayIncidents, { $0.ssda903Incidents(kind: "A", $1.period, $1.asAt, &$2) }),
    ]

    /// One continuous period of care: episodes joined where one ends with `REC` X1 on the day the
    /// next starts.
    struct CarePeriod {
        var episodes: [SSDA903Episode]
        var start: Day
        /// Whether the period's first episode in the return is the one that started the care
        /// (`RNE` S); otherwise the care began before the episodes the return holds.
        var startInReturn: Bool
    }

    /// The period of care a child is in on `day`, if any (episodes in start order).
    static func carePeriod(_ episodes: [SSDA903Episode], on day: Day) -> CarePeriod? {
        guard lookedAfter(episodes, on: day) else { return nil }
        // The episode in force on the day: the latest to start by then (one ending that day with X1 hands over to the next).
        guard var index = episodes.lastIndex(where: { ($0.start.map { $0 <= day } ?? false) }) else { return nil }
        var chain = [episodes[index]]
        while index > 0 {
            let previous = episodes[index - 1], current = episodes[index]
            guard current.reasonNewEpisode != "S", let end = previous.end, end == current.start, previous.reasonEnded == "X1" else { break }
            chain.insert(previous, at: 0)
            index -= 1
        }
        guard let first = chain.first, let start = first.start else { return nil }
        return CarePeriod(episodes: chain, start: start, startInReturn: first.reasonNewEpisode == "S")
    }

    /// The first day of the collection year (1 April to 31 March) holding `asAt`: the return's
    /// reviews table holds the reviews held from then.
    static func collectionYearStart(_ asAt: Day) -> Day {
        asAt.month >= 4 ? Day(asAt.year, 4, 1) : Day(asAt.year - 1, 4, 1)
    }

    func ssda903ReviewsInTimescale(_ period: Period, _ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        let periodEnd = min(period.end, asAt)
        let recordedFrom = Self.collectionYearStart(asAt)
        var reviewsByChild: [String: [Day]] = [:]
        var unusable: [String: SSDA903Review] = [:]
        for r in inputs.ssda903.reviews {
            if r.unusable.contains("REVIEW") || r.date == nil { unusable[r.childID] = unusable[r.childID] ?? r; continue }
            if let day = r.date, day <= asAt { reviewsByChild[r.childID, default: []].append(day) }
        }
        for (id, episodes) in ssda903Episodes().sorted(by: { $0.key < $1.key }) {
            guard let care = Self.carePeriod(episodes, on: asAt), let last = care.episodes.last else { continue }
            if let bad = unusable[id] { t.exclude(bad.source, id, "a review with no usable REVIEW date (see data quality)"); continue }
            let held = Array(Set((reviewsByChild[id] ?? []).filter { $0 >= care.start })).sorted()
            // Each review's due date: from the start of care when the return holds it (and the
            // reviews since), else from the review before, so the first review the return holds
            // for a care that began earlier is not judged (its due date is not in the return).
            var due: Day? = nil, nextIsFirst = false
            if care.startInReturn && care.start >= recordedFrom {
                due = firstLookedAfterReviewDue(lookedAfterFrom: care.start); nextIsFirst = true
            }
            var judged: [(due: Day, held: Day?)] = []
            for review in held {
                if let due { judged.append((due, review)) }
                due = Self.nextLookedAfterReviewDue(after: review, wasFirst: nextIsFirst)
                nextIsFirst = false
            }
            if due == nil && held.isEmpty && care.start < recordedFrom {
                // No review in the return for care that began before it: the last review was before
                // the return's year, so the next was due by 6 months after the day before it.
                due = recordedFrom.adding(days: -1).adding(months: 6)
            }
            if let due, due <= asAt { judged.append((due, nil)) }
            let inPeriod = judged.filter { $0.due >= period.start && $0.due <= periodEnd }
            guard !inPeriod.isEmpty else { continue }
            let late = inPeriod.filter { r in r.held.map { $0 > r.due } ?? Self.lookedAfterReviewOverdue(due: r.due, asAt: asAt) }.count
            t.count(last.source, children[id] ?? ChildDetails(childID: id),
                    [DateUsed("looked after from", care.start.iso)] + inPeriod.flatMap { r in
                        [DateUsed("review due", r.due.iso)] + (r.held.map { [DateUsed("held", $0.iso)] } ?? [])
                    },
                    days: late, hit: late == 0,
                    status: late == 0
                        ? "\(inPeriod.count) review\(inPeriod.count == 1 ? "" : "s") due, all in timescale"
                        : "\(late) of \(inPeriod.count) review\(inPeriod.count == 1 ? "" : "s") due late or not held")
        }
    }

    /// The DfE's words for each participation code, as the breakdown shows them.
    static let participationCodes: [String: String] = [
        "PN1": "PN1 attended and spoke for themselves",
        "PN2": "PN2 attended, an advocate spoke for them",
        "PN3": "PN3 attended, views conveyed non-verbally",
        "PN4": "PN4 attended, views not conveyed",
        "PN5": "PN5 did not attend, briefed an advocate",
        "PN6": "PN6 did not attend, views conveyed another way",
        "PN7": "PN7 did not attend, views not conveyed",
    ]

    func ssda903ReviewParticipation(_ period: Period, _ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        for r in inputs.ssda903.reviews {
            guard let day = r.date, inPeriod(day, period, asAt) else {
                if r.unusable.contains("REVIEW") { t.exclude(r.source, r.childID, "unusable REVIEW date (see data quality)") }
                continue
            }
            guard let code = r.participation, let words = Self.participationCodes[code] else {
                if r.participation == "PN0" { t.exclude(r.source, r.childID, "PN0: under 4 at the review, left out") }
                else { t.exclude(r.source, r.childID, r.unusable.contains("REVIEW_CODE") ? "unusable REVIEW_CODE (see data quality)" : "REVIEW_CODE blank") }
                continue
            }
            let tookPart = code != "PN7"
            var child = children[r.childID] ?? ChildDetails(childID: r.childID)
            if child.dateOfBirth == nil { child.dateOfBirth = r.dateOfBirth }
            t.count(r.source, child, [DateUsed("review", day.iso)], days: nil, hit: tookPart,
                    status: tookPart ? "\(code): took part" : "\(code): did not take part", category: words)
        }
    }

    func ssda903LongTermStability(_ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        let cared = asAt.adding(months: -30), placed = asAt.adding(months: -24)
        for (id, episodes) in ssda903Episodes().sorted(by: { $0.key < $1.key }) {
            guard let care = Self.carePeriod(episodes, on: asAt), let current = care.episodes.last else { continue }
            let child = children[id] ?? ChildDetails(childID: id)
            guard let age = child.age(on: asAt) else { t.exclude(current.source, id, "no usable date of birth in the header"); continue }
            guard age < 16 else { continue }
            if let bad = care.episodes.first(where: { $0.unusable.contains("DEC") || $0.unusable.contains("RNE") }) {
                t.exclude(bad.source, id, "episode date or reason unusable (see data quality)"); continue
            }
            // Care that began before the return's episodes lasted at least since the first of them.
            guard care.start <= cared else {
                if !care.startInReturn { t.exclude(current.source, id, "care began before the return's episodes, under 2½ years before the as-at date: length not known") }
                continue
            }
            // The placement in force: back through changes of legal status alone (RNE L).
            var index = care.episodes.count - 1
            while index > 0 && care.episodes[index].reasonNewEpisode == "L" { index -= 1 }
            let placementStart = care.episodes[index].start ?? care.start
            let placementKnown = care.episodes[index].reasonNewEpisode != "L" || care.startInReturn
            // Placed for adoption: the adoptive placement and the one before it count together.
            let adoptive = ["A3", "A4", "A5", "A6"].contains(current.placement ?? "")
            var since = placementStart, sinceKnown = placementKnown
            if adoptive && index > 0 {
                var before = index - 1
                while before > 0 && care.episodes[before].reasonNewEpisode == "L" { before -= 1 }
                since = care.episodes[before].start ?? since
                sinceKnown = care.episodes[before].reasonNewEpisode != "L" || care.startInReturn
            }
            let stable = since <= placed
            if !stable && !sinceKnown {
                t.exclude(current.source, id, "placement began before the return's episodes: length not known"); continue
            }
            let label = adoptive && since != placementStart ? "placement before adoption from" : "placement from"
            var dates = [DateUsed("looked after from", care.start.iso), DateUsed(label, since.iso)]
            if adoptive && since != placementStart { dates.append(DateUsed("placed for adoption", placementStart.iso)) }
            let days = since.days(until: asAt)
            t.count(current.source, child, dates, days: days, hit: stable,
                    status: stable
                        ? (adoptive && since != placementStart ? "placed for adoption; with the placement before, 2 years or more" : "same placement 2 years or more")
                        : "same placement under 2 years")
        }
    }

    /// Missing (M) or away-without-authorisation (A) incidents that started in the period while
    /// the child was looked after; every such incident is a row, those of `kind` the count.
    func ssda903Incidents(kind: String, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        let episodes = ssda903Episodes()
        let periodEnd = min(period.end, asAt)
        for m in inputs.ssda903.missing {
            guard let day = m.start, day >= period.start, day <= periodEnd else {
                if m.start == nil && m.unusable.contains("MIS_START") { t.exclude(m.source, m.childID, "unusable MIS_START (see data quality)") }
                continue
            }
            guard let type = m.kind, type == "M" || type == "A" else {
                t.exclude(m.source, m.childID, m.unusable.contains("MISSING") ? "unusable MISSING code (see data quality)" : "MISSING blank"); continue
            }
            guard (episodes[m.childID] ?? []).contains(where: { Self.covers($0, day) }) else {
                t.exclude(m.source, m.childID, "not looked after when the incident started"); continue
            }
            var child = children[m.childID] ?? ChildDetails(childID: m.childID)
            if child.dateOfBirth == nil { child.dateOfBirth = m.dateOfBirth }
            let words = type == "M" ? "missing" : "away without authorisation"
            var dates = [DateUsed("started", day.iso)]
            if let end = m.end { dates.append(DateUsed("ended", end.iso)) }
            t.count(m.source, child, dates, days: m.end.map { day.days(until: $0) }, hit: type == kind,
                    status: words, category: words)
        }
    }
}
