import Core
import Documents
import Foundation

/// One child of a synthetic CIN census: what the census carries, from which both the census
/// XML and an Annex A workbook (Lists 3–7) can be written, so that tests can read the same
/// children from either.
public struct CensusChild: Sendable, Hashable {
    public var id: String
    public var born: Day
    /// `Male`, `Female` or `Not stated/recorded`, as Annex A's codes read.
    public var gender: String
    /// The DfE ethnicity code (`WBRI`…).
    public var ethnicity: String
    /// DfE disability codes; `NONE` for none.
    public var disabilities: [String]
    public var episodes: [CensusEpisode]

    public init(id: String, born: Day, gender: String, ethnicity: String, disabilities: [String] = ["NONE"], episodes: [CensusEpisode]) {
        self.id = id; self.born = born; self.gender = gender; self.ethnicity = ethnicity
        self.disabilities = disabilities; self.episodes = episodes
    }
}

/// One `CINdetails`: a referral and what followed it.
public struct CensusEpisode: Sendable, Hashable {
    public var referral: Day
    public var nfa: Bool
    public var closure: Day?
    public var assessments: [CensusAssessment] = []
    public var enquiries: [CensusEnquiry] = []
    public var plans: [CensusPlan] = []
    /// A child in need plan (start, end).
    public var cinPlan: (start: Day, end: Day?)? {
        get { cinPlanStart.map { ($0, cinPlanEnd) } }
        set { cinPlanStart = newValue?.start; cinPlanEnd = newValue?.end }
    }
    var cinPlanStart: Day?
    var cinPlanEnd: Day?

    public init(referral: Day, nfa: Bool = false, closure: Day? = nil, assessments: [CensusAssessment] = [],
                enquiries: [CensusEnquiry] = [], plans: [CensusPlan] = []) {
        self.referral = referral; self.nfa = nfa; self.closure = closure
        self.assessments = assessments; self.enquiries = enquiries; self.plans = plans
    }

    /// The last day anything happened on the episode: a closure may not come before it.
    var lastActivity: Day {
        var days = [referral]
        for a in assessments { days.append(a.start); if let d = a.authorised { days.append(d) } }
        for e in enquiries { days.append(e.start); if let d = e.conference { days.append(d) } }
        for p in plans { days.append(p.start); days += p.reviews; if let d = p.end { days.append(d) } }
        if let s = cinPlanStart { days.append(s) }
        if let e = cinPlanEnd { days.append(e) }
        return days.max()!
    }
}

public struct CensusAssessment: Sendable, Hashable {
    public var start: Day
    public var authorised: Day?
    public var factors: [String]
    public init(start: Day, authorised: Day? = nil, factors: [String] = []) {
        self.start = start; self.authorised = authorised; self.factors = factors
    }
}

public struct CensusEnquiry: Sendable, Hashable {
    public var start: Day
    public var conference: Day?
    public var notRequired: Bool
    public init(start: Day, conference: Day? = nil, notRequired: Bool = false) {
        self.start = start; self.conference = conference; self.notRequired = notRequired
    }
}

public struct CensusPlan: Sendable, Hashable {
    public var start: Day
    public var end: Day?
    public var previous: Int
    public var reviews: [Day]
    public var category: String
    public init(start: Day, end: Day? = nil, previous: Int = 0, reviews: [Day] = [], category: String = "NEG") {
        self.start = start; self.end = end; self.previous = previous; self.reviews = reviews; self.category = category
    }
}

