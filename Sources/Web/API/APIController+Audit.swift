import Core
import Foundation
import Hummingbird

/// `GET /api/v1/audit`: the organisation's audit trail for administrators, with the audit page's
/// filters and paging, each entry in the page's words. The CSV download keeps the stored records.
extension APIController {
    var auditStore: any AuditStore { environment.store }

    @Sendable func listAuditEntries(_ request: Request, context: AppContext) async throws -> Response {
        let query = request.uri.queryParameters
        func day(_ name: String) throws -> Day? {
            // Absent is no limit; present must be a date, as the schema says (an empty one too).
            guard let text = query.get(name) else { return nil }
            guard let day = Day(iso: text) else { throw ValidationError(field: name, message: "\(name) must be a date in the form YYYY-MM-DD") }
            return day
        }
        let filter = AuditFilter(actor: query.get("person").flatMap { $0.isEmpty ? nil : $0 },
                                 entity: query.get("recordType").flatMap { $0.isEmpty ? nil : $0 },
                                 from: try day("from"), to: try day("to"))
        let problems = filter.problems()
        if !problems.isEmpty { throw ValidationErrors(problems) }
        let total = try await auditStore.countAuditEntries(organisationID: org, matching: filter)
        let paging = AuditPaging(requested: query.get("page"), total: total)
        let entries = try await auditStore.auditEntries(organisationID: org, matching: filter, limit: paging.pageSize, offset: paging.offset)
        let words = try await AuditTrailWords.load(environment.store, organisationID: org, suppression: identity.suppression)
        func link(_ page: Int) -> String {
            var pairs = [("person", filter.actor ?? ""), ("recordType", filter.entity ?? ""),
                         ("from", filter.from?.iso ?? ""), ("to", filter.to?.iso ?? "")]
            if page > 1 { pairs.append(("page", String(page))) }
            return Path.api(.auditTrail).href(queryItems: pairs)
        }
        var links = ["self": link(paging.page), "page": AuditTrailQuery.href(filter, page: paging.page)]
        if paging.hasPrevious { links["previous"] = link(paging.page - 1) }
        if paging.hasNext { links["next"] = link(paging.page + 1) }
        return try json(AuditEntryList(entries: entries.map { AuditEntryResource($0, row: words.row($0)) }, total: total,
                                       page: paging.page, pageCount: paging.pageCount, pageSize: paging.pageSize, links: links))
    }
}

struct AuditEntryList: Encodable, Sendable {
    var entries: [AuditEntryResource]
    var total: Int
    var page: Int
    var pageCount: Int
    var pageSize: Int
    var links: [String: String]
}

/// One entry as the audit page reads it: the sentence and each changed field in words.
struct AuditEntryResource: Encodable, Sendable {
    struct Change: Encodable, Sendable {
        var label: String
        var before: String
        var after: String
    }

    var id: Int64
    var at: String
    var actor: String
    var source: String?
    var recordType: String
    var recordID: String
    var change: String
    var summary: String
    var changes: [Change]

    init(_ entry: AuditEntry, row: HistoryRow) {
        id = entry.id
        at = entry.at
        actor = entry.actor
        source = entry.source
        recordType = entry.entity
        recordID = entry.entityID
        change = entry.change.rawValue
        summary = row.whatText
        changes = row.fields.map { Change(label: $0.fieldLabel, before: $0.beforeText, after: $0.afterText) }
    }
}
