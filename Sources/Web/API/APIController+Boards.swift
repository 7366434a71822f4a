import Core
import Foundation
import Hummingbird
import Reports

/// The boards part of the JSON API: boards, meetings with their agenda, attendance, minutes and
/// action points, the action log, and the board pack's content.
extension APIController {
    var boardStore: any PlanStore & BoardStore { environment.store }
    var showExempt: Bool { identity.can(.readExemptPapers) }

    @Sendable func listBoards(_ request: Request, context: AppContext) async throws -> Response {
        try json(["boards": try await boardStore.boards(organisationID: org).map(BoardSummary.init)])
    }

    @Sendable func getBoard(_ request: Request, context: AppContext) async throws -> Response {
        try json(BoardResource(try await boardStore.board(id: try id(context), organisationID: org)))
    }

    @Sendable func listMeetings(_ request: Request, context: AppContext) async throws -> Response {
        try json(["meetings": try await boardStore.meetings(boardID: try id(context), organisationID: org).map(MeetingSummary.init)])
    }

    @Sendable func listActionPoints(_ request: Request, context: AppContext) async throws -> Response {
        let boardID = try id(context)
        let points = try await boardStore.actionPoints(boardID: boardID, organisationID: org)
        let meetings = try await boardStore.meetings(boardID: boardID, organisationID: org)
        let today = try asAt(request)
        let byID = Self.byID(meetings)
        // Outstanding ones as today's review would show them (overdue first), then the closed ones.
        let live = ActionLog.review(at: Meeting(id: Int64.max, boardID: boardID, date: today), actionPoints: points, meetings: meetings)
        let shown = Set(live.map(\.actionPoint.id))
        let resources = live.map { ActionPointResource($0.actionPoint, entry: $0, standing: $0.actionPoint.standing(asAt: today, meetings: byID)) }
            + points.filter { !shown.contains($0.id) }.map { ActionPointResource($0, standing: $0.standing(asAt: today, meetings: byID)) }
        return try json(ActionPointList(boardID: boardID, asAt: today, actionPoints: resources))
    }

    @Sendable func getMeeting(_ request: Request, context: AppContext) async throws -> Response {
        try json(try await meetingResource(id: try id(context)))
    }

    func meetingResource(id: Int64) async throws -> MeetingResource {
        let meeting = try await boardStore.meeting(id: id, organisationID: org)
        let board = try await boardStore.board(id: meeting.boardID, organisationID: org)
        let meetings = try await boardStore.meetings(boardID: board.id, organisationID: org)
        let points = try await boardStore.actionPoints(boardID: board.id, organisationID: org)
        let byID = Self.byID(meetings)
        let today = environment.today()
        let raised = points.filter { $0.raisedAtMeetingID == id }.map {
            ActionPointResource($0, entry: ActionLog.entry(for: $0, at: meeting, meetings: byID), standing: $0.standing(asAt: today, meetings: byID))
        }
        let review = ActionLog.review(at: meeting, actionPoints: points, meetings: meetings).map {
            ActionPointResource($0.actionPoint, entry: $0, standing: $0.actionPoint.standing(asAt: today, meetings: byID))
        }
        return MeetingResource(meeting: MeetingSummary(meeting), agenda: meeting.agenda.map { AgendaItemResource($0, showExempt: showExempt) },
                               attendance: AttendanceResource(meeting.attendance, board: board),
                               minutesAmendments: meeting.minutesAmendments, cancellation: meeting.cancellation,
                               attendanceOpens: MeetingSafeguards.attendanceOpens(for: meeting), actionPoints: raised, review: review)
    }

    static func byID(_ meetings: [Meeting]) -> [Int64: Meeting] {
        var byID: [Int64: Meeting] = [:]
        for m in meetings { byID[m.id] = m }
        return byID
    }

    /// An action point as the API returns it, its standing as at today.
    func actionPointResource(_ point: ActionPoint) async throws -> ActionPointResource {
        let meetings = try await boardStore.meetings(boardID: point.boardID, organisationID: org)
        return ActionPointResource(point, standing: point.standing(asAt: environment.today(), meetings: Self.byID(meetings)))
    }

