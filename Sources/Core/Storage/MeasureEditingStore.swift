/// Where measures' values are added and corrected with their history kept. Implemented by the
/// Store module; every call names the organisation, and another organisation's measure is not found.
public protocol MeasureEditingStore: Sendable {
    /// The plans whose periods bound a measure's values: those with an action linked to it, or
    /// every plan of the organisation when no action links to it yet.
    func plansReportedTo(byMeasure measureID: Int64, organisationID: Int64) async throws -> [Plan]

    /// Adds a value for a period that has none. Refuses (`ValidationErrors`) what
    /// `MeasureEditing.errors(in:of:plans:)` refuses and a period that already has a value
    /// (field `period`: correct it instead); a stale `expectedVersion` of the measure is
    /// `StoreError.staleVersion`. Audited as "measure value" created.
    func addMeasureValue(_ value: MeasureValue, measureID: Int64, organisationID: Int64, expectedVersion: Int?) async throws -> MeasureValue

    /// Corrects the value recorded for `period`, keeping what it was as a `ValueCorrection` with
    /// the reason, the person and the time. `expectedValue` is the figure the corrector read:
    /// when the stored one differs, someone changed it since, and nothing is saved
    /// (`StoreError.conflict`). Audited as "measure value" updated, with the reason.
    func correctMeasureValue(measureID: Int64, period: Period, organisationID: Int64, expectedValue: Double?,
                             reason: String, by person: String,
                             _ edit: @Sendable (inout MeasureValue) throws -> Void) async throws -> ValueCorrection

    /// The measure's corrections, oldest first.
    func valueCorrections(measureID: Int64, organisationID: Int64) async throws -> [ValueCorrection]
}
