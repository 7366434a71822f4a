import Core
import Foundation
import Hummingbird

/// `/meetings/{id}/cancel` and `/meetings/{id}/approve-minutes` (GET): the second page that asks
/// "are you sure?" before a change a clerk cannot simply take back. A plain page with a button
/// that posts and a link back, so it needs no JavaScript.
struct MeetingConfirmationPage: PageModel, Sendable {
    static let template = Template.meetingConfirmation

    struct ConfirmForm: Sendable {
        var confirmPostTo: String
        var confirmVersion: String
        var confirmLabel: String
        /// Red: the change takes something away (cancelling).
        var confirmWarning: Bool
        var reasonField: ReasonField?
    }

    struct ReasonField: Sendable {
        var reasonLabel: String
        var reasonHint: String
        var reasonValue: String
        var reasonError: String?
    }

    var title: String
    var navBoards = true
    var breadcrumbs: [Crumb]
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var caption: String
    var heading: String
    var consequences: [String]
    /// Nil when there is nothing to confirm (the meeting cannot be cancelled, no minutes to approve).
    var confirmForm: ConfirmForm?
    var backHref: String
}

extension BoardController {
    // MARK: Cancelling, with a reason, and undoing it

    @Sendable func cancelConfirmation(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        return try render(try await cancelPage(id: id))
    }

    func cancelPage(id: Int64, reason: String = "", problems: FormProblems = FormProblems(), intro: String? = nil) async throws -> MeetingConfirmationPage {
        let meeting = try await store.meeting(id: id, organisationID: org)
        let board = try await store.board(id: meeting.boardID, organisationID: org)
        var problems = problems
        var intro = intro
        var form: MeetingConfirmationPage.ConfirmForm?
        if meeting.status == .scheduled {
            form = .init(confirmPostTo: Path.meetingCancellation(id).href, confirmVersion: String(meeting.version),
                         confirmLabel: "Yes, cancel the meeting", confirmWarning: true,
                         reasonField: .init(reasonLabel: "Why is the meeting cancelled?",
                                            reasonHint: "Members and officers see this on the meeting page, for example 'Not quorate: too many apologies'.",
                                            reasonValue: reason, reasonError: problems.message("reason")))
        } else if problems.isEmpty, intro == nil {
            intro = "Only a scheduled meeting can be cancelled; this one is \(meeting.status.word.lowercased())."
            problems = FormProblems()
        }
        let hasErrors = !problems.isEmpty || intro != nil
        return MeetingConfirmationPage(
            title: (hasErrors ? "Error: " : "") + "Cancel the meeting on \(meeting.date.formattedLong)",
            breadcrumbs: crumbs(board: board, meeting: meeting), hasErrors: hasErrors, errors: problems.links, errorIntro: intro,
            caption: board.name, heading: "Are you sure you want to cancel the meeting on \(meeting.whenText)?",
            consequences: [
                "A cancelled meeting takes no items from the work programme and never counts in attendance figures.",
                "Action points due at it wait for the next meeting.",
                "You can reinstate the meeting afterwards from its page if it was cancelled by mistake.",
            ],
            confirmForm: form, backHref: Path.meeting(id).href)
    }

    func crumbs(board: Board, meeting: Meeting) -> [Crumb] {
        [Crumb(href: Path.boards.href, label: "Boards"), Crumb(href: Path.board(board.id).href, label: board.name),
         Crumb(href: Path.meeting(meeting.id).href, label: meeting.date.formatted)]
    }

