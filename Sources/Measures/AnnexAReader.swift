import Core
import Documents
import Foundation

/// The Annex A lists the measures read.
public enum AnnexAList: Int, Sendable, CaseIterable, CustomStringConvertible {
    case contacts = 1, earlyHelp, referrals, assessments, section47, childInNeed, protection, lookedAfter,
         careLeavers, adoption, adopters

    public var description: String { "List \(rawValue)" }
    /// The key used in `MeasureInputs.supplied`.
    public var key: String { "list\(rawValue)" }

    /// The list a sheet holds, from its name: `List_4`, `List 4`, `list4 - Assessments`.
    public static func from(sheetName: String) -> AnnexAList? {
        let lower = HeaderText.fold(sheetName)
        guard let range = lower.range(of: "list") else { return nil }
        let digits = lower[range.upperBound...].drop { $0 == " " || $0 == "_" || $0 == "-" || $0 == "." }.prefix { $0.isNumber }
        return Int(digits).flatMap(AnnexAList.init(rawValue:))
    }

    /// The columns read from this list, in the 2019 layout's order (plus the 2024 additions).
    public var fields: [AnnexAField] {
        let demographics: [AnnexAField] = [.childID, .gender, .ethnicity, .dateOfBirth, .age]
        switch self {
        case .contacts: return demographics + [.contactDate]
        case .earlyHelp: return demographics + [.earlyHelpStart, .earlyHelpCompleted]
        case .referrals: return demographics + [.referralDate, .referralNFA, .referralsInLast12Months, .team, .worker]
        case .assessments: return demographics + [.disability, .assessmentStart, .childSeen, .assessmentAuthorised, .team, .worker]
        case .section47: return demographics + [.disability, .strategyDiscussion, .conferenceUnnecessary, .conferenceDate, .team, .worker]
        case .childInNeed: return demographics + [.disability, .cinStart, .lastSeen, .cinClosure, .team, .worker]
        case .protection: return demographics + [.disability, .planStart, .lastStatutoryVisit, .latestReviewConference, .planEnd, .previousPlans, .team, .worker]
        case .lookedAfter: return demographics + [.disability, .lookedAfterStart, .latestReview, .lastSocialWorkVisit, .lastHealthAssessment,
                                                  .lastDentalCheck, .placementsInLast12Months, .ceased, .missingEpisodes, .returnInterviewOffered, .team, .worker]
        case .careLeavers: return demographics + [.disability, .team, .worker, .inTouch, .accommodationSuitability, .activityStatus]
        case .adoption: return demographics + [.disability, .enteredCare, .placementOrder, .matched, .placedForAdoption]
        case .adopters: return [.adopterID]
        }
    }

    /// Columns without which the list's measures cannot be computed: reported when absent.
    var requiredFields: [AnnexAField] {
        switch self {
        case .referrals: [.childID, .referralDate]
        case .assessments: [.childID, .assessmentStart]
        case .section47: [.childID, .strategyDiscussion]
        case .childInNeed: [.childID, .cinStart]
        case .protection: [.childID, .planStart]
        case .lookedAfter: [.childID, .lookedAfterStart]
        case .careLeavers: [.childID]
        case .adoption: [.childID]
        case .contacts, .earlyHelp: [.childID]
        case .adopters: [.adopterID]
        }
    }
}

/// One Annex A column, with the header names it goes by.
public enum AnnexAField: String, Sendable, CaseIterable {
    case childID, gender, ethnicity, dateOfBirth, age, disability, team, worker
    case contactDate, earlyHelpStart, earlyHelpCompleted
    case referralDate, referralNFA, referralsInLast12Months
    case assessmentStart, childSeen, assessmentAuthorised
    case strategyDiscussion, conferenceUnnecessary, conferenceDate
    case cinStart, lastSeen, cinClosure
    case planStart, lastStatutoryVisit, latestReviewConference, planEnd, previousPlans
    case lookedAfterStart, latestReview, lastSocialWorkVisit, lastHealthAssessment, lastDentalCheck
    case placementsInLast12Months, ceased, missingEpisodes, returnInterviewOffered
    case inTouch, accommodationSuitability, activityStatus
    case enteredCare, placementOrder, matched, placedForAdoption
    case adopterID

