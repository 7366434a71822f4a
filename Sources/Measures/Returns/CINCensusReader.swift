import Core
import Documents
import Foundation

/// Reads the DfE Children in Need census XML (`Message/Header`, `Children/Child` with
/// `ChildIdentifiers`, `ChildCharacteristics` and `CINdetails` holding `Assessments`,
/// `CINPlanDates`, `Section47` and `ChildProtectionPlans` with `Reviews`) onto the records the
/// Annex A lists fill, so that the same measure code runs on either:
///
/// | census                                   | record                |
/// |------------------------------------------|-----------------------|
/// | `CINdetails` (referral)                  | `Referral` (List 3)   |
/// | `Assessments`                            | `Assessment` (List 4) |
/// | `Section47`                              | `Section47Enquiry` (List 5) |
/// | `CINdetails` (episode)                   | `ChildInNeedEpisode` (List 6) |
/// | `ChildProtectionPlans` with `Reviews`    | `ProtectionPlan` (List 7) |
///
/// Streamed (`XMLStreamReader`): a county's census is tens of MB and is never held as a tree;
/// one child's records are held until its `</Child>`, because the identifiers the records
/// carry may come after them. Each record's `RecordSource` is the file and the line of its
/// element (`row` holds the line). Unusable values go to `dataQuality` naming file, line and
/// element; nothing stops the read except a file that is not well-formed XML or breaks a limit.
public enum CINCensusReader {
    /// The measures the census feeds, each computed by the same code as from Annex A.
    public static let measuresFed: [MeasureID] = [
        .refNFA, .refRepeat, .asm45WD, .asmOverdue, .icpc15WD, .s47Overdue, .cppRepeat, .cpp18M, .cpp2YEnded, .cpReview, .cin2Y,
    ]

    /// The measures that read the lists the census fills but a value it does not carry, with
    /// why. A run over a census alone should leave these out: from blanks, CIN-SEEN and
    /// CP-VISIT would count every child as not seen or not visited.
    public static let measuresNotCarried: [MeasureID: String] = [
        .asmSeen: "the census does not record whether the child was seen during the assessment",
        .cinSeen: "the census does not record when a child in need was last seen",
        .cpVisit: "the census does not record statutory visits to children on a plan",
        .sup6W: "the census does not name the allocated worker",
        .caseload: "the census does not name the allocated worker",
    ]

    /// Whether `data` looks like a CIN census: an XML `Message` whose start holds the census's
    /// own elements (`<Collection>CIN`, or `CINdetails`/`LAchildID`). Reads only the first 64 KB.
    public static func isCensus(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        guard let first = head.firstIndex(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }), head[first] == "<" else { return false }
        guard head.contains("<Message") || head.contains(":Message") else { return false }
        return head.contains("<Collection>CIN") || head.contains("CINdetails>") || head.contains("<LAchildID>")
            || head.contains(":CINdetails") || head.contains(":LAchildID>")
    }

    /// Reads a census held in memory; an upload passes `ReadingLimits.upload`.
    public static func read(data: Data, fileName: String, limits: ReadingLimits = .standard) throws -> MeasureInputs {
        var reading = CINCensusReading(fileName: fileName)
        try XMLStreamReader.read(data: data, fileName: fileName, limits: limits, into: &reading)
        return reading.finish()
    }

    /// Reads a census file from disk, a megabyte at a time.
    public static func read(url: URL, limits: ReadingLimits = .standard) throws -> MeasureInputs {
        var reading = CINCensusReading(fileName: url.lastPathComponent)
        try XMLStreamReader.read(url: url, limits: limits, into: &reading)
        return reading.finish()
    }
}

/// The state of reading one census: where in the document we are, and the child being read.
struct CINCensusReading: XMLStreamHandler {
    let fileName: String
    var inputs = MeasureInputs()
    var sawChildren = false
    var sawMessage = false
    var referenceDate: Day?

    /// Open elements, innermost last.
    var path: [String] = []
    var child: ChildBeingRead?
    var episode: EpisodeBeingRead?
    var assessment: AssessmentBeingRead?
    var enquiry: EnquiryBeingRead?
    var plan: PlanBeingRead?

    init(fileName: String) {
        self.fileName = fileName
        path.reserveCapacity(16)
    }

    // MARK: What is held while a child is read

    struct ChildBeingRead {
        var line: Int
        var id: String?
        var idLine: Int?
        var gender: String?
        var ethnicity: String?
        var birth: Day?
        var disabilities: [String] = []
        var episodes: [EpisodeBeingRead] = []
        /// Plans directly under `Child` (an older layout) rather than in a `CINdetails`.
        var plans: [PlanBeingRead] = []
        var issues: [DataQualityIssue] = []
    }

