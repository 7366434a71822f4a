import Core

extension MeasureEngine {
    static let ssda903Computations: [(MeasureID, Computation)] = [
        (.ssda903Moves, { $0.ssda903PlacementStability($1.asAt, &$2) }),
        (.ssda903Missing, { $0.ssda903WentMissing($1.period, $1.asAt, &$2) }),
        (.ssda903HealthAssessment, { $0.ssda903Outcome(\.healthAssessment, "HEALTH_ASSESSMENT", &$2) }),
        (.ssda903Teeth, { $0.ssda903Outcome(\.teethCheck, "TEETH_CHECK", &$2) }),
        (.ssda903Immunisations, { $0.ssda903Outcome(\.immunisations, "IMMUNISATIONS", &$2) }),
        (.ssda903LeaversInTouch, { $0.ssda903CareLeavers(.ssda903LeaversInTouch, $1.asAt, &$2) }),
        (.ssda903LeaversEET, { $0.ssda903CareLeavers(.ssda903LeaversEET, $1.asAt, &$2) }),
        (.ssda903LeaversAccommodation, { $0.ssda903CareLeavers(.ssda903LeaversAccommodation, $1.asAt, &$2) }),
        (.ssda903UASC, { $0.ssda903UnaccompaniedChildren($1.asAt, &$2) }),
    ]

    /// The header's details of each child (gender, ethnicity, date of birth) for the breakdowns.
    func ssda903Child(_ id: String) -> ChildDetails {
        ssda903Children()[id] ?? ChildDetails(childID: id)
    }

