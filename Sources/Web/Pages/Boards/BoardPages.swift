import Core
import Reports

// The view models of the board pages: /boards, /boards/{id}, /boards/{id}/attendance and
// /meetings/{id}. The rules (the live action log, the template, attendance figures) are Core's;
// these only choose and format. Field names are distinct per level because a Mustache lookup
// that misses climbs to the enclosing object.

/// A success banner after a form.
struct SavedBanner: Sendable {
    var message: String
    var linkHref: String?
    var linkText: String?

    static func forKey(_ key: String?) -> SavedBanner? {
        switch key {
        case "meeting": SavedBanner(message: "Meeting created from the board's template.")
        case "attendance": SavedBanner(message: "Attendance recorded; the meeting is marked as held.")
        case "minute": SavedBanner(message: "Minute saved.")
        case "numbered": SavedBanner(message: "Minutes numbered, continuing from the board's last minute.")
        case "approved": SavedBanner(message: "The previous meeting's minutes are approved and locked.")
        case "action-point": SavedBanner(message: "Action point raised. It will show at the next meeting's review of previous action points.")
        case "action-point-update": SavedBanner(message: "Action point updated.")
        case "cancelled": SavedBanner(message: "Meeting cancelled. It is left out of attendance figures. If this was a mistake, reinstate it below.")
        case "reinstated": SavedBanner(message: "Meeting reinstated. It is scheduled again.")
        case "board": SavedBanner(message: "The board's details are saved.")
        case "member": SavedBanner(message: "Member saved.")
        case "member-removed": SavedBanner(message: "Member removed from the board.")
        case "work-programme": SavedBanner(message: "Work programme saved. Meetings created from now on take its items; agendas already made stay as they are.")
        case "work-programme-removed": SavedBanner(message: "Item removed from the work programme. Agendas already made keep it.")
        default: ImportedWorkProgrammeBanner.banner(forKey: key)
        }
    }
}

/// An action point as the action log and the review item show it.
struct ActionPointRow: Sendable {
    var pointID: String
    var pointText: String
    var pointOwner: String
    var pointRaised: String
    var pointDue: String
    var pointStatus: Chip
    var pointOverdue: Bool
    var pointOverdueReason: String?
    var pointLatest: String?
    var pointUpdates: [String]
    /// The update form, for those who manage boards.
    var pointForm: ActionPointUpdateFormView?

    /// The status is the point's standing as at `today` (`ActionPoint.standing`), the same on every
    /// page, in the API and in the pack; the entry gives what is due when, at the meeting shown.
    init(entry: ActionLog.Entry, meetings: [Int64: Meeting], today: Day, form: ActionPointUpdateFormView?) {
        let point = entry.actionPoint
        pointID = String(point.id)
        pointText = point.text
        pointOwner = point.owner
        let raisedAt = meetings[point.raisedAtMeetingID]
        pointRaised = raisedAt.map { "Raised at the meeting on \($0.date.formatted), item \(point.raisedAtItem)" } ?? "Raised at item \(point.raisedAtItem)"
        pointDue = entry.dueText
        let standing = point.standing(asAt: today, meetings: meetings)
        pointStatus = ActionPointRow.chip(standing.standing)
        pointOverdue = standing.isOverdue
        pointOverdueReason = standing.reason
        pointLatest = point.latestUpdate.map { "\($0.date.formatted), \($0.authorText): \($0.text)" }
        pointUpdates = point.updates.reversed().map { "\($0.date.formatted), \($0.authorText): \($0.text)" }
        pointForm = form
    }

    static func chip(_ standing: ActionPoint.Standing) -> Chip {
        switch standing {
        case .overdue: Chip.overdue
        case .open: Chip(text: "Open", colour: "blue")
        case .carriedForward: Chip(text: "Carried forward", colour: "purple")
        case .done: Chip(text: "Done", colour: "green")
        case .noLongerRequired: Chip(text: "No longer required", colour: "grey")
        }
    }
}

/// A meeting in a list.
struct MeetingRow: Sendable {
    var meetingHref: String
    var meetingWhen: String
    var meetingVenue: String
    var meetingStatus: Chip
    var meetingMinutes: String?

    init(_ meeting: Meeting) {
        meetingHref = Path.meeting(meeting.id).href
        meetingWhen = meeting.whenText
        meetingVenue = meeting.venue
        meetingStatus = MeetingRow.chip(meeting.status)
        meetingMinutes = meeting.status == .held ? "Minutes: \(meeting.minutesStatus.inSentence)" : nil
    }

    static func chip(_ status: Meeting.Status) -> Chip {
        switch status {
        case .scheduled: Chip(text: "Scheduled", colour: "blue")
        case .held: Chip(text: "Held", colour: "green")
        case .cancelled: Chip(text: "Cancelled", colour: "grey")
        }
    }
}

/// `/boards`: the organisation's boards.
struct BoardsPage: PageModel, Sendable {
    static let template = Template.boards

    struct BoardCard: Sendable {
        var boardHref: String
        var boardName: String
        var boardKind: String
        var boardFrequency: String
        var boardChair: String
        var nextMeeting: String
        var openCount: Int
        var overdueCount: Int
    }

