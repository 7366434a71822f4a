import Core
import Foundation

/// The iCalendar feeds Oversight serves: a board's meetings, and one person's deadlines (the
/// action points they own and the plan actions they lead). Built from Core data; the web layer
/// only fetches and serves.
public enum CalendarFeeds {
    /// Meetings carry no end time; board meetings are booked for two hours, so the feed says so.
    public static let meetingMinutes = 120

    /// The site's own addresses for what a feed links to, relative to the site (`/meetings/4`).
    /// Reports cannot import Web, where the routes are, so the web layer passes its `Path`s in
    /// and no address is spelt twice.
    public struct Links: Sendable {
        public var meeting: @Sendable (Int64) -> String
        /// A board's action log: where an action point is read.
        public var boardActionLog: @Sendable (Int64) -> String
        public var action: @Sendable (Int64) -> String

        public init(meeting: @escaping @Sendable (Int64) -> String, boardActionLog: @escaping @Sendable (Int64) -> String,
                    action: @escaping @Sendable (Int64) -> String) {
            self.meeting = meeting
            self.boardActionLog = boardActionLog
            self.action = action
        }
    }

    /// Where the feed's links point and whose ids its UIDs are.
    public struct Site: Sendable {
        /// `https://oversight.example.gov.uk`, or empty for links relative to the site.
        public var address: String
        /// Makes UIDs unique across councils (`northmoor-borough-council`); the organisation's
        /// name rather than the host, so UIDs survive a move to another address.
        public var organisationSlug: String
        public var links: Links

        public init(address: String, organisationName: String, links: Links) {
            self.address = address
            organisationSlug = Self.slug(organisationName)
            self.links = links
        }

        static func slug(_ name: String) -> String {
            let words = name.lowercased().unicodeScalars.split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }
            let slug = words.map { String(String.UnicodeScalarView($0)) }.joined(separator: "-")
            return slug.isEmpty ? "oversight" : slug
        }

        func uid(_ kind: String, _ id: Int64) -> String { "\(kind)-\(id)@\(organisationSlug)" }
        func link(_ path: String) -> String { address + path }
    }

    /// Every meeting of the board: scheduled and held ones confirmed, cancelled ones marked
    /// cancelled so a subscribed calendar strikes them out rather than keeping a stale slot.
    public static func meetings(of board: Board, _ meetings: [Meeting], site: Site, stamp: Date) -> ICalendar {
        let events = meetings.sorted { ($0.date, $0.id) < ($1.date, $1.id) }.map { meeting in
            let when: ICalendar.Event.When = meeting.time.map {
                .timed(start: Moment(meeting.date.year, meeting.date.month, meeting.date.day, $0.hour, $0.minute), minutes: meetingMinutes)
            } ?? .allDay(meeting.date)
            let agenda = meeting.agenda.map { "\($0.number). \($0.title)" }
            let description = (meeting.status == .cancelled ? ["This meeting is cancelled."] : [])
                + (agenda.isEmpty ? [] : ["Agenda:"] + agenda)
            return ICalendar.Event(uid: site.uid("meeting", meeting.id), when: when, summary: board.name,
                                   description: description.joined(separator: "\n"), location: meeting.venue,
                                   url: site.link(site.links.meeting(meeting.id)),
                                   status: meeting.status == .cancelled ? .cancelled : .confirmed, sequence: meeting.version)
        }
        return ICalendar(name: board.name, events: events, stamp: stamp)
    }

    /// A board as the personal feed needs it: its meetings say when "due at a meeting" falls.
    public struct BoardRecords: Sendable {
        public var board: Board
        public var meetings: [Meeting]
        public var actionPoints: [ActionPoint]

        public init(board: Board, meetings: [Meeting], actionPoints: [ActionPoint]) {
            self.board = board
            self.meetings = meetings
            self.actionPoints = actionPoints
        }
    }

    /// One person's deadlines as all-day events: the open and carried-forward action points
    /// whose owner names them, on the day they are due (the due date, or the due meeting's
    /// date), and the plan actions they lead that have a due date and are not complete or
    /// withdrawn. Whole-day events are what calendar apps show best for a deadline; to-dos
    /// (`VTODO`) are ignored by Google Calendar and Outlook subscriptions.
    public static func deadlines(of person: Identity, boards: [BoardRecords], actions: [Action], site: Site, stamp: Date) -> ICalendar {
        var events: [(Day, ICalendar.Event)] = []
        for records in boards {
            var byID: [Int64: Meeting] = [:]
            for meeting in records.meetings { byID[meeting.id] = meeting }
            for point in records.actionPoints where point.status.isOutstanding && person.isNamed(by: point.owner) {
                let dueDay: Day? = switch point.due {
                case let .date(day): day
                case let .meeting(id): byID[id]?.date
                case nil: nil
                }
                guard let due = dueDay else { continue }
                let raised = byID[point.raisedAtMeetingID].map { " at the meeting on \($0.date.formattedLong)" } ?? ""
                var lines = ["\(records.board.name): action point raised\(raised).", "Owner: \(point.owner)", "Status: \(point.status.word)"]
                if let latest = point.latestUpdate { lines.append("Latest update (\(latest.date.formatted)): \(latest.text)") }
                events.append((due, ICalendar.Event(uid: site.uid("action-point", point.id), when: .allDay(due),
                                                    summary: "Action point due: \(point.text)", description: lines.joined(separator: "\n"),
                                                    url: site.link(site.links.boardActionLog(point.boardID)), sequence: point.version)))
            }
        }
        for action in actions where action.status != .complete && action.status != .withdrawn && action.leads.contains(where: person.isNamed(by:)) {
            guard let due = action.dueDate else { continue }
            let lines = ["Leads: \(action.leads.joined(separator: "; "))", "Status: \(action.status.word), \(action.percentComplete)% complete"]
            events.append((due, ICalendar.Event(uid: site.uid("action", action.id), when: .allDay(due),
                                                summary: "Action due: \(action.ref) \(action.title)", description: lines.joined(separator: "\n"),
                                                url: site.link(site.links.action(action.id)), sequence: action.version)))
        }
        let ordered = events.sorted { ($0.0, $0.1.uid) < ($1.0, $1.1.uid) }.map(\.1)
        return ICalendar(name: "Oversight: \(person.name)'s deadlines", events: ordered, stamp: stamp)
    }
}
