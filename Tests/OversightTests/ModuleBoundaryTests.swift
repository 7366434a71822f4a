import Foundation
import Testing

/// The module map in docs/architecture.md, held against the sources: a module that starts
/// importing one of ours it should not (Web reaching into Store, Core into anything) fails here
/// rather than quietly tangling the layers.
@Suite("Module boundaries")
struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Which of our modules each module may import (docs/architecture.md, "Modules").
    static let allowed: [String: Set<String>] = [
        "Core": [],
        "Documents": [],
        "PlanImport": ["Core", "Documents"],
        "Measures": ["Core", "Documents"],
        "Store": ["Core"],
        "Demo": ["Core"],
        "Reports": ["Core", "Documents"],
        "Web": ["Core", "Documents", "PlanImport", "Measures", "Reports"],
        "oversight": ["Core", "Documents", "PlanImport", "Measures", "Store", "Demo", "Reports", "Web"],
    ]

    static var ours: Set<String> { Set(allowed.keys) }

    /// Our modules imported by the Swift files under `Sources/<module>`, with a file that imports each.
    static func imports(of module: String) throws -> [String: String] {
        let folder = sources.appendingPathComponent(module)
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        var found: [String: String] = [:]
        for case let file as URL in files where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                      words[..<index].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" }) else { continue }
                let name = String(words[index + 1])
                if ours.contains(name) { found[name] = file.lastPathComponent }
            }
        }
        return found
    }

    @Test("Every module imports only the modules the architecture map allows", arguments: allowed.keys.sorted())
    func importsFollowTheMap(module: String) throws {
        let folder = Self.sources.appendingPathComponent(module)
        #expect(FileManager.default.fileExists(atPath: folder.path), "Sources/\(module) exists")
        let found = try Self.imports(of: module)
        for (name, file) in found.sorted(by: { $0.key < $1.key }) where name != module {
            #expect(Self.allowed[module]?.contains(name) == true, "\(module) imports \(name) (\(file)); docs/architecture.md does not allow it")
        }
    }

    @Test("The map names every module in Sources")
    func everyModuleIsMapped() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Self.ours)
    }
}
