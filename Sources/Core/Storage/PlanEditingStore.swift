/// Changing a plan's shape and details after it is stored: its themes and areas (add, change,
/// reorder, remove), its details and its inspection. Implemented by the Store module beside
/// `PlanStore`.
///
/// Every call names the organisation (another's record is "not found") and is one transaction
/// with its audit entry. A change names the version it was made against; an older one is
/// refused with `StoreError.staleVersion` and nothing is saved. Core's rules (`PlanStructure`,
/// `PlanValidation`, `Inspection.errors`) refuse bad input with `ValidationErrors`.
public protocol PlanEditingStore: Sendable {
    func theme(id: Int64, organisationID: Int64) async throws -> Theme
    /// Adds a theme at the end of the plan.
    func createTheme(_ theme: Theme, organisationID: Int64) async throws -> Theme
    /// Changes a theme's reference and title (its place is changed by `moveTheme`).
    func editTheme(id: Int64, organisationID: Int64, expectedVersion: Int?,
                   _ edit: @Sendable (inout Theme) throws -> Void) async throws -> Theme
    /// Moves a theme one place up or down in its plan; refused (`ValidationError`) at either end.
    func moveTheme(id: Int64, _ direction: MoveDirection, organisationID: Int64, expectedVersion: Int?) async throws -> Theme
    /// Removes an empty theme; refused (`ValidationError`, saying what it holds) otherwise.
    func removeTheme(id: Int64, organisationID: Int64, expectedVersion: Int?) async throws

    /// Adds an area at the end of its theme.
    func createArea(_ area: Area, organisationID: Int64) async throws -> Area
    /// Changes an area's text (reference, title, lead, focus, issues, objectives…) under
    /// `PlanStructure`'s rules; its place is changed by `moveArea`.
    func updateArea(id: Int64, organisationID: Int64, expectedVersion: Int?,
                    _ edit: @Sendable (inout Area) throws -> Void) async throws -> Area
    /// Moves an area one place up or down in its theme; refused (`ValidationError`) at either end.
    func moveArea(id: Int64, _ direction: MoveDirection, organisationID: Int64, expectedVersion: Int?) async throws -> Area
    /// Removes an area without actions; refused (`ValidationError`, saying how many) otherwise.
    func removeArea(id: Int64, organisationID: Int64, expectedVersion: Int?) async throws
    /// How many actions each area of the plan holds, by area id (areas without any are left out).
    func actionCounts(planID: Int64, organisationID: Int64) async throws -> [Int64: Int]

    /// Changes the plan's details and its inspection (created when the plan has none and the
    /// edit gives one), against the plan's version; both are checked before either is saved.
    func editPlanDetails(id: Int64, organisationID: Int64, expectedVersion: Int?,
                         _ edit: @Sendable (inout Plan, inout Inspection?) throws -> Void) async throws -> PlanContents
}