    var title = "Boards"
    var navBoards = true
    var asAt: String
    var boards: [BoardCard]
}

/// `/boards/{id}`.
struct BoardPage: PageModel, Sendable {
    static let template = Template.board

    struct MemberRow: Sendable {
        var memberName: String
        var memberRole: String
        var memberOrganisation: String
        var memberMembership: String
        var memberPosition: String?
        var memberForm: MemberFormView?
    }

    struct SlotRow: Sendable {
        var slotWhen: String
        var slotHref: String
        var slotItems: [String]
    }

    struct StandingRow: Sendable {
        var standingTitle: String
        var standingRule: String
        var standingPresenter: String
    }

    var title: String
    var navBoards = true
    var breadcrumbs: [Crumb]
    var banner: SavedBanner?
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var asAt: String
    var kind: String
    var frequency: String
    var numbering: String
    var chairName: String
    var viceChairName: String
    var members: [MemberRow]
    var termsOfReference: [String]
    var upcoming: [MeetingRow]
    var past: [MeetingRow]
    var slots: [SlotRow]
    var standing: [StandingRow]
    var unplaced: [String]
    var actionLog: [ActionPointRow]
    var overdueSummary: String
    var attendanceHref: String
    var calendarHref: String
    var mayManage: Bool
    var meetingForm: NewMeetingFormView?
    var detailsForm: BoardDetailsFormView?
    var newMemberForm: MemberFormView?
    var programmeItems: [ProgrammeItemRow]
    var newItemForm: WorkProgrammeFormView?
}

/// `/boards/{id}/attendance`.
struct AttendancePage: PageModel, Sendable {
    static let template = Template.boardAttendance

    struct Row: Sendable {
        var figureName: String
        var figureMembership: String
        var expected: Int
        var inPerson: Int
        var bySubstitute: Int
        var apologiesCount: Int
        var absentCount: Int
        var percentText: String
        var sentence: String
    }

    var title: String
    var navBoards = true
    var breadcrumbs: [Crumb]
    var boardName: String
    var summary: String
    var rows: [Row]
    var fromDay: String
    var fromMonth: String
    var fromYear: String
    var toDay: String
    var toMonth: String
    var toYear: String
    var hasErrors: Bool
    var errors: [ErrorLink]
    var periodError: String?
}

/// `/meetings/{id}`.
struct MeetingPage: PageModel, Sendable {
    static let template = Template.meeting

    struct PaperView: Sendable {
        var paperTitle: String
        var paperHref: String?
    }

    struct MinuteView: Sendable {
        var minuteLabel: String?
        var minuteParagraphs: [String]
        var minuteResolutions: [String]
        var minuteWithheld: Bool
        /// The signed-in clerk who last wrote it, with their role.
        var minuteRecordedBy: String?
    }

    struct ItemView: Sendable {
        var itemNumber: Int
        var itemAnchor: String
        var itemTitle: String
        var itemPresenter: String?
        var itemPurpose: String
        var itemDetail: String?
        var itemExempt: Bool
        var papersWithheld: Bool
        var papers: [PaperView]
        var minute: MinuteView?
        var isReview: Bool
        var review: [ActionPointRow]
        var reviewEmpty: Bool
        var raisedHere: [ActionPointRow]
        var hasRaised: Bool
        var minuteForm: MinuteFormView?
    }

    var title: String
    var navBoards = true
    var breadcrumbs: [Crumb]
    var banner: SavedBanner?
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var caption: String
    var heading: String
    var venue: String
    var statusChip: Chip
    var minutesStatus: String?
    var packHref: String
    var packDocxHref: String
    /// Every change to the meeting, its minutes and its action points (the audit trail).
    var historyHref: String
    /// Only for a held meeting: the others have no minutes.
    var minutesHref: String?
    var minutesDocxHref: String?
    var boardHref: String
    var items: [ItemView]
    var isCancelled: Bool
    /// Why, by whom and when, for a cancelled meeting.
    var cancellationText: String?
    var hasAttendance: Bool
    var present: [String]
    var apologies: [String]
    var substitutes: [String]
    var alsoInAttendance: [String]
    var amendments: [String]
    var mayManage: Bool
    /// Why the attendance form is not shown yet: the meeting's day has not come.
    var attendanceNotYet: String?
    var attendanceForm: AttendanceFormView?
    var actionPointForm: NewActionPointFormView?
    var numberForm: SimpleFormView?
    /// Before the meeting's day: why its "minutes of the last meeting" cannot be approved yet.
    var approvalNotYet: String?
    var approveLink: ConfirmLink?
    var cancelLink: ConfirmLink?
    var reinstateForm: SimpleFormView?
}

/// A link to a confirmation page (`MeetingConfirmationPage`), shown like a button.
struct ConfirmLink: Sendable {
    var confirmHref: String
    var confirmText: String
    var confirmHint: String
}

/// A form that is only a button (with the version it was shown at).
struct SimpleFormView: Sendable {
    var simplePostTo: String
    var simpleVersion: String
    var simpleLabel: String
    var simpleHint: String
}
