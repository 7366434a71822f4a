/// Something a person may do in an organisation. Routes name the permission they need; a role
/// is the set of permissions it grants (`Role.permissions`).
public enum Permission: String, Sendable, Codable, CaseIterable, Hashable {
    /// Read plans, actions, measures (KPIs) and their ratings.
    case readPlans = "read plans"
    /// Create and edit plans, areas, actions, measures and values; add updates to any action.
    case editPlans = "edit plans"
    /// Add progress updates to, change the status of, complete milestones of and judge the
    /// difference made by the actions one leads (an editor may do it to every action).
    case updateLedActions = "update led actions"
    /// Add people, give them roles, disable them.
    case managePeople = "manage people"
    /// Keep boards' business: create and cancel meetings, record attendance, write and number
    /// minutes, approve the previous minutes, raise and update action points.
    case manageBoards = "manage boards"
    /// See exempt board papers and minutes (Local Government Act 1972, Schedule 12A): board
    /// members and the officers who run the boards.
    case readExemptPapers = "read exempt papers"
    /// See child-level records and drill-down lists (special category data).
    case readChildLevelData = "read child-level data"
    /// See and download the organisation's whole audit trail (each record's own history is
    /// for everyone who reads plans).
    case readAuditTrail = "read audit trail"
    /// See KPI values that shared outputs suppress as small numbers (domain.md): the analysts who
    /// compute them and the editors and administrators who enter them need the figures; everyone
    /// else reads "Suppressed (small number)", as in the board pack.
    case seeSmallNumbers = "see small numbers"
    /// Write the organisation's accessibility statement and privacy notice, which are the
    /// council's published word to everyone who uses the service.
    case editNotices = "edit notices"
}
