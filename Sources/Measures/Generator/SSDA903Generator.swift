import Core
import Documents
import Foundation

/// Writes a **synthetic** SSDA903 return (the eleven CSV tables) for the children looked after
/// that `AnnexAGenerator` makes with the same children, seed and as-at date: the same ids, dates
/// of birth, genders, ethnicities, dates started and ceased to be looked after, placement counts,
/// missing episodes and health checks as Annex A's List 8, List 9's care leavers turning 17 and
/// List 10's adoptions; then what only the return holds (episodes, reviews, OC2, OC3 aged 19–21,
/// UASC, social worker episodes), drawn from its own seeded stream. Written for the DfE's
/// validator (`csc-validator-be-903`) to find no errors. Fictional throughout.
public struct SSDA903Generator: Sendable {
    public var children: Int
    public var seed: UInt64
    public var asAt: Day

    public init(children: Int, seed: UInt64, asAt: Day = Day(2024, 3, 31)) {
        self.children = children
        self.seed = seed
        self.asAt = asAt
    }

    /// The collection year the as-at date falls in: 1 April to 31 March.
    public var yearStart: Day { asAt.month >= 4 ? Day(asAt.year, 4, 1) : Day(asAt.year - 1, 4, 1) }
    public var yearEnd: Day { Day(yearStart.year + 1, 3, 31) }

    /// How many rows each table received.
    public struct Summary: Sendable {
        public var rows: [SSDA903Table: Int] = [:]
        public var lookedAfter: Int = 0
    }

