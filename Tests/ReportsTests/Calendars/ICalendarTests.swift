import Core
import Foundation
import Testing
@testable import Reports

/// The iCalendar writer and the feeds built with it: what a calendar app shows after subscribing.
@Suite("iCalendar feeds")
struct ICalendarTests {
    static let stamp = Date(timeIntervalSince1970: 1_795_000_000)
    /// The web layer's addresses, as `CalendarController` passes them from its `Path`s.
    static let links = CalendarFeeds.Links(meeting: { "/meetings/\($0)" }, boardActionLog: { "/boards/\($0)#action-log" },
                                           action: { "/actions/\($0)" })
    static let site = CalendarFeeds.Site(address: "https://oversight.example.gov.uk", organisationName: "Northmoor Borough Council",
                                         links: links)

    /// The lines as an app reads them: folded lines joined back, CRLF removed.
    static func unfolded(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// Each VEVENT's lines, keyed by UID.
    static func events(_ text: String) -> [String: [String]] {
        var events: [String: [String]] = [:]
        var current: [String] = []
        for line in unfolded(text) {
            if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT" {
                let uid = current.first { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) } ?? ""
                events[uid] = current
            } else { current.append(line) }
        }
        return events
    }

    @Test("Long lines fold at 75 octets with a leading space and unfold to the original")
    func folding() {
        let line = "DESCRIPTION:" + String(repeating: "abcdefghij", count: 20)
        let folded = ICalendar.folded(line)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count == 3)
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendar.folded("SUMMARY:short") == "SUMMARY:short")
        // Exactly 75 octets stays on one line.
        let exact = "SUMMARY:" + String(repeating: "x", count: 67)
        #expect(ICalendar.folded(exact) == exact)
    }

    @Test("A fold never splits a character's UTF-8 bytes", arguments: ["é", "—", "👩🏽‍⚖️"])
    func foldingMultibyte(character: String) {
        let line = "SUMMARY:" + String(repeating: "a\(character)", count: 60)
        let physical = ICalendar.folded(line).components(separatedBy: "\r\n")
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        // Every physical line is valid UTF-8 on its own, so no character was cut.
        #expect(physical.allSatisfy { String(validating: Array($0.utf8), as: UTF8.self) != nil })
        #expect(physical.map { $0.hasPrefix(" ") ? String($0.dropFirst()) : $0 }.joined() == line)
    }

    @Test("Commas, semicolons, backslashes and line breaks are escaped in text")
    func escaping() {
        #expect(ICalendar.escaped(#"Report; data, C:\files"#) == #"Report\; data\, C:\\files"#)
        #expect(ICalendar.escaped("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendar.escaped("IRO annual report — November") == "IRO annual report — November")
    }

    static func board() -> Board {
        Board(id: 3, organisationID: 1, name: "Children's Services Improvement Board, Northmoor", kind: .improvementBoard)
    }

    static func meeting(_ id: Int64, _ day: Day, status: Meeting.Status = .scheduled, version: Int = 1) -> Meeting {
        Meeting(id: id, boardID: 3, date: day, time: MeetingTime(hour: 18, minute: 0), venue: "Committee Room 1, Town Hall; Northmoor",
                status: status, agenda: [AgendaItem(number: 1, title: "Apologies and substitutes"),
                                         AgendaItem(number: 2, title: "IRO annual report, 2025-26")],
                version: version)
    }

    @Test("A board's meetings keep 6pm London time either side of the clocks going forward")
    func meetingsAcrossSummerTime() {
        let calendar = CalendarFeeds.meetings(of: Self.board(), [Self.meeting(42, Day(2026, 4, 2)), Self.meeting(41, Day(2026, 3, 26))],
                                              site: Self.site, stamp: Self.stamp)
        let text = calendar.text
        let events = Self.events(text)
        let march = events["meeting-41@northmoor-borough-council"] ?? []
        let april = events["meeting-42@northmoor-borough-council"] ?? []
        // GMT before 29 March 2026, BST (UTC+1) after.
        #expect(march.contains("DTSTART:20260326T180000Z"))
        #expect(march.contains("DTEND:20260326T200000Z"))
        #expect(april.contains("DTSTART:20260402T170000Z"))
        #expect(april.contains("DTEND:20260402T190000Z"))
        #expect(april.contains(#"SUMMARY:Children's Services Improvement Board\, Northmoor"#))
        #expect(april.contains(#"LOCATION:Committee Room 1\, Town Hall\; Northmoor"#))
        #expect(april.contains(#"DESCRIPTION:Agenda:\n1. Apologies and substitutes\n2. IRO annual report\, 2025-26"#))
        #expect(april.contains("URL:https://oversight.example.gov.uk/meetings/42"))
        #expect(april.contains("STATUS:CONFIRMED"))
        // In date order, whatever order the store gave.
        #expect(text.range(of: "meeting-41@")!.lowerBound < text.range(of: "meeting-42@")!.lowerBound)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends CRLF")
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }

    @Test("A cancelled meeting stays in the feed marked cancelled, with a higher sequence after each change")
    func cancelledMeeting() {
        let calendar = CalendarFeeds.meetings(of: Self.board(), [Self.meeting(43, Day(2026, 5, 7), status: .cancelled, version: 3)],
                                              site: Self.site, stamp: Self.stamp)
        let event = Self.events(calendar.text)["meeting-43@northmoor-borough-council"] ?? []
        #expect(event.contains("STATUS:CANCELLED"))
        #expect(event.contains("SEQUENCE:3"))
        #expect(event.contains { $0.hasPrefix("DESCRIPTION:This meeting is cancelled.") })
    }

    @Test("A meeting without a time is a whole-day event")
    func meetingWithoutTime() {
        var meeting = Self.meeting(44, Day(2026, 6, 4))
        meeting.time = nil
        let event = Self.events(CalendarFeeds.meetings(of: Self.board(), [meeting], site: Self.site, stamp: Self.stamp).text)["meeting-44@northmoor-borough-council"] ?? []
        #expect(event.contains("DTSTART;VALUE=DATE:20260604"))
        #expect(event.contains("DTEND;VALUE=DATE:20260605"))
    }

    @Test("A person's feed has their open action points and the actions they lead, and nobody else's")
    func personalDeadlines() {
        let person = Identity(personID: 9, name: "Head of Virtual School", email: "virtual.school@northmoor.example",
                              organisationID: 1, organisationName: "Northmoor Borough Council", role: .actionLead)
        let meetings = [Self.meeting(41, Day(2026, 3, 26)), Self.meeting(42, Day(2026, 4, 2))]
        let points = [
            ActionPoint(id: 1, boardID: 3, raisedAtMeetingID: 41, raisedAtItem: 2, text: "Circulate PEP figures by school",
                        owner: " head of virtual school ", due: .meeting(id: 42)),
            ActionPoint(id: 2, boardID: 3, raisedAtMeetingID: 41, raisedAtItem: 2, text: "Send the sufficiency plan",
                        owner: "virtual.school@northmoor.example", due: .date(Day(2026, 4, 17)), status: .carriedForward),
            ActionPoint(id: 3, boardID: 3, raisedAtMeetingID: 41, raisedAtItem: 2, text: "Already done", owner: "Head of Virtual School",
                        due: .date(Day(2026, 4, 1)), status: .done),
            ActionPoint(id: 4, boardID: 3, raisedAtMeetingID: 41, raisedAtItem: 2, text: "Someone else's", owner: "Director of Children's Services",
                        due: .date(Day(2026, 4, 1))),
            ActionPoint(id: 5, boardID: 3, raisedAtMeetingID: 41, raisedAtItem: 2, text: "No date yet", owner: "Head of Virtual School"),
        ]
        let actions = [
            Action(id: 20, areaID: 1, ref: "3.2", title: "PEPs of quality for every child in care", leads: ["Head of Virtual School", "Principal Social Worker"],
                   dueDate: Day(2026, 6, 30), status: .inProgress, percentComplete: 40),
            Action(id: 21, areaID: 1, ref: "3.3", title: "Complete already", leads: ["Head of Virtual School"], dueDate: Day(2026, 5, 1), status: .complete),
            Action(id: 22, areaID: 1, ref: "1.1", title: "Front door redesign", leads: ["Head of Service, Front Door"], dueDate: Day(2026, 5, 1)),
        ]
        let calendar = CalendarFeeds.deadlines(of: person, boards: [.init(board: Self.board(), meetings: meetings, actionPoints: points)],
                                               actions: actions, site: Self.site, stamp: Self.stamp)
        let events = Self.events(calendar.text)
        #expect(Set(events.keys) == ["action-point-1@northmoor-borough-council", "action-point-2@northmoor-borough-council",
                                      "action-20@northmoor-borough-council"])
        // Due at a meeting: the day of that meeting.
        #expect(events["action-point-1@northmoor-borough-council"]?.contains("DTSTART;VALUE=DATE:20260402") == true)
        #expect(events["action-point-1@northmoor-borough-council"]?.contains("SUMMARY:Action point due: Circulate PEP figures by school") == true)
        #expect(events["action-point-2@northmoor-borough-council"]?.contains("DTSTART;VALUE=DATE:20260417") == true)
        #expect(events["action-20@northmoor-borough-council"]?.contains("SUMMARY:Action due: 3.2 PEPs of quality for every child in care") == true)
        #expect(events["action-20@northmoor-borough-council"]?.contains("URL:https://oversight.example.gov.uk/actions/20") == true)
        #expect(calendar.text.contains("X-WR-CALNAME:Oversight: Head of Virtual School's deadlines"))
    }
}
