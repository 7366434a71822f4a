import Core
import Documents
import Foundation

/// Reads the CSV files of an SSDA903 return (children looked after and care leavers) into
/// `MeasureInputs.ssda903`. Each file's table is found from its header (the DfE's column names,
/// in any order, any case), so files may be named anything and come in any number; dates may be
/// `dd/mm/yyyy` (the DfE's), `yyyy-mm-dd` or `d/m/yy`. Every unusable value goes to
/// `MeasureInputs.dataQuality` naming the file, line and column; a row without a child id is
/// dropped. Only a file that cannot be read at all (over a limit, say) stops the read.
public enum SSDA903Reader {
    /// The table a CSV holds, from its header row; nil when it is not an SSDA903 table.
    /// A header names a table when it holds every one of the table's distinctive columns; when
    /// several do (a header with extra columns), the table with the most columns present wins.
    public static func table(forHeader header: [String]) -> SSDA903Table? {
        let present = Set(header.map(SSDA903Table.columnKey))
        guard present.contains("CHILD") else { return nil }
        var best: (table: SSDA903Table, matched: Int)?
        for table in SSDA903Table.allCases where table.distinctiveColumns.allSatisfy(present.contains) {
            let matched = table.columns.filter(present.contains).count
            if best == nil || matched > best!.matched { best = (table, matched) }
        }
        return best?.table
    }

    /// Every `.csv` file in a folder (other files are left alone; a CSV that is not an SSDA903
    /// table is reported in the data-quality list).
    public static func read(folder: URL, limits: ReadingLimits = .standard) throws -> MeasureInputs {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var inputs = MeasureInputs()
        for name in names where name.lowercased().hasSuffix(".csv") {
            let document = try CSVReader.read(url: folder.appendingPathComponent(name), limits: limits)
            inputs.merge(read(rows: document.tables.first?.rows ?? [], fileName: name))
        }
        return inputs
    }

    /// Files held in memory, one upload of several files; an upload passes `ReadingLimits.upload`.
    /// Throws `DocumentError` (naming the file) when a file is over a limit or not text.
    public static func read(files: [(fileName: String, data: Data)], limits: ReadingLimits = .standard) throws -> MeasureInputs {
        var inputs = MeasureInputs()
        for file in files {
            let document = try CSVReader.read(data: file.data, fileName: file.fileName, limits: limits)
            inputs.merge(read(rows: document.tables.first?.rows ?? [], fileName: file.fileName))
        }
        return inputs
    }

