import Core
import Documents
import Foundation

/// Which kind of file a record came from, found from the file's content, not its name.
public enum ReturnKind: String, Sendable, Hashable, Codable, CaseIterable {
    case annexA = "Annex A"
    case ssda903 = "SSDA903"
    case cinCensus = "CIN census"
    case localEvents = "local events"
}

/// Reads any mix of an Annex A workbook, SSDA903 CSVs, a CIN census XML and local event CSVs, each recognised by
/// its content, and notes which file supplied each input, so that each measure's result can say
/// which source fed it.
public enum ReturnFiles {
    /// What a file is: an XML census message is the CIN census; a workbook is Annex A; a CSV whose header is an SSDA903 table's is SSDA903;
    /// another CSV named after a kind of local event is that. Nil for anything else.
    public static func kind(of data: Data, fileName: String) -> ReturnKind? {
        if CINCensusReader.isCensus(data) { return .cinCensus }
        guard let format = try? DocumentReader.format(of: data, fileName: fileName) else { return nil }
        switch format {
        case .xlsx: return .annexA
        case .csv:
            let firstLine = String(decoding: data.prefix(16_384), as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            if let header = try? CSVReader.read(data: Data(firstLine.utf8), fileName: fileName, limits: .upload).tables.first?.rows.first,
               SSDA903Reader.table(forHeader: header.cells.map(\.text)) != nil { return .ssda903 }
            return LocalEventKind.from(fileName: fileName) == nil ? nil : .localEvents
        default: return nil
        }
    }

    /// Reads every file (in memory, as an upload gives them). Throws `ReturnFilesError` naming a
    /// file that is none of the kinds, or a reader's error naming the file.
    public static func read(files: [(fileName: String, data: Data)], limits: ReadingLimits = .standard) throws -> MeasureInputs {
        var byKind: [ReturnKind: [(fileName: String, data: Data)]] = [:]
        for file in files {
            guard let kind = kind(of: file.data, fileName: file.fileName) else { throw ReturnFilesError.unrecognised(file.fileName) }
            byKind[kind, default: []].append(file)
        }
        var parts: [MeasureInputs] = []
        for file in byKind[.annexA] ?? [] {
            var inputs = try AnnexAReader.read(data: file.data, fileName: file.fileName, limits: limits)
            inputs.noteSource("\(ReturnKind.annexA.rawValue) (\(file.fileName))")
            parts.append(inputs)
        }
        if let returns = byKind[.ssda903] {
            var inputs = try SSDA903Reader.read(files: returns, limits: limits)
            inputs.noteSource("\(ReturnKind.ssda903.rawValue) (\(returns.map(\.fileName).joined(separator: ", ")))")
            parts.append(inputs)
        }
        for file in byKind[.cinCensus] ?? [] {
            var inputs = try CINCensusReader.read(data: file.data, fileName: file.fileName, limits: limits)
            inputs.noteSource("\(ReturnKind.cinCensus.rawValue) (\(file.fileName))")
            parts.append(inputs)
        }
        for file in byKind[.localEvents] ?? [] {
            guard let eventKind = LocalEventKind.from(fileName: file.fileName) else { continue }
            let document = try CSVReader.read(data: file.data, fileName: file.fileName, limits: limits)
            var inputs = LocalEventReader.read(rows: document.tables.first?.rows ?? [], kind: eventKind, fileName: file.fileName)
            inputs.noteSource("\(ReturnKind.localEvents.rawValue) (\(file.fileName))")
            parts.append(inputs)
        }
        return combine(parts)
    }

    /// The files named, each a file or a folder of files (read in name order).
    public static func read(paths: [URL], limits: ReadingLimits = .standard) throws -> MeasureInputs {
        var files: [(fileName: String, data: Data)] = []
        for url in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { throw ReturnFilesError.missing(url.path) }
            let urls = isFolder.boolValue
                ? try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                    .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.lastPathComponent < $1.lastPathComponent }
                : [url]
            for file in urls { files.append((file.lastPathComponent, try Data(contentsOf: file))) }
        }
        return try read(files: files, limits: limits)
    }

    /// Joins inputs from several sources. When two supply the same Annex A list, the first (in the
    /// order given) is used and the later one's rows for it are left out with a data-quality note:
    /// adding both would count the same children twice.
    public static func combine(_ parts: [MeasureInputs]) -> MeasureInputs {
        var combined = MeasureInputs()
        for var part in parts {
            for key in part.supplied.intersection(combined.supplied).sorted() {
                guard let list = AnnexAList.allCases.first(where: { $0.key == key }) else { continue }
                part.dropRecords(of: list)
                part.supplied.remove(key)
                let kept = combined.sources[key]?.joined(separator: ", ") ?? "an earlier file"
                let dropped = part.sources.removeValue(forKey: key)?.joined(separator: ", ") ?? "a later file"
                part.dataQuality.append(DataQualityIssue(
                    sheet: dropped, row: nil, column: nil,
                    reason: "\(list) also came from \(kept); only that one is used, so no child is counted twice", rowDropped: false))
            }
            combined.merge(part)
        }
        // A measure reading a list the census filled, from a value the census does not carry,
        // is not computed (CIN-SEEN would read every child as unseen); from Annex A it is.
        combined.measuresNotCarried = [:]
        for (id, reason) in CINCensusReader.measuresNotCarried {
            let keys = MeasureCatalogue.measure(id).needs.flatMap { $0.split(separator: "|").map(String.init) }
            if keys.contains(where: { combined.sources[$0]?.contains { $0.hasPrefix(ReturnKind.cinCensus.rawValue) } ?? false }) {
                combined.measuresNotCarried[id] = reason
            }
        }
        return combined
    }
}

public enum ReturnFilesError: Error, Sendable, Hashable, CustomStringConvertible {
    case unrecognised(String)
    case missing(String)

    public var description: String {
        switch self {
        case let .unrecognised(name):
            "\(name) is not an Annex A workbook (.xlsx), an SSDA903 table (a CSV with the DfE column names), a CIN census (XML) or a local event file (contacts, strategy discussions, missing episodes, supervision, PEPs or EHC plans)"
        case let .missing(path): "there is no file or folder at \(path)"
        }
    }
}

extension MeasureInputs {
    /// Marks every input supplied so far as coming from `label`.
    public mutating func noteSource(_ label: String) {
        for key in supplied where !(sources[key]?.contains(label) ?? false) { sources[key, default: []].append(label) }
    }

    /// The sources of the inputs a measure reads, in order, each once.
    public func sources(of measure: CatalogueMeasure) -> [String] {
        var labels: [String] = []
        for need in measure.needs {
            for key in need.split(separator: "|").map(String.init) {
                for label in sources[key] ?? [] where !labels.contains(label) { labels.append(label) }
            }
        }
        return labels
    }

    mutating func dropRecords(of list: AnnexAList) {
        switch list {
        case .referrals: referrals = []
        case .assessments: assessments = []
        case .section47: enquiries = []
        case .childInNeed: childInNeed = []
        case .protection: protectionPlans = []
        case .lookedAfter: lookedAfter = []
        case .careLeavers: careLeavers = []
        case .adoption: adoptions = []
        case .contacts, .earlyHelp, .adopters: break
        }
    }
}