    @Sendable func cancelMeeting(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.meeting(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let reason = fields["reason"] ?? ""
        let name = identity.name
        let role = identity.role.word
        let today = environment.today()
        do {
            _ = try await store.editMeeting(id: id, organisationID: org, expectedVersion: version) { m in
                try MeetingSafeguards.cancel(&m, reason: reason, by: name, role: role, on: today)
            }
        } catch StoreError.staleVersion {
            return try await conflict(meetingID: id, .other, fields: fields, what: "The cancellation")
        } catch let error as ValidationError {
            var problems = FormProblems()
            problems.add(error.field == "reason" ? "reason" : "cancel", error.message, linkTo: error.field == "reason" ? "reason" : nil)
            return try render(try await cancelPage(id: id, reason: reason, problems: problems), status: .badRequest).response()
        } catch let error as ValidationErrors {
            return try await invalid(meetingID: id, .other, fields: fields, error.errors, anchor: "cancel-meeting")
        }
        return redirect(to: .meeting(id), query: "saved=cancelled")
    }

    @Sendable func reinstateMeeting(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.meeting(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        do {
            _ = try await store.editMeeting(id: id, organisationID: org, expectedVersion: version) { m in
                try MeetingSafeguards.reinstate(&m)
            }
        } catch StoreError.staleVersion {
            return try await conflict(meetingID: id, .other, fields: fields, what: "Reinstating the meeting")
        } catch let error as ValidationError {
            return try await invalid(meetingID: id, .other, fields: fields, [error], anchor: "reinstate-meeting")
        } catch let error as ValidationErrors {
            return try await invalid(meetingID: id, .other, fields: fields, error.errors, anchor: "reinstate-meeting")
        }
        return redirect(to: .meeting(id), query: "saved=reinstated")
    }

    // MARK: Approving the previous minutes, after a second look

    /// The earlier held meeting whose minutes `meeting` would approve.
    static func minutesToApprove(at meeting: Meeting, among meetings: [Meeting]) -> Meeting? {
        meetings.filter { $0.status == .held && ($0.date, $0.id) < (meeting.date, meeting.id) }.last
    }

    @Sendable func approveConfirmation(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let meeting = try await store.meeting(id: id, organisationID: org)
        let board = try await store.board(id: meeting.boardID, organisationID: org)
        let meetings = try await store.meetings(boardID: board.id, organisationID: org)
        let previous = Self.minutesToApprove(at: meeting, among: meetings)
        var intro: String?
        var form: MeetingConfirmationPage.ConfirmForm?
        var heading = "Approve the minutes"
        var consequences: [String] = []
        let early = MinutesLifecycle.approvalRefusal(at: meeting, today: environment.today())
        if let previous, !previous.minutesStatus.isLocked, meeting.status != .cancelled,
           meeting.item(ofKind: .minutesOfLastMeeting) != nil, let early {
            intro = early + "."
        } else if let previous, !previous.minutesStatus.isLocked, meeting.status != .cancelled,
           let item = meeting.item(ofKind: .minutesOfLastMeeting) {
            heading = "Are you sure you want to approve the minutes of the meeting on \(previous.dayText)?"
            consequences = [
                "The board approves them as a correct record at this meeting: the resolution is minuted under item \(item.number), \(item.title).",
                "The minutes are then locked. A later change needs a reason, and the approved wording is kept beside it.",
            ]
            form = .init(confirmPostTo: Path.minutesApproval(id).href, confirmVersion: String(previous.version),
                         confirmLabel: "Yes, approve and lock the minutes", confirmWarning: false, reasonField: nil)
        } else if let previous, previous.minutesStatus.isLocked {
            intro = "The minutes of the meeting on \(previous.date.formattedLong) are already \(previous.minutesStatus.inSentence)."
        } else if meeting.status == .cancelled {
            intro = "This meeting is cancelled; approve the minutes at a meeting that takes place."
        } else if previous == nil {
            intro = "The board has no earlier held meeting whose minutes could be approved here."
        } else {
            intro = "Add a 'minutes of the last meeting' item to this meeting's agenda to approve them here."
        }
        return try render(MeetingConfirmationPage(
            title: (intro == nil ? "" : "Error: ") + "Approve the minutes: \(board.name)", breadcrumbs: crumbs(board: board, meeting: meeting),
            hasErrors: intro != nil, errors: [], errorIntro: intro, caption: "\(board.name): meeting on \(meeting.date.formattedLong)",
            heading: heading, consequences: consequences, confirmForm: form, backHref: Path.meeting(id).href))
    }
}
