import Core
import Foundation

/// An invitation as the audit trail records it, in the organisation it is for. The link's token
/// and its hash are kept out: the trail must give nothing that opens the link.
struct InvitationInTrail: Encodable {
    var email: String
    var name: String
    var role: String
    var expiresAt: String
    /// "open", "accepted", "replaced".
    var status: String

    init(_ invitation: Invitation, status: String) {
        email = invitation.email
        name = invitation.name
        role = invitation.role.word
        expiresAt = Timestamp.string(from: invitation.expiresAt)
        self.status = status
    }
}
