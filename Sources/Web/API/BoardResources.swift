import Core
import Foundation

// What the JSON API returns for boards, meetings and action points, and what it accepts.
// Exempt papers and minutes are left out for roles that may not read them.

struct BoardSummary: Codable, Sendable {
    var id: Int64
    var name: String
    var kind: Board.Kind
    var meetingFrequency: Board.Frequency
    var chair: String?
    var viceChair: String?
    var version: Int
    var links: [String: String]

    init(_ board: Board) {
        id = board.id
        name = board.name
        kind = board.kind
        meetingFrequency = board.meetingFrequency
        chair = board.chair?.name
        viceChair = board.viceChair?.name
        version = board.version
        links = ["self": Path.api(.board(board.id)).href, "meetings": Path.api(.boardMeetings(board.id)).href,
                 "actionPoints": Path.api(.boardActionPoints(board.id)).href, "page": Path.board(board.id).href]
    }
}

struct BoardResource: Codable, Sendable {
    struct Numbering: Codable, Sendable {
        var prefix: String
        var firstNumber: Int
        var example: String
    }

    var id: Int64
    var name: String
    var kind: Board.Kind
    var meetingFrequency: Board.Frequency
    var chairID: Int64?
    var viceChairID: Int64?
    var members: [BoardMember]
    var termsOfReference: String
    var minuteNumbering: Numbering
    var version: Int
    var links: [String: String]

    init(_ board: Board) {
        id = board.id
        name = board.name
        kind = board.kind
        meetingFrequency = board.meetingFrequency
        chairID = board.chairID
        viceChairID = board.viceChairID
        members = board.members
        termsOfReference = board.termsOfReference
        minuteNumbering = Numbering(prefix: board.minuteNumbering.prefix, firstNumber: board.minuteNumbering.firstNumber,
                                    example: board.minuteNumbering.example)
        version = board.version
        links = BoardSummary(board).links
    }
}

struct MeetingSummary: Codable, Sendable {
    var id: Int64
    var boardID: Int64
    var date: Day
    var time: MeetingTime?
    var venue: String
    var status: Meeting.Status
    /// "Draft", "Approved on 10 Mar 2026".
    var minutesStatus: String
    var version: Int
    var links: [String: String]

    init(_ meeting: Meeting) {
        id = meeting.id
        boardID = meeting.boardID
        date = meeting.date
        time = meeting.time
        venue = meeting.venue
        status = meeting.status
        minutesStatus = meeting.minutesStatus.text
        version = meeting.version
        links = ["self": Path.api(.meeting(meeting.id)).href, "pack": Path.api(.meetingPack(meeting.id)).href,
                 "page": Path.meeting(meeting.id).href, "packPage": Path.meetingPack(meeting.id).href]
    }
}

struct PaperResource: Codable, Sendable {
    /// `plan progress report`, `kpi scorecard` or `document`.
    var kind: String
    var planID: Int64?
    var name: String?

    init(_ paper: AgendaItem.Paper) {
        switch paper {
        case let .planProgressReport(id): kind = "plan progress report"; planID = id
        case let .kpiScorecard(id): kind = "kpi scorecard"; planID = id
        case let .document(name): kind = "document"; self.name = name
        }
    }
}

struct AgendaItemResource: Codable, Sendable {
    var number: Int
    var title: String
    var presenter: String
    var purpose: AgendaItem.Purpose
    var kind: AgendaItem.Kind
    var detail: String
    var papers: [PaperResource]
    var pages: String?
    var isExempt: Bool
    /// Exempt, and the caller's role may not read exempt papers: papers and narrative left out.
    var withheld: Bool
    var minute: AgendaItem.Minute?

    init(_ item: AgendaItem, showExempt: Bool) {
        let withheld = item.isExempt && !showExempt
        number = item.number
        title = item.title
        presenter = item.presenter
        purpose = item.purpose
        kind = item.kind
        detail = item.detail
        papers = withheld ? [] : item.papers.map(PaperResource.init)
        pages = item.pages?.text
        isExempt = item.isExempt
        self.withheld = withheld
        minute = item.minute.map { minute in
            var shown = minute
            if withheld { shown.narrative = "" }
            return shown
        }
    }
}

struct AttendanceResource: Codable, Sendable {
    struct Person: Codable, Sendable {
        var memberID: Int64
        var name: String
    }

    struct Substitute: Codable, Sendable {
        var forMemberID: Int64
        var forName: String
        var substituteName: String
        var substituteMemberID: Int64?
        /// "Cllr Ben Ward attending as Cllr Sue Hill's substitute".
        var sentence: String
    }

