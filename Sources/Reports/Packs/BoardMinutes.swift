import Core

/// The minutes of one meeting as they are published: who came, each item's numbered minute with
/// its resolutions, and the action points raised. Built from Core data like `BoardPack`, so the
/// minutes page and the `.docx` say the same; exempt minutes keep their title and resolutions
/// but lose their narrative unless the reader may see exempt papers.
public struct BoardMinutes: Sendable, Codable, Hashable {
    public struct RaisedActionPoint: Sendable, Codable, Hashable {
        public var itemNumber: Int
        public var text: String
        public var owner: String
        /// "By 31 Mar 2026", "At the meeting on 14 Apr 2026", "No due date".
        public var due: String
    }

    public var meetingID: Int64
    public var boardName: String
    public var meetingDate: Day
    /// "Tuesday 10 March 2026 at 2pm".
    public var when: String
    public var venue: String
    /// False for a meeting still scheduled or cancelled: it has no minutes.
    public var isHeld: Bool
    public var chair: String?
    /// Not yet approved or locked: every page says "Draft" so a draft never passes for the record.
    public var isDraft: Bool
    public var record: BoardPack.PreviousMinutes
    public var actionPoints: [RaisedActionPoint]

    public static func build(board: Board, meeting: Meeting, meetings: [Meeting], actionPoints: [ActionPoint], showExempt: Bool) -> BoardMinutes {
        var byID: [Int64: Meeting] = [:]
        for m in meetings { byID[m.id] = m }
        byID[meeting.id] = meeting
        let raised = actionPoints
            .filter { $0.raisedAtMeetingID == meeting.id }
            .sorted { ($0.raisedAtItem, $0.id) < ($1.raisedAtItem, $1.id) }
            .map { point in
                RaisedActionPoint(itemNumber: point.raisedAtItem, text: point.text, owner: point.owner,
                                  due: ActionLog.entry(for: point, at: meeting, meetings: byID).dueText)
            }
        return BoardMinutes(meetingID: meeting.id, boardName: board.name, meetingDate: meeting.date, when: meeting.whenText,
                            venue: meeting.venue, isHeld: meeting.status == .held, chair: board.chair?.name, isDraft: !meeting.minutesStatus.isLocked,
                            record: BoardPack.minutes(of: meeting, board: board, showExempt: showExempt), actionPoints: raised)
    }

    /// Reads a meeting's minutes from the store.
    public static func assemble(meetingID: Int64, store: any BoardStore, organisationID: Int64, showExempt: Bool) async throws -> BoardMinutes {
        let meeting = try await store.meeting(id: meetingID, organisationID: organisationID)
        let board = try await store.board(id: meeting.boardID, organisationID: organisationID)
        let meetings = try await store.meetings(boardID: board.id, organisationID: organisationID)
        let points = try await store.actionPoints(boardID: board.id, organisationID: organisationID)
        return build(board: board, meeting: meeting, meetings: meetings, actionPoints: points, showExempt: showExempt)
    }
}
