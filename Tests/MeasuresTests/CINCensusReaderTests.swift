import Core
import Documents
import Foundation
import Testing
@testable import Measures

/// The CIN census reader on a small hand-made census (Fixtures/CINCensus/small-census.xml):
/// every element it reads, the records it maps them onto, unusable values, hostile files.
@Suite struct CINCensusReaderTests {
    static let fixture = Build.fixtures.appendingPathComponent("CINCensus/small-census.xml")
    static func text() throws -> String { try String(contentsOf: fixture, encoding: .utf8) }
    static func read() throws -> MeasureInputs { try CINCensusReader.read(url: fixture) }

    /// The 1-based line of the `occurrence`th (from 1) line containing `needle`.
    static func line(of needle: String, _ occurrence: Int = 1) throws -> Int {
        let lines = try text().components(separatedBy: "\n")
        var seen = 0
        for (index, line) in lines.enumerated() where line.contains(needle) {
            seen += 1
            if seen == occurrence { return index + 1 }
        }
        Issue.record("no \(occurrence)th \(needle)")
        return 0
    }

    static func census(_ children: String) -> Data {
        Data("""
            <?xml version="1.0" encoding="utf-8"?>
            <Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
            <Children>\(children)</Children></Message>
            """.utf8)
    }

    @Test("a child's identifiers and characteristics are each record's breakdowns")
    func childDetails() throws {
        let inputs = try Self.read()
        let first = try #require(inputs.referrals.first { $0.child.childID == "CH1" }).child
        #expect(first.dateOfBirth == Day(2015, 6, 1))
        #expect(first.gender == "Male")
        #expect(first.ethnicity == "WBRI")
        #expect(first.disability == "no")
        #expect(first.team == nil && first.worker == nil)
        let second = try #require(inputs.referrals.first { $0.child.childID == "CH2" }).child
        #expect(second.gender == "Female") // from <Sex>F</Sex>, the 2024-25 element
        #expect(second.ethnicity == "MWBC")
        #expect(second.disability == "yes")
        #expect(second.ageBand(on: Day(2024, 3, 31)) == "Under 1")
    }

    @Test("CINdetails are referrals, and child in need episodes unless the referral was NFA")
    func referralsAndEpisodes() throws {
        let inputs = try Self.read()
        #expect(inputs.referrals.map(\.child.childID) == ["CH1", "CH2", "CH2", "CH4"])
        let ch1 = inputs.referrals[0]
        #expect(ch1.date == Day(2023, 6, 1))
        #expect(ch1.nfa == YesNo.no)
        #expect(ch1.referralsInLast12Months == 0)
        #expect(ch1.source == RecordSource(sheet: "small-census.xml", row: try Self.line(of: "<CINdetails>", 1)))
        #expect(inputs.referrals[1].nfa == YesNo.yes) // <ReferralNFA>1</ReferralNFA>
        #expect(inputs.referrals[2].nfa == YesNo.no)
        // The earlier referral in the file, 8 months before, makes this a re-referral.
        #expect(inputs.referrals[2].referralsInLast12Months == 1)

        #expect(inputs.childInNeed.map(\.child.childID) == ["CH1", "CH2", "CH4"])
        #expect(inputs.childInNeed[0].start == Day(2023, 6, 1))
        #expect(inputs.childInNeed[0].closure == Day(2024, 1, 15))
        #expect(inputs.childInNeed[0].lastSeen == nil)
        #expect(inputs.childInNeed[1].start == Day(2024, 1, 10))
        #expect(inputs.childInNeed[1].closure == nil)
        #expect(inputs.childInNeed[1].source.row == (try Self.line(of: "<CINdetails>", 3)))
    }

