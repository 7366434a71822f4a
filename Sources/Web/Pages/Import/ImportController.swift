import Core
import Crypto
import Documents
import Foundation
import Hummingbird
import PlanImport

/// `/import`: what `oversight import plan` does, in the browser. The file is read and its plans
/// shown before anything is stored; the person may change how columns are read and look again,
/// then confirm, and every plan is stored or none. The file waits server-side for an hour (only
/// for the person who sent it, under a random id), so it is uploaded once; it is read on the
/// `ParsingQueue` with the upload limits, once per set of columns, and the preview kept
/// (`HeldPreviews`) so that looking again, downloading the mapping and confirming read nothing.
struct ImportController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let csrf: String

    var store: any ImportUploadStore & PlanStore { environment.store }
    var org: Int64 { identity.organisationID }

    /// A Word plan with pictures runs to a few megabytes; a tracker is far smaller.
    static let uploadSize = 25 * 1024 * 1024

    /// Importing creates plans, so it needs what creating plans needs.
    static let routes: [Route<ImportController>] = [
        .page(.get, .importUpload, .permission(.editPlans)) { $0.uploadForm },
        .init(method: .post, path: .importUpload, access: .permission(.editPlans), maxBodySize: uploadSize) { $0.upload },
        .page(.get, .importPreview(upload: .parameter), .permission(.editPlans)) { $0.preview },
        .init(method: .post, path: .importColumns(upload: .parameter), access: .permission(.editPlans)) { $0.changeColumns },
        .init(method: .post, path: .importTables(upload: .parameter), access: .permission(.editPlans)) { $0.changeTables },
        .init(method: .get, path: .importMapping(upload: .parameter), access: .permission(.editPlans)) { $0.downloadMapping },
        .init(method: .post, path: .importConfirmation(upload: .parameter), access: .permission(.editPlans)) { $0.confirm },
    ]

    // MARK: Upload

    @Sendable func uploadForm(_ request: Request, context: AppContext) async throws -> HTML {
        try render(ImportUploadPage())
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let form = try await context.uploadForm(request)
        guard let file = form.files("plan-file").first else {
            return try refuse(ErrorLink(href: "#plan-file", message: "Select the file with your plan or tracker"))
        }
        let fileName = file.fileName ?? "plan"
        var mapping = ColumnMapping()
        if let mappingFile = form.files("mapping-file").first {
            do {
                mapping = try ColumnMapping.read(from: mappingFile.data)
            } catch {
                return try refuse(ErrorLink(href: "#mapping-file", message: "\(mappingFile.fileName ?? "The mapping file"): \(error)"))
            }
        }
        let recognised: Recognised
        do {
            recognised = try await recognise(file.data, fileName: fileName, mapping: mapping)
        } catch let error as DocumentError {
            // Refused files, the limit they passed included, are never stored.
            return try refuse(ErrorLink(href: "#plan-file", message: error.description))
        }
        // A board's work programme alone is worth importing; a file with neither it nor a plan is not kept.
        guard !recognised.result.isEmpty else {
            return try refuse(ErrorLink(href: "#plan-file", message: ImportPreviewPage.noPlanSentence(fileName)))
        }
        let held = try await store.saveImportUpload(
            ImportUpload(organisationID: org, personID: identity.personID, fileName: fileName, bytes: file.data,
                         columnMapping: mapping.json(), createdAt: environment.now()),
            now: environment.now())
        await HeldPreviews.shared.keep(recognised.preview(of: held), now: environment.now())
        environment.metrics?.importFinished(.held)
        return redirect(to: .importPreview(upload: held.id))
    }

    /// The upload form again with what is wrong; nothing has been kept.
    func refuse(_ problem: ErrorLink) throws -> Response {
        environment.metrics?.importFinished(.refused)
        return try render(ImportUploadPage(problem: problem), status: .badRequest).response()
    }

    // MARK: Preview

    @Sendable func preview(_ request: Request, context: AppContext) async throws -> HTML {
        let upload = try await heldUpload(context)
        // `changed=1` after the columns were changed, `changed=tables` after the tables.
        let changed = request.uri.queryParameters.get("changed")
        // `plan-N`: the plan chosen for plan N of the file to update (or `new`), from the GET form on the preview.
        let query = request.uri.queryParameters
        let preview = try await preview(of: upload)
        let targets = try await targets(preview.result) { query.get($0) }
        return try await renderPreview(upload, preview: preview, targets: targets, changed: changed)
    }

    /// What each plan of the file becomes, and what updating changes, against the plans as stored now.
    func targets(_ result: ImportResult, chosen: (String) -> String?) async throws -> ImportTargets {
        try await ImportTargets.plan(result, chosen: chosen, store: store, organisationID: org, today: environment.today(),
                                     person: identity.name)
    }

    /// The columns as the person set them on the preview: read again with them, and kept for
    /// the confirmation and the mapping download. Columns that find no plan are not kept.
    @Sendable func changeColumns(_ request: Request, context: AppContext) async throws -> Response {
        let upload = try await heldUpload(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        var mapping = try ImportPreviewPage.mapping(fromForm: String(buffer: body))
        // The tables keep what they were chosen to be read as.
        mapping.tables = (try? ColumnMapping.read(from: upload.columnMapping))?.tables
        let recognised: Recognised
        do {
            recognised = try await recognise(upload.bytes, fileName: upload.fileName, mapping: mapping)
        } catch let error as DocumentError {
            throw HTTPError(.badRequest, message: error.description)
        }
        guard !recognised.result.plans.isEmpty else {
            let problem = ErrorLink(href: "#columns", message: "Read with those columns, \(upload.fileName) has no plan, so the columns are as they were. "
                                    + "A plan needs an action, recommendation or reference column and one more that Oversight reads.")
            let preview = try await preview(of: upload)
            return try await renderPreview(upload, preview: preview, targets: try await targets(preview.result) { _ in nil },
                                           problems: [problem], status: .badRequest).response()
        }
        try await store.setImportUploadMapping(id: upload.id, organisationID: org, personID: identity.personID,
                                               now: environment.now(), columnMapping: mapping.json())
        var changed = upload
        changed.columnMapping = mapping.json()
        await HeldPreviews.shared.keep(recognised.preview(of: changed), now: environment.now())
        return redirect(to: .importPreview(upload: upload.id), query: "changed=1")
    }

    /// What each table is read as, as the person set it on the preview (`table-N`: plan,
    /// tracker, work programme, KPI table or ignore): kept with the upload beside its columns
    /// (so a form from before the change confirms nothing) and read again. Choices that find no
    /// plan are not kept.
    @Sendable func changeTables(_ request: Request, context: AppContext) async throws -> Response {
        let upload = try await heldUpload(context)
        let body = String(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let current = try await preview(of: upload)
        var mapping = (try? ColumnMapping.read(from: upload.columnMapping)) ?? ColumnMapping()
        mapping.tables = try ImportPreviewPage.tableChoices(fromForm: body, result: current.result, kept: mapping.tables)
        let recognised: Recognised
        do {
            recognised = try await recognise(upload.bytes, fileName: upload.fileName, mapping: mapping)
        } catch let error as DocumentError {
            throw HTTPError(.badRequest, message: error.description)
        }
        // Only a work programme is enough: a file can be imported for its work programme alone.
        guard !recognised.result.isEmpty else {
            let problem = ErrorLink(href: "#tables", message: "Read that way, \(upload.fileName) has no plan, so the tables are read as they were. "
                                    + "Choose plan, tracker or a board's work programme for at least one table with a header row naming its columns.")
            return try await renderPreview(upload, preview: current, targets: try await targets(current.result) { _ in nil },
                                           problems: [problem], status: .badRequest).response()
        }
        try await store.setImportUploadMapping(id: upload.id, organisationID: org, personID: identity.personID,
                                               now: environment.now(), columnMapping: mapping.json())
        var changed = upload
        changed.columnMapping = mapping.json()
        await HeldPreviews.shared.keep(recognised.preview(of: changed), now: environment.now())
        return redirect(to: .importPreview(upload: upload.id), query: "changed=tables")
    }

    /// The mapping file `oversight import plan --mapping` reads, with every column as it is read
    /// now: next month's tracker can be uploaded with it.
    @Sendable func downloadMapping(_ request: Request, context: AppContext) async throws -> Response {
        let upload = try await heldUpload(context)
        let mapping = try await preview(of: upload).result.mapping
        let name = ImportPreviewPage.mappingFileName(for: upload.fileName)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: mapping.json())))
    }

    // MARK: Confirm

    @Sendable func confirm(_ request: Request, context: AppContext) async throws -> Response {
        let upload = try await heldUpload(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let form = String(buffer: body)
        let confirmed = ImportPreviewPage.field("preview", inForm: form)
        let preview = try await preview(of: upload)
        let result = preview.result
        let targets = try await targets(result) { ImportPreviewPage.field($0, inForm: form) }
        let chosenBoard = ImportPreviewPage.chosenBoard(inForm: form)
        func refuse(_ problems: [ErrorLink], _ status: HTTPResponse.Status, targets: ImportTargets) async throws -> Response {
            environment.metrics?.importFinished(.refused)
            return try await renderPreview(upload, preview: preview, targets: targets, problems: problems, board: chosenBoard, status: status).response()
        }
        // The form names the file and columns its page showed: a form from an older preview
        // (columns changed since in another tab) stores nothing and shows the preview as it is now.
        guard confirmed == preview.fingerprint else {
            let problem = ErrorLink(href: "#confirm", message: "\(upload.fileName) or its columns have changed since that preview was shown, so nothing was stored. Check the preview below and import again.")
            return try await refuse([problem], .conflict, targets: targets)
        }
        // And the changes it showed: a plan edited since the preview would be changed otherwise than shown.
        // (A form without the field, from before updates were offered, may still create new plans.)
        let named = ImportPreviewPage.field("changes", inForm: form)
        guard named == targets.fingerprint || (named == nil && targets.updates.isEmpty) else {
            let problem = ErrorLink(href: "#confirm", message: "The plan this file updates has changed since that preview was shown (or another plan was chosen), so nothing was stored. Check what would change below and import again.")
            return try await refuse([problem], .conflict, targets: targets)
        }
        var invalid = ImportPreviewPage.validationProblems(result) + targets.problems
        // A work programme goes into a board of the organisation, chosen on the preview.
        var workProgramme: WorkProgrammeImportRequest?
        if !result.workProgrammes.isEmpty {
            // Changing a board's work programme is a board's business, as on the board's page.
            guard identity.can(.manageBoards) else { throw HTTPError(.forbidden, message: "Only those who keep the boards may import a work programme into one.") }
            let boards = try await environment.store.boards(organisationID: org)
            if let id = chosenBoard, boards.contains(where: { $0.id == id }) {
                workProgramme = WorkProgrammeImportRequest(boardID: id, entries: result.workProgrammeEntries)
            } else {
                invalid.append(ErrorLink(href: "#board", message: "Select the board whose work programme the items go into"))
            }
        }
        guard invalid.isEmpty, !result.isEmpty else {
            return try await refuse(invalid, .badRequest, targets: targets)
        }
        let (drafts, updates) = targets.split(result, organisationID: org)
        let outcome: FileImportOutcome
        do {
            outcome = try await environment.store.importFile(
                creating: drafts, updating: updates, workProgramme: workProgramme, fromUpload: upload.id, organisationID: org,
                by: Importer(personID: identity.personID, name: identity.name, role: identity.role.word),
                today: environment.today(), now: environment.now())
        } catch StoreError.notFound(let entity, _) where entity == "board" {
            return try await refuse([ErrorLink(href: "#board", message: "Select the board whose work programme the items go into")], .badRequest, targets: targets)
        } catch StoreError.notFound {
            throw HTTPError(.notFound, message: ImportPreviewPage.goneSentence)
        } catch StoreError.staleVersion {
            let problem = ErrorLink(href: "#confirm", message: "An action of the plan was changed by someone else while the file was imported, so nothing was stored. Check what would change below and import again.")
            let fresh = try await self.targets(result) { ImportPreviewPage.field($0, inForm: form) }
            return try await refuse([problem], .conflict, targets: fresh)
        } catch let error as ValidationErrors {
            let problems = error.errors.map { ErrorLink(href: $0.field == "board" ? "#board" : "#confirm", message: $0.field == "board" ? $0.message : "\($0.field): \($0.message)") }
            return try await refuse(problems, .badRequest, targets: targets)
        } catch let error as ValidationError {
            return try await refuse([ErrorLink(href: error.field == "board" ? "#board" : "#confirm", message: error.message)], .badRequest, targets: targets)
        }
        await HeldPreviews.shared.forget(upload.id)
        environment.metrics?.importFinished(.stored)
        let plans = outcome.plans
        guard plans.updated.isEmpty else {
            // The upload is gone, so what it did is shown at once: the changes, and the actions the file left out.
            return try render(ImportResultPage(fileName: upload.fileName, outcome: plans, workProgramme: outcome.workProgramme)).response()
        }
        if let added = outcome.workProgramme {
            // The board's work programme, with what was added and skipped (and the plans created, if any).
            return redirect(to: .board(added.board.id),
                            query: "saved=" + ImportedWorkProgrammeBanner.key(added: added.added.count, skipped: added.skipped, plans: plans.created.count),
                            fragment: "work-programme")
        }
        return redirect(to: .plans, query: "imported=" + plans.created.map { String($0.id) }.joined(separator: ","))
    }

    // MARK: Reading

    /// The document and the plans recognised in it, kept together so the preview can show the
    /// columns in the order the file has them.
    struct Recognised: Sendable {
        var document: Document
        var result: ImportResult

        /// What the preview keeps: the plans and the columns in file order, not the document.
        func preview(of upload: ImportUpload) -> HeldPreview {
            HeldPreview(uploadID: upload.id, fingerprint: HeldPreview.fingerprint(of: upload), result: result,
                        columns: ImportPreviewPage.columns(result, document: document), createdAt: upload.createdAt)
        }
    }

    /// Reads a file on the parsing queue, off the request threads, with the upload limits.
    func recognise(_ data: Data, fileName: String, mapping: ColumnMapping) async throws -> Recognised {
        // Undated progress is dated as at today, as the command line does, when the document has no date.
        let options = ImportOptions(mapping: mapping, asAt: environment.today())
        return try await environment.readingQueue.run { () throws -> Recognised in
            let document = try DocumentReader.read(data: data, fileName: fileName, limits: .upload)
            try PlanImporter.checkSize(of: document)
            return Recognised(document: document, result: PlanImporter.importPlans(from: document, options: options))
        }
    }

    /// The preview of a held upload: kept since it was read, or (after a restart, or once the
    /// server has let it go) read again once and kept.
    func preview(of upload: ImportUpload) async throws -> HeldPreview {
        let fingerprint = HeldPreview.fingerprint(of: upload)
        if let kept = await HeldPreviews.shared.preview(upload.id, fingerprint: fingerprint) { return kept }
        let mapping = (try? ColumnMapping.read(from: upload.columnMapping)) ?? ColumnMapping()
        let recognised: Recognised
        do {
            recognised = try await recognise(upload.bytes, fileName: upload.fileName, mapping: mapping)
        } catch let error as DocumentError {
            throw HTTPError(.badRequest, message: error.description)
        }
        let preview = recognised.preview(of: upload)
        await HeldPreviews.shared.keep(preview, now: environment.now())
        return preview
    }

    /// The person's own upload, within its hour; anything else is "not found".
    func heldUpload(_ context: AppContext) async throws -> ImportUpload {
        guard let id = context.parameters.get("upload"), HeldPreview.isUploadID(id) else {
            throw HTTPError(.notFound, message: ImportPreviewPage.goneSentence)
        }
        do {
            return try await store.importUpload(id: id, organisationID: org, personID: identity.personID, now: environment.now())
        } catch StoreError.notFound {
            throw HTTPError(.notFound, message: ImportPreviewPage.goneSentence)
        }
    }

    // MARK: Rendering

    /// The preview page; a file holding a work programme lists the organisation's boards to choose from.
    func renderPreview(_ upload: ImportUpload, preview: HeldPreview, targets: ImportTargets, problems: [ErrorLink] = [],
                       changed: String? = nil, board: Int64? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let boards = preview.result.workProgrammes.isEmpty ? [] : try await environment.store.boards(organisationID: org)
        let page = ImportPreviewPage(upload: upload, preview: preview, targets: targets, problems: problems, changed: changed,
                                     boards: boards, board: board)
        return try render(page, status: status)
    }

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: csrf) }
}

