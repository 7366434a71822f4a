/// Who came to a meeting: members present, members who sent apologies, substitutes, and officers
/// and guests also in attendance.
public struct Attendance: Sendable, Codable, Hashable {
    /// Someone attending in a member's place: "Cllr Ben Ward attending as Cllr Sue Hill's substitute".
    public struct Substitution: Sendable, Codable, Hashable {
        /// The member they stand in for (a `BoardMember.id`).
        public var forMemberID: Int64
        /// The substitute's name.
        public var substituteName: String
        /// The substitute's own id where they are a named substitute of the board.
        public var substituteMemberID: Int64?

        public init(forMemberID: Int64, substituteName: String, substituteMemberID: Int64? = nil) {
            self.forMemberID = forMemberID
            self.substituteName = substituteName
            self.substituteMemberID = substituteMemberID
        }

        /// "Cllr Ben Ward attending as Cllr Sue Hill's substitute".
        public func sentence(on board: Board) -> String {
            "\(substituteName) attending as \(board.name(of: forMemberID))'s substitute"
        }
    }

    /// An officer or guest who is not a member: "Jo Bloggs, Head of Service, Children in Care".
    public struct Attendee: Sendable, Codable, Hashable {
        public var name: String
        public var role: String
        public init(name: String, role: String = "") {
            self.name = name
            self.role = role
        }

        public var text: String { role.isEmpty ? name : "\(name), \(role)" }
    }

    /// Members present (`BoardMember.id`s).
    public var present: [Int64]
    /// Members who sent apologies.
    public var apologies: [Int64]
    public var substitutes: [Substitution]
    public var alsoInAttendance: [Attendee]

    public init(present: [Int64] = [], apologies: [Int64] = [], substitutes: [Substitution] = [],
                alsoInAttendance: [Attendee] = []) {
        self.present = present
        self.apologies = apologies
        self.substitutes = substitutes
        self.alsoInAttendance = alsoInAttendance
    }

    public var isEmpty: Bool { present.isEmpty && apologies.isEmpty && substitutes.isEmpty && alsoInAttendance.isEmpty }

    /// The substitution standing in for the member, if any.
    public func substitution(for memberID: Int64) -> Substitution? { substitutes.first { $0.forMemberID == memberID } }
}
