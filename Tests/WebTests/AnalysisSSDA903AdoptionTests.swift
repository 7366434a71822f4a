import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Measures
import Store
import Testing
@testable import Web

/// The analysis page with a whole SSDA903 return: SDQ and adoption timeliness (A1, A2, A10) are
/// computed, shown with their source, and drill down to the children.
@Suite("Analysis pages: SSDA903 SDQ and adoption timeliness")
struct AnalysisSSDA903AdoptionTests {
    @Test("a generated return uploaded: each SDQ and adoption measure has a value from the return, on the run page and in the drill-down")
    func generatedReturn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-903-adoption-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Large enough for children adopted in the year whose whole period of care is in the return.
        try SSDA903Generator(children: 30_000, seed: 2).write(folder: folder)
        let returns = try SSDA903Table.allCases.map { table in
            (name: table.fileName, data: try Data(contentsOf: folder.appendingPathComponent(table.fileName)))
        }
        let measures = MeasureCatalogue.measures([.ssda903SDQCompleted, .ssda903SDQAverage, .ssda903A1, .ssda903A1Within, .ssda903A2, .ssda903A2Within, .ssda903A10])
        try await withTestApp(as: .analyst) { client, env, store in
            let (status, location) = try await Self.post(client, returns: returns)
            #expect(status == .seeOther)
            let id = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            for measure in measures {
                let result = try #require(run.result(measure.id.rawValue), "\(measure.id)")
                #expect(result.missingInput == nil && result.value != nil, "\(measure.id)")
                #expect(result.sources?.first?.hasPrefix("SSDA903 (") == true, "\(measure.id)")
            }
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.status == .ok)
                for measure in measures {
                    #expect(response.text.contains(measure.title.replacingOccurrences(of: "'", with: "&#39;")), "\(measure.id)")
                }
            }
            let drill = Path.drillDown(id, measure: MeasureID.ssda903A10.rawValue).href
            try await client.execute(uri: drill, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("days (adopted by foster carers)"))
            }
        }
    }

    @Test("the OpenAPI document allows every catalogue unit for an analysis result, the SDQ average's score among them")
    func documentedUnits() async throws {
        try await withTestApp(as: .analyst) { client, _, _ in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response throws in
                #expect(response.status == .ok)
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                let schemas = (doc["components"] as? [String: Any])?["schemas"] as? [String: Any]
                let result = schemas?["AnalysisResult"] as? [String: Any]
                let unit = (result?["properties"] as? [String: Any])?["unit"] as? [String: Any]
                let allowed = Set(unit?["enum"] as? [String] ?? [])
                let used = Set(MeasureCatalogue.all.map(\.unit))
                #expect(used.contains("score"))
                #expect(used.isSubset(of: allowed), "not documented: \(used.subtracting(allowed).sorted())")
            }
        }
    }

    /// The upload for the return's year, 2023-24 as at 31 March 2024 (the shared helper posts a quarter).
    static func post(_ client: any TestClientProtocol, returns: [(name: String, data: Data)]) async throws -> (HTTPResponse.Status, String) {
        let boundary = AnalysisPagesTests.boundary
        var body = Data()
        func field(_ name: String, _ value: String) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        func file(_ name: String, _ fileName: String, _ data: Data) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += data
            body += Data("\r\n".utf8)
        }
        field("csrf", try await AnalysisPagesTests.csrf(client))
        file("annex-a", "", Data())
        for part in returns { file("returns", part.name, part.data) }
        field("as-at-day", "31"); field("as-at-month", "3"); field("as-at-year", "2024")
        field("period", "year"); field("convention", "statutory")
        body += Data("--\(boundary)--\r\n".utf8)
        return try await client.execute(uri: "/analysis", method: .post, headers: AnalysisPagesTests.headers, body: ByteBuffer(bytes: body)) { response in
            (response.status, response.headers[.location] ?? "")
        }
    }
}