    @Sendable func createActionPoint(_ request: Request, context: AppContext) async throws -> Response {
        let meetingID = try id(context)
        // Another organisation's meeting is not found, whatever the body.
        let meeting = try await boardStore.meeting(id: meetingID, organisationID: org)
        let input = try await decodeBody(ActionPointInput.self, request: request, context: context)
        guard meeting.agenda.contains(where: { $0.number == input.raisedAtItem }) else {
            throw ValidationError(field: "raisedAtItem", message: "The meeting has no agenda item \(input.raisedAtItem)")
        }
        if input.dueDate != nil && input.dueMeetingID != nil {
            throw ValidationError(field: "dueMeetingID", message: "Give a due date or a due meeting, not both")
        }
        if let dueMeetingID = input.dueMeetingID {
            let due = try? await boardStore.meeting(id: dueMeetingID, organisationID: org)
            guard let due, due.boardID == meeting.boardID, due.status != .cancelled, (due.date, due.id) > (meeting.date, meeting.id) else {
                throw ValidationError(field: "dueMeetingID", message: "Choose a later meeting of the same board that is not cancelled")
            }
        }
        let due: ActionPoint.Due? = input.dueDate.map { .date($0) } ?? input.dueMeetingID.map { .meeting(id: $0) }
        let point = ActionPoint(boardID: meeting.boardID, raisedAtMeetingID: meetingID, raisedAtItem: input.raisedAtItem,
                                text: input.text.trimmingCharacters(in: .whitespacesAndNewlines),
                                owner: input.owner.trimmingCharacters(in: .whitespacesAndNewlines), due: due, planActionID: input.planActionID)
        let saved = try await boardStore.createActionPoint(point, organisationID: org)
        return try json(try await actionPointResource(saved), status: .created, location: .actionPoint(saved.id))
    }

