import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Measures
import Testing
@testable import Web

/// A whole generated SSDA903 return uploaded on the analysis page, eleven CSVs in one upload:
/// the figures on the run's page and in the API's analysis run are those `oversight measures
/// compute --input` gives for the same files, and each names the files that fed it.
@Suite("Analysis pages: an SSDA903 return's figures")
struct AnalysisSSDA903FiguresTests {
    /// The `oversight` executable built beside the tests (`swift build --build-tests` builds it).
    static var executable: URL {
        var folder = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("oversight").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("oversight")
    }

    static func oversight(_ arguments: [String]) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: error, as: UTF8.self))
    }

    static func form(csrf: String, files: [(name: String, data: Data)]) -> ByteBuffer {
        let boundary = AnalysisPagesTests.boundary
        var body = Data()
        func field(_ name: String, _ value: String) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        func file(_ name: String, _ fileName: String, _ data: Data) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
            body += data
            body += Data("\r\n".utf8)
        }
        field("csrf", csrf)
        file("annex-a", "", Data())
        for part in files { file("returns", part.name, part.data) }
        field("as-at-day", "31"); field("as-at-month", "3"); field("as-at-year", "2024")
        field("period", "year"); field("convention", "statutory")
        body += Data("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    /// The numerator and denominator cells of a measure's row in the run page's results table.
    static func pageFigures(_ html: String, _ id: String) -> (String, String)? {
        guard let row = html.range(of: "<span class=\"ref\">\(id)</span>") else { return nil }
        let cells = html[row.upperBound...].components(separatedBy: "<td class=\"numeric\">").dropFirst().prefix(2)
            .map { String($0.prefix { $0 != "<" }) }
        return cells.count == 2 ? (cells[0], cells[1]) : nil
    }

    struct Figure: Sendable {
        var measure: String
        var numerator: Double?
        var denominator: Double?
        var value: Double?
        var sources: [String]?
    }

    @Test("the figures shown and in the API equal measures compute --input's for the same files, each naming its files")
    func figuresMatchTheCommand() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-903-web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let returnFolder = folder.appendingPathComponent("return"), json = folder.appendingPathComponent("ours.json")
        try #require(FileManager.default.fileExists(atPath: Self.executable.path), "build the oversight command first: swift build --build-tests")
        let generated = try Self.oversight(["generate", "ssda903", "--children", "3000", "--seed", "5", "--as-at", "2024-03-31", "--out", returnFolder.path])
        try #require(generated.status == 0, "\(generated.error)")
        let computed = try Self.oversight(["measures", "compute", "--input", returnFolder.path, "--as-at", "2024-03-31", "--period", "year",
                                           "--out", json.path])
        try #require(computed.status == 0, "\(computed.error)")
        let expected: [Figure] = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [[String: Any]])
            .filter { ($0["measure"] as? String)?.hasPrefix("903-") == true && $0["missing_input"] is NSNull }
            .map { Figure(measure: $0["measure"] as? String ?? "", numerator: $0["numerator"] as? Double,
                          denominator: $0["denominator"] as? Double, value: $0["value"] as? Double, sources: $0["sources"] as? [String]) }
        let names = try FileManager.default.contentsOfDirectory(atPath: returnFolder.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(names.count == 11)
        let files = try names.map { ($0, try Data(contentsOf: returnFolder.appendingPathComponent($0))) }
        let fed = "SSDA903 (\(names.joined(separator: ", ")))"

        try await withTestApp(as: .analyst) { client, env, store in
            let body = Self.form(csrf: try await AnalysisPagesTests.csrf(client), files: files)
            let location = try await client.execute(uri: Path.analysis.href, method: .post, headers: AnalysisPagesTests.headers, body: body) { response in
                #expect(response.status == .seeOther, "\(response.text.prefix(2_000))")
                return response.headers[.location] ?? ""
            }
            let id = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: id, organisationID: env.organisationID)
            #expect(run.fileNames == names)
            let html = try await client.execute(uri: Path.analysisRun(id).href, method: .get) { response in
                #expect(response.status == .ok)
                return response.text
            }
            let api = try await client.execute(uri: Path.api(.analysisRun(id)).href, method: .get) { response in
                #expect(response.status == .ok)
                return try APITests.json(response)
            }
            let apiResults = try #require(api["results"] as? [[String: Any]])
            // Every 903 measure the command computes, with figures to compare: not a run of zeros.
            #expect(expected.count >= 9)
            for measure in ["903-MOVES", "903-OC2-HEALTH", "903-CL-EET", "903-MISSING"] {
                let row = try #require(expected.first { $0.measure == measure }, "\(measure) not computed by the command")
                #expect((row.denominator ?? 0) > 0, "\(measure) has no children on this return")
            }
            for want in expected {
                let measure = want.measure, numerator = want.numerator, denominator = want.denominator, value = want.value
                #expect(want.sources == [fed], "\(measure): the command names the files")
                // The stored run, as the API gives it.
                let got = try #require(apiResults.first { $0["catalogueID"] as? String == measure }, "\(measure) not in the API's run")
                #expect(got["numerator"] as? Double == numerator, "\(measure) numerator")
                #expect(got["denominator"] as? Double == denominator, "\(measure) denominator")
                if let value, let apiValue = got["value"] as? Double { #expect(abs(apiValue - value) < 1e-9, "\(measure) value") }
                else { #expect(got["value"] == nil || got["value"] is NSNull, "\(measure) value") }
                #expect(got["sources"] as? [String] == [fed], "\(measure) sources in the API")
                // The page's row.
                let shown = try #require(Self.pageFigures(html, measure), "\(measure) not on the page")
                #expect(shown.0 == AnalysisFigures.count(numerator), "\(measure) numerator on the page")
                #expect(shown.1 == AnalysisFigures.count(denominator), "\(measure) denominator on the page")
            }
            #expect(html.contains("From " + fed))
        }
    }
}
