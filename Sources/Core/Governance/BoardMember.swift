/// A member of a board: a councillor, an officer, a partner's representative or a co-opted
/// member ("Cllr Amina Patel, Cabinet Member for Children's Services, Northshire County Council").
public struct BoardMember: Sendable, Codable, Hashable, Identifiable {
    /// How someone sits on the board.
    public enum Membership: String, Sendable, Codable, CaseIterable {
        /// A full member who can vote.
        case voting
        /// Co-opted: brings expertise or a voice (a care leaver, a foster carer), may not vote.
        case coopted = "co-opted"
        /// A named substitute: attends only in a member's place, so is not expected at meetings.
        case substitute

        public var word: String {
            switch self {
            case .voting: "Voting member"
            case .coopted: "Co-opted member"
            case .substitute: "Substitute"
            }
        }
    }

    /// Unique within the board: attendance, chair and vice chair refer to it. The store numbers
    /// members given with id 0.
    public var id: Int64
    public var name: String
    /// What they sit as, "Cabinet Member for Children's Services", "Designated Nurse".
    public var role: String
    /// Whom they come from, "Northshire County Council", "Northshire Police".
    public var organisation: String
    public var membership: Membership
    /// When they joined the board; meetings before it are not expected of them.
    public var joinedOn: Day?
    /// When they left; meetings after it are not expected of them.
    public var leftOn: Day?

    public init(id: Int64 = 0, name: String, role: String = "", organisation: String = "",
                membership: Membership = .voting, joinedOn: Day? = nil, leftOn: Day? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.organisation = organisation
        self.membership = membership
        self.joinedOn = joinedOn
        self.leftOn = leftOn
    }

    /// Whether the member sat on the board on `day`.
    public func isMember(on day: Day) -> Bool {
        if let joinedOn, day < joinedOn { return false }
        if let leftOn, day > leftOn { return false }
        return true
    }
}