/// Writes a **synthetic** CIN census for the children `generate annex-a` makes with the same
/// seed: the generator's workbook is made and read back, and each child's referral,
/// assessment, section 47 enquiry and child in need episode are carried over with their
/// dates. Where the Annex A generator's fictional rows could not stand in a census (the DfE
/// validator's rules), the census follows the census:
///
/// - a child with a deliberately bad row (the data-quality examples) is left out;
/// - an assessment starting after the reference date is left out;
/// - an episode that closed before its last activity (a conference or a plan after the
///   closure), or with a section 47 enquiry still open, is left open;
/// - child protection plans start on the day of an initial conference that was held (Annex A's
///   List 5 says each resulted in a plan), with an end, reviews and previous plans drawn from
///   the seed; Annex A's List 7 rows, which the Annex A generator draws without a conference,
///   are not carried;
/// - an episode going on to a plan gets no child in need plan while the protection plan is
///   open; other assessed episodes get a child in need plan.
///
/// The census's `ReferenceDate` is the as-at date (31 March for a real collection).
public struct CINCensusGenerator: Sendable {
    public var children: Int
    public var seed: UInt64
    public var asAt: Day

    public init(children: Int, seed: UInt64, asAt: Day = Day(2024, 3, 31)) {
        self.children = children
        self.seed = seed
        self.asAt = asAt
    }