    @Sendable func patchActionPoint(_ request: Request, context: AppContext) async throws -> Response {
        let pointID = try id(context)
        let stored = try await boardStore.actionPoint(id: pointID, organisationID: org)
        let patch = try await decodeBody(ActionPointPatch.self, request: request, context: context)
        let today = environment.today()
        let day = patch.date ?? today
        if let problem = ValidationError.afterToday(day, today: today, field: "date", what: "The update's date") { throw problem }
        // Who gives an update is who the token acts for, never a name in the body.
        if patch.author != nil {
            throw ValidationError(field: "author", message: "Leave out author: an update is recorded as given by the token's person")
        }
        let author = identity.signature
        let role = identity.role.word
        let note = (patch.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if patch.dueDate != nil && patch.dueMeetingID != nil {
            throw ValidationError(field: "dueMeetingID", message: "Give a due date or a due meeting, not both")
        }
        var carryTo: Meeting?
        if patch.status == .carriedForward {
            guard let target = patch.carryForwardTo else {
                throw ValidationError(field: "carryForwardTo", message: "Name the meeting the action point is carried forward to")
            }
            carryTo = try? await boardStore.meeting(id: target, organisationID: org)
            guard carryTo != nil else { throw ValidationError(field: "carryForwardTo", message: "There is no meeting \(target)") }
        }
        if let dueMeetingID = patch.dueMeetingID {
            let due = try? await boardStore.meeting(id: dueMeetingID, organisationID: org)
            guard due?.boardID == stored.boardID else {
                throw ValidationError(field: "dueMeetingID", message: "Choose a meeting of the same board")
            }
        }
        let carryMeeting = carryTo
        let saved = try await boardStore.editActionPoint(id: pointID, organisationID: org, expectedVersion: patch.version) { point in
            if let text = patch.text { point.text = text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let owner = patch.owner { point.owner = owner.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let date = patch.dueDate { point.due = .date(date) }
            if let meeting = patch.dueMeetingID { point.due = .meeting(id: meeting) }
            switch patch.status {
            case .done?:
                try ActionLog.close(&point, as: .done, on: day, by: author, role: role, note: note)
            case .noLongerRequired?:
                try ActionLog.close(&point, as: .noLongerRequired, on: day, by: author, role: role, note: note)
            case .carriedForward?:
                // The meeting was found above; without it the request was already refused.
                guard let carryMeeting else { throw ValidationError(field: "carryForwardTo", message: "Name the meeting the action point is carried forward to") }
                try ActionLog.carryForward(&point, to: carryMeeting, on: day, by: author, role: role, note: note)
            case .open?:
                ActionLog.apply(.init(date: day, author: author, authorRole: role, text: note.isEmpty ? "Reopened" : note, status: .open), to: &point)
            case nil:
                if !note.isEmpty { ActionLog.apply(.init(date: day, author: author, authorRole: role, text: note), to: &point) }
            }
        }
        return try json(try await actionPointResource(saved))
    }

    // MARK: Meeting safeguards: the same rules as the meeting page (`MeetingSafeguards`)

    @Sendable func recordAttendance(_ request: Request, context: AppContext) async throws -> Response {
        let meetingID = try id(context)
        let meeting = try await boardStore.meeting(id: meetingID, organisationID: org)
        let input = try await decodeBody(AttendanceInput.self, request: request, context: context)
        let board = try await boardStore.board(id: meeting.boardID, organisationID: org)
        let attendance = Attendance(
            present: input.present, apologies: input.apologies ?? [],
            substitutes: (input.substitutes ?? []).map { substitute in
                let name = substitute.substituteName.trimmingCharacters(in: .whitespacesAndNewlines)
                let named = board.members.first { $0.membership == .substitute && $0.name.caseInsensitiveCompare(name) == .orderedSame }
                return Attendance.Substitution(forMemberID: substitute.forMemberID, substituteName: name, substituteMemberID: named?.id)
            },
            alsoInAttendance: input.alsoInAttendance ?? [])
        let today = environment.today()
        _ = try await boardStore.editMeeting(id: meetingID, organisationID: org, expectedVersion: input.version) { m in
            try MeetingSafeguards.recordAttendance(attendance, at: &m, today: today)
        }
        return try json(try await meetingResource(id: meetingID))
    }

    @Sendable func cancelMeeting(_ request: Request, context: AppContext) async throws -> Response {
        let meetingID = try id(context)
        _ = try await boardStore.meeting(id: meetingID, organisationID: org)
        let input = try await decodeBody(CancellationInput.self, request: request, context: context)
        let (name, role, today) = (identity.name, identity.role.word, environment.today())
        _ = try await boardStore.editMeeting(id: meetingID, organisationID: org, expectedVersion: input.version) { m in
            try MeetingSafeguards.cancel(&m, reason: input.reason, by: name, role: role, on: today)
        }
        return try json(try await meetingResource(id: meetingID))
    }

    @Sendable func reinstateMeeting(_ request: Request, context: AppContext) async throws -> Response {
        let meetingID = try id(context)
        _ = try await boardStore.meeting(id: meetingID, organisationID: org)
        let input = try await decodeBody(MeetingVersionInput.self, request: request, context: context)
        _ = try await boardStore.editMeeting(id: meetingID, organisationID: org, expectedVersion: input.version) { m in
            try MeetingSafeguards.reinstate(&m)
        }
        return try json(try await meetingResource(id: meetingID))
    }

    /// Approves the minutes of the board's previous held meeting at this one, as the page does.
    @Sendable func approveMinutes(_ request: Request, context: AppContext) async throws -> Response {
        let meetingID = try id(context)
        let meeting = try await boardStore.meeting(id: meetingID, organisationID: org)
        let input = try await decodeBody(MeetingVersionInput.self, request: request, context: context)
        let meetings = try await boardStore.meetings(boardID: meeting.boardID, organisationID: org)
        guard let previous = BoardController.minutesToApprove(at: meeting, among: meetings) else {
            throw ValidationError(field: "meetingID", message: "The board has no earlier held meeting whose minutes could be approved")
        }
        try MinutesLifecycle.refuseEarlyApproval(at: meeting, today: environment.today())
        _ = try await boardStore.approveMinutes(meetingID: previous.id, atMeetingID: meetingID, organisationID: org, expectedVersion: input.version)
        return try json(try await meetingResource(id: meetingID))
    }

    /// JSON by default (as before `format` existed); `html` is the print-ready page as one file,
    /// `docx` the Word board paper.
    @Sendable func getPack(_ request: Request, context: AppContext) async throws -> Response {
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard ["json", "html", "docx"].contains(format) else {
            throw ValidationError(field: "format", message: "format must be json, html or docx, not '\(format)'")
        }
        let pack = try await BoardPack.assemble(meetingID: try id(context), store: boardStore, organisationID: org,
                                                today: environment.today(), showExempt: showExempt)
        switch format {
        case "html":
            let html = try BoardPapers(views: environment.views).packHTML(pack, organisationName: identity.organisationName)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        case "docx":
            return BoardPapers.download(try BoardPackDocument.data(pack), name: BoardPackDocument.fileName(pack), type: BoardPapers.wordType)
        default:
            return try json(pack)
        }
    }
}

/// `GET /boards/{id}/action-points`.
struct ActionPointList: Codable, Sendable {
    var boardID: Int64
    var asAt: Day
    var actionPoints: [ActionPointResource]
}