    /// One file's rows, the first being the header.
    public static func read(rows: [TableRow], fileName: String) -> MeasureInputs {
        var inputs = MeasureInputs()
        guard let header = rows.first else {
            inputs.dataQuality.append(DataQualityIssue(sheet: fileName, row: nil, column: nil, reason: "empty file: not used"))
            return inputs
        }
        let headerTexts = header.cells.map(\.text)
        guard let table = table(forHeader: headerTexts) else {
            let shown = headerTexts.prefix(8).map { String($0.prefix(40)) }.joined(separator: ", ")
            inputs.dataQuality.append(DataQualityIssue(
                sheet: fileName, row: header.number, column: nil,
                reason: "not an SSDA903 table: the header (\(shown)) does not hold the columns of any of them: file not used"))
            return inputs
        }
        inputs.supplied.insert(table.key)
        var positions: [String: Int] = [:]
        for (index, text) in headerTexts.enumerated() {
            let key = SSDA903Table.columnKey(text)
            if positions[key] == nil { positions[key] = index }
        }
        for column in table.columns where positions[column] == nil {
            inputs.dataQuality.append(DataQualityIssue(sheet: fileName, row: header.number, column: column,
                                                       reason: "no column '\(column)' in the \(table.title) header"))
        }
        var tableRows = SSDA903Return()
        for row in rows.dropFirst() where !row.isBlank {
            var cells = SSDA903Cells(row: row, positions: positions, fileName: fileName)
            guard let child = cells.text("CHILD") else {
                inputs.dataQuality.append(DataQualityIssue(sheet: fileName, row: row.number, column: "CHILD",
                                                           reason: "no child id: row not used", rowDropped: true))
                continue
            }
            let source = RecordSource(sheet: fileName, row: row.number)
            switch table {
            case .header:
                var record = SSDA903Child(source: source, childID: child, sex: cells.code("SEX", SSDA903Codes.sex),
                                          dateOfBirth: cells.date("DOB", required: true),
                                          ethnicity: cells.code("ETHNIC", SSDA903Codes.ethnicity), upn: cells.text("UPN"),
                                          mother: cells.code("MOTHER", SSDA903Codes.flag),
                                          motherChildDateOfBirth: cells.date("MC_DOB"))
                record.unusable = cells.unusable
                tableRows.children.append(record)
            case .episodes:
                let start = cells.date("DECOM", required: true), end = cells.date("DEC")
                cells.order(start, before: end, "DEC", "episode ended before it started")
                var record = SSDA903Episode(
                    source: source, childID: child, start: start, reasonNewEpisode: cells.code("RNE", SSDA903Codes.reasonNewEpisode),
                    legalStatus: cells.code("LS", SSDA903Codes.legalStatus), categoryOfNeed: cells.code("CIN", SSDA903Codes.categoryOfNeed),
                    placement: cells.code("PLACE", SSDA903Codes.placement),
                    placementProvider: cells.code("PLACE_PROVIDER", SSDA903Codes.placementProvider), end: end,
                    reasonEnded: cells.code("REC", SSDA903Codes.reasonEnded),
                    reasonPlaceChange: cells.code("REASON_PLACE_CHANGE", SSDA903Codes.reasonPlaceChange),
                    homePostcode: cells.text("HOME_POST"), placementPostcode: cells.text("PL_POST"), urn: cells.text("URN"))
                record.unusable = cells.unusable
                tableRows.episodes.append(record)
            case .reviews:
                var record = SSDA903Review(source: source, childID: child, dateOfBirth: cells.date("DOB"),
                                           date: cells.date("REVIEW", required: true),
                                           participation: cells.code("REVIEW_CODE", SSDA903Codes.participation))
                record.unusable = cells.unusable
                tableRows.reviews.append(record)
            case .uasc:
                var record = SSDA903UASC(source: source, childID: child, sex: cells.code("SEX", SSDA903Codes.sex),
                                         dateOfBirth: cells.date("DOB"), ceased: cells.date("DUC"))
                record.unusable = cells.unusable
                tableRows.uasc.append(record)
            case .oc2:
                var record = SSDA903Outcomes(source: source, childID: child, dateOfBirth: cells.date("DOB"))
                record.sdqScore = cells.number("SDQ_SCORE", 0...40)
                record.sdqReason = cells.code("SDQ_REASON", SSDA903Codes.sdqReason)
                record.convicted = cells.flag("CONVICTED")
                record.healthCheck = cells.flag("HEALTH_CHECK")
                record.immunisations = cells.flag("IMMUNISATIONS")
                record.teethCheck = cells.flag("TEETH_CHECK")
                record.healthAssessment = cells.flag("HEALTH_ASSESSMENT")
                record.substanceMisuse = cells.flag("SUBSTANCE_MISUSE")
                record.interventionReceived = cells.flag("INTERVENTION_RECEIVED")
                record.interventionOffered = cells.flag("INTERVENTION_OFFERED")
                record.unusable = cells.unusable
                tableRows.outcomes.append(record)
            case .oc3:
                var record = SSDA903CareLeaver(source: source, childID: child, dateOfBirth: cells.date("DOB"),
                                               inTouch: cells.code("IN_TOUCH", SSDA903Codes.inTouch),
                                               activity: cells.code("ACTIV", SSDA903Codes.activity),
                                               accommodation: cells.code("ACCOM", SSDA903Codes.accommodation))
                record.unusable = cells.unusable
                tableRows.careLeavers.append(record)
            case .ad1:
                let decision = cells.date("DATE_INT"), matched = cells.date("DATE_MATCH")
                cells.order(decision, before: matched, "DATE_MATCH", "matched before the decision to place for adoption")
                var record = SSDA903Adoption(source: source, childID: child, dateOfBirth: cells.date("DOB"), decision: decision,
                                             matched: matched, byFosterCarers: cells.flag("FOSTER_CARE"))
                record.numberOfAdopters = cells.code("NB_ADOPTR", SSDA903Codes.numberOfAdopters)
                record.sexOfAdopters = cells.code("SEX_ADOPTR", SSDA903Codes.sexOfAdopters)
                record.legalStatusOfAdopters = cells.code("LS_ADOPTR", SSDA903Codes.legalStatusOfAdopters)
                record.unusable = cells.unusable
                tableRows.adoptions.append(record)
            case .placedForAdoption:
                let decision = cells.date("DATE_PLACED", required: true), reversed = cells.date("DATE_PLACED_CEASED")
                cells.order(decision, before: reversed, "DATE_PLACED_CEASED", "decision reversed before it was made")
                var record = SSDA903PlacedForAdoption(source: source, childID: child, dateOfBirth: cells.date("DOB"), decision: decision,
                                                      reversed: reversed,
                                                      reasonReversed: cells.code("REASON_PLACED_CEASED", SSDA903Codes.reasonReversed))
                record.unusable = cells.unusable
                tableRows.placedForAdoption.append(record)
            case .previousPermanence:
                var record = SSDA903PreviousPermanence(source: source, childID: child, dateOfBirth: cells.date("DOB"),
                                                       option: cells.code("PREV_PERM", SSDA903Codes.previousPermanence),
                                                       localAuthority: cells.text("LA_PERM"), date: cells.text("DATE_PERM"))
                record.unusable = cells.unusable
                tableRows.previousPermanence.append(record)
            case .missing:
                let start = cells.date("MIS_START", required: true), end = cells.date("MIS_END")
                cells.order(start, before: end, "MIS_END", "returned before going missing")
                var record = SSDA903MissingEpisode(source: source, childID: child, dateOfBirth: cells.date("DOB"),
                                                   kind: cells.code("MISSING", SSDA903Codes.missing), start: start, end: end)
                record.unusable = cells.unusable
                tableRows.missing.append(record)
            case .socialWorkerEpisodes:
                let start = cells.date("SW_DECOM", required: true), end = cells.date("SW_DEC")
                cells.order(start, before: end, "SW_DEC", "ended before it started")
                var record = SSDA903SocialWorkerEpisode(source: source, childID: child, dateOfBirth: cells.date("DOB"),
                                                        workerID: cells.text("SW_ID"), start: start, end: end,
                                                        reason: cells.text("SW_REASON")?.uppercased())
                record.unusable = cells.unusable
                tableRows.socialWorkerEpisodes.append(record)
            }
            inputs.dataQuality += cells.issues
        }
        inputs.ssda903 = tableRows
        return inputs
    }

