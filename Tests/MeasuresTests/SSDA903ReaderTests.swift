import Core
import Documents
import Foundation
import Testing
@testable import Measures

@Suite("SSDA903 reader")
struct SSDA903ReaderTests {
    static var folder: URL { Build.fixtures.appendingPathComponent("ssda903") }

    static func issues(_ inputs: MeasureInputs, _ file: String) -> [DataQualityIssue] {
        inputs.dataQuality.filter { $0.sheet == file }
    }

    @Test("every table is found from its header, in any column order and case, whatever the file is called")
    func tablesFromHeaders() {
        for table in SSDA903Table.allCases {
            #expect(SSDA903Reader.table(forHeader: table.columns) == table)
            #expect(SSDA903Reader.table(forHeader: table.columns.reversed().map { $0.lowercased() }) == table)
        }
        // UASC shares CHILD, SEX and DOB with the header; the header's own columns decide.
        #expect(SSDA903Reader.table(forHeader: ["CHILD", "SEX", "DOB", "DUC"]) == .uasc)
        #expect(SSDA903Reader.table(forHeader: ["\u{FEFF}Child", "mis start", "MIS_END", "missing"]) == .missing)
        // A header that leaves out a shared column is still recognised; one without CHILD is not.
        #expect(SSDA903Reader.table(forHeader: ["CHILD", "REVIEW", "REVIEW_CODE"]) == .reviews)
        #expect(SSDA903Reader.table(forHeader: ["ID", "REVIEW", "REVIEW_CODE"]) == nil)
        #expect(SSDA903Reader.table(forHeader: ["Ref", "Action", "Lead"]) == nil)
    }

    @Test("the hand-made return: every table read, values and codes as the DfE writes them")
    func handMadeReturn() throws {
        let inputs = try SSDA903Reader.read(folder: Self.folder)
        let r = inputs.ssda903
        #expect(Set(SSDA903Table.allCases.map(\.key)).isSubset(of: inputs.supplied))
        // Header
        #expect(r.children.map(\.childID) == ["101", "102", "103"])
        #expect(r.children[0].sex == "1" && r.children[0].genderText == "Male" && r.children[0].dateOfBirth == Day(2010, 5, 1))
        #expect(r.children[1].dateOfBirth == Day(2008, 2, 29) && r.children[1].ethnicity == "MWBC")
        #expect(r.children[1].mother == "1" && r.children[1].motherChildDateOfBirth == Day(2023, 3, 14))
        // Episodes: columns out of order, file named anything.
        #expect(r.episodes.count == 3)
        #expect(r.episodes[0].start == Day(2023, 4, 1) && r.episodes[0].end == Day(2023, 9, 15) && r.episodes[0].reasonEnded == "X1")
        #expect(r.episodes[1].placement == "U4" && r.episodes[1].end == nil && r.episodes[1].reasonPlaceChange == "CARPL")
        #expect(r.episodes[0].placementProvider == "PR1" && r.episodes[0].urn == "SC123456" && r.episodes[0].legalStatus == "C2")
        // Reviews: lower-case header, d/m/yy and ISO dates.
        #expect(r.reviews.map(\.date) == [Day(2023, 5, 8), Day(2023, 11, 30)])
        #expect(r.reviews[0].participation == "PN1" && r.reviews[1].participation == nil)
        #expect(r.uasc.first?.ceased == Day(2025, 6, 1) && r.uasc.first?.sex == "1")
        #expect(r.outcomes[0].sdqScore == 14 && r.outcomes[0].teethCheck == true && r.outcomes[0].convicted == false)
        #expect(r.outcomes[0].interventionOffered == nil)
        #expect(r.outcomes[1].sdqScore == nil && r.outcomes[1].sdqReason == "SDQ1" && r.outcomes[1].immunisations == nil)
        #expect(r.careLeavers[0].inTouch == "YES" && r.careLeavers[0].activity == "F2" && r.careLeavers[0].accommodation == "D1")
        #expect(r.careLeavers[1].inTouch == "NO" && r.careLeavers[1].accommodation == nil)
        #expect(r.adoptions.first?.byFosterCarers == true && r.adoptions.first?.sexOfAdopters == "MF")
        #expect(r.placedForAdoption.map(\.reversed) == [nil, Day(2022, 8, 1)] && r.placedForAdoption[1].reasonReversed == "RD1")
        #expect(r.previousPermanence.first?.option == "P2" && r.previousPermanence.first?.date == "zz/zz/2015")
        #expect(r.missing.map(\.kind) == ["M", "A"] && r.missing[0].end == Day(2023, 6, 4))
        #expect(r.socialWorkerEpisodes.first?.workerID == "SW0001" && r.socialWorkerEpisodes.first?.end == nil)
    }

