import Documents
import Foundation

/// One table (CSV file) of the SSDA903 return for children looked after and care leavers, with
/// the DfE's column names (the CSV layout of the DfE's own validator, `csc-validator-be-903`).
public enum SSDA903Table: String, Sendable, CaseIterable, Hashable, Codable {
    case header, episodes, reviews, uasc, oc2, oc3, ad1
    case placedForAdoption = "placed_for_adoption"
    case previousPermanence = "previous_permanence"
    case missing
    case socialWorkerEpisodes = "sw_episodes"

    /// The DfE's columns, in the DfE's order.
    public var columns: [String] {
        switch self {
        case .header: ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
        case .episodes: ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                         "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
        case .reviews: ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]
        case .uasc: ["CHILD", "SEX", "DOB", "DUC"]
        case .oc2: ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
                    "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]
        case .oc3: ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"]
        case .ad1: ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]
        case .placedForAdoption: ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"]
        case .previousPermanence: ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"]
        case .missing: ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]
        case .socialWorkerEpisodes: ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"]
        }
    }

    /// The columns that tell this table from the others: every column but the child's id,
    /// date of birth and sex, which several tables share. A header names a table when it holds
    /// all of these (in any order), so a council's export that leaves out a shared column is
    /// still recognised, and the missing column is reported.
    public var distinctiveColumns: [String] {
        columns.filter { !["CHILD", "DOB", "SEX"].contains($0) }
    }

    /// The key `MeasureInputs.supplied` holds when this table was read.
    public var key: String { "ssda903.\(rawValue)" }

    /// The file name the DfE's validator and `oversight generate ssda903` use.
    public var fileName: String { "\(rawValue).csv" }

    /// What a person calls it.
    public var title: String {
        switch self {
        case .header: "Header"
        case .episodes: "Episodes"
        case .reviews: "Reviews"
        case .uasc: "UASC"
        case .oc2: "OC2"
        case .oc3: "OC3"
        case .ad1: "AD1"
        case .placedForAdoption: "Placed for adoption"
        case .previousPermanence: "Previous permanence"
        case .missing: "Missing"
        case .socialWorkerEpisodes: "Social worker episodes"
        }
    }

    /// A header cell as the DfE spells columns: upper case, spaces and hyphens as underscores,
    /// without a byte order mark or surrounding space (`mis start` → `MIS_START`).
    static func columnKey(_ text: String) -> String {
        var key = text.trimmed.uppercased()
        key.removeAll { $0 == "\u{FEFF}" || $0 == "\"" }
        return String(key.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