    struct EpisodeBeingRead {
        var line: Int
        var referral: Day?
        var closure: Day?
        var nfa: YesNo?
        var unusable: Set<String> = []
        var assessments: [AssessmentBeingRead] = []
        var enquiries: [EnquiryBeingRead] = []
        var plans: [PlanBeingRead] = []
        var sawReferralDate = false
    }

    struct AssessmentBeingRead {
        var line: Int
        var start: Day?
        var authorised: Day?
        var unusable: Set<String> = []
        var sawStart = false
    }

    struct EnquiryBeingRead {
        var line: Int
        var start: Day?
        var conference: Day?
        var notRequired: YesNo?
        var unusable: Set<String> = []
        var sawStart = false
    }

    struct PlanBeingRead {
        var line: Int
        var start: Day?
        var end: Day?
        var previous: Int?
        var reviews: [Day] = []
        var unusable: Set<String> = []
        var sawStart = false
    }

    // MARK: Events

    mutating func startElement(_ name: String, line: Int) throws {
        path.append(name)
        switch name {
        case "Message" where path.count == 1: sawMessage = true
        case "Children": sawChildren = true
        case "Child" where parent == "Children": child = ChildBeingRead(line: line)
        case "CINdetails" where child != nil: episode = EpisodeBeingRead(line: line)
        case "Assessments" where episode != nil: assessment = AssessmentBeingRead(line: line)
        case "Section47" where episode != nil: enquiry = EnquiryBeingRead(line: line)
        case "ChildProtectionPlans" where child != nil: plan = PlanBeingRead(line: line)
        default: break
        }
    }

    /// The element that holds the innermost open one.
    private var parent: String? { path.count >= 2 ? path[path.count - 2] : nil }

    mutating func endElement(_ name: String, text: String, line: Int) throws {
        defer { path.removeLast() }
        let value = text.trimmed
        let holder = parent
        switch name {
        case "ReferenceDate" where holder == "CollectionDetails":
            referenceDate = DateText.day(value)
        case "Child" where child != nil:
            finishChild()
        case "CINdetails" where episode != nil:
            if let finished = episode { child?.episodes.append(finished) }
            episode = nil
        case "Assessments" where assessment != nil:
            if let finished = assessment { episode?.assessments.append(finished) }
            assessment = nil
        case "Section47" where enquiry != nil:
            if let finished = enquiry { episode?.enquiries.append(finished) }
            enquiry = nil
        case "ChildProtectionPlans" where plan != nil:
            if let finished = plan {
                if episode != nil { episode?.plans.append(finished) } else { child?.plans.append(finished) }
            }
            plan = nil
        default:
            guard child != nil else { return }
            leaf(name, value, holder: holder, line: line)
        }
    }

    /// A value inside the child being read.
    private mutating func leaf(_ name: String, _ value: String, holder: String?, line: Int) {
        // Each record is copied out, changed and put back: the value helpers note issues on self.
        if var p = plan {
            defer { plan = p }
            switch name {
            case "CPPstartDate": p.sawStart = true; p.start = date(value, name, line, field: "planStart", required: true, into: &p.unusable)
            case "CPPendDate": p.end = date(value, name, line, field: "planEnd", into: &p.unusable)
            case "NumberOfPreviousCPP": p.previous = count(value, name, line, field: "previousPlans", into: &p.unusable)
            case "CPPreviewDate":
                if let review = date(value, name, line, field: "latestReviewConference", into: &p.unusable) { p.reviews.append(review) }
            default: break
            }
            return
        }
        if var e = enquiry {
            defer { enquiry = e }
            switch name {
            case "S47ActualStartDate": e.sawStart = true; e.start = date(value, name, line, field: "strategyDiscussion", required: true, into: &e.unusable)
            case "DateOfInitialCPC": e.conference = date(value, name, line, field: "conferenceDate", into: &e.unusable)
            case "ICPCnotRequired": e.notRequired = flag(value, name, line, field: "conferenceUnnecessary", into: &e.unusable)
            default: break
            }
            return
        }
        if var a = assessment {
            defer { assessment = a }
            switch name {
            case "AssessmentActualStartDate": a.sawStart = true; a.start = date(value, name, line, field: "assessmentStart", required: true, into: &a.unusable)
            case "AssessmentAuthorisationDate": a.authorised = date(value, name, line, field: "assessmentAuthorised", into: &a.unusable)
            default: break
            }
            return
        }
        if var e = episode {
            defer { episode = e }
            switch name {
            case "CINreferralDate": e.sawReferralDate = true; e.referral = date(value, name, line, field: "referralDate", required: true, into: &e.unusable)
            case "CINclosureDate": e.closure = date(value, name, line, field: "cinClosure", into: &e.unusable)
            case "ReferralNFA": e.nfa = flag(value, name, line, field: "referralNFA", into: &e.unusable)
            default: break
            }
            return
        }
        switch name {
        case "LAchildID" where holder == "ChildIdentifiers":
            if !value.isEmpty { child?.id = value; child?.idLine = line }
        case "PersonBirthDate" where holder == "ChildIdentifiers":
            var ignored = Set<String>()
            let birth = date(value, name, line, field: "dateOfBirth", into: &ignored)
            child?.birth = birth
        case "GenderCurrent", "Sex":
            guard !value.isEmpty else { return }
            switch value.uppercased() {
            case "1", "M": child?.gender = "Male"
            case "2", "F": child?.gender = "Female"
            case "0", "9", "U": child?.gender = "Not stated/recorded"
            default: issue(line, name, "unknown code '\(value)'")
            }
        case "Ethnicity":
            if !value.isEmpty { child?.ethnicity = value.uppercased() }
        case "Disability":
            if !value.isEmpty { child?.disabilities.append(value.uppercased()) }
        default: break
        }
    }

