/// A person's role in one organisation as the audit trail records it; the entry's organisation
/// says where.
struct RoleInTrail: Encodable {
    /// "Sam Okafor <sam.okafor@northmoor.example>".
    var person: String
    /// "Editor", "Action lead".
    var role: String
}
