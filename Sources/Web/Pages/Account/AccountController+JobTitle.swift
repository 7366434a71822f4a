import Core
import Foundation
import Hummingbird

/// A job title, set by the person on their account page or by an administrator on the people
/// page; Core's `JobTitle` decides what may be stored, so both say the same.
extension AccountController {
    @Sendable func changeOwnJobTitle(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await FormReading.decode(JobTitleInput.self, from: request, context: context)
        switch JobTitle.validated(input.jobTitle) {
        case let .failure(error):
            var problems = FormProblems()
            problems.add("job-title", error.message)
            return try await accountPage(problems: problems, status: .badRequest, jobTitleInput: input.jobTitle).response()
        case let .success(title):
            try await environment.store.setJobTitle(personID: identity.personID, title, organisationID: identity.organisationID)
            return redirect(to: .account, query: "saved=job-title")
        }
    }

    /// Only for a member of the administrator's organisation: anyone else is not found.
    @Sendable func changeJobTitle(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let members = try await environment.store.members(organisationID: identity.organisationID)
        guard members.contains(where: { $0.person.id == id }) else { throw StoreError.notFound(entity: "person", id: String(id)) }
        let input = try await FormReading.decode(JobTitleInput.self, from: request, context: context)
        switch JobTitle.validated(input.jobTitle) {
        case let .failure(error):
            var problems = FormProblems()
            problems.add(PeoplePage.jobTitleField(id), error.message)
            return try await peoplePage(problems: problems, status: .badRequest, jobTitleInput: (id, input.jobTitle ?? "")).response()
        case let .success(title):
            try await environment.store.setJobTitle(personID: id, title, organisationID: identity.organisationID)
            return redirect(to: .people, query: "saved=job-title")
        }
    }
}

struct JobTitleInput: Decodable, Sendable {
    var jobTitle: String?
}