    // MARK: Values

    private mutating func issue(_ line: Int, _ element: String, _ reason: String, rowDropped: Bool = false) {
        let entry = DataQualityIssue(sheet: fileName, row: line, column: element, reason: reason, rowDropped: rowDropped)
        if child != nil { child?.issues.append(entry) } else { inputs.dataQuality.append(entry) }
    }

    /// A date as the census writes it (`yyyy-mm-dd`; `dd/mm/yyyy` is accepted too).
    private mutating func date(_ value: String, _ element: String, _ line: Int, field: String, required: Bool = false,
                               into unusable: inout Set<String>) -> Day? {
        if value.isEmpty {
            if required { issue(line, element, "missing date"); unusable.insert(field) }
            return nil
        }
        guard let day = DateText.day(value) else {
            issue(line, element, "'\(value)' is not a date")
            unusable.insert(field)
            return nil
        }
        return day
    }

    /// A census boolean: `true`/`false`, `1`/`0` (and Y/N, which exports sometimes write).
    private mutating func flag(_ value: String, _ element: String, _ line: Int, field: String, into unusable: inout Set<String>) -> YesNo? {
        guard !value.isEmpty else { return nil }
        guard let answer = HeaderText.yesNo(value), answer != .unknown else {
            issue(line, element, "unknown code '\(value)' (expected true or false)")
            unusable.insert(field)
            return nil
        }
        return answer
    }

    private mutating func count(_ value: String, _ element: String, _ line: Int, field: String, into unusable: inout Set<String>) -> Int? {
        guard !value.isEmpty else { return nil }
        guard value.count <= 9, let n = Int(value), n >= 0 else {
            issue(line, element, "'\(value)' is not a whole number")
            unusable.insert(field)
            return nil
        }
        return n
    }

    // MARK: A finished child onto the records