    var present: [Person]
    var apologies: [Person]
    var substitutes: [Substitute]
    var alsoInAttendance: [Attendance.Attendee]

    init(_ attendance: Attendance, board: Board) {
        present = attendance.present.map { Person(memberID: $0, name: board.name(of: $0)) }
        apologies = attendance.apologies.map { Person(memberID: $0, name: board.name(of: $0)) }
        substitutes = attendance.substitutes.map {
            Substitute(forMemberID: $0.forMemberID, forName: board.name(of: $0.forMemberID), substituteName: $0.substituteName,
                       substituteMemberID: $0.substituteMemberID, sentence: $0.sentence(on: board))
        }
        alsoInAttendance = attendance.alsoInAttendance
    }
}

struct ActionPointResource: Codable, Sendable {
    var id: Int64
    var boardID: Int64
    var raisedAtMeetingID: Int64
    var raisedAtItem: Int
    var text: String
    var owner: String
    var dueDate: Day?
    var dueMeetingID: Int64?
    var status: ActionPoint.Status
    /// How it stands as at the day (today unless `asAt` says): the status the pages and the pack
    /// show, "overdue" included (`ActionPoint.standing`).
    var standing: ActionPoint.Standing
    var standingText: String
    var updates: [ActionPoint.Update]
    var planActionID: Int64?
    var version: Int
    /// When it is due, in words, at the meeting the entry is for (or as at the day).
    var dueText: String?
    var isOverdue: Bool
    var overdueReason: String?
    var links: [String: String]

    init(_ point: ActionPoint, entry: ActionLog.Entry? = nil, standing: ActionPoint.StandingAsAt) {
        id = point.id
        boardID = point.boardID
        raisedAtMeetingID = point.raisedAtMeetingID
        raisedAtItem = point.raisedAtItem
        text = point.text
        owner = point.owner
        switch point.due {
        case let .date(day): dueDate = day
        case let .meeting(id): dueMeetingID = id
        case nil: break
        }
        status = point.status
        self.standing = standing.standing
        standingText = standing.word
        updates = point.updates
        planActionID = point.planActionID
        version = point.version
        dueText = entry?.dueText
        isOverdue = standing.isOverdue
        overdueReason = standing.reason
        links = ["self": Path.api(.actionPoint(point.id)).href, "raisedAt": Path.api(.meeting(point.raisedAtMeetingID)).href]
    }
}

struct MeetingResource: Codable, Sendable {
    var meeting: MeetingSummary
    var agenda: [AgendaItemResource]
    var attendance: AttendanceResource
    var minutesAmendments: [MinutesAmendment]
    /// Why, by whom and when, while the meeting is cancelled.
    var cancellation: MeetingCancellation?
    /// The first day attendance can be recorded: the meeting's day.
    var attendanceOpens: Day
    /// Action points raised at this meeting.
    var actionPoints: [ActionPointResource]
    /// What the "review of previous action points" item shows: the board's open action points
    /// raised earlier, overdue first.
    var review: [ActionPointResource]
}

/// `POST /meetings/{id}/action-points`.
struct ActionPointInput: Codable, Sendable {
    var raisedAtItem: Int
    var text: String
    var owner: String
    var dueDate: Day?
    var dueMeetingID: Int64?
    var planActionID: Int64?
}

/// `PATCH /action-points/{id}`: edit the text, owner or due; change the status with a note
/// (closing needs one; carrying forward names the meeting); or add a note alone.
struct ActionPointPatch: Codable, Sendable {
    var version: Int
    var text: String?
    var owner: String?
    var dueDate: Day?
    var dueMeetingID: Int64?
    var status: ActionPoint.Status?
    var carryForwardTo: Int64?
    var note: String?
    /// Refused when sent: an update is given by the token's person.
    var author: String?
    var date: Day?
}

/// `POST /meetings/{id}/attendance`: who came. Recording it marks the meeting as held, and is
/// refused before the meeting's day.
struct AttendanceInput: Codable, Sendable {
    struct Substitute: Codable, Sendable {
        var forMemberID: Int64
        var substituteName: String
    }

    var version: Int
    var present: [Int64]
    var apologies: [Int64]?
    var substitutes: [Substitute]?
    var alsoInAttendance: [Attendance.Attendee]?
}

/// `POST /meetings/{id}/cancel`: the reason is required.
struct CancellationInput: Codable, Sendable {
    var version: Int
    var reason: String
}

/// `POST /meetings/{id}/reinstate` and `POST /meetings/{id}/approve-minutes`: the version edited
/// (for approval, that of the earlier meeting whose minutes are approved).
struct MeetingVersionInput: Codable, Sendable {
    var version: Int
}