    @Test("unusable values are named by file, line and column; a row without a child id is dropped")
    func unusableValues() throws {
        let inputs = try SSDA903Reader.read(folder: Self.folder)
        let header = Self.issues(inputs, "header.csv").map(\.description)
        #expect(header.contains("header.csv, row 4, column 'SEX': unknown code '3'"))
        #expect(header.contains("header.csv, row 4, column 'DOB': '31/02/2012' is not a date"))
        #expect(header.contains("header.csv, row 4, column 'ETHNIC': unknown code 'XXXX'"))
        #expect(Self.issues(inputs, "header.csv").contains { $0.row == 5 && $0.column == "CHILD" && $0.rowDropped })
        #expect(inputs.ssda903.children[2].unusable == ["SEX", "DOB", "ETHNIC"])
        let episodes = Self.issues(inputs, "episodes-any-name.csv")
        #expect(episodes.map(\.description) == ["episodes-any-name.csv, row 4, column 'DEC': episode ended before it started (2024-01-05 is before 2024-01-10)"])
        #expect(inputs.ssda903.episodes[2].unusable == ["DEC"])
        #expect(Self.issues(inputs, "reviews.csv").map(\.description) == ["reviews.csv, row 3, column 'REVIEW_CODE': unknown code 'pn9'"])
        #expect(Self.issues(inputs, "oc2.csv").map(\.description).sorted() == [
            "oc2.csv, row 3, column 'IMMUNISATIONS': unknown code 'yes'",
            "oc2.csv, row 3, column 'SDQ_SCORE': '41' is not a whole number from 0 to 40",
        ])
        #expect(Self.issues(inputs, "oc3.csv").map(\.description) == ["oc3.csv, row 3, column 'ACCOM': unknown code 'Q9'"])
        #expect(Self.issues(inputs, "ad1.csv").map(\.description) == ["ad1.csv, row 2, column 'DATE_MATCH': matched before the decision to place for adoption (2022-02-01 is before 2022-03-01)"])
        #expect(Self.issues(inputs, "missing.csv").map(\.description) == ["missing.csv, row 3, column 'MIS_END': returned before going missing (2023-06-09 is before 2023-06-10)"])
        #expect(Self.issues(inputs, "not-903.csv").count == 1)
        #expect(Self.issues(inputs, "not-903.csv").first?.reason.hasPrefix("not an SSDA903 table") == true)
        for file in ["uasc.csv", "placed_for_adoption.csv", "previous_permanence.csv", "sw_episodes.csv"] {
            #expect(Self.issues(inputs, file).isEmpty, "\(file)")
        }
    }

    @Test("a missing column is reported against the header and the rest of the table is read")
    func missingColumn() throws {
        let inputs = try SSDA903Reader.read(files: [("reviews.csv", Data("CHILD,REVIEW,REVIEW_CODE\n1,01/01/2024,PN4\n".utf8))])
        #expect(inputs.dataQuality.map(\.description) == ["reviews.csv, row 1, column 'DOB': no column 'DOB' in the Reviews header"])
        #expect(inputs.ssda903.reviews.first?.participation == "PN4")
    }

    @Test("dates in the formats councils export", arguments: [
        ("01/04/2024", Day(2024, 4, 1)), ("1/4/2024", Day(2024, 4, 1)), ("2024-04-01", Day(2024, 4, 1)),
        ("1/4/24", Day(2024, 4, 1)), ("29/02/24", Day(2024, 2, 29)), ("12/3/85", Day(1985, 3, 12)),
        ("01/04/2024 00:00:00", Day(2024, 4, 1)), ("01-04-2024", Day(2024, 4, 1)),
    ])
    func dates(text: String, day: Day) {
        #expect(SSDA903Reader.day(text) == day)
    }

    @Test("not dates", arguments: ["29/02/23", "32/01/2024", "2024-13-01", "yesterday", "1/4", "", "01/04/20245"])
    func notDates(text: String) {
        #expect(SSDA903Reader.day(text) == nil)
    }

    @Test("several files in one upload, as from a web form, merge into one return")
    func upload() throws {
        let names = ["header.csv", "episodes-any-name.csv", "reviews.csv"]
        let files = try names.map { ($0, try Data(contentsOf: Self.folder.appendingPathComponent($0))) }
        let inputs = try SSDA903Reader.read(files: files, limits: .upload)
        #expect(inputs.ssda903.children.count == 3 && inputs.ssda903.episodes.count == 3 && inputs.ssda903.reviews.count == 2)
        #expect(inputs.supplied == [SSDA903Table.header.key, SSDA903Table.episodes.key, SSDA903Table.reviews.key])
    }

    // MARK: Hostile files

    @Test("a file over the row limit is refused with an error naming the file")
    func tooManyRows() {
        var text = "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
        for n in 0..<10_001 { text += "\(n),01/01/2010,M,01/01/2024,02/01/2024\n" }
        let limits = ReadingLimits(maximumRowCount: 10_000)
        #expect {
            _ = try SSDA903Reader.read(files: [("missing.csv", Data(text.utf8))], limits: limits)
        } throws: { error in
            guard let error = error as? DocumentError, case .tooManyRows(10_000) = error.reason else { return false }
            return error.fileName == "missing.csv"
        }
        // The same file at the limit reads (10,000 rows with the header).
        let fits = String(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(10_000).joined(separator: "\n"))
        #expect((try? SSDA903Reader.read(files: [("missing.csv", Data(fits.utf8))], limits: limits))?.ssda903.missing.count == 9_999)
    }

    @Test("a file over the size limit is refused before it is read")
    func tooLarge() {
        let limits = ReadingLimits(maximumFileSize: 1_000)
        let data = Data(("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" + String(repeating: "1,1,01/01/2010,WBRI,,,\n", count: 100)).utf8)
        #expect {
            _ = try SSDA903Reader.read(files: [("header.csv", data)], limits: limits)
        } throws: { error in
            guard let error = error as? DocumentError, case .fileTooLarge = error.reason else { return false }
            return error.fileName == "header.csv"
        }
    }

    @Test("binary bytes and text in another encoding are reported, never a crash")
    func binaryAndEncoding() throws {
        var random = SeededRandom(seed: 903)
        let binary = Data((0..<4_096).map { _ in UInt8.random(in: 0...255, using: &random) })
        if let inputs = try? SSDA903Reader.read(files: [("binary.csv", binary)]) {
            #expect(inputs.ssda903.isEmpty)
            #expect(inputs.dataQuality.contains { $0.sheet == "binary.csv" })
        }
        // UTF-16 with a byte order mark: not the DfE's encoding; either refused with the file
        // named or read as text that holds no table.
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("CHILD,SEX,DOB,DUC\n1,1,01/01/2010,\n".data(using: .utf16LittleEndian)!)
        do {
            let inputs = try SSDA903Reader.read(files: [("uasc.csv", utf16)])
            #expect(inputs.ssda903.uasc.allSatisfy { $0.childID == "1" })
        } catch let error as DocumentError {
            #expect(error.fileName == "uasc.csv")
        }
        // Windows-1252 (a council's export from Excel): the header still names the table.
        let latin = Data("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n\u{e9}1,1,01/01/2010,WBRI,,,\n".data(using: .windowsCP1252)!)
        let inputs = try SSDA903Reader.read(files: [("header.csv", latin)])
        #expect(inputs.ssda903.children.map(\.childID) == ["\u{e9}1"])
    }

    @Test("a cell of a megabyte is reported in a short reason")
    func hugeCell() throws {
        let huge = String(repeating: "9", count: 1_000_000)
        let inputs = try SSDA903Reader.read(files: [("header.csv", Data("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,\(huge),\(huge),WBRI,,,\n".utf8))])
        #expect(inputs.dataQuality.count == 2)
        #expect(inputs.dataQuality.allSatisfy { $0.reason.count < 100 })
    }

    @Test("fuzzing: damaged return files give records and data-quality entries or an error naming the file")
    func fuzz() throws {
        let iterations = ProcessInfo.processInfo.environment["OVERSIGHT_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 150
        var random = SeededRandom(seed: ProcessInfo.processInfo.environment["OVERSIGHT_FUZZ_SEED"].flatMap { UInt64($0) } ?? 903)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        let hostile = [",", "\"", "\n", "\r", "\u{0}", "\"\"", ";", "\t", "31/02/2024", "PN", "99999999999999999999", "\u{FEFF}", "é", "🙂"]
        for name in names {
            let original = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            for _ in 0..<iterations {
                var bytes = [UInt8](original)
                for _ in 0..<random.int(1...6) {
                    let at = bytes.isEmpty ? 0 : random.int(0...(bytes.count - 1))
                    switch random.int(0...4) {
                    case 0: if !bytes.isEmpty { bytes[at] = UInt8.random(in: 0...255, using: &random) }
                    case 1: bytes = Array(bytes.prefix(at))
                    case 2: bytes.insert(contentsOf: Array(random.pick(hostile).utf8), at: at)
                    case 3: if !bytes.isEmpty { bytes.remove(at: at) }
                    default: bytes.insert(contentsOf: bytes[at...].prefix(200), at: at)
                    }
                }
                do {
                    let inputs = try SSDA903Reader.read(files: [(name, Data(bytes))], limits: .upload)
                    for issue in inputs.dataQuality { #expect(issue.sheet == name) }
                } catch let error as DocumentError {
                    #expect(error.fileName == name)
                }
            }
        }
    }
}