    /// The census's children, from the Annex A generator's workbook for the same seed.
    public func model() throws -> [CensusChild] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-census-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = folder.appendingPathComponent("annex-a.xlsx")
        try AnnexAGenerator(children: children, seed: seed, asAt: asAt).write(workbook: workbook)
        let inputs = try AnnexAReader.read(url: workbook, lists: [.referrals, .assessments, .section47, .childInNeed])
        return Self.model(from: inputs, seed: seed, asAt: asAt)
    }

    /// Children from Annex A records, made to stand in a census (see the type's notes).
    static func model(from inputs: MeasureInputs, seed: UInt64, asAt: Day) -> [CensusChild] {
        let calendar = WorkingDayCalendar.englandAndWales
        let yearStart = asAt.adding(months: -12).adding(days: 1)
        var random = SeededRandom(seed: seed ^ 0xC1_4C_E4_5A)
        var spoiled = Set<String>()
        func mark<R>(_ records: [R], _ child: (R) -> ChildDetails, _ unusable: (R) -> Set<String>) {
            for r in records where !unusable(r).isEmpty { spoiled.insert(child(r).childID) }
        }
        mark(inputs.referrals, \.child, \.unusable)
        mark(inputs.assessments, \.child, \.unusable)
        mark(inputs.enquiries, \.child, \.unusable)
        mark(inputs.childInNeed, \.child, \.unusable)
        // A bad row with no child id took its child's referral NFA code with it ("maybe"): that child's too.
        for r in inputs.referrals where r.nfa == nil { spoiled.insert(r.child.childID) }

        var assessments: [String: Assessment] = [:]
        for a in inputs.assessments { assessments[a.child.childID] = a }
        var enquiries: [String: Section47Enquiry] = [:]
        for e in inputs.enquiries { enquiries[e.child.childID] = e }
        var episodes: [String: ChildInNeedEpisode] = [:]
        for e in inputs.childInNeed { episodes[e.child.childID] = e }

        var children: [CensusChild] = []
        var seen = Set<String>()
        let disabilityCodes = ["LD", "AUT", "COMM", "BEH", "MOB", "HAND", "PC", "INC", "HEAR", "VIS", "CON", "DDA"]
        let factorCodes = ["1B", "1C", "2B", "2C", "3A", "3B", "3C", "4B", "4C", "6A", "6B", "7A", "8B", "8C", "9A", "11A", "16A", "18B", "22A"]
        for r in inputs.referrals {
            let details = r.child
            guard let referral = r.date, let nfa = r.nfa, let born = details.dateOfBirth, !spoiled.contains(details.childID),
                  seen.insert(details.childID).inserted else { continue }
            // A referral over 40 weeks before the birth would be refused by the census.
            guard referral >= born.adding(days: -280), referral <= asAt else { continue }
            var episode = CensusEpisode(referral: referral, nfa: nfa == .yes)
            if episode.nfa { episode.closure = referral }
            if !episode.nfa, let a = assessments[details.childID], let start = a.start, start <= asAt {
                let factors = a.authorised == nil ? [] : Array(Set((0..<random.int(1...3)).map { _ in random.pick(factorCodes) })).sorted()
                episode.assessments.append(CensusAssessment(start: start, authorised: a.authorised, factors: factors))
                if let e = enquiries[details.childID], let s47 = e.strategyDiscussion, s47 <= asAt {
                    let unnecessary = e.conferenceDeemedUnnecessary == .yes
                    episode.enquiries.append(CensusEnquiry(start: s47, conference: unnecessary ? nil : e.conference, notRequired: unnecessary))
                    if !unnecessary, let conference = e.conference {
                        // Each conference resulted in a plan (Annex A's List 5 says so).
                        var plan = CensusPlan(start: conference, previous: random.chance(0.2) ? random.int(1...2) : 0,
                                              category: random.pick(["NEG", "NEG", "NEG", "EMO", "EMO", "PHY", "SAB", "MUL"]))
                        var review = calendar.adding(workingDays: random.int(40...65), to: conference)
                        while review < asAt, plan.end == nil {
                            plan.reviews.append(review)
                            if random.chance(0.3) {
                                let end = calendar.adding(workingDays: random.int(0...10), to: review)
                                // A plan cannot start and end on the same day, and ends inside the year.
                                if end > plan.start, end <= asAt { plan.end = end }
                            }
                            review = calendar.adding(workingDays: random.int(115...135), to: review)
                        }
                        episode.plans.append(plan)
                    }
                }
                if let authorised = a.authorised, episode.plans.isEmpty, episode.enquiries.isEmpty, random.chance(0.6) {
                    let start = calendar.adding(workingDays: random.int(1...10), to: authorised)
                    if start <= asAt {
                        let end = random.chance(0.4) ? calendar.adding(workingDays: random.int(20...120), to: start) : nil
                        episode.cinPlan = (start, end.flatMap { $0 <= asAt ? $0 : nil })
                    }
                }
            }
            if !episode.nfa, let closure = episodes[details.childID]?.closure, closure <= asAt, closure >= yearStart {
                let enquiryOpen = episode.enquiries.contains { $0.conference == nil && !$0.notRequired }
                let assessmentOpen = episode.assessments.contains { $0.authorised == nil }
                let planOpen = episode.plans.contains { $0.end == nil } || (episode.cinPlanStart != nil && episode.cinPlanEnd == nil)
                if !enquiryOpen, !assessmentOpen, !planOpen, closure > episode.lastActivity { episode.closure = closure }
            }
            var disabilities = ["NONE"]
            if details.disability == "yes" { disabilities = [random.pick(disabilityCodes)] }
            children.append(CensusChild(id: details.childID, born: born, gender: details.gender ?? "Not stated/recorded",
                                        ethnicity: details.ethnicity ?? "NOBT", disabilities: disabilities, episodes: [episode]))
        }
        return children
    }

    /// Writes the census for `children` generated children; returns how many children it holds.
    @discardableResult
    public func write(census url: URL) throws -> Int {
        let children = try model()
        try Self.writeCensus(children, asAt: asAt, to: url)
        return children.count
    }

    // MARK: Writing

    /// Writes `children` as a CIN census XML file, element by element in the schema's order.
    public static func writeCensus(_ children: [CensusChild], asAt: Day, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteNoPermission) }
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        var out = ""
        out.reserveCapacity(1 << 20)
        func flush(force: Bool = false) throws {
            guard force || out.utf8.count >= 1 << 20 else { return }
            try file.write(contentsOf: Data(out.utf8))
            out.removeAll(keepingCapacity: true)
        }
        func leaf(_ indent: Int, _ name: String, _ value: String?) {
            guard let value else { return }
            out += String(repeating: "  ", count: indent) + "<\(name)>\(value)</\(name)>\n"
        }
        func open(_ indent: Int, _ name: String) { out += String(repeating: "  ", count: indent) + "<\(name)>\n" }
        func close(_ indent: Int, _ name: String) { out += String(repeating: "  ", count: indent) + "</\(name)>\n" }
        // From 2024-25 the census records Sex (M/F/U); before, GenderCurrent (1/2/9).
        let usesSex = asAt.year >= 2025
        out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<Message xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        open(1, "Header"); open(2, "CollectionDetails")
        leaf(3, "Collection", "CIN"); leaf(3, "Year", String(asAt.year)); leaf(3, "ReferenceDate", asAt.iso)
        close(2, "CollectionDetails"); open(2, "Source")
        leaf(3, "SourceLevel", "L"); leaf(3, "LEA", "999"); leaf(3, "SoftwareCode", "Oversight synthetic census")
        leaf(3, "Release", "1"); leaf(3, "SerialNo", "1"); leaf(3, "DateTime", "\(asAt.adding(days: 10).iso)T09:00:00")
        close(2, "Source"); close(1, "Header")
        open(1, "Children")
        for child in children {
            open(2, "Child"); open(3, "ChildIdentifiers")
            leaf(4, "LAchildID", child.id)
            leaf(4, "UPNunknown", (ChildDetails(childID: child.id, dateOfBirth: child.born).age(on: asAt) ?? 0) < 5 ? "UN1" : "UN2")
            leaf(4, "PersonBirthDate", child.born.iso)
            if usesSex {
                leaf(4, "Sex", child.gender == "Male" ? "M" : child.gender == "Female" ? "F" : "U")
            } else {
                leaf(4, "GenderCurrent", child.gender == "Male" ? "1" : child.gender == "Female" ? "2" : "9")
            }
            close(3, "ChildIdentifiers"); open(3, "ChildCharacteristics")
            leaf(4, "Ethnicity", child.ethnicity)
            open(4, "Disabilities")
            for code in child.disabilities { leaf(5, "Disability", code) }
            close(4, "Disabilities"); close(3, "ChildCharacteristics")
            for episode in child.episodes {
                open(3, "CINdetails")
                leaf(4, "CINreferralDate", episode.referral.iso)
                leaf(4, "ReferralSource", "1A")
                leaf(4, "PrimaryNeedCode", episode.nfa ? nil : "N1")
                leaf(4, "CINclosureDate", episode.closure?.iso)
                if episode.closure != nil {
                    let closedAfterAssessmentOnly = episode.enquiries.isEmpty && episode.plans.isEmpty && episode.cinPlanStart == nil
                    leaf(4, "ReasonForClosure", !episode.nfa && closedAfterAssessmentOnly ? "RC8" : "RC7")
                }
                leaf(4, "ReferralNFA", episode.nfa ? "true" : "false")
                for a in episode.assessments {
                    open(4, "Assessments")
                    leaf(5, "AssessmentActualStartDate", a.start.iso)
                    leaf(5, "AssessmentInternalReviewDate", a.authorised?.iso)
                    leaf(5, "AssessmentAuthorisationDate", a.authorised?.iso)
                    if !a.factors.isEmpty {
                        open(5, "FactorsIdentifiedAtAssessment")
                        for f in a.factors { leaf(6, "AssessmentFactors", f) }
                        close(5, "FactorsIdentifiedAtAssessment")
                    }
                    close(4, "Assessments")
                }
                if let start = episode.cinPlanStart {
                    open(4, "CINPlanDates")
                    leaf(5, "CINPlanStartDate", start.iso)
                    leaf(5, "CINPlanEndDate", episode.cinPlanEnd?.iso)
                    close(4, "CINPlanDates")
                }
                for e in episode.enquiries {
                    open(4, "Section47")
                    leaf(5, "S47ActualStartDate", e.start.iso)
                    leaf(5, "InitialCPCtarget", WorkingDayCalendar.englandAndWales.adding(workingDays: 15, to: e.start).iso)
                    leaf(5, "DateOfInitialCPC", e.conference?.iso)
                    leaf(5, "ICPCnotRequired", e.notRequired ? "true" : "false")
                    close(4, "Section47")
                }
                for p in episode.plans {
                    open(4, "ChildProtectionPlans")
                    leaf(5, "CPPstartDate", p.start.iso)
                    leaf(5, "CPPendDate", p.end?.iso)
                    leaf(5, "InitialCategoryOfAbuse", p.category)
                    leaf(5, "LatestCategoryOfAbuse", p.category)
                    leaf(5, "NumberOfPreviousCPP", String(p.previous))
                    if !p.reviews.isEmpty {
                        open(5, "Reviews")
                        for review in p.reviews { leaf(6, "CPPreviewDate", review.iso) }
                        close(5, "Reviews")
                    }
                    close(4, "ChildProtectionPlans")
                }
                close(3, "CINdetails")
            }
            close(2, "Child")
            try flush()
        }
        close(1, "Children")
        out += "</Message>\n"
        try flush(force: true)
    }

    /// Writes `children` as an Annex A workbook (Lists 3–7, the 2019 layout's headers): the
    /// same children as the census, for the Annex-A-versus-census comparison. Columns the
    /// census does not carry (child seen, last seen, visits, team, worker) are left blank.
    public static func writeAnnexA(_ children: [CensusChild], asAt: Day, to url: URL) throws {
        var rows: [[[XLSXWriter.Cell]]] = Array(repeating: [], count: 5)
        func date(_ day: Day?) -> XLSXWriter.Cell { day.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty }
        func yes(_ flag: Bool) -> XLSXWriter.Cell { .text(flag ? "a) Yes" : "b) No") }
        for child in children {
            let details = ChildDetails(childID: child.id, dateOfBirth: child.born)
            let demo: [XLSXWriter.Cell] = [.text(child.id), .text(child.gender), .text(child.ethnicity), date(child.born),
                                           .number(Double(details.age(on: asAt) ?? 0))]
            let disabled = yes(child.disabilities.contains { $0 != "NONE" })
            let referralDays = child.episodes.map(\.referral)
            for episode in child.episodes {
                let earlier = referralDays.filter { $0 < episode.referral && $0 >= episode.referral.adding(months: -12) }.count
                rows[0].append(demo + [date(episode.referral), .text("a) 1A: Individual"), yes(episode.nfa), .number(Double(earlier)), .empty, .empty])
                for a in episode.assessments {
                    rows[1].append(demo + [disabled, date(a.start), .empty, date(a.authorised), .text("a) Yes"), .empty, .empty])
                }
                for e in episode.enquiries {
                    rows[2].append(demo + [disabled, date(e.start), yes(e.notRequired), date(e.conference),
                                           .text(e.conference == nil ? "" : "a) Yes"), .number(0), .number(0), .empty, .empty])
                }
                if !episode.nfa {
                    rows[3].append(demo + [disabled, date(episode.referral), .text("N1 - Abuse or neglect"), .empty, date(episode.closure),
                                           .empty, .empty, .empty, .empty])
                }
                for p in episode.plans {
                    rows[4].append(demo + [disabled, date(p.start), .text("a) Neglect"), .text("a) Neglect"), .empty, .empty,
                                           date(p.reviews.max()), date(p.end), .text("b) No"), .number(Double(p.previous)), .empty, .empty])
                }
            }
        }
        let writer = try XLSXWriter(url: url)
        for (index, (sheet, title, headers)) in AnnexAGenerator.headers.prefix(5).enumerated() {
            try writer.addSheet(named: sheet)
            try writer.addRow([.text(title)])
            try writer.addRow(headers.map { .text($0) })
            for row in rows[index] { try writer.addRow(row) }
        }
        try writer.close()
    }
}
