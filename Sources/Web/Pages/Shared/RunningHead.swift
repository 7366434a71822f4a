/// The line printed at the head of every page of a paper a board reads on paper (the pack, the
/// minutes, the plan): the organisation, then the paper. Templates put it in the `<html>`
/// element's `data-running-head`, and the stylesheet's `@page` prints it; see oversight.css.
enum RunningHead {
    static func text(organisationName: String?, paper: String) -> String {
        [organisationName, paper].compactMap { $0 }.joined(separator: " · ")
    }
}
