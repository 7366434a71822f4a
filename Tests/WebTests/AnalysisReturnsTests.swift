import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Measures
import Store
import Testing
@testable import Web

/// The analysis upload with an SSDA903 return: alone, beside Annex A, and a file that is not one.
@Suite("Analysis pages: statutory returns")
struct AnalysisReturnsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MeasuresTests/Fixtures")

    static func fixture(_ path: String) throws -> (name: String, data: Data) {
        let url = fixtures.appendingPathComponent(path)
        return (url.lastPathComponent, try Data(contentsOf: url))
    }

    static func form(csrf: String, workbook: (name: String, data: Data)?, returns: [(name: String, data: Data)]) -> ByteBuffer {
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
        field("csrf", csrf)
        if let workbook { file("annex-a", workbook.name, workbook.data) } else { file("annex-a", "", Data()) }
        for part in returns { file("returns", part.name, part.data) }
        field("as-at-day", "30"); field("as-at-month", "6"); field("as-at-year", "2024")
        field("period", "quarter"); field("convention", "statutory")
        body += Data("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func post(_ client: any TestClientProtocol, workbook: (name: String, data: Data)?, returns: [(name: String, data: Data)]) async throws -> (HTTPResponse.Status, String, String) {
        let body = form(csrf: try await AnalysisPagesTests.csrf(client), workbook: workbook, returns: returns)
        return try await client.execute(uri: "/analysis", method: .post, headers: AnalysisPagesTests.headers, body: body) { response in
            (response.status, response.headers[.location] ?? "", response.text)
        }
    }

    @Test("an SSDA903 return alone is read and stored as a run, its files named")
    func returnAlone() async throws {
        let returns = [try Self.fixture("ssda903/header.csv"), try Self.fixture("ssda903/episodes-any-name.csv")]
        try await withTestApp(as: .analyst) { client, env, store in
            let (status, location, _) = try await Self.post(client, workbook: nil, returns: returns)
            #expect(status == .seeOther)
            let id = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            #expect(run.fileNames == ["header.csv", "episodes-any-name.csv"])
            #expect(run.results.count == MeasureCatalogue.all.count)
            // Every measure the return feeds names it; the Annex A ones say their input is missing.
            for result in run.results {
                if let sources = result.sources { #expect(sources == ["SSDA903 (header.csv, episodes-any-name.csv)"]) }
                else { #expect(result.missingInput != nil) }
            }
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Not computed: no list4 uploaded"))
            }
        }
    }

    @Test("Annex A with an SSDA903 return: each result says which file fed it, on the page and in the stored run")
    func mixed() async throws {
        let workbook = try Self.fixture("small-annex-a.xlsx")
        let returns = [try Self.fixture("ssda903/header.csv"), try Self.fixture("ssda903/episodes-any-name.csv")]
        try await withTestApp(as: .analyst) { client, env, store in
            let (status, location, _) = try await Self.post(client, workbook: workbook, returns: returns)
            #expect(status == .seeOther)
            let id = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            #expect(run.fileNames == ["small-annex-a.xlsx", "header.csv", "episodes-any-name.csv"])
            #expect(run.result("ASM-45WD")?.sources == ["Annex A (small-annex-a.xlsx)"])
            #expect(run.result("CON-NFA")?.sources == nil)
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("From Annex A (small-annex-a.xlsx)"))
            }
        }
    }

    @Test("a CIN census beside Annex A: the lists both hold come from the workbook only; a census alone feeds the CIN measures and leaves out what it does not carry")
    func census() async throws {
        let census = try Self.fixture("CINCensus/small-census.xml")
        try await withTestApp(as: .analyst) { client, env, store in
            let (status, location, _) = try await Self.post(client, workbook: nil, returns: [census])
            #expect(status == .seeOther)
            let id = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            #expect(run.result("ASM-45WD")?.sources == ["CIN census (small-census.xml)"])
            #expect(run.result("CIN-SEEN")?.missingInput == "the census does not record when a child in need was last seen")
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.text.contains("Not computed: the census does not record when a child in need was last seen"))
                #expect(response.text.contains("From CIN census (small-census.xml)"))
            }
            let (mixedStatus, mixedLocation, _) = try await Self.post(client, workbook: try Self.fixture("small-annex-a.xlsx"), returns: [census])
            #expect(mixedStatus == .seeOther)
            let mixedID = try #require(Int64(mixedLocation.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let mixed = try await store.analysisRun(id: mixedID, organisationID: env.organisationID)
            #expect(mixed.result("ASM-45WD")?.sources == ["Annex A (small-annex-a.xlsx)"])
            // The workbook holds Lists 4 and 5 only: those come from it, List 6 from the census.
            #expect(mixed.result("ASM-SEEN")?.missingInput == nil)
            #expect(mixed.result("CIN-SEEN")?.missingInput == "the census does not record when a child in need was last seen")
            #expect(mixed.dataQuality.contains { $0.sheet == "CIN census (small-census.xml)" && $0.reason.contains("no child is counted twice") })
        }
    }

    @Test("a file in the return that is not an SSDA903 table is named in the error summary, linked to the field")
    func notAReturn() async throws {
        let returns = [try Self.fixture("ssda903/header.csv"), try Self.fixture("ssda903/not-903.csv")]
        try await withTestApp(as: .analyst) { client, _, _ in
            let (status, _, html) = try await Self.post(client, workbook: nil, returns: returns)
            #expect(status == .badRequest)
            #expect(html.contains("<title>Error: Analysis"))
            #expect(html.contains("href=\"#returns\""))
            #expect(html.contains("not-903.csv is neither an SSDA903 table"))
        }
    }
}