    @Test("assessments, section 47 enquiries and plans with their reviews")
    func assessmentsEnquiriesPlans() throws {
        let inputs = try Self.read()
        let first = inputs.assessments[0]
        #expect(first.child.childID == "CH1")
        #expect(first.start == Day(2023, 6, 2))
        #expect(first.authorised == Day(2023, 8, 4))
        #expect(first.childSeen == nil)
        #expect(first.source.row == (try Self.line(of: "<Assessments>", 1)))
        #expect(inputs.assessments[1].start == Day(2024, 1, 11))
        #expect(inputs.assessments[1].authorised == nil)

        let enquiry = inputs.enquiries[0]
        #expect(enquiry.strategyDiscussion == Day(2023, 9, 1))
        #expect(enquiry.conference == Day(2023, 9, 20))
        #expect(enquiry.conferenceDeemedUnnecessary == YesNo.no)
        #expect(enquiry.source.row == (try Self.line(of: "<Section47>", 1)))
        #expect(inputs.enquiries[1].conferenceDeemedUnnecessary == YesNo.yes)
        #expect(inputs.enquiries[1].conference == nil)

        let plan = inputs.protectionPlans[0]
        #expect(plan.start == Day(2023, 9, 20))
        #expect(plan.end == Day(2024, 1, 10))
        #expect(plan.previousPlans == 1)
        // The latest of the reviews, whatever order they are written in.
        #expect(plan.latestReviewConference == Day(2023, 12, 5))
        #expect(plan.lastStatutoryVisit == nil)
        #expect(plan.source.row == (try Self.line(of: "<ChildProtectionPlans>", 1)))
    }

    @Test("the lists the census feeds are supplied; a file without Children supplies none")
    func supplied() throws {
        #expect(try Self.read().supplied == ["list3", "list4", "list5", "list6", "list7"])
        let empty = try CINCensusReader.read(data: Data("<Message><Header/></Message>".utf8), fileName: "c.xml")
        #expect(empty.supplied.isEmpty)
        #expect(empty.dataQuality.map(\.reason) == ["no Children element: nothing to read"])
    }