    /// The header's details by child id, built once per computation (a search per row was the
    /// measures' largest cost on a county's return).
    func ssda903Children() -> [String: ChildDetails] {
        Dictionary(inputs.ssda903.children.map {
            ($0.childID, ChildDetails(childID: $0.childID, gender: $0.genderText, ethnicity: $0.ethnicity, dateOfBirth: $0.dateOfBirth))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// Each child's usable episodes, in start order.
    func ssda903Episodes() -> [String: [SSDA903Episode]] {
        Dictionary(grouping: inputs.ssda903.episodes.filter { $0.start != nil }, by: \.childID)
            .mapValues { $0.sorted { ($0.start ?? Day(1, 1, 1)) < ($1.start ?? Day(1, 1, 1)) } }
    }

    /// Whether an episode covers `day`: started by then and not ended before it (an episode
    /// ending on a day covers it; the next one starts that day).
    static func covers(_ e: SSDA903Episode, _ day: Day) -> Bool {
        guard let start = e.start, start <= day else { return false }
        return e.end.map { $0 >= day } ?? true
    }

    /// Looked after at `day`: an episode has started by then and none has ended the care on it
    /// (an episode that ends on the day with a reason other than X1 ends the care that day).
    static func lookedAfter(_ episodes: [SSDA903Episode], on day: Day) -> Bool {
        episodes.contains { e in
            guard let start = e.start, start <= day else { return false }
            guard let end = e.end else { return true }
            return end > day || (end == day && e.reasonEnded == "X1")
        }
    }

    func ssda903PlacementStability(_ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        let yearStart = asAt.adding(months: -12).adding(days: 1)
        for (id, episodes) in ssda903Episodes().sorted(by: { $0.key < $1.key }) {
            guard Self.lookedAfter(episodes, on: asAt) else { continue }
            if let bad = episodes.first(where: { $0.unusable.contains("DEC") }) {
                t.exclude(bad.source, id, "episode end date unusable (see data quality)"); continue
            }
            // The placement in force when the 12 months start counts, and each later episode that
            // changes the placement (any reason but L, a change of legal status alone).
            let overlapping = episodes.filter { e in (e.start.map { $0 <= asAt } ?? false) && (e.end.map { $0 >= yearStart } ?? true) }
            let placements = overlapping.enumerated().filter { index, e in index == 0 || e.reasonNewEpisode != "L" }.map(\.element)
            let count = placements.count
            guard let last = episodes.last else { continue }
            t.count(last.source, (children[id] ?? ChildDetails(childID: id)), placements.compactMap { $0.start.map { DateUsed("placement from", $0.iso) } },
                    days: count, hit: count >= 3, status: "\(count) placement\(count == 1 ? "" : "s") in 12 months")
        }
    }

    func ssda903WentMissing(_ period: Period, _ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        let periodEnd = min(period.end, asAt)
        let missingByChild = Dictionary(grouping: inputs.ssda903.missing.filter { $0.kind == "M" && $0.start != nil }, by: \.childID)
        for (id, episodes) in ssda903Episodes().sorted(by: { $0.key < $1.key }) {
            let inCare = episodes.filter { e in (e.start.map { $0 <= periodEnd } ?? false) && (e.end.map { $0 >= period.start } ?? true) }
            guard let first = inCare.first else { continue }
            let incidents = (missingByChild[id] ?? []).filter { m in
                guard let day = m.start else { return false }
                return day >= period.start && day <= periodEnd && inCare.contains { Self.covers($0, day) }
            }
            t.count(first.source, (children[id] ?? ChildDetails(childID: id)), incidents.compactMap { $0.start.map { DateUsed("went missing", $0.iso) } }, days: incidents.count,
                    hit: !incidents.isEmpty, status: incidents.isEmpty ? "not missing" : "\(incidents.count) missing incident\(incidents.count == 1 ? "" : "s")")
        }
    }

    func ssda903Outcome(_ field: KeyPath<SSDA903Outcomes, Bool?>, _ column: String, _ t: inout Tally) {
        let children = ssda903Children()
        for o in inputs.ssda903.outcomes {
            guard let value = o[keyPath: field] else {
                t.exclude(o.source, o.childID, o.unusable.contains(column) ? "unusable \(column) (see data quality)" : "\(column) blank"); continue
            }
            t.count(o.source, (children[o.childID] ?? ChildDetails(childID: o.childID)), [], days: nil, hit: value, status: value ? "yes" : "no")
        }
    }

    /// The OC3 age bands: the DfE reports care leavers aged 17–18 and 19–21 apart.
    static func careLeaverBand(_ born: Day?, _ asAt: Day) -> String? {
        guard let born, let age = ChildDetails(childID: "", dateOfBirth: born).age(on: asAt) else { return nil }
        switch age {
        case ...18: return "17–18"
        default: return "19–21"
        }
    }

    func ssda903CareLeavers(_ id: MeasureID, _ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        for c in inputs.ssda903.careLeavers {
            guard let inTouch = c.inTouch else {
                t.exclude(c.source, c.childID, c.unusable.contains("IN_TOUCH") ? "unusable IN_TOUCH (see data quality)" : "IN_TOUCH blank"); continue
            }
            if inTouch == "DIED" || inTouch == "NREQ" { t.exclude(c.source, c.childID, "IN_TOUCH \(inTouch): left out"); continue }
            let band = Self.careLeaverBand(c.dateOfBirth ?? (children[c.childID] ?? ChildDetails(childID: c.childID)).dateOfBirth, asAt)
            let hit: Bool, status: String
            switch id {
            case .ssda903LeaversInTouch:
                hit = inTouch == "YES"; status = inTouch == "YES" ? "in touch" : "not in touch (\(inTouch))"
            case .ssda903LeaversEET:
                if c.unusable.contains("ACTIV") { t.exclude(c.source, c.childID, "unusable ACTIV (see data quality)"); continue }
                hit = ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"].contains(c.activity ?? "")
                status = c.activity.map { hit ? "\($0): in EET" : "\($0): not in EET" } ?? "activity not recorded"
            default:
                if c.unusable.contains("ACCOM") { t.exclude(c.source, c.childID, "unusable ACCOM (see data quality)"); continue }
                hit = c.accommodation.map { $0.count == 2 && $0.hasSuffix("1") } ?? false
                status = c.accommodation.map { hit ? "\($0): suitable" : "\($0): not suitable or not known" } ?? "accommodation not recorded"
            }
            t.count(c.source, (children[c.childID] ?? ChildDetails(childID: c.childID)), [], days: nil, hit: hit, status: status, category: band)
        }
    }

    func ssda903UnaccompaniedChildren(_ asAt: Day, _ t: inout Tally) {
        let children = ssda903Children()
        let uasc = Dictionary(inputs.ssda903.uasc.map { ($0.childID, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, episodes) in ssda903Episodes().sorted(by: { $0.key < $1.key }) {
            guard Self.lookedAfter(episodes, on: asAt), let last = episodes.last else { continue }
            let record = uasc[id]
            let still = record.map { $0.ceased.map { $0 > asAt } ?? true } ?? false
            t.count(last.source, (children[id] ?? ChildDetails(childID: id)), record?.ceased.map { [DateUsed("ceased to be UASC", $0.iso)] } ?? [], days: nil,
                    hit: still, status: still ? "UASC" : (record == nil ? "not UASC" : "formerly UASC"))
        }
    }
}