/// A preview as it was computed: the plans found and the columns in file order, for one upload
/// read with one set of columns (named by `fingerprint`).
struct HeldPreview: Sendable {
    var uploadID: String
    var fingerprint: String
    var result: ImportResult
    var columns: [ImportPreviewPage.ColumnRow]
    var createdAt: Date

    /// SHA-256 of the upload's id, file and columns: what a confirmation must name.
    static func fingerprint(of upload: ImportUpload) -> String {
        var hash = SHA256()
        hash.update(data: Data(upload.id.utf8))
        hash.update(data: Data([0]))
        hash.update(data: upload.bytes)
        hash.update(data: Data([0]))
        hash.update(data: upload.columnMapping)
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// 32 lowercase hexadecimal digits, as the store makes them.
    static func isUploadID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// Previews kept between the upload and its confirmation, so a preview is computed once per
/// upload and set of columns rather than at every view. Bounded: at most `capacity` previews,
/// none older than an upload lives; a preview let go is read again once when next asked for.
actor HeldPreviews {
    static let shared = HeldPreviews(capacity: 64)

    let capacity: Int
    private var previews: [String: HeldPreview] = [:]
    private var order: [String] = []

    init(capacity: Int) { self.capacity = capacity }

    func preview(_ uploadID: String, fingerprint: String) -> HeldPreview? {
        guard let preview = previews[uploadID], preview.fingerprint == fingerprint else { return nil }
        return preview
    }

    func keep(_ preview: HeldPreview, now: Date) {
        if previews.updateValue(preview, forKey: preview.uploadID) == nil { order.append(preview.uploadID) }
        let oldest = now.addingTimeInterval(-ImportUpload.lifetime)
        order.removeAll { id in
            guard let kept = previews[id], kept.createdAt >= oldest else { previews[id] = nil; return true }
            return false
        }
        while order.count > capacity { previews[order.removeFirst()] = nil }
    }

    func forget(_ uploadID: String) {
        previews[uploadID] = nil
        order.removeAll { $0 == uploadID }
    }
}
