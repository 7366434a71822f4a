/// A board or committee that monitors a plan: an Improvement Board, a Children and Young People
/// Scrutiny Committee, a Corporate Parenting Board, a safeguarding partnership sub-group.
public struct Board: Sendable, Codable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case improvementBoard = "improvement board"
        case scrutinyCommittee = "scrutiny committee"
        case corporateParentingBoard = "corporate parenting board"
        case safeguardingSubgroup = "safeguarding partnership sub-group"
        case other

        public var word: String {
            switch self {
            case .improvementBoard: "Improvement board"
            case .scrutinyCommittee: "Scrutiny committee"
            case .corporateParentingBoard: "Corporate parenting board"
            case .safeguardingSubgroup: "Safeguarding partnership sub-group"
            case .other: "Other board or group"
            }
        }
    }

    /// How often the board expects to meet (set out in its terms of reference).
    public enum Frequency: String, Sendable, Codable, CaseIterable {
        case monthly
        case everySixWeeks = "every six weeks"
        case everyTwoMonths = "every two months"
        case quarterly
        case twiceAYear = "twice a year"
        case asRequired = "as required"

        public var word: String {
            switch self {
            case .monthly: "Monthly"
            case .everySixWeeks: "Every six weeks"
            case .everyTwoMonths: "Every two months"
            case .quarterly: "Quarterly"
            case .twiceAYear: "Twice a year"
            case .asRequired: "As required"
            }
        }
    }

    public var id: Int64
    public var organisationID: Int64
    public var name: String
    public var kind: Kind
    /// The member who chairs the board (a `BoardMember.id`).
    public var chairID: Int64?
    /// The member who chairs in the chair's absence.
    public var viceChairID: Int64?
    public var members: [BoardMember]
    /// The board's terms of reference, as agreed (plain text).
    public var termsOfReference: String
    public var meetingFrequency: Frequency
    public var minuteNumbering: MinuteNumbering
    /// Incremented by every edit; an edit naming an older version is refused.
    public var version: Int

    public init(id: Int64 = 0, organisationID: Int64, name: String, kind: Kind, chairID: Int64? = nil,
                viceChairID: Int64? = nil, members: [BoardMember] = [], termsOfReference: String = "",
                meetingFrequency: Frequency = .quarterly, minuteNumbering: MinuteNumbering = .running(),
                version: Int = 1) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.kind = kind
        self.chairID = chairID
        self.viceChairID = viceChairID
        self.members = members
        self.termsOfReference = termsOfReference
        self.meetingFrequency = meetingFrequency
        self.minuteNumbering = minuteNumbering
        self.version = version
    }

    public func member(id: Int64) -> BoardMember? { members.first { $0.id == id } }

    public var chair: BoardMember? { chairID.flatMap(member(id:)) }
    public var viceChair: BoardMember? { viceChairID.flatMap(member(id:)) }

    /// A member's name, or "member N" where the id is not (or no longer) on the board.
    public func name(of memberID: Int64) -> String { member(id: memberID)?.name ?? "member \(memberID)" }

    /// The posts a member can hold.
    public enum Post: String, Sendable, CaseIterable {
        case chair
        case viceChair = "vice chair"
    }

    /// Gives the member `post`, taking it from whoever held it; nil takes any post from them.
    /// One person cannot be both chair and vice chair, so the other post is left empty.
    public mutating func appoint(_ memberID: Int64, to post: Post?) {
        switch post {
        case .chair:
            chairID = memberID
            if viceChairID == memberID { viceChairID = nil }
        case .viceChair:
            viceChairID = memberID
            if chairID == memberID { chairID = nil }
        case nil:
            if chairID == memberID { chairID = nil }
            if viceChairID == memberID { viceChairID = nil }
        }
    }

    /// Takes a member off the board, and out of the chair or vice chair. A member named in any
    /// meeting's attendance stays, so the record of who came keeps their name: give the day they
    /// left instead, and later meetings stop expecting them.
    public mutating func removeMember(id memberID: Int64, meetings: [Meeting]) throws(ValidationError) {
        guard let member = member(id: memberID) else {
            throw ValidationError(field: "member", message: "That member is no longer on the board; reload the page")
        }
        let attended = meetings.filter { meeting in
            let named = meeting.attendance.present + meeting.attendance.apologies + meeting.attendance.substitutes.map(\.forMemberID)
            return named.contains(memberID)
        }
        guard attended.isEmpty else {
            let count = attended.count == 1 ? "1 meeting" : "\(attended.count) meetings"
            throw ValidationError(field: "member", message: "\(member.name) is in the attendance of \(count), so stays on the board's record. Give the day they left the board instead")
        }
        members.removeAll { $0.id == memberID }
        appoint(memberID, to: nil)
    }

    /// The board with every member given as id 0 numbered after the highest id in use, so a new
    /// board's members (and members added later) get ids that attendance can refer to.
    public func numberingNewMembers() -> Board {
        var numbered = self
        var next = (members.map(\.id).max() ?? 0) + 1
        for index in numbered.members.indices where numbered.members[index].id == 0 {
            numbered.members[index].id = next
            next += 1
        }
        return numbered
    }
}
