import Core
import Foundation

/// An iCalendar (RFC 5545) file of events, as calendar apps subscribe to it: a board's meetings,
/// a person's deadlines. Pure: the caller gives the events and the time the feed was made.
///
/// Timed events are written in UTC (`DTSTART:20260402T170000Z`) rather than with a `TZID` and a
/// `VTIMEZONE` block: the UK clock rule is Core's (`Moment`), every app reads UTC the same way,
/// and Outlook in particular mishandles hand-written time zone blocks. The app shows the local
/// time, so 6pm stays 6pm either side of the clocks changing.
public struct ICalendar: Sendable, Hashable {
    public struct Event: Sendable, Hashable {
        public enum When: Sendable, Hashable {
            /// A whole day: a deadline.
            case allDay(Day)
            /// From a UK local time, lasting `minutes`.
            case timed(start: Moment, minutes: Int)
        }

        public enum Status: String, Sendable, Hashable {
            case confirmed = "CONFIRMED"
            case cancelled = "CANCELLED"
        }

        /// Stable across feeds (`meeting-42@northmoor-borough-council`): an app matches a changed
        /// event to the one it has by this.
        public var uid: String
        public var when: When
        public var summary: String
        public var description: String
        public var location: String
        public var url: String?
        public var status: Status
        /// Rises with every change, so apps take the newer copy.
        public var sequence: Int

        public init(uid: String, when: When, summary: String, description: String = "", location: String = "",
                    url: String? = nil, status: Status = .confirmed, sequence: Int = 0) {
            self.uid = uid
            self.when = when
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
            self.status = status
            self.sequence = sequence
        }
    }

    /// What the app calls the calendar once subscribed.
    public var name: String
    public var events: [Event]
    /// When the feed was made: every event's `DTSTAMP`.
    public var stamp: Date

    public init(name: String, events: [Event], stamp: Date) {
        self.name = name
        self.events = events
        self.stamp = stamp
    }

    /// `text/calendar`: the media type a feed is served with.
    public static let contentType = "text/calendar; charset=utf-8"

    /// The whole file: CRLF line endings, long lines folded at 75 octets.
    public var text: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Oversight//Oversight//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escaped(name),
            // Asks subscribing apps to look again hourly; most poll on their own timetable anyway.
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H",
        ]
        let dtstamp = Self.utc(minutes: Int((stamp.timeIntervalSince1970 / 60).rounded(.down)))
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + Self.escaped(event.uid))
            lines.append("DTSTAMP:" + dtstamp)
            switch event.when {
            case let .allDay(day):
                lines.append("DTSTART;VALUE=DATE:" + Self.basic(day))
                // DTEND of an all-day event is exclusive: the next day.
                lines.append("DTEND;VALUE=DATE:" + Self.basic(day.adding(days: 1)))
            case let .timed(start, minutes):
                let from = start.minutesSinceEpochUTC
                lines.append("DTSTART:" + Self.utc(minutes: from))
                lines.append("DTEND:" + Self.utc(minutes: from + minutes))
            }
            lines.append("SUMMARY:" + Self.escaped(event.summary))
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + Self.escaped(event.description)) }
            if !event.location.isEmpty { lines.append("LOCATION:" + Self.escaped(event.location)) }
            if let url = event.url { lines.append("URL:" + url) }
            lines.append("STATUS:" + event.status.rawValue)
            lines.append("SEQUENCE:" + String(event.sequence))
            if case .allDay = event.when {
                // A deadline should not block out the day as busy.
                lines.append("TRANSP:TRANSPARENT")
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    /// A TEXT value with `\`, `;`, `,` and line breaks escaped (RFC 5545 §3.3.11).
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            default: out.unicodeScalars.append(character)
            }
            previousWasCR = character == "\r"
        }
        return out
    }

    /// A content line folded so no line is longer than 75 octets, each continuation starting with
    /// a space (RFC 5545 §3.1). Folds fall between characters, never inside one's UTF-8 bytes.
    public static func folded(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var lineOctets = 0
        // The first line holds 75 octets; continuations 74 after their leading space.
        var limit = 75
        for character in line {
            let octets = character.utf8.count
            if lineOctets + octets > limit {
                out += "\r\n "
                lineOctets = 0
                limit = 74
            }
            out.append(character)
            lineOctets += octets
        }
        return out
    }

    /// `20260326`.
    static func basic(_ day: Day) -> String {
        String(format: "%04d%02d%02d", day.year, day.month, day.day)
    }

    /// `20260326T180000Z` for minutes since 1970-01-01 00:00 UTC.
    static func utc(minutes: Int) -> String {
        let day = Day(ordinal: Int((Double(minutes) / 1440).rounded(.down)))
        let ofDay = minutes - day.ordinal * 1440
        return basic(day) + String(format: "T%02d%02d00Z", ofDay / 60, ofDay % 60)
    }
}
