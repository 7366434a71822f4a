import Foundation

/// A catalogue measure's id, such as `ASM-45WD`. Only ids in the catalogue exist as values: the
/// constants below (and those each return's own file adds in an extension), and what
/// `MeasureID.parse` accepts from outside — the command line, a form, the API, a stored run — so
/// a misspelt id is an error naming it rather than a measure silently left out.
public struct MeasureID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Declares a catalogue id; only the catalogue's own files do this.
    init(_ rawValue: String) { self.rawValue = rawValue }

    /// The id if the catalogue has it, else nil (`parse` says why).
    public init?(rawValue: String) {
        guard let id = try? MeasureID.parse(rawValue) else { return nil }
        self = id
    }

    /// The one way in for an id from outside: trimmed and upper-cased, then looked up in the
    /// catalogue. Throws `UnknownMeasureID` naming the id and listing the known ones.
    public static func parse(_ text: String) throws(UnknownMeasureID) -> MeasureID {
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard let measure = MeasureCatalogue.byRawID[key] else { throw UnknownMeasureID(given: text) }
        return measure.id
    }

    /// Each id in a comma-separated list (`ASM-45WD, ICPC-15WD`), once, in the order given;
    /// every unknown one is named in the one error.
    public static func parseList(_ text: String) throws(UnknownMeasureID) -> [MeasureID] {
        var ids: [MeasureID] = [], unknown: [String] = []
        for part in text.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !item.isEmpty else { continue }
            do { let id = try parse(item); if !ids.contains(id) { ids.append(id) } } catch { unknown.append(item) }
        }
        guard unknown.isEmpty else { throw UnknownMeasureID(given: unknown.joined(separator: ", "), count: unknown.count) }
        return ids
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try MeasureID.parse(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (a: MeasureID, b: MeasureID) -> Bool { a.rawValue < b.rawValue }
}

/// An id that is not in the catalogue.
public struct UnknownMeasureID: Error, Sendable, Hashable, CustomStringConvertible {
    /// The id (or ids, comma-separated) as given.
    public var given: String
    public var count = 1
    public var description: String {
        let known = MeasureCatalogue.all.map(\.id.rawValue).joined(separator: ", ")
        return count == 1
            ? "'\(given)' is not a measure in the catalogue; the known ids are \(known)"
            : "\(given) are not measures in the catalogue; the known ids are \(known)"
    }
}

// MARK: The measures computed from Annex A and local event files

extension MeasureID {
    public static let conNFA = MeasureID("CON-NFA")
    public static let conTimely = MeasureID("CON-TIMELY")
    public static let sd4H = MeasureID("SD-4H")
    public static let refNFA = MeasureID("REF-NFA")
    public static let refRepeat = MeasureID("REF-REPEAT")
    public static let asm45WD = MeasureID("ASM-45WD")
    public static let asmOverdue = MeasureID("ASM-OVERDUE")
    public static let asmSeen = MeasureID("ASM-SEEN")
    public static let icpc15WD = MeasureID("ICPC-15WD")
    public static let s47Overdue = MeasureID("S47-OVERDUE")
    public static let cppRepeat = MeasureID("CPP-REPEAT")
    public static let cpp18M = MeasureID("CPP-18M")
    public static let cpp2YEnded = MeasureID("CPP-2Y-ENDED")
    public static let cpVisit = MeasureID("CP-VISIT")
    public static let cpReview = MeasureID("CP-REVIEW")
    public static let cinSeen = MeasureID("CIN-SEEN")
    public static let cin2Y = MeasureID("CIN-2Y")
    public static let claReview = MeasureID("CLA-REVIEW")
    public static let claVisit = MeasureID("CLA-VISIT")
    public static let claHealth = MeasureID("CLA-HEALTH")
    public static let claDental = MeasureID("CLA-DENTAL")
    public static let claMoves = MeasureID("CLA-MOVES")
    public static let claRHIOffered = MeasureID("CLA-RHI-OFFERED")
    public static let rhi72H = MeasureID("RHI-72H")
    public static let pepInDate = MeasureID("PEP-IN-DATE")
    public static let clAccom = MeasureID("CL-ACCOM")
    public static let clEET = MeasureID("CL-EET")
    public static let clInTouch = MeasureID("CL-IN-TOUCH")
    public static let adoEntryToPlaced = MeasureID("ADO-ENTRY-TO-PLACED")
    public static let adoOrderToMatch = MeasureID("ADO-ORDER-TO-MATCH")
    public static let sup6W = MeasureID("SUP-6W")
    public static let caseload = MeasureID("CASELOAD")
    public static let ehcp20W = MeasureID("EHCP-20W")
}