    /// The header as the 2019 template writes it, then aliases seen in real returns.
    public var headers: [String] {
        switch self {
        case .childID: ["Child Unique ID", "Child ID", "Unique ID", "Child Unique Identifier", "Child Identifier"]
        case .gender: ["Gender", "Sex"]
        case .ethnicity: ["Ethnicity", "Ethnic Origin"]
        case .dateOfBirth: ["Date of Birth", "DOB"]
        case .age: ["Age of Child (Years)", "Age", "Age of Child", "Age (Years)"]
        case .disability: ["Does the Child have a Disability", "Disability", "Disabled"]
        case .team: ["Allocated Team", "Team"]
        case .worker: ["Allocated Worker", "Worker", "Allocated Social Worker"]
        case .contactDate: ["Date of Contact", "Contact Date"]
        case .earlyHelpStart: ["Assessment start date"]
        case .earlyHelpCompleted: ["Assessment completion date"]
        case .referralDate: ["Date of referral", "Referral Date"]
        case .referralNFA: ["Referral NFA?", "Referral NFA", "NFA"]
        case .referralsInLast12Months: ["Number of Referrals in Last 12 Months", "Referrals in Last 12 Months"]
        case .assessmentStart: ["Continuous Assessment Start Date", "Assessment Start Date"]
        case .childSeen: ["Child Seen During Continuous Assessment", "Child Seen During Assessment", "Child Seen"]
        case .assessmentAuthorised: ["Continuous Assessment Date of Authorisation", "Assessment Date of Authorisation", "Date of Authorisation", "Assessment Authorisation Date"]
        case .strategyDiscussion: ["Strategy discussion initiating Section 47 Enquiry Start Date", "Section 47 Enquiry Start Date", "Strategy Discussion Date", "S47 Start Date"]
        case .conferenceUnnecessary: ["Was an Initial Child Protection Conference deemed unnecessary?", "ICPC Deemed Unnecessary"]
        case .conferenceDate: ["Date of Initial Child Protection Conference", "ICPC Date", "Initial Child Protection Conference Date"]
        case .cinStart: ["CIN Start Date", "Child in Need Start Date"]
        case .lastSeen: ["Date Child Was Last Seen", "Date Last Seen"]
        case .cinClosure: ["CIN Closure Date", "Child in Need Closure Date"]
        case .planStart: ["Child Protection Plan Start Date", "CP Plan Start Date"]
        case .lastStatutoryVisit: ["Date of the Last Statutory Visit", "Date of Last Statutory Visit", "Last Statutory Visit"]
        case .latestReviewConference: ["Date of latest review conference", "Latest Review Conference", "Date of Latest Review Conference"]
        case .planEnd: ["Child Protection Plan End Date", "CP Plan End Date"]
        case .previousPlans: ["Number of Previous Child Protection Plans", "Previous Child Protection Plans"]
        case .lookedAfterStart: ["Date Started to be Looked After", "Date Started Looked After", "Date Became Looked After"]
        case .latestReview: ["Date of Latest Statutory Review", "Latest Statutory Review", "Date of Latest Review"]
        case .lastSocialWorkVisit: ["Date of Last Social Work Visit", "Last Social Work Visit"]
        case .lastHealthAssessment: ["Date of Last Health Assessment", "Last Health Assessment"]
        case .lastDentalCheck: ["Date of Last Dental Check", "Last Dental Check"]
        case .placementsInLast12Months: ["Number of Placements in the Last 12 months", "Number of Placements in Last 12 Months", "Placements in Last 12 Months"]
        case .ceased: ["Date Ceased to be Looked After", "Date Ceased Looked After"]
        case .missingEpisodes: ["Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months", "Number of Missing Episodes in Last 12 Months", "Missing Episodes"]
        case .returnInterviewOffered: ["Was the child offered a Return Interview after their last missing episode (Y/N)?", "Return Interview Offered"]
        case .inTouch: ["LA In Touch", "In Touch"]
        case .accommodationSuitability: ["Suitability of Accommodation", "Accommodation Suitability"]
        case .activityStatus: ["Activity Status", "Activity"]
        case .enteredCare: ["Date the Child Entered Care", "Date Entered Care"]
        case .placementOrder: ["Date of Placement Order", "Placement Order Date"]
        case .matched: ["Date of Matching Child and Prospective Adopters", "Date of Match", "Date Matched"]
        case .placedForAdoption: ["Date Placed for Adoption", "Placed for Adoption Date"]
        case .adopterID: ["Individual adopter identifier"]
        }
    }

