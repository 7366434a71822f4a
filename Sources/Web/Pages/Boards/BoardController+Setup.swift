import Core
import Foundation
import Hummingbird

/// The clerk's forms for the board itself: details, members, work programme. Each edit names the
/// version the page showed; if someone changed the board (or the item) since, nothing is saved
/// and the page comes back (409) as it is now.
extension BoardController {
    @Sendable func editDetails(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.board(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        switch BoardDetailsFormView.validated(fields) {
        case let .failure(list):
            return try await renderBoard(id: id, BoardSetupForms(form: .details, fields: fields, problems: list.problems), status: .badRequest)
        case let .success(input):
            return try await saving(boardID: id, .details, fields: fields, what: "Your changes to the board's details have not been saved.", anchor: "board-name", saved: "board") {
                _ = try await store.editBoard(id: id, organisationID: org, expectedVersion: version) { board in
                    board.name = input.name
                    board.kind = input.kind
                    board.meetingFrequency = input.frequency
                    board.minuteNumbering = input.numbering
                    board.termsOfReference = input.termsOfReference
                }
            }
        }
    }

    @Sendable func saveMember(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.board(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let memberID = fields.trimmed("member").flatMap(Int64.init)
        let prefix = memberID.map { "member-\($0)" } ?? "member-new"
        switch MemberFormView.validated(fields, prefix: prefix) {
        case let .failure(list):
            return try await renderBoard(id: id, BoardSetupForms(form: .member(memberID), fields: fields, problems: list.problems), status: .badRequest)
        case let .success(input):
            return try await saving(boardID: id, .member(memberID), fields: fields, what: "The member has not been saved.", anchor: "\(prefix)-name", saved: "member") {
                _ = try await store.editBoard(id: id, organisationID: org, expectedVersion: version) { board in
                    try MemberFormView.apply(input, memberID: memberID, to: &board)
                }
            }
        }
    }

    @Sendable func removeMember(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.board(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        guard let memberID = fields.trimmed("member").flatMap(Int64.init) else {
            throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
        }
        return try await saving(boardID: id, .member(memberID), fields: nil, what: "The member has not been removed.", anchor: "member-\(memberID)-remove",
                                saved: "member-removed") {
            _ = try await store.removeBoardMember(id: memberID, boardID: id, organisationID: org, expectedVersion: version)
        }
    }

    @Sendable func saveWorkProgrammeItem(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.board(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let itemID = fields.trimmed("item").flatMap(Int64.init)
        let prefix = itemID.map { "item-\($0)" } ?? "item-new"
        let meetings = try await store.meetings(boardID: id, organisationID: org)
        switch WorkProgrammeFormView.validated(fields, prefix: prefix, meetings: meetings) {
        case let .failure(list):
            return try await renderBoard(id: id, BoardSetupForms(form: .item(itemID), fields: fields, problems: list.problems), status: .badRequest)
        case let .success(input):
            if let itemID {
                let version = try fields.version()
                try await requireItem(itemID, onBoard: id)
                return try await saving(boardID: id, .item(itemID), fields: fields, what: "Your changes to the item have not been saved.", anchor: "\(prefix)-title",
                                        saved: "work-programme") {
                    _ = try await store.editWorkProgrammeItem(id: itemID, organisationID: org, expectedVersion: version) { item in
                        item.title = input.title
                        item.presenter = input.presenter
                        item.purpose = input.purpose
                        item.placement = input.placement
                    }
                }
            }
            return try await saving(boardID: id, .item(nil), fields: fields, what: "The item has not been saved.", anchor: "\(prefix)-title", saved: "work-programme") {
                _ = try await store.createWorkProgrammeItem(WorkProgrammeItem(boardID: id, title: input.title, presenter: input.presenter,
                                                                              purpose: input.purpose, placement: input.placement),
                                                            organisationID: org)
            }
        }
    }

    @Sendable func removeWorkProgrammeItem(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.board(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        guard let itemID = fields.trimmed("item").flatMap(Int64.init) else {
            throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
        }
        try await requireItem(itemID, onBoard: id)
        return try await saving(boardID: id, .item(itemID), fields: nil, what: "The item has not been removed.", anchor: "item-\(itemID)-title",
                                saved: "work-programme-removed") {
            try await store.deleteWorkProgrammeItem(id: itemID, organisationID: org, expectedVersion: version)
        }
    }

    /// An item of another board (of the same organisation) is not this board's to change.
    func requireItem(_ itemID: Int64, onBoard boardID: Int64) async throws {
        guard try await store.workProgramme(boardID: boardID, organisationID: org).items.contains(where: { $0.id == itemID }) else {
            throw StoreError.notFound(entity: "work programme item", id: String(itemID))
        }
    }

    /// Runs the store call; a stale version is the 409 page (`what` says what was not saved),
    /// Core's refusals the error summary.
    func saving(boardID: Int64, _ form: BoardSetupForms.Form, fields: FormFields?, what: String, anchor: String, saved: String,
                _ save: () async throws -> Void) async throws -> Response {
        do {
            try await save()
        } catch StoreError.staleVersion {
            var forms = BoardSetupForms(form: form, fields: fields)
            forms.errorIntro = "Someone else changed this board after you opened this page. \(what) The page below shows the board as it is now; check it and try again."
            return try await renderBoard(id: boardID, forms, status: .conflict)
        } catch let error as ValidationError {
            return try await renderBoard(id: boardID, Self.refused(form, fields: fields, [error], anchor: anchor), status: .badRequest)
        } catch let error as ValidationErrors {
            return try await renderBoard(id: boardID, Self.refused(form, fields: fields, error.errors, anchor: anchor), status: .badRequest)
        }
        let section = switch form {
        case .details: "terms-of-reference"
        case .member: "members"
        case .item, .none: "work-programme"
        }
        return redirect(to: .board(boardID), query: "saved=\(saved)", fragment: section)
    }

    static func refused(_ form: BoardSetupForms.Form, fields: FormFields?, _ errors: [ValidationError], anchor: String) -> BoardSetupForms {
        var forms = BoardSetupForms(form: form, fields: fields)
        for error in errors { forms.problems.add(anchor.hasSuffix("-remove") ? anchor : anchor + "-" + error.field, error.message, linkTo: anchor) }
        return forms
    }

    func renderBoard(id: Int64, _ setup: BoardSetupForms, status: HTTPResponse.Status) async throws -> Response {
        try render(try await boardPage(id: id, setup: setup), status: status).response()
    }
}
