/// Where boards, their meetings, action logs and work programmes are kept. Implemented by the
/// Store module beside `PlanStore`; the web and the command line see only this.
///
/// Every call names the organisation: a board, meeting, action point or work programme item of
/// another organisation is "not found", whatever its id. Every write is one transaction. Edits
/// naming an `expectedVersion` other than the stored one are refused with `StoreError.staleVersion`.
public protocol BoardStore: Sendable {
    // MARK: Boards

    /// The organisation's boards, by name.
    func boards(organisationID: Int64) async throws -> [Board]
    func board(id: Int64, organisationID: Int64) async throws -> Board
    /// Stores a new board; members given with id 0 are numbered.
    func createBoard(_ board: Board) async throws -> Board
    /// Applies `edit` to the board (name, members, chair, terms of reference, numbering).
    func editBoard(id: Int64, organisationID: Int64, expectedVersion: Int?,
                   _ edit: @Sendable (inout Board) throws -> Void) async throws -> Board
    /// Takes a member off the board (`Board.removeMember`), checked against every meeting's
    /// attendance in the same transaction.
    func removeBoardMember(id memberID: Int64, boardID: Int64, organisationID: Int64, expectedVersion: Int?) async throws -> Board

    // MARK: Meetings

    /// The board's meetings, by date.
    func meetings(boardID: Int64, organisationID: Int64) async throws -> [Meeting]
    func meeting(id: Int64, organisationID: Int64) async throws -> Meeting
    /// Stores a new meeting. With `fromTemplate` true and an empty agenda, the agenda is the
    /// board's template (`MeetingTemplate`) with the work programme's items for its date.
    func createMeeting(_ meeting: Meeting, organisationID: Int64, fromTemplate: Bool) async throws -> Meeting
    /// Applies `edit` to the meeting: date, time, venue, status, agenda, attendance, minutes.
    /// Approved minutes change only through `MinutesLifecycle.amend` (with a reason).
    func editMeeting(id: Int64, organisationID: Int64, expectedVersion: Int?,
                     _ edit: @Sendable (inout Meeting) throws -> Void) async throws -> Meeting
    /// Numbers the meeting's minutes, continuing from the last number used at the board's
    /// earlier meetings (`MinuteNumbering`).
    func numberMinutes(meetingID: Int64, organisationID: Int64, expectedVersion: Int?) async throws -> Meeting
    /// Approves the minutes of meeting `meetingID` at the later meeting `atMeetingID`, recording
    /// it on that meeting's "minutes of the last meeting" item; both change in one transaction.
    /// `expectedVersion` is that of the meeting whose minutes are approved.
    func approveMinutes(meetingID: Int64, atMeetingID: Int64, organisationID: Int64,
                        expectedVersion: Int?) async throws -> (approved: Meeting, at: Meeting)

    // MARK: Action points

    /// The board's action points, in the order they were raised.
    func actionPoints(boardID: Int64, organisationID: Int64) async throws -> [ActionPoint]
    func actionPoint(id: Int64, organisationID: Int64) async throws -> ActionPoint
    /// Stores a new action point raised at a meeting of its board.
    func createActionPoint(_ actionPoint: ActionPoint, organisationID: Int64) async throws -> ActionPoint
    /// Appends a dated update (history is never overwritten) and applies the status it carries.
    func addActionPointUpdate(_ update: ActionPoint.Update, actionPointID: Int64, organisationID: Int64,
                              expectedVersion: Int?) async throws -> ActionPoint
    /// Applies `edit` (text, owner, due, status, carrying forward with `ActionLog`); earlier
    /// updates cannot be changed or removed.
    func editActionPoint(id: Int64, organisationID: Int64, expectedVersion: Int?,
                         _ edit: @Sendable (inout ActionPoint) throws -> Void) async throws -> ActionPoint
    /// What the "review of previous action points" item of the meeting shows, overdue first
    /// (`ActionLog.review`), read live from the action log.
    func actionPointReview(meetingID: Int64, organisationID: Int64) async throws -> [ActionLog.Entry]

    // MARK: Work programme

    func workProgramme(boardID: Int64, organisationID: Int64) async throws -> WorkProgramme
    func createWorkProgrammeItem(_ item: WorkProgrammeItem, organisationID: Int64) async throws -> WorkProgrammeItem
    func editWorkProgrammeItem(id: Int64, organisationID: Int64, expectedVersion: Int?,
                               _ edit: @Sendable (inout WorkProgrammeItem) throws -> Void) async throws -> WorkProgrammeItem
    /// Removes the item from the work programme; agendas it is already on keep it.
    func deleteWorkProgrammeItem(id: Int64, organisationID: Int64, expectedVersion: Int?) async throws
}