    private mutating func finishChild() {
        guard var read = child else { return }
        child = nil
        guard let id = read.id else {
            inputs.dataQuality += read.issues
            inputs.dataQuality.append(DataQualityIssue(sheet: fileName, row: read.line, column: "LAchildID",
                                                       reason: "no LAchildID: child not used", rowDropped: true))
            return
        }
        let disability: String? = read.disabilities.isEmpty ? nil : (read.disabilities.allSatisfy { $0 == "NONE" } ? "no" : "yes")
        let details = ChildDetails(childID: id, gender: read.gender, ethnicity: read.ethnicity, dateOfBirth: read.birth, disability: disability)
        let referralDays = read.episodes.compactMap(\.referral)
        // The same order checks as Annex A: a later date before the earlier one is unusable.
        var orderIssues: [DataQualityIssue] = []
        func order(_ line: Int, _ element: String, _ earlier: Day?, _ later: Day?, _ reason: String, _ field: String, _ unusable: inout Set<String>) {
            guard let earlier, let later, later < earlier else { return }
            orderIssues.append(DataQualityIssue(sheet: fileName, row: line, column: element, reason: "\(reason) (\(later.iso) is before \(earlier.iso))"))
            unusable.insert(field)
        }
        for e in read.episodes.indices {
            let episode = read.episodes[e]
            order(episode.line, "CINclosureDate", episode.referral, episode.closure, "closed before it started", "cinClosure", &read.episodes[e].unusable)
            for a in episode.assessments.indices {
                let x = episode.assessments[a]
                order(x.line, "AssessmentAuthorisationDate", x.start, x.authorised, "authorised before the assessment started",
                      "assessmentAuthorised", &read.episodes[e].assessments[a].unusable)
            }
            for q in episode.enquiries.indices {
                let x = episode.enquiries[q]
                order(x.line, "DateOfInitialCPC", x.start, x.conference, "conference before the strategy discussion",
                      "conferenceDate", &read.episodes[e].enquiries[q].unusable)
            }
        }
        read.issues += orderIssues
        for var episode in read.episodes {
            let source = RecordSource(sheet: fileName, row: episode.line)
            if !episode.sawReferralDate {
                read.issues.append(DataQualityIssue(sheet: fileName, row: episode.line, column: "CINreferralDate", reason: "missing date"))
                episode.unusable.insert("referralDate")
            }
            var referral = Referral(source: source, child: details, date: episode.referral, nfa: episode.nfa,
                                    referralsInLast12Months: episode.referral.map { day in
                                        // Earlier referrals in this file within the 12 months before this one.
                                        referralDays.filter { $0 < day && $0 >= day.adding(months: -12) }.count
                                    })
            referral.unusable = episode.unusable.intersection(["referralDate", "referralNFA"])
            inputs.referrals.append(referral)
            // A referral with no further action was never a child in need episode (Annex A leaves it off List 6).
            if episode.nfa != .yes {
                var cin = ChildInNeedEpisode(source: source, child: details, start: episode.referral, closure: episode.closure)
                cin.unusable = episode.unusable.intersection(["cinClosure"])
                if episode.unusable.contains("referralDate") { cin.unusable.insert("cinStart") }
                inputs.childInNeed.append(cin)
            }
            for var a in episode.assessments {
                if !a.sawStart {
                    read.issues.append(DataQualityIssue(sheet: fileName, row: a.line, column: "AssessmentActualStartDate", reason: "missing date"))
                    a.unusable.insert("assessmentStart")
                }
                var record = Assessment(source: RecordSource(sheet: fileName, row: a.line), child: details, start: a.start, authorised: a.authorised)
                record.unusable = a.unusable
                inputs.assessments.append(record)
            }
            for var e in episode.enquiries {
                if !e.sawStart {
                    read.issues.append(DataQualityIssue(sheet: fileName, row: e.line, column: "S47ActualStartDate", reason: "missing date"))
                    e.unusable.insert("strategyDiscussion")
                }
                var record = Section47Enquiry(source: RecordSource(sheet: fileName, row: e.line), child: details, strategyDiscussion: e.start,
                                              conferenceDeemedUnnecessary: e.notRequired, conference: e.conference)
                record.unusable = e.unusable
                inputs.enquiries.append(record)
            }
        }
        for p in read.episodes.flatMap(\.plans) + read.plans {
            var record = ProtectionPlan(source: RecordSource(sheet: fileName, row: p.line), child: details, start: p.start,
                                        latestReviewConference: p.reviews.max(), end: p.end, previousPlans: p.previous)
            record.unusable = p.unusable
            if !p.sawStart {
                read.issues.append(DataQualityIssue(sheet: fileName, row: p.line, column: "CPPstartDate", reason: "missing date"))
                record.unusable.insert("planStart")
            }
            if let start = p.start {
                if let end = p.end, end < start {
                    read.issues.append(DataQualityIssue(sheet: fileName, row: p.line, column: "CPPendDate",
                                                        reason: "plan ended before it started (\(end.iso) is before \(start.iso))"))
                    record.unusable.insert("planEnd")
                }
                if let review = record.latestReviewConference, review < start {
                    read.issues.append(DataQualityIssue(sheet: fileName, row: p.line, column: "CPPreviewDate",
                                                        reason: "review conference before the plan started (\(review.iso) is before \(start.iso))"))
                    record.unusable.insert("latestReviewConference")
                }
            }
            inputs.protectionPlans.append(record)
        }
        inputs.dataQuality += read.issues
    }

    /// The inputs read, with the lists the census feeds marked supplied once it held `Children`.
    mutating func finish() -> MeasureInputs {
        if sawChildren {
            for list in [AnnexAList.referrals, .assessments, .section47, .childInNeed, .protection] { inputs.supplied.insert(list.key) }
        } else {
            inputs.dataQuality.append(DataQualityIssue(sheet: fileName, row: nil, column: "Children",
                                                       reason: sawMessage ? "no Children element: nothing to read" : "not a CIN census (no Message element): nothing read"))
        }
        return inputs
    }
}
