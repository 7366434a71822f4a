import Core
import Documents
import Foundation
import Hummingbird
import PlanImport

/// `/import`: what `oversight import plan` does, in the browser. The file is read and its plans
/// shown before anything is stored; the person may change how columns are read and look again,
/// then confirm, and every plan is stored or none. The file waits server-side for an hour (only
/// for the person who sent it), so it is uploaded once.
struct ImportController: Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let csrf: String

    var store: any ImportUploadStore & PlanStore { environment.store }
    var org: Int64 { identity.organisationID }

    /// A Word plan with pictures runs to a few megabytes; a tracker is far smaller.
    static let uploadSize = 25 * 1024 * 1024

    /// Importing creates plans, so it needs what creating plans needs.
    static let routes: [Route<ImportController>] = [
        .page(.get, "/import", .permission(.editPlans)) { $0.uploadForm },
        .init(method: .post, path: "/import", access: .permission(.editPlans), maxBodySize: uploadSize) { $0.upload },
        .page(.get, "/import/{upload}", .permission(.editPlans)) { $0.preview },
        .init(method: .post, path: "/import/{upload}/preview", access: .permission(.editPlans)) { $0.changeColumns },
        .init(method: .get, path: "/import/{upload}/mapping.json", access: .permission(.editPlans)) { $0.downloadMapping },
        .init(method: .post, path: "/import/{upload}/confirm", access: .permission(.editPlans)) { $0.confirm },
    ]

    // MARK: Upload

    @Sendable func uploadForm(_ request: Request, context: AppContext) async throws -> HTML {
        try render("import", ImportUploadPage())
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
            recognised = try recognise(file.data, fileName: fileName, mapping: mapping)
        } catch {
            return try refuse(ErrorLink(href: "#plan-file", message: error.description))
        }
        guard !recognised.result.plans.isEmpty else {
            return try refuse(ErrorLink(href: "#plan-file", message: ImportPreviewPage.noPlanSentence(fileName)))
        }
        let held = try await store.saveImportUpload(
            ImportUpload(organisationID: org, personID: identity.personID, fileName: fileName, bytes: file.data,
                         columnMapping: mapping.json(), createdAt: environment.now()),
            now: environment.now())
        return redirect(to: "/import/\(held.id)")
    }

    /// The upload form again with what is wrong; nothing has been kept.
    func refuse(_ problem: ErrorLink) throws -> Response {
        try render("import", ImportUploadPage(problem: problem), status: .badRequest).response()
    }

    // MARK: Preview

    @Sendable func preview(_ request: Request, context: AppContext) async throws -> HTML {
        let upload = try await heldUpload(context)
        let changed = request.uri.queryParameters.get("changed") != nil
        return try renderPreview(upload, recognised: try recognise(upload), changed: changed)
    }

    /// The columns as the person set them on the preview: read again with them, and kept for
    /// the confirmation and the mapping download. Columns that find no plan are not kept.
    @Sendable func changeColumns(_ request: Request, context: AppContext) async throws -> Response {
        let upload = try await heldUpload(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let mapping = try ImportPreviewPage.mapping(fromForm: String(buffer: body))
        let recognised = try recognise(upload.bytes, fileName: upload.fileName, mapping: mapping)
        guard !recognised.result.plans.isEmpty else {
            let problem = ErrorLink(href: "#columns", message: "Read with those columns, \(upload.fileName) has no plan, so the columns are as they were. "
                                    + "A plan needs an action, recommendation or reference column and one more that Oversight reads.")
            return try renderPreview(upload, recognised: try recognise(upload), problems: [problem], status: .badRequest).response()
        }
        try await store.setImportUploadMapping(id: upload.id, organisationID: org, personID: identity.personID,
                                               now: environment.now(), columnMapping: mapping.json())
        return redirect(to: "/import/\(upload.id)?changed=1")
    }

    /// The mapping file `oversight import plan --mapping` reads, with every column as it is read
    /// now: next month's tracker can be uploaded with it.
    @Sendable func downloadMapping(_ request: Request, context: AppContext) async throws -> Response {
        let upload = try await heldUpload(context)
        let mapping = try recognise(upload).result.mapping
        let name = ImportPreviewPage.mappingFileName(for: upload.fileName)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: mapping.json())))
    }

    // MARK: Confirm

    @Sendable func confirm(_ request: Request, context: AppContext) async throws -> Response {
        let upload = try await heldUpload(context)
        let recognised = try recognise(upload)
        let result = recognised.result
        let invalid = ImportPreviewPage.validationProblems(result)
        guard invalid.isEmpty, !result.plans.isEmpty else {
            return try renderPreview(upload, recognised: recognised, problems: invalid, status: .badRequest).response()
        }
        let plans: [Plan]
        do {
            plans = try await store.importPlans(result.drafts(organisationID: org), fromUpload: upload.id, organisationID: org,
                                                personID: identity.personID, now: environment.now())
        } catch StoreError.notFound {
            throw HTTPError(.notFound, message: ImportPreviewPage.goneSentence)
        } catch let error as ValidationErrors {
            let problems = error.errors.map { ErrorLink(href: "#confirm", message: "\($0.field): \($0.message)") }
            return try renderPreview(upload, recognised: recognised, problems: problems, status: .badRequest).response()
        } catch let error as ValidationError {
            let problem = ErrorLink(href: "#confirm", message: error.message)
            return try renderPreview(upload, recognised: recognised, problems: [problem], status: .badRequest).response()
        }
        return redirect(to: "/?imported=" + plans.map { String($0.id) }.joined(separator: ","))
    }

    // MARK: Reading

    /// The document and the plans recognised in it, kept together so the preview can show the
    /// columns in the order the file has them.
    struct Recognised {
        var document: Document
        var result: ImportResult
    }

    func recognise(_ data: Data, fileName: String, mapping: ColumnMapping) throws(DocumentError) -> Recognised {
        let document = try DocumentReader.read(data: data, fileName: fileName)
        // Undated progress is dated as at today, as the command line does, when the document has no date.
        let options = ImportOptions(mapping: mapping, asAt: environment.today())
        return Recognised(document: document, result: PlanImporter.importPlans(from: document, options: options))
    }

    /// A held upload read again: it was read once to be accepted, so a failure now is ours.
    func recognise(_ upload: ImportUpload) throws -> Recognised {
        let mapping = (try? ColumnMapping.read(from: upload.columnMapping)) ?? ColumnMapping()
        do {
            return try recognise(upload.bytes, fileName: upload.fileName, mapping: mapping)
        } catch {
            throw HTTPError(.badRequest, message: error.description)
        }
    }

    /// The person's own upload, within its hour; anything else is "not found".
    func heldUpload(_ context: AppContext) async throws -> ImportUpload {
        let id = try FormReading.id("upload", in: context)
        do {
            return try await store.importUpload(id: id, organisationID: org, personID: identity.personID, now: environment.now())
        } catch StoreError.notFound {
            throw HTTPError(.notFound, message: ImportPreviewPage.goneSentence)
        }
    }

    // MARK: Rendering

    func renderPreview(_ upload: ImportUpload, recognised: Recognised, problems: [ErrorLink] = [], changed: Bool = false,
                       status: HTTPResponse.Status = .ok) throws -> HTML {
        let page = ImportPreviewPage(upload: upload, document: recognised.document, result: recognised.result,
                                     problems: problems, changed: changed)
        return try render("import-preview", page, status: status)
    }

    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) throws -> HTML {
        try PageFrame.render(template, model, views: environment.views, identity: identity, csrf: csrf, status: status)
    }

    func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