    /// A day as councils export them: `dd/mm/yyyy` (the DfE's), `yyyy-mm-dd`, `d/m/yyyy`, or with
    /// a two-digit year `d/m/yy` (00–69 read as 2000–2069, 70–99 as 1970–1999: the return holds
    /// children's and their mothers' birth dates, none before 1970). A time after the date is ignored.
    public static func day(_ text: String) -> Day? {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty, trimmed.utf8.count <= 40 else { return nil }
        if let day = DateText.day(trimmed) { return day }
        let datePart = trimmed.prefix { $0 != " " && $0 != "T" }
        let pieces = datePart.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard pieces.count == 3, pieces[2].count == 2, (1...2).contains(pieces[0].count), (1...2).contains(pieces[1].count),
              let d = Int(pieces[0]), let m = Int(pieces[1]), let yy = Int(pieces[2]), yy >= 0 else { return nil }
        return Day(year: yy < 70 ? 2000 + yy : 1900 + yy, month: m, day: d)
    }
}

/// The DfE's code lists (SSDA903 guidance; the same lists `csc-validator-be-903` checks).
enum SSDA903Codes {
    static let sex: Set<String> = ["1", "2"]
    static let flag: Set<String> = ["0", "1"]
    static let ethnicity: Set<String> = ["WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
                                         "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]
    static let reasonNewEpisode: Set<String> = ["S", "P", "L", "T", "U", "B"]
    static let legalStatus: Set<String> = ["C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3"]
    static let categoryOfNeed: Set<String> = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"]
    static let placement: Set<String> = ["A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
                                         "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"]
    static let placementProvider: Set<String> = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"]
    static let reasonEnded: Set<String> = ["E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48", "E5",
                                           "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17", "X1"]
    static let reasonPlaceChange: Set<String> = ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ",
                                                 "PLACE", "CUSTOD", "OTHER"]
    static let participation: Set<String> = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]
    static let sdqReason: Set<String> = ["SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"]
    static let inTouch: Set<String> = ["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"]
    static let activity: Set<String> = ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"]
    static let accommodation: Set<String> = ["B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2",
                                             "R1", "R2", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1", "Y2",
                                             "Z1", "Z2", "0"]
    static let numberOfAdopters: Set<String> = ["1", "2"]
    static let sexOfAdopters: Set<String> = ["M1", "F1", "MM", "FF", "MF"]
    static let legalStatusOfAdopters: Set<String> = ["L0", "L11", "L12", "L2", "L3", "L4"]
    static let reasonReversed: Set<String> = ["RD1", "RD2", "RD3", "RD4"]
    static let previousPermanence: Set<String> = ["P1", "P2", "P3", "P4", "Z1"]
    static let missing: Set<String> = ["M", "A"]
}