    @Test("unusable values are named by file, line and element, and the measures leave them out")
    func unusableValues() throws {
        let inputs = try Self.read()
        func issue(_ element: String, _ line: Int) -> DataQualityIssue? {
            inputs.dataQuality.first { $0.column == element && $0.row == line }
        }
        #expect(issue("LAchildID", try Self.line(of: "<Child>", 3))?.rowDropped == true)
        #expect(!inputs.referrals.contains { $0.date == Day(2023, 7, 1) }) // the child with no id
        #expect(issue("PersonBirthDate", try Self.line(of: "2010-02-30"))?.reason == "'2010-02-30' is not a date")
        #expect(issue("GenderCurrent", try Self.line(of: "<GenderCurrent>7"))?.reason == "unknown code '7'")
        #expect(issue("CINreferralDate", try Self.line(of: "2023-13-45"))?.reason == "'2023-13-45' is not a date")
        #expect(issue("ReferralNFA", try Self.line(of: "perhaps")) != nil)
        #expect(issue("AssessmentAuthorisationDate", try Self.line(of: "yesterday"))?.reason == "'yesterday' is not a date")
        #expect(issue("AssessmentAuthorisationDate", try Self.line(of: "<Assessments>", 4))?.reason
                == "authorised before the assessment started (2023-07-01 is before 2023-07-03)")
        #expect(issue("AssessmentActualStartDate", try Self.line(of: "<Assessments>", 5))?.reason == "missing date")
        #expect(issue("ICPCnotRequired", try Self.line(of: "maybe")) != nil)
        #expect(issue("DateOfInitialCPC", try Self.line(of: "<Section47>", 3))?.reason
                == "conference before the strategy discussion (2023-07-20 is before 2023-08-01)")
        #expect(issue("NumberOfPreviousCPP", try Self.line(of: "<NumberOfPreviousCPP>-1"))?.reason == "'-1' is not a whole number")
        #expect(issue("CPPendDate", try Self.line(of: "<ChildProtectionPlans>", 2)) != nil)
        #expect(issue("CPPreviewDate", try Self.line(of: "<ChildProtectionPlans>", 2)) != nil)
        for entry in inputs.dataQuality { #expect(entry.sheet == "small-census.xml") }

        let ch4 = inputs.referrals.first { $0.child.childID == "CH4" }
        #expect(ch4?.unusable == ["referralDate", "referralNFA"])
        #expect(inputs.assessments.filter { $0.child.childID == "CH4" }.map(\.unusable)
                == [["assessmentAuthorised"], ["assessmentAuthorised"], ["assessmentStart"]])
        #expect(inputs.enquiries.last?.unusable == ["conferenceUnnecessary", "conferenceDate"])
        #expect(inputs.protectionPlans.last?.unusable == ["previousPlans", "planEnd", "latestReviewConference"])

        // The engine leaves the unusable rows out, as it does Annex A's.
        let engine = MeasureEngine(inputs: inputs)
        let year = Period.financialYear(startYear: 2023)
        let asm = try #require(engine.compute("ASM-45WD", period: year, asAt: Day(2024, 3, 31)))
        #expect(asm.counted.map(\.childID) == ["CH1"])
        #expect(asm.excluded.filter { $0.childID == "CH4" }.count == 2) // authorised before the start, and no start; "yesterday" is no date at all
    }

    @Test("isCensus tells a census from other files by its content")
    func sniffing() throws {
        #expect(CINCensusReader.isCensus(try Data(contentsOf: Self.fixture)))
        #expect(CINCensusReader.isCensus(Self.census("")))
        #expect(!CINCensusReader.isCensus(Data("Child Unique ID,Gender\n1,a) Male\n".utf8)))
        #expect(!CINCensusReader.isCensus(Data("<html><body>Children</body></html>".utf8)))
        #expect(!CINCensusReader.isCensus(Data("<Message><Other/></Message>".utf8)))
        #expect(!CINCensusReader.isCensus(try Data(contentsOf: Build.fixtures.appendingPathComponent("small-annex-a.xlsx"))))
        #expect(!CINCensusReader.isCensus(Data()))
    }

    @Test("read(data:) and read(url:) give the same records, across chunk boundaries too")
    func dataAndURL() throws {
        let data = try Data(contentsOf: Self.fixture)
        let fromData = try CINCensusReader.read(data: data, fileName: "small-census.xml")
        let fromURL = try Self.read()
        #expect(fromData.referrals == fromURL.referrals)
        #expect(fromData.protectionPlans == fromURL.protectionPlans)
        #expect(fromData.dataQuality == fromURL.dataQuality)

        // Over 1 MB, so the file arrives in several chunks, cut inside tags and text.
        let one = #"<Child><ChildIdentifiers><LAchildID>X</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2023-06-01</CINreferralDate><ReferralNFA>false</ReferralNFA><Assessments><AssessmentActualStartDate>2023-06-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2023-07-03</AssessmentAuthorisationDate></Assessments></CINdetails></Child>"#
        let big = Self.census(Array(repeating: one + "\n", count: 4_000).joined())
        #expect(big.count > 1 << 20)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("census-\(UUID().uuidString).xml")
        try big.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let streamed = try CINCensusReader.read(url: url)
        #expect(streamed.assessments.count == 4_000)
        #expect(streamed.assessments.allSatisfy { $0.authorised == Day(2023, 7, 3) })
        #expect(streamed.assessments.last?.source.row == 4_002)
        #expect(streamed.dataQuality.isEmpty)
    }

    // MARK: Hostile files

    func refused(_ data: Data, limits: ReadingLimits = .standard) -> DocumentError? {
        do {
            _ = try CINCensusReader.read(data: data, fileName: "hostile.xml", limits: limits)
            return nil
        } catch let error as DocumentError {
            #expect(error.fileName == "hostile.xml")
            return error
        } catch {
            Issue.record("not a DocumentError: \(error)")
            return nil
        }
    }

    @Test("a DTD is refused: no entity expansion (billion laughs), no external entities")
    func documentTypes() {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <Message><Children><Child><ChildIdentifiers><LAchildID>&lol2;</LAchildID></ChildIdentifiers></Child></Children></Message>
            """
        #expect(refused(Data(laughs.utf8))?.reason == .documentTypeDeclaration)
        let external = """
            <?xml version="1.0"?>
            <!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><Message><Children>&x;</Children></Message>
            """
        #expect(refused(Data(external.utf8))?.reason == .documentTypeDeclaration)
        // An undeclared entity is not expanded either.
        #expect(refused(Self.census("<Child><ChildIdentifiers><LAchildID>&x;</LAchildID></ChildIdentifiers></Child>")) != nil)
        // A declaration after the root has started is refused too.
        #expect(refused(Data("<Message><!DOCTYPE x><Children/></Message>".utf8))?.reason == .documentTypeDeclaration)
    }

    @Test("size, depth, element count and text length are limited")
    func limits() {
        var small = ReadingLimits.standard
        small.maximumFileSize = 1_000
        #expect(refused(Data(repeating: 0x20, count: 1_001) + Self.census(""), limits: small)?.reason == .fileTooLarge(limit: 1_000))

        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(refused(Self.census(deep))?.reason == .nestedTooDeeply(limit: XMLStreamReader.maximumDepth))

        var few = ReadingLimits.standard
        few.maximumCellCount = 50
        #expect(refused(Self.census(String(repeating: "<Child/>", count: 60)), limits: few)?.reason == .tooManyCells(limit: 50))

        var short = ReadingLimits.standard
        short.maximumCellTextLength = 100
        let long = "<Child><ChildIdentifiers><LAchildID>\(String(repeating: "x", count: 200))</LAchildID></ChildIdentifiers></Child>"
        #expect(refused(Self.census(long), limits: short)?.reason == .cellTooLong(limit: 100))
    }

    @Test("malformed, cut short, empty and non-XML files are refused with the file named")
    func malformed() {
        for bad in ["<Message><Children></Message>", "<Message><Children><Child>", "", "not xml at all",
                    "<Message></Message><Message/>", "<Message a=b/>", "PK\u{3}\u{4}binary"] {
            let error = refused(Data(bad.utf8))
            #expect(error != nil, "\(bad) was read")
            #expect(error.map { !$0.message.isEmpty } ?? false)
        }
        // The line of a mismatched tag is in the error.
        let error = refused(Data("<Message>\n<Children>\n<Child>\n</Children>\n</Message>".utf8))
        #expect(error?.row == 4)
    }

    @Test("damaged censuses are read or refused with an error naming the file, never a crash")
    func fuzzing() throws {
        let original = Array(try Data(contentsOf: Self.fixture))
        let iterations = ProcessInfo.processInfo.environment["OVERSIGHT_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 300
        var random = SeededRandom(seed: 20_261_203)
        let hostile = ["<", ">", "&", "&amp;", "&#0;", "&#xFFFFFF;", "<!DOCTYPE x>", "<![CDATA[", "]]>", "<Child>", "</Child>",
                       "<CINdetails>", "</CINdetails>", "\u{0}", "\u{FEFF}", "é", "2023-02-29", "-1", "99999999999999999999"]
        for _ in 0..<iterations {
            var bytes = original
            for _ in 0..<random.int(1...4) {
                let at = random.int(0...max(0, bytes.count - 1))
                switch random.int(0...4) {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + random.int(1...200)))
                case 2: bytes.insert(contentsOf: Array(random.pick(hostile).utf8), at: at)
                case 3: bytes = Array(bytes.prefix(at))
                default:
                    let from = random.int(0...max(0, bytes.count - 1))
                    let piece = bytes[from..<min(bytes.count, from + random.int(1...400))]
                    bytes.insert(contentsOf: piece, at: at)
                }
                if bytes.isEmpty { break }
            }
            do {
                let inputs = try CINCensusReader.read(data: Data(bytes), fileName: "damaged.xml")
                // What was read must compute without trapping.
                _ = MeasureEngine(inputs: inputs).computeAll(period: .financialYear(startYear: 2023), asAt: Day(2024, 3, 31))
            } catch let error as DocumentError {
                #expect(error.fileName == "damaged.xml")
                #expect(!error.message.isEmpty)
            }
        }
    }
}
