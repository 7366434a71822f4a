import Core
import Documents
import Foundation

/// A small, fast, seedable random generator (SplitMix64): the same seed gives the same data on
/// every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Writes a **synthetic** Annex A workbook (2019 layout, Lists 3–10) and local-event CSVs with
/// realistic volumes and distributions: most assessments and conferences in time, a tail late,
/// open items, and a few bad rows (impossible dates, unknown codes, missing ids) for the
/// data-quality report. Fictional throughout; deterministic per seed.
public struct AnnexAGenerator: Sendable {
    public var children: Int
    public var seed: UInt64
    /// The last day events can fall on; the data covers the 12 months before it.
    public var asAt: Day
    /// The share of rows given a deliberate fault.
    public var badRowRate: Double

    public init(children: Int, seed: UInt64, asAt: Day = Day(2024, 3, 31), badRowRate: Double = 0.005) {
        self.children = children
        self.seed = seed
        self.asAt = asAt
        self.badRowRate = badRowRate
    }

    static let demographics = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
    static let headers: [(String, String, [String])] = [
        ("List 3", "List 3: Referral", demographics + ["Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"]),
        ("List_4", "List 4: Assessments", demographics + ["Does the Child have a Disability", "Continuous Assessment Start Date", "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation", "Was the child assessed as requiring LA children’s social care support", "Allocated Team", "Allocated Worker"]),
        ("List_5", "List 5: Section 47 enquiries and Initial Child Protection Conferences", demographics + ["Does the Child have a Disability", "Strategy discussion initiating Section 47 Enquiry Start Date", "Was an Initial Child Protection Conference deemed unnecessary?", "Date of Initial Child Protection Conference", "Did the Initial Child Protection Conference Result in a Child Protection Plan", "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months", "Allocated Team", "Allocated Worker"]),
        ("List_6", "List 6: Children in Need", demographics + ["Does the Child have a Disability", "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date", "Reason for Closure", "Case status", "Allocated Team", "Allocated Worker"]),
        ("List_7", "List 7: Child protection", demographics + ["Does the Child have a Disability", "Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse", "Date of the Last Statutory Visit", "Was the Child Seen Alone?", "Date of latest review conference", "Child Protection Plan End Date", "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)", "Number of Previous Child Protection Plans", "Allocated Team", "Allocated Worker"]),
        ("List_8", "List 8: Children in care", demographics + ["Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", "Does the Child have a Disability", "Date Started to be Looked After", "Child's Category of Need", "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)", "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review", "Date of Last Social Work Visit", "What is the permanence plan for this child?", "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment", "Date of Last Dental Check", "Number of Placements in the Last 12 months", "Date Ceased to be Looked After ", "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type", "Placement Provider", "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement", "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months", "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months", "Was the child offered a Return Interview after their last missing episode (Y/N)?", "Did the child accept a Return Interview after their last missing episode (Y/N)?", "Allocated Team", "Allocated Worker"]),
        ("List_9", "List 9: Care leavers", demographics + ["Does the Child have a Disability", "Allocated Team", "Allocated Worker", "Eligibility Category", "LA In Touch ", "Type of Accommodation", "Suitability of Accommodation", "Activity Status"]),
        ("List_10", "List 10: Adoption", ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Does the Child have a Disability", "Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order", "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption", "Date of Adoption Order ", "Date of Decision that Child Should No Longer be Placed for Adoption", "Reason Why Child No Longer Placed for Adoption", "Date the child was placed for fostering in FFA or concurrent planning placement"]),
    ]

    /// How many rows each file received.
    public struct Summary: Sendable {
        public var rows: [String: Int] = [:]
        public var total: Int { rows.values.reduce(0, +) }
    }

    /// Writes the workbook, and the local-event CSVs into `eventsFolder` when given.
    @discardableResult
    public func write(workbook url: URL, eventsFolder: URL? = nil) throws -> Summary {
        var summary = Summary()
        let calendar = WorkingDayCalendar.englandAndWales
        let first = asAt.adding(days: -365)
        let teams = ["North", "South", "East", "West", "Disabled Children", "Children in Care", "Leaving Care"]
        let workers = (1...max(4, children / 18)).map { "Worker \($0)" }
        let ethnicities = ["a) WBRI", "a) WBRI", "a) WBRI", "a) WBRI", "d) WOTH", "f) MWBC", "k) APKN", "o) BAFR", "s) REFU"]
        let genders = ["a) Male", "b) Female", "a) Male", "b) Female", "c) Not stated/recorded"]

        // Rows are collected per list and written in sheet order; each list is small next to a region.
        var lists: [[[XLSXWriter.Cell]]] = Array(repeating: [], count: Self.headers.count)
        var contacts = ["contact_id,child_id,received_at,decided_at,outcome,category"]
        var strategy = ["child_id,referral_at,held_at"]
        var missing = ["child_id,missing_start,missing_end,rhi_offered_at,rhi_completed_at"]
        var supervision = ["child_id,worker,supervised_on"]
        var peps = ["child_id,pep_date"]
        var ehc = ["request_date,issued_date,exception"]

        var random = SeededRandom(seed: seed)
        func date(_ day: Day) -> XLSXWriter.Cell { .date(year: day.year, month: day.month, day: day.day) }
        func maybe(_ day: Day?) -> XLSXWriter.Cell { day.map(date) ?? .empty }
        func stamp(_ day: Day, _ minutes: Int) -> String {
            let h = minutes / 60 % 24, m = minutes % 60
            return "\(day.iso)T\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
        }
        func randomDay(from: Day, to: Day) -> Day { from.adding(days: random.int(0...max(0, from.days(until: to)))) }

        for index in 1...max(1, children) {
            let id = String(format: "C%07d", index)
            let born = asAt.adding(days: -random.int(0...(17 * 365)))
            let age = ChildDetails(childID: id, dateOfBirth: born).age(on: asAt) ?? 0
            let gender = random.pick(genders), ethnicity = random.pick(ethnicities)
            let disability = random.chance(0.12) ? "a) Yes" : "b) No"
            let team = random.pick(teams), worker = random.pick(workers)
            let bad = random.chance(badRowRate * 8) // faults are spread across the child's rows
            func demo(_ withID: Bool = true) -> [XLSXWriter.Cell] {
                [withID ? .text(id) : .empty, .text(gender), .text(ethnicity), date(born), .number(Double(age))]
            }

            // Contacts: 1–3 a child.
            for n in 0..<random.int(1...3) {
                let received = randomDay(from: first, to: asAt)
                let minute = random.int(480...1080)
                let category = random.pick(["cp", "assessment", "advice", "advice", "information"])
                let hours = random.chance(0.85) ? random.int(1...20) : random.int(21...120)
                let decidedMinutes = minute + hours * 60
                let decided = received.adding(days: decidedMinutes / 1440)
                contacts.append("K\(id)-\(n),\(id),\(stamp(received, minute)),\(decided <= asAt ? stamp(decided, decidedMinutes % 1440) : ""),\(random.chance(0.35) ? "NFA" : "Referral"),\(category)")
            }

            // List 3: referral.
            let referral = randomDay(from: first, to: asAt)
            let nfa = random.chance(0.08)
            lists[0].append(demo() + [date(referral), .text("a) 1A: Individual"), .text(nfa ? "a) Yes" : "b) No"),
                                      .number(Double(random.chance(0.22) ? random.int(1...3) : 0)), .text(team), .text(worker)])
            if nfa || random.chance(0.25) { continue }

            // List 4: assessment, most within 45 working days, a tail late, some open.
            let start = calendar.adding(workingDays: random.int(0...3), to: referral)
            let taken = random.chance(0.86) ? random.int(5...45) : random.int(46...90)
            var authorised: Day? = calendar.adding(workingDays: taken, to: start)
            if let a = authorised, a > asAt { authorised = nil }
            var authorisedCell = maybe(authorised)
            if bad && random.chance(0.4) { authorisedCell = .text("31/02/\(asAt.year)") }
            lists[1].append(demo() + [.text(disability), date(start), .text(random.chance(0.95) ? "a) Yes" : "b) No"), authorisedCell,
                                      .text("a) Yes"), .text(team), .text(worker)])
            guard let assessed = authorised, random.chance(0.7) else { continue }

            // List 5: section 47 for some; conferences mostly within 15 working days.
            if random.chance(0.2) {
                let discussion = assessed > start ? randomDay(from: start, to: assessed) : start
                let unnecessary = random.chance(0.45)
                var conference: Day? = unnecessary ? nil : calendar.adding(workingDays: random.chance(0.8) ? random.int(5...15) : random.int(16...30), to: discussion)
                if let c = conference, c > asAt { conference = nil }
                lists[2].append(demo() + [.text(disability), date(discussion), .text(unnecessary ? "a) Yes" : "b) No"), maybe(conference),
                                          .text(conference == nil ? "" : "a) Yes"), .number(0), .number(0), .text(team), .text(worker)])
                let minute = random.int(480...1000)
                let gap = random.chance(0.8) ? random.int(30...240) : random.int(241...900)
                strategy.append("\(id),\(stamp(discussion, minute)),\(stamp(discussion.adding(days: (minute + gap) / 1440), (minute + gap) % 1440))")
            }

            // List 6: child in need episode, some closed.
            let closed: Day? = random.chance(0.4) ? randomDay(from: assessed, to: asAt) : nil
            let seen: Day? = random.chance(0.9) ? randomDay(from: assessed, to: closed ?? asAt) : nil
            var seenCell = maybe(seen)
            if bad && random.chance(0.3) { seenCell = .text("not known") }
            lists[3].append(demo() + [.text(disability), date(referral), .text("N1 - Abuse or neglect"), seenCell, maybe(closed),
                                      .text(closed == nil ? "" : "RC8 - Case closed after assessment"), .text("c) Child in need plan"), .text(team), .text(worker)])
            if closed == nil {
                for _ in 0..<random.int(0...2) { supervision.append("\(id),\(worker),\(randomDay(from: asAt.adding(days: -70), to: asAt).iso)") }
            }

            // List 7: child protection plans.
            if random.chance(0.12) {
                let planStart = randomDay(from: asAt.adding(days: -800), to: asAt)
                let ended: Day? = random.chance(0.5) ? randomDay(from: planStart, to: asAt) : nil
                let review: Day? = planStart.adding(months: 3) < (ended ?? asAt) ? randomDay(from: planStart.adding(months: 2), to: ended ?? asAt) : nil
                lists[4].append(demo() + [.text(disability), date(planStart), .text("a) Neglect"), .text("a) Neglect"),
                                          maybe(randomDay(from: asAt.adding(days: -20), to: asAt)), .text("a) Yes"), maybe(review), maybe(ended),
                                          .text("b) No"), .number(Double(random.chance(0.2) ? random.int(1...2) : 0)), .text(team), .text(worker)])
            }

            // List 8: children looked after, with missing episodes, PEPs.
            if random.chance(0.1) {
                let cared = randomDay(from: asAt.adding(days: -2000), to: asAt)
                let ceased: Day? = random.chance(0.2) ? randomDay(from: cared, to: asAt) : nil
                let latestReview: Day? = cared.adding(days: 30) < asAt ? randomDay(from: max(cared.adding(days: 15), asAt.adding(days: -200)), to: asAt) : nil
                let missingCount = random.chance(0.15) ? random.int(1...6) : 0
                var row = demo() + [.text("b) No"), .text(disability), date(cared), .text("N1 - Abuse or neglect"), .text("b) No"), date(cared),
                                    .text("C2: FCO"), maybe(latestReview), maybe(randomDay(from: asAt.adding(days: -60), to: asAt)),
                                    .text("a) Return to family"), maybe(randomDay(from: asAt.adding(days: -90), to: asAt)),
                                    maybe(randomDay(from: asAt.adding(days: -420), to: asAt)), maybe(random.chance(0.85) ? randomDay(from: asAt.adding(days: -420), to: asAt) : nil),
                                    .number(Double(random.chance(0.1) ? random.int(3...5) : random.int(1...2))), maybe(ceased)]
                row += [.text(ceased == nil ? "" : "b) E12: Adopted - consent dispensed"), maybe(cared), .text("d) U4: Foster placement - long term"),
                        .text("b) PR1: Own provision"), .text("ZZ1 1ZZ"), .text("SC000000"), .text("a) In"), .text(""),
                        .number(Double(missingCount)), .number(0), .text(missingCount > 0 ? (random.chance(0.85) ? "a) Yes" : "b) No") : ""),
                        .text(missingCount > 0 ? "a) Yes" : ""), .text(team), .text(worker)]
                lists[5].append(row)
                for _ in 0..<missingCount {
                    let gone = randomDay(from: first, to: asAt.adding(days: -1))
                    let out = random.int(1200...1380), back = out + random.int(120...1800)
                    let returned = gone.adding(days: back / 1440)
                    let interview = back + (random.chance(0.75) ? random.int(120...4200) : random.int(4400...9000))
                    let done = gone.adding(days: interview / 1440)
                    missing.append("\(id),\(stamp(gone, out)),\(stamp(returned, back % 1440)),\(stamp(returned, back % 1440)),\(done <= asAt ? stamp(done, interview % 1440) : "")")
                }
                if (5...15).contains(age), random.chance(0.9) { peps.append("\(id),\(randomDay(from: asAt.adding(days: -120), to: asAt).iso)") }
                if ceased == nil { supervision.append("\(id),\(worker),\(randomDay(from: asAt.adding(days: -60), to: asAt).iso)") }
            }

            // List 9: care leavers (older children).
            if age >= 16, random.chance(0.15) {
                lists[6].append(demo() + [.text(disability), .text("Leaving Care"), .text(worker), .text("b) Former relevant child"),
                                          .text(random.chance(0.9) ? "a) Yes" : "b) No"), .text("D: Semi-independent"),
                                          .text(random.chance(0.88) ? "a) Suitable" : "b) Unsuitable"),
                                          .text(random.pick(["F1: Full time in higher education", "F2: Full time in education other than higher", "P3: Part time in training or employment", "G4: Not in EET because of illness", "G6: Not in EET - other"]))])
            }

            // List 10: adoption.
            if age <= 4, random.chance(0.05) {
                let entered = randomDay(from: asAt.adding(days: -900), to: asAt.adding(days: -200))
                let order = entered.adding(days: random.int(150...400))
                let matched = order.adding(days: random.int(30...300))
                let placed = matched.adding(days: random.int(7...60))
                lists[7].append([.text(id), .text("F\(index)"), .text(gender), .text(ethnicity), date(born), .number(Double(age)), .text(disability),
                                 date(entered), date(entered.adding(days: 100)), maybe(order <= asAt ? order : nil),
                                 maybe(matched <= asAt ? matched : nil), maybe(placed <= asAt ? placed : nil), .empty, .empty, .empty, .empty])
            }

            // A few rows with a missing child id.
            if bad && random.chance(0.2) {
                lists[0].append(demo(false) + [date(referral), .text("a) 1A: Individual"), .text("maybe"), .number(0), .text(team), .text(worker)])
            }
        }
        for n in 0..<max(1, children / 60) {
            let request = randomDay(from: first.adding(days: -140), to: asAt.adding(days: -100))
            let issued = request.adding(days: random.chance(0.6) ? random.int(60...140) : random.int(141...260))
            ehc.append("\(request.iso),\(issued <= asAt ? issued.iso : ""),\(n % 17 == 0 ? "School holidays" : "")")
        }

        let writer = try XLSXWriter(url: url)
        for (index, (sheet, title, headers)) in Self.headers.enumerated() {
            try writer.addSheet(named: sheet)
            try writer.addRow([.text(title)])
            try writer.addRow(headers.map { .text($0) })
            for row in lists[index] { try writer.addRow(row) }
            summary.rows[sheet] = lists[index].count
        }
        try writer.close()

        if let eventsFolder {
            try FileManager.default.createDirectory(at: eventsFolder, withIntermediateDirectories: true)
            for (name, lines) in [("contacts.csv", contacts), ("strategy_discussions.csv", strategy), ("missing_episodes.csv", missing),
                                  ("supervision.csv", supervision), ("peps.csv", peps), ("ehc_plans.csv", ehc)] {
                try (lines.joined(separator: "\n") + "\n").write(to: eventsFolder.appendingPathComponent(name), atomically: true, encoding: .utf8)
                summary.rows[name] = lines.count - 1
            }
        }
        return summary
    }
}