    /// The Annex A records the return is made consistent with.
    public func annexA() throws -> MeasureInputs {
        let workbook = FileManager.default.temporaryDirectory.appendingPathComponent("ssda903-annex-a-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: workbook) }
        try AnnexAGenerator(children: children, seed: seed, asAt: asAt).write(workbook: workbook)
        return try AnnexAReader.read(url: workbook, lists: [.lookedAfter, .careLeavers, .adoption])
    }

    /// Writes the eleven tables into `folder` (created when missing), named as the DfE's validator names them.
    @discardableResult
    public func write(folder: URL) throws -> Summary {
        let tables = try self.tables(from: annexA())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var summary = Summary()
        for table in SSDA903Table.allCases {
            let rows = tables[table] ?? []
            let text = ([table.columns.joined(separator: ",")] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
            try text.write(to: folder.appendingPathComponent(table.fileName), atomically: true, encoding: .utf8)
            summary.rows[table] = rows.count
        }
        summary.lookedAfter = Set((tables[.episodes] ?? []).map { $0[0] }).count
        return summary
    }

    /// One child's plan for the year, built from Annex A and then filled in.
    struct Child {
        var id: String
        var sex: String
        var ethnicity: String
        var born: Day
        var entered: Day
        var ceased: Day?
        var placementsInYear: Int
        var missing: Int
        var lastHealthAssessment: Day?
        var lastDental: Day?
        var adoption: AdoptionRecord?
        var worker: String?
    }

    /// The rows of every table, as text cells.
    func tables(from annex: MeasureInputs) -> [SSDA903Table: [[String]]] {
        var random = SeededRandom(seed: seed ^ 0x903_903_903)
        // Social worker episodes draw from their own stream, so changing them leaves the other tables as they were.
        var workers = SeededRandom(seed: seed ^ 0x5E_903)
        // Which adoptions are by the child's foster carers: a stream of its own, likewise.
        var adopters = SeededRandom(seed: seed ^ 0xAD_0903)
        let first = yearStart, last = min(asAt, yearEnd)
        func d(_ day: Day?) -> String { day.map { String(format: "%02d/%02d/%04d", $0.day, $0.month, $0.year) } ?? "" }
        func randomDay(_ from: Day, _ to: Day) -> Day { from.adding(days: random.int(0...max(0, from.days(until: to)))) }
        func sex(_ gender: String?) -> String {
            switch gender?.lowercased() {
            case "male": "1"
            case "female": "2"
            default: random.chance(0.5) ? "1" : "2"
            }
        }
        func ethnic(_ code: String?) -> String {
            guard let code, SSDA903Codes.ethnicity.contains(code.uppercased()) else { return "WBRI" }
            return code.uppercased()
        }

        // The children: List 8 (looked after), List 10 (adoption) over List 8 for the same child.
        var plans: [String: Child] = [:]
        var order: [String] = []
        for c in annex.lookedAfter {
            guard let born = c.child.dateOfBirth, let entered = c.start, entered <= last, entered > born,
                  plans[c.child.childID] == nil else { continue }
            var ceased = c.ceased.flatMap { $0 <= last && $0 > entered ? $0 : nil }
            // A period of care that ended before the year is not in this year's return.
            if let end = ceased, end < first { ceased = nil; continue }
            let child = Child(id: c.child.childID, sex: sex(c.child.gender), ethnicity: ethnic(c.child.ethnicity), born: born,
                              entered: entered, ceased: ceased, placementsInYear: max(1, c.placementsInLast12Months ?? 1),
                              missing: c.missingEpisodesInLast12Months ?? 0, lastHealthAssessment: c.lastHealthAssessment,
                              lastDental: c.lastDentalCheck, adoption: nil, worker: c.child.worker)
            plans[child.id] = child
            order.append(child.id)
        }
        for a in annex.adoptions {
            guard let born = a.child.dateOfBirth, let entered = a.enteredCare, entered > born, entered <= last,
                  let order_ = a.placementOrder, let matched = a.matched, let placed = a.placed, placed <= last,
                  order_ > entered, matched >= order_, placed > matched,
                  placed.adding(days: 300) >= first else { continue } // adopted before the year: not in this return
            if plans[a.child.childID] == nil { order.append(a.child.childID) }
            plans[a.child.childID] = Child(id: a.child.childID, sex: sex(a.child.gender), ethnicity: ethnic(a.child.ethnicity),
                                           born: born, entered: entered, ceased: nil, placementsInYear: 1, missing: 0,
                                           lastHealthAssessment: nil, lastDental: nil, adoption: a, worker: nil)
        }

        var header: [[String]] = [], episodes: [[String]] = [], reviews: [[String]] = [], uasc: [[String]] = []
        var oc2: [[String]] = [], oc3: [[String]] = [], ad1: [[String]] = [], placed: [[String]] = []
        var previous: [[String]] = [], missing: [[String]] = [], social: [[String]] = []
        let postcodes = ["TW9 1DN", "TW10 6UX", "TW1 3SX", "TW2 5NP", "SW14 8LS", "TW11 8BE", "TW12 2ST", "SW13 9HN"]
        let laHome = postcodes

        for id in order {
            guard var c = plans[id] else { continue }
            let age = ChildDetails(childID: id, dateOfBirth: c.born).age(on: last) ?? 0
            // UN2/UN3: the DfE's codes for a child with no UPN known to the council.
            header.append([id, c.sex, d(c.born), c.ethnicity, random.pick(["UN2", "UN3"]), c.sex == "2" ? "0" : "", ""])
            // UASC: some children of 14 and over who came unaccompanied; they have no home postcode.
            let isUASC = age >= 14 && age < 18 && random.chance(0.08)
            let home = isUASC ? "" : random.pick(laHome)
            // Episodes: the period of care from entering to ceasing (or open), split at each change of placement.
            var starts: [(Day, String)] = [(c.entered, "S")]
            var placements: [String] = []
            var legal: [String] = []
            func placementType(on day: Day) -> String {
                let years = ChildDetails(childID: id, dateOfBirth: c.born).age(on: day) ?? 0
                if years >= 11 && random.chance(0.2) { return "K2" }
                return random.pick(["U1", "U3", "U4", "U4", "U5", "U6"])
            }
            let end = c.ceased ?? last
            if let a = c.adoption, let orderDay = a.placementOrder, let placedDay = a.placed {
                starts.append((orderDay, "L"))
                starts.append((placedDay, "P"))
                let foster = placementType(on: c.entered)
                // About one adoption in six is by the foster carers the child has lived with since
                // entering care (early permanence), so their A10 is 0 days: accommodated (V2), then a
                // care order, then the placement order and the placement for adoption with the same
                // carers at once (A5; the DfE's rule 217 asks RNE U, legal status and placement, not
                // carer). Drawn from a stream of its own, so the other tables stay as they were.
                let byCarers = foster.hasPrefix("U") && adopters.chance(0.17)
                if byCarers { starts[starts.count - 1].1 = "U" }
                placements = [foster, foster, byCarers ? "A5" : "A6"]
                legal = byCarers ? ["V2", "C2", "E1"] : ["C2", "E1", "E1"]
                // Adopted in the year for most of those placed for over 3 months.
                let from = max(placedDay.adding(days: 70), first), to = min(placedDay.adding(days: 300), last)
                if from < to, placedDay.adding(days: 100) < last, random.chance(0.7) {
                    // Not on 31 March itself: the DfE counts a child leaving care that day as looked
                    // after continuously for 12 months, and such a child cannot also be on AD1 (rule 187).
                    c.ceased = min(randomDay(from, to), yearEnd.adding(days: -1))
                }
            } else {
                let changes = max(0, c.placementsInYear - 1)
                let from = max(c.entered.adding(days: 2), first), to = end.adding(days: -2)
                var days = Set<Day>()
                if from < to {
                    for _ in 0..<changes { days.insert(randomDay(from, to)) }
                }
                for day in days.sorted() where day > c.entered.adding(days: 1) { starts.append((day, "P")) }
                let status = random.chance(0.75) ? "C2" : (random.chance(0.7) ? "V2" : "C1")
                for (day, _) in starts { placements.append(placementType(on: day)); legal.append(status) }
            }
            let reasonLeft: String
            if c.adoption != nil { reasonLeft = random.chance(0.5) ? "E11" : "E12" }
            else if age >= 18 || (c.ceased.map { ChildDetails(childID: id, dateOfBirth: c.born).age(on: $0) ?? 0 } ?? 0) >= 18 { reasonLeft = "E8" }
            else { reasonLeft = random.pick(["E4A", "E4A", "E8", "E13"]) }
            // A child who is 18 by the as-at date leaves care on the 18th birthday.
            if let eighteen = Optional(c.born.adding(months: 18 * 12)), eighteen <= last, c.ceased.map({ $0 > eighteen }) ?? true {
                c.ceased = max(eighteen, starts.last!.0.adding(days: 1))
            }
            let need = random.pick(["N1", "N1", "N1", "N2", "N4", "N5", "N6", "N8"])
            let episodesBefore = episodes.count
            var previousRow: [String]?
            for (index, (start, reason)) in starts.enumerated() {
                let next = index + 1 < starts.count ? starts[index + 1].0 : nil
                let dec = next ?? c.ceased
                if let dec, dec < first { continue } // episodes that ended before the year are not returned
                var place = placements[index]
                // A change of legal status alone keeps the placement.
                if reason == "L", let before = previousRow { place = before[5] }
                // A change of placement is to another kind of placement or another postcode; keep the kind different.
                if reason == "P", let before = previousRow, before[5] == place, !place.hasPrefix("A") {
                    place = ["U1", "U3", "U4", "U5", "U6", "K2"].first { $0 != place } ?? "U4"
                }
                let provider: String
                switch place {
                case "P2": provider = "PR1"
                case "K2": provider = random.chance(0.6) ? "PR4" : "PR1"
                case "A5", "A6": provider = "PR1"
                default: provider = random.chance(0.7) ? "PR1" : "PR4"
                }
                let urn: String
                switch place {
                case "K2": urn = String(format: "SC%06d", random.int(100_000...999_999))
                case "U1", "U2", "U3", "U4", "U5", "U6", "A3", "A4", "A5", "A6": urn = "XXXXXXX"
                default: urn = ""
                }
                let rec = next != nil ? "X1" : (c.ceased != nil ? reasonLeft : "")
                // The reason for a change of placement sits on the episode the change ends.
                let nextReason = index + 1 < starts.count ? starts[index + 1].1 : nil
                let change = nextReason == "P" || nextReason == "U" ? random.pick(["CARPL", "CREQO", "LAREQ", "PLACE", "OTHER"]) : ""
                var row = [id, d(start), reason, legal[index], need, place, provider, d(dec), rec, change, home,
                           random.pick(postcodes.filter { $0 != home }), urn]
                if reason == "L", let before = previousRow {
                    row[5] = before[5]; row[6] = before[6]; row[11] = before[11]; row[12] = before[12]
                }
                // Placed for adoption with the current foster carers: the same home.
                if place == "A5", let before = previousRow { row[11] = before[11] }
                episodes.append(row)
                previousRow = row
            }
            if c.entered >= first {
                // Z1: no previous permanence option known (the local authority and date are then blank).
                previous.append([id, d(c.born), "Z1", "", ""])
            }
            // Reviews: first within 20 working days, second within 3 months, then every 6 months; a tail late.
            var review = WorkingDayCalendar.englandAndWales.adding(workingDays: random.chance(0.9) ? random.int(5...20) : random.int(21...30), to: c.entered)
            var count = 0
            let stop = c.ceased ?? last
            while review <= stop {
                if review >= first {
                    let ageThen = ChildDetails(childID: id, dateOfBirth: c.born).age(on: review) ?? 0
                    let code = ageThen < 4 ? "PN0" : random.pick(["PN1", "PN1", "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"])
                    reviews.append([id, d(c.born), d(review), code])
                }
                count += 1
                let late = random.chance(0.1)
                review = count == 1 ? review.adding(months: 3).adding(days: late ? random.int(1...40) : -random.int(0...20))
                                    : review.adding(months: 6).adding(days: late ? random.int(1...40) : -random.int(0...30))
            }
            // Missing episodes in the year, as many as List 8 counts.
            let careStart = max(c.entered, first), careEnd = c.ceased ?? last
            var goneDays = Set<Day>()
            if careStart < careEnd.adding(days: -1) {
                for _ in 0..<c.missing { goneDays.insert(randomDay(careStart, careEnd.adding(days: -2))) }
            }
            var free = careStart
            for gone in goneDays.sorted() where gone >= free {
                // Periods do not overlap: each ends before the next starts.
                let back = min(gone.adding(days: random.int(0...2)), careEnd)
                missing.append([id, d(c.born), random.chance(0.8) ? "M" : "A", d(gone), d(back)])
                free = back.adding(days: 1)
            }
            // UASC: some children of 14 and over who entered care unaccompanied.
            if isUASC {
                uasc.append([id, c.sex, d(c.born), d(c.born.adding(months: 18 * 12))])
            }
            // OC2: looked after continuously for 12 months at 31 March.
            if c.ceased == nil || c.ceased == yearEnd, c.entered.adding(days: 365) <= last, last == yearEnd {
                let healthInDate = c.lastHealthAssessment.map { $0 >= last.adding(months: -12) } ?? false
                let teethInDate = c.lastDental.map { $0 >= last.adding(months: -12) } ?? false
                let sdqAge = (4...16).contains(age)
                // Roughly the national shape of children looked after's scores: about half normal
                // (0–13), an eighth borderline (14–16), the rest a cause for concern (17 and over).
                // One draw, as before, so the rows after this one are unchanged.
                func sdqScore(_ p: Int) -> Int {
                    switch p {
                    case ..<50: 2 + p * 11 / 49
                    case ..<63: 14 + (p - 50) / 5
                    default: 17 + (p - 63) * 15 / 36
                    }
                }
                let score = sdqAge && random.chance(0.85) ? String(sdqScore(random.int(0...99))) : ""
                let sdqReason = sdqAge && score.isEmpty ? random.pick(["SDQ2", "SDQ3", "SDQ4", "SDQ5"]) : ""
                let misuse = age >= 10 && random.chance(0.05)
                oc2.append([id, d(c.born), score, sdqReason, age >= 10 ? (random.chance(0.03) ? "1" : "0") : "",
                            age < 5 ? (random.chance(0.9) ? "1" : "0") : "", random.chance(0.92) ? "1" : "0",
                            teethInDate ? "1" : "0", healthInDate ? "1" : "0", misuse ? "1" : "0",
                            misuse ? (random.chance(0.6) ? "1" : "0") : "", ""])
                // Whether an intervention was offered is asked only when none was received.
                if misuse, oc2[oc2.count - 1][10] == "0" { oc2[oc2.count - 1][11] = random.chance(0.5) ? "1" : "0" }
            }
            // Social worker episodes for every child looked after in the year, not only those looked after on
            // 31 March: the DfE's SW12STG2 asks for an episode beside each episode that starts or ends care.
            // The worker open on 1 April took the child on when the child came into care or at a change of
            // worker since; a child who came into care in the year has the children-in-care social worker
            // from that day. (SW12STG2 compares every social worker episode with the first episode in care
            // and rejects one that began before care did once that first episode has ended in a change,
            // so a social worker from before care is not written: docs/measures.md, SSDA903.) A change of
            // worker ends one episode on the day the next begins.
            if episodes.count > episodesBefore {
                let leftCare = c.ceased.map { min($0, last) }
                let careFrom = c.entered
                let swStart = careFrom >= first ? careFrom : careFrom.adding(days: workers.int(0...max(0, careFrom.days(until: first))))
                let swEnd = leftCare ?? last
                // The social worker stays with a child who left care until the case closes, two to eight
                // weeks on; a case not closed by the year's last week is still open on 31 March (the
                // DfE's SW11bSTG2 expects an episode ending in the last 5 days to be followed by another).
                let caseClosed = leftCare.map { $0.adding(days: workers.int(14...56)) }.flatMap { $0 < last.adding(days: -6) ? $0 : nil }
                let worker = "SW" + String(format: "%05d", Int(c.worker?.filter(\.isNumber) ?? "") ?? workers.int(1...400))
                let earliest = max(swStart.adding(days: 3), first.adding(days: 10))
                let latest = min(swEnd.adding(days: -3), last.adding(days: -10))
                var spells: [(Day, String, String)] = [] // (start, worker, reason the episode ended)
                if earliest < latest, workers.chance(0.3) {
                    let changeDay = earliest.adding(days: workers.int(0...earliest.days(until: latest)))
                    spells.append((swStart, "SW" + String(format: "%05d", workers.int(401...800)),
                                   workers.pick(["MANAGE", "LEFTRL", "ORGRST", "OTHERS"])))
                    spells.append((changeDay, worker, workers.pick(["MANAGE", "OTHERS"])))
                } else {
                    spells.append((swStart, worker, workers.pick(["MANAGE", "OTHERS"])))
                }
                for (index, (start, who, reason)) in spells.enumerated() {
                    let end: Day? = index + 1 < spells.count ? spells[index + 1].0 : caseClosed.flatMap { $0 > start ? $0 : nil }
                    social.append([id, d(c.born), who, d(start), d(end), reason])
                }
            }
            // Adoption: the decision, and AD1 for a child adopted in the year.
            if let a = c.adoption, let decision = a.placementOrder.map({ min($0.adding(days: -random.int(20...120)), a.matched ?? $0) }) {
                let decided = max(decision, c.entered.adding(days: 1))
                placed.append([id, d(c.born), d(decided), "", ""])
                if let adopted = c.ceased, adopted >= first {
                    let byCarers = episodes.last?[5] == "A5"
                    ad1.append([id, d(c.born), d(decided), d(a.matched), byCarers ? "1" : "0", random.chance(0.7) ? "2" : "1",
                                "", ""])
                    let couple = ad1[ad1.count - 1][5] == "2"
                    ad1[ad1.count - 1][6] = couple ? random.pick(["MF", "MF", "MF", "FF", "MM"]) : random.pick(["F1", "M1"])
                    // L11 married couple of different sexes, L12 of the same sex, L0 single.
                    ad1[ad1.count - 1][7] = couple ? (ad1[ad1.count - 1][6] == "MF" ? "L11" : "L12") : "L0"
                    _ = adopted
                }
            }
        }

        // OC3: List 9's care leavers who turned 17 in the year, and young people of 19 to 21
        // (older than Annex A's children), each in the header.
        var leavers: [(String, Day, String, String)] = []
        for c in annex.careLeavers {
            guard let born = c.child.dateOfBirth, plans[c.child.childID] == nil else { continue }
            let seventeenth = born.adding(months: 17 * 12)
            guard seventeenth >= first, seventeenth <= last else { continue }
            leavers.append((c.child.childID, born, sex(c.child.gender), ethnic(c.child.ethnicity)))
        }
        for n in 0..<max(1, children / 250) {
            let birthday = randomDay(first, last)
            let age = random.pick([19, 20, 21])
            leavers.append((String(format: "L%07d", n + 1), Day(birthday.year - age, birthday.month, min(birthday.day, 28)),
                            random.chance(0.5) ? "1" : "2", random.pick(["WBRI", "WBRI", "MWBC", "BAFR", "APKN"])))
        }
        for (id, born, sexCode, ethnicity) in leavers {
            header.append([id, sexCode, d(born), ethnicity, "", "", ""])
            let inTouch = random.chance(0.9) ? "YES" : random.pick(["NO", "REFU", "NO"])
            let touching = inTouch == "YES"
            let activity = touching ? random.pick(["F1", "F2", "F2", "P2", "F4", "P4", "F5", "G4", "G5", "G6", "G6"]) : "0"
            let accommodation = touching ? random.pick(["B1", "D1", "D1", "E1", "U1", "U1", "Z1", "V2", "W2", "K1"]) : "0"
            oc3.append([id, d(born), inTouch, activity, accommodation])
        }
        return [.header: header, .episodes: episodes, .reviews: reviews, .uasc: uasc, .oc2: oc2, .oc3: oc3, .ad1: ad1,
                .placedForAdoption: placed, .previousPermanence: previous, .missing: missing, .socialWorkerEpisodes: social]
    }
}