/// One row's cells, read by DfE column name, collecting problems.
struct SSDA903Cells {
    let row: TableRow
    let positions: [String: Int]
    let fileName: String
    var issues: [DataQualityIssue] = []
    var unusable: Set<String> = []

    init(row: TableRow, positions: [String: Int], fileName: String) {
        self.row = row
        self.positions = positions
        self.fileName = fileName
    }

    mutating func bad(_ column: String, _ reason: String) {
        issues.append(DataQualityIssue(sheet: fileName, row: row.number, column: column, reason: reason))
        unusable.insert(column)
    }

    func text(_ column: String) -> String? {
        guard let index = positions[column], index < row.cells.count else { return nil }
        let text = row.cells[index].text.trimmed
        return text.isEmpty ? nil : text
    }

    /// A value shown in a data-quality reason: short, whatever the file holds.
    static func shown(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "…" : text }

    /// A code from `codes`, upper-cased; an unknown code is reported and read as blank.
    mutating func code(_ column: String, _ codes: Set<String>) -> String? {
        guard let text = text(column) else { return nil }
        let code = text.uppercased()
        guard codes.contains(code) else {
            bad(column, "unknown code '\(Self.shown(text))'")
            return nil
        }
        return code
    }

    mutating func date(_ column: String, required: Bool = false) -> Day? {
        guard let text = text(column) else {
            if required { bad(column, "missing date") }
            return nil
        }
        guard let day = SSDA903Reader.day(text) else {
            bad(column, "'\(Self.shown(text))' is not a date")
            return nil
        }
        return day
    }

    /// A 0/1 answer.
    mutating func flag(_ column: String) -> Bool? {
        code(column, SSDA903Codes.flag).map { $0 == "1" }
    }

    mutating func number(_ column: String, _ range: ClosedRange<Int>) -> Int? {
        guard let text = text(column) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            bad(column, "'\(Self.shown(text))' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// Marks `later` unusable when it is before `earlier`.
    mutating func order(_ earlier: Day?, before later: Day?, _ column: String, _ reason: String) {
        guard let earlier, let later, later < earlier else { return }
        bad(column, "\(reason) (\(later.iso) is before \(earlier.iso))")
    }
}