    var isDate: Bool {
        switch self {
        case .dateOfBirth, .contactDate, .earlyHelpStart, .earlyHelpCompleted, .referralDate, .assessmentStart,
             .assessmentAuthorised, .strategyDiscussion, .conferenceDate, .cinStart, .lastSeen, .cinClosure, .planStart,
             .lastStatutoryVisit, .latestReviewConference, .planEnd, .lookedAfterStart, .latestReview, .lastSocialWorkVisit,
             .lastHealthAssessment, .lastDentalCheck, .ceased, .enteredCare, .placementOrder, .matched, .placedForAdoption:
            true
        default: false
        }
    }

    /// Folded header texts → field, built once.
    static let byHeader: [String: AnnexAField] = {
        var map: [String: AnnexAField] = [:]
        for field in AnnexAField.allCases {
            for header in field.headers where map[HeaderText.key(header)] == nil { map[HeaderText.key(header)] = field }
        }
        return map
    }()
}

/// Header and code matching: case, spacing, punctuation, curly quotes and "(DD/MM/YYYY)"
/// suffixes do not matter.
public enum HeaderText {
    /// Lower-cased with curly quotes straightened.
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: scalars.append(Unicode.Scalar(scalar.value + 32)!)
            case 0x2018, 0x2019: scalars.append("'")
            case 0x201C, 0x201D: scalars.append("\"")
            case 0...0x7F: scalars.append(scalar)
            default: scalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(scalars)
    }

    /// The matching key: letters and digits only, lower-cased, with a date-format hint such as
    /// `(DD/MM/YYYY)` removed.
    public static func key(_ text: String) -> String {
        var folded = fold(text)
        // Character tests: Foundation's substring search is slow on Linux and this runs per row.
        if folded.contains(where: { $0 == "/" || $0 == "(" }) {
            for hint in ["(dd/mm/yyyy)", "(dd/mm/yy)", "(dd-mm-yyyy)", "dd/mm/yyyy", "(yyyy-mm-dd)"] {
                folded = folded.replacingOccurrences(of: hint, with: "")
            }
        }
        return alphanumerics(folded)
    }

    /// Letters and digits only (already folded text).
    static func alphanumerics(_ folded: String) -> String {
        var scalars = String.UnicodeScalarView()
        // ASCII is settled without a Unicode property lookup, which this runs per cell.
        for scalar in folded.unicodeScalars where scalar.isASCII
            ? ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            : scalar.properties.isAlphabetic {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// A code without its list letter: `a) Yes` → `yes`, `F1: Full time…` → `f1: full time…`.
    public static func code(_ text: String) -> String {
        var value = fold(text).trimmed
        let scalars = value.unicodeScalars
        if scalars.count >= 2, let first = scalars.first, ("a"..."z").contains(first),
           scalars[scalars.index(after: scalars.startIndex)] == ")" {
            value = String(value.unicodeScalars.dropFirst(2)).trimmed
        }
        return value
    }

    /// Yes, no or unknown from `a) Yes`, `Y`, `yes`, `b) No`, `N`, `c) Unknown`…; nil for a code
    /// that is none of these.
    public static func yesNo(_ text: String) -> YesNo? {
        switch alphanumerics(code(text)) {
        case "yes", "y", "true", "1": .yes
        case "no", "n", "false", "0": .no
        case "unknown", "u", "notknown", "notrecorded", "notstated": .unknown
        default: nil
        }
    }
}

/// Dates as spreadsheets and exports hold them.
public enum DateText {
    /// A day from a cell: an Excel date, an Excel serial number, or text as `dd/mm/yyyy`,
    /// `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` or ISO `yyyy-mm-dd` (a time after it is ignored).
    public static func day(_ cell: CellValue) -> Day? {
        switch cell {
        case .date(let date): return Day(year: date.year, month: date.month, day: date.day)
        case .number(let serial):
            // 1900 system: serial 25569 is 1970-01-01; serials before 61 are not dates we expect.
            guard serial >= 61, serial < 2_958_466 else { return nil }
            return Day(ordinal: Int(serial.rounded(.down)) - 25_569)
        case .text(let text): return day(text)
        default: return nil
        }
    }

    public static func day(_ text: String) -> Day? {
        let trimmed = text.trimmed
        let datePart = trimmed.prefix { $0 != " " && $0 != "T" }
        if datePart.count == 10, datePart.dropFirst(4).first == "-" { return Day(iso: String(datePart)) }
        let pieces = datePart.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard pieces.count == 3, pieces[2].count == 4, pieces[0].count <= 2, pieces[1].count <= 2,
              let d = Int(pieces[0]), let m = Int(pieces[1]), let y = Int(pieces[2]) else {
            // A serial number kept as text.
            if let serial = Double(trimmed), serial >= 61, serial < 2_958_466 { return Day(ordinal: Int(serial) - 25_569) }
            return nil
        }
        return Day(year: y, month: m, day: d)
    }

    /// A date-time from ISO 8601 local time (`2024-03-28T14:05`, seconds allowed) or
    /// `dd/mm/yyyy hh:mm`; a date alone gives a stamp without a time.
    public static func stamp(_ text: String) -> Stamp? {
        let trimmed = text.trimmed
        if let moment = Moment(iso: trimmed) { return Stamp(moment) }
        guard let day = day(trimmed) else { return nil }
        let rest = String(trimmed.drop { $0 != " " && $0 != "T" }.dropFirst()).trimmed
        if rest.isEmpty { return Stamp(day: day) }
        let clock = rest.split(separator: ":")
        guard clock.count >= 2, let h = Int(clock[0]), let m = Int(clock[1].prefix(2)),
              let moment = Moment(day: day, hour: h, minute: m) else { return nil }
        return Stamp(moment)
    }
}

/// Reads an Ofsted Annex A workbook (2019 or 2024 layout) into records. Sheets are found by
/// name (`List_4`, `List 4`…), the header row by its child id column, columns by header with
/// tolerant matching. Every unusable value goes to `MeasureInputs.dataQuality`; nothing stops
/// the read except a file that is not a workbook.
public enum AnnexAReader {
    /// Reads a workbook file: every list a measure reads, or only `lists`. `progress` is called
    /// with each list as it starts.
    public static func read(url: URL, lists: Set<AnnexAList>? = nil, progress: ((AnnexAList) -> Void)? = nil) throws -> MeasureInputs {
        try read(XLSXReader(url: url), lists: lists, progress: progress)
    }

    /// Reads a workbook held in memory; an upload passes `ReadingLimits.upload`.
    public static func read(data: Data, fileName: String, limits: ReadingLimits = .standard) throws -> MeasureInputs {
        try read(XLSXReader(data: data, fileName: fileName, limits: limits), lists: nil, progress: nil)
    }

    static func read(_ reader: XLSXReader, lists: Set<AnnexAList>?, progress: ((AnnexAList) -> Void)?) throws -> MeasureInputs {
        var inputs = MeasureInputs()
        for name in reader.sheetNames {
            guard let list = AnnexAList.from(sheetName: name), lists?.contains(list) ?? true else { continue }
            switch list {
            case .contacts, .earlyHelp, .adopters: continue // no measure reads these lists
            default: break
            }
            progress?(list)
            var sheet = SheetReading(list: list, sheet: name)
            try reader.forEachRow(inSheet: name) { row in sheet.take(row, into: &inputs) }
            sheet.finish(into: &inputs)
        }
        return inputs
    }

    /// The header row a sheet's columns are found from: which field each column holds.
    /// Returns nil when the row holds no child id header.
    public static func columns(ofHeaderRow cells: [CellValue], list: AnnexAList) -> [AnnexAField: Int]? {
        var map: [AnnexAField: Int] = [:]
        let wanted = Set(list.fields)
        for (index, cell) in cells.enumerated() {
            guard case .text(let text) = cell, let field = AnnexAField.byHeader[HeaderText.key(text)],
                  wanted.contains(field), map[field] == nil else { continue }
            map[field] = index
        }
        let idField: AnnexAField = list == .adopters ? .adopterID : .childID
        return map[idField] == nil ? nil : map
    }
}

/// The state of reading one sheet.
struct SheetReading {
    let list: AnnexAList
    let sheet: String
    var columns: [AnnexAField: Int]?
    var headerTexts: [AnnexAField: String] = [:]
    var rowsSeen = 0

    init(list: AnnexAList, sheet: String) {
        self.list = list
        self.sheet = sheet
    }

    mutating func take(_ row: TableRow, into inputs: inout MeasureInputs) {
        guard let columns else {
            rowsSeen += 1
            if let found = AnnexAReader.columns(ofHeaderRow: row.cells, list: list) {
                columns = found
                for (field, index) in found { headerTexts[field] = row.cells[index].text.trimmed }
                inputs.supplied.insert(list.key)
                for field in list.requiredFields where found[field] == nil {
                    inputs.dataQuality.append(DataQualityIssue(sheet: sheet, row: row.number, column: field.headers[0],
                                                               reason: "no column '\(field.headers[0])' in the header row"))
                }
            }
            return
        }
        var cells = RowCells(row: row, columns: columns, headerTexts: headerTexts, sheet: sheet)
        let id = cells.text(.childID)
        guard let id else {
            inputs.dataQuality.append(DataQualityIssue(sheet: sheet, row: row.number, column: "Child Unique ID",
                                                       reason: "no child id: row not used", rowDropped: true))
            return
        }
        let source = RecordSource(sheet: sheet, row: row.number)
        var child = ChildDetails(childID: id, gender: cells.code(.gender), ethnicity: cells.code(.ethnicity),
                                 dateOfBirth: cells.date(.dateOfBirth), statedAge: cells.int(.age),
                                 disability: cells.code(.disability), team: cells.text(.team), worker: cells.text(.worker))
        if child.disability != nil { child.disability = child.disability.map { HeaderText.yesNo($0)?.rawValue ?? $0 } }
        switch list {
        case .referrals:
            var record = Referral(source: source, child: child, date: cells.date(.referralDate, required: true),
                                  nfa: cells.yesNo(.referralNFA), referralsInLast12Months: cells.int(.referralsInLast12Months))
            record.unusable = cells.unusable
            inputs.referrals.append(record)
        case .assessments:
            let start = cells.date(.assessmentStart, required: true)
            let authorised = cells.date(.assessmentAuthorised)
            cells.order(start, before: authorised, .assessmentAuthorised, "authorised before the assessment started")
            var record = Assessment(source: source, child: child, start: start, childSeen: cells.yesNo(.childSeen), authorised: authorised)
            record.unusable = cells.unusable
            inputs.assessments.append(record)
        case .section47:
            let start = cells.date(.strategyDiscussion, required: true)
            let conference = cells.date(.conferenceDate)
            cells.order(start, before: conference, .conferenceDate, "conference before the strategy discussion")
            var record = Section47Enquiry(source: source, child: child, strategyDiscussion: start,
                                          conferenceDeemedUnnecessary: cells.yesNo(.conferenceUnnecessary), conference: conference)
            record.unusable = cells.unusable
            inputs.enquiries.append(record)
        case .childInNeed:
            let start = cells.date(.cinStart, required: true)
            let closure = cells.date(.cinClosure)
            cells.order(start, before: closure, .cinClosure, "closed before it started")
            var record = ChildInNeedEpisode(source: source, child: child, start: start, lastSeen: cells.date(.lastSeen), closure: closure)
            record.unusable = cells.unusable
            inputs.childInNeed.append(record)
        case .protection:
            let start = cells.date(.planStart, required: true)
            let end = cells.date(.planEnd)
            let review = cells.date(.latestReviewConference)
            cells.order(start, before: end, .planEnd, "plan ended before it started")
            cells.order(start, before: review, .latestReviewConference, "review conference before the plan started")
            var record = ProtectionPlan(source: source, child: child, start: start, lastStatutoryVisit: cells.date(.lastStatutoryVisit),
                                        latestReviewConference: review, end: end, previousPlans: cells.int(.previousPlans))
            record.unusable = cells.unusable
            inputs.protectionPlans.append(record)
        case .lookedAfter:
            let start = cells.date(.lookedAfterStart, required: true)
            let ceased = cells.date(.ceased)
            let review = cells.date(.latestReview)
            cells.order(start, before: ceased, .ceased, "ceased before starting to be looked after")
            cells.order(start, before: review, .latestReview, "review before starting to be looked after")
            var record = LookedAfterChild(
                source: source, child: child, start: start, latestReview: review,
                lastSocialWorkVisit: cells.date(.lastSocialWorkVisit), lastHealthAssessment: cells.date(.lastHealthAssessment),
                lastDentalCheck: cells.date(.lastDentalCheck), placementsInLast12Months: cells.int(.placementsInLast12Months),
                ceased: ceased, missingEpisodesInLast12Months: cells.int(.missingEpisodes),
                returnInterviewOffered: cells.yesNo(.returnInterviewOffered))
            record.unusable = cells.unusable
            inputs.lookedAfter.append(record)
        case .careLeavers:
            var suitable: Bool?
            if let text = cells.code(.accommodationSuitability) {
                switch HeaderText.key(text) {
                case "suitable": suitable = true
                case "unsuitable", "notsuitable": suitable = false
                default: cells.bad(.accommodationSuitability, "unknown code '\(text)'")
                }
            }
            var activity: String?
            if let text = cells.code(.activityStatus) {
                let code = String(text.prefix { $0.isLetter || $0.isNumber }).uppercased()
                if code.count == 2, code.first!.isLetter, code.last!.isNumber { activity = code }
                else { cells.bad(.activityStatus, "unknown code '\(text)'") }
            }
            var inTouch: String?
            if let text = cells.code(.inTouch) {
                let key = HeaderText.key(text)
                switch key {
                case "yes", "y": inTouch = "yes"
                case "no", "n": inTouch = "no"
                case "died", "refu", "refused", "nreq", "notrequired": inTouch = key
                default: cells.bad(.inTouch, "unknown code '\(text)'")
                }
            }
            var record = CareLeaver(source: source, child: child, inTouch: inTouch, accommodationSuitable: suitable, activity: activity)
            record.unusable = cells.unusable
            inputs.careLeavers.append(record)
        case .adoption:
            let entered = cells.date(.enteredCare)
            let order = cells.date(.placementOrder)
            let matched = cells.date(.matched)
            let placed = cells.date(.placedForAdoption)
            cells.order(entered, before: placed, .placedForAdoption, "placed for adoption before entering care")
            cells.order(order, before: matched, .matched, "matched before the placement order")
            var record = AdoptionRecord(source: source, child: child, enteredCare: entered, placementOrder: order, matched: matched, placed: placed)
            record.unusable = cells.unusable
            inputs.adoptions.append(record)
        case .contacts, .earlyHelp, .adopters:
            break
        }
        inputs.dataQuality += cells.issues
    }

    mutating func finish(into inputs: inout MeasureInputs) {
        if columns == nil {
            inputs.dataQuality.append(DataQualityIssue(sheet: sheet, row: nil, column: nil,
                                                       reason: "no header row with a 'Child Unique ID' column: sheet not used"))
        }
    }
}

/// One row's cells, read by field, collecting problems.
struct RowCells {
    let row: TableRow
    let columns: [AnnexAField: Int]
    let headerTexts: [AnnexAField: String]
    let sheet: String
    var issues: [DataQualityIssue] = []
    var unusable: Set<String> = []

    init(row: TableRow, columns: [AnnexAField: Int], headerTexts: [AnnexAField: String], sheet: String) {
        self.row = row
        self.columns = columns
        self.headerTexts = headerTexts
        self.sheet = sheet
    }

    func cell(_ field: AnnexAField) -> CellValue {
        guard let index = columns[field], index < row.cells.count else { return .empty }
        return row.cells[index]
    }

    func header(_ field: AnnexAField) -> String { headerTexts[field] ?? field.headers[0] }

    mutating func bad(_ field: AnnexAField, _ reason: String) {
        issues.append(DataQualityIssue(sheet: sheet, row: row.number, column: header(field), reason: reason))
        unusable.insert(field.rawValue)
    }

    func text(_ field: AnnexAField) -> String? {
        let value = cell(field)
        if value.isBlank { return nil }
        let text = value.text.trimmed
        return text.isEmpty ? nil : text
    }

    /// A code as written, without its list letter.
    func code(_ field: AnnexAField) -> String? {
        text(field).map { original in
            // Keep the original capitalisation of what follows the letter.
            var scalars = original.unicodeScalars.makeIterator()
            guard let first = scalars.next(), let second = scalars.next(), second == ")",
                  ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return original }
            return String(original.unicodeScalars.dropFirst(2)).trimmed
        }
    }

    mutating func date(_ field: AnnexAField, required: Bool = false) -> Day? {
        let value = cell(field)
        if value.isBlank {
            if required { bad(field, "missing date") }
            return nil
        }
        if case .error(let code) = value { bad(field, "error value \(code)"); return nil }
        guard let day = DateText.day(value) else {
            bad(field, "'\(value.text)' is not a date")
            return nil
        }
        return day
    }

    mutating func int(_ field: AnnexAField) -> Int? {
        switch cell(field) {
        case .number(let n) where n >= 0 && n.rounded() == n && n < 1e9: return Int(n)
        case let value where value.isBlank: return nil
        case let value:
            if let n = Int(value.text.trimmed), n >= 0 { return n }
            bad(field, "'\(value.text)' is not a whole number")
            return nil
        }
    }

    mutating func yesNo(_ field: AnnexAField) -> YesNo? {
        guard let text = text(field) else { return nil }
        guard let answer = HeaderText.yesNo(text) else {
            bad(field, "unknown code '\(text)'")
            return nil
        }
        return answer
    }

    /// Marks `later` unusable when it is before `earlier`.
    mutating func order(_ earlier: Day?, before later: Day?, _ field: AnnexAField, _ reason: String) {
        guard let earlier, let later, later < earlier else { return }
        bad(field, "\(reason) (\(later.iso) is before \(earlier.iso))")
    }
}

extension Unicode.Scalar {
    /// White space, with ASCII settled without a Unicode property lookup (this runs per cell).
    var isSpace: Bool {
        isASCII ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines. Foundation's
    /// `trimmingCharacters(in:)` goes through NSString on Linux and was a third of the reading time.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
