/// What a person may do in one organisation. A person can hold a different role in each
/// organisation they belong to.
///
/// | permission               | administrator | editor | action lead | board member | analyst | viewer |
/// |--------------------------|---------------|--------|-------------|--------------|---------|--------|
/// | read plans and KPIs      | yes           | yes    | yes         | yes          | yes     | yes    |
/// | edit plans, measures…    | yes           | yes    |             |              |         |        |
/// | update actions they lead | yes (all)     | yes (all) | yes (own) |             |         |        |
/// | manage people            | yes           |        |             |              |         |        |
/// | manage boards            | yes           | yes    |             |              |         |        |
/// | read exempt papers       | yes           | yes    |             | yes          |         |        |
/// | child-level data         |               |        |             |              | yes     |        |
/// | see small numbers        | yes           | yes    |             |              | yes     |        |
/// | audit trail, notices     | yes           |        |             |              |         |        |
public enum Role: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case administrator
    case editor
    case actionLead = "action-lead"
    case boardMember = "board-member"
    case analyst
    case viewer

    /// The permissions the role grants: the one place the role matrix is written down.
    public var permissions: Set<Permission> {
        switch self {
        case .administrator: [.readPlans, .editPlans, .updateLedActions, .managePeople, .manageBoards, .readExemptPapers, .readAuditTrail,
                              .seeSmallNumbers, .editNotices]
        // Editors enter the values, so they see them whole.
        case .editor: [.readPlans, .editPlans, .updateLedActions, .manageBoards, .readExemptPapers, .seeSmallNumbers]
        case .actionLead: [.readPlans, .updateLedActions]
        // Members read everything a viewer reads, and the exempt papers of the boards.
        case .boardMember: [.readPlans, .readExemptPapers]
        // The only role that sees child-level records; it computes the KPIs, small numbers included.
        case .analyst: [.readPlans, .readChildLevelData, .seeSmallNumbers]
        case .viewer: [.readPlans]
        }
    }

    public func can(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// True when everything `other` may do, this role may do too: an API token's role may not
    /// exceed the role of the person it acts for.
    public func covers(_ other: Role) -> Bool { permissions.isSuperset(of: other.permissions) }

    /// "Action lead".
    public var word: String {
        switch self {
        case .administrator: "Administrator"
        case .editor: "Editor"
        case .actionLead: "Action lead"
        case .boardMember: "Board member"
        case .analyst: "Analyst"
        case .viewer: "Viewer"
        }
    }

    /// Roles in the order of the matrix, for lists and choices.
    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
