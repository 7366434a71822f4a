import Core
import Foundation
import Hummingbird
import Mustache
import Reports

/// The board pack and the minutes as files: print-ready HTML that stands alone (the stylesheet is
/// inside it, so it prints the same opened from a disk or an email), and the `.docx` downloads.
/// The command line and the API use the same templates as the pages.
public struct BoardPapers: Sendable {
    let views: MustacheLibrary

    init(views: MustacheLibrary) {
        self.views = views
    }

    /// Loads the templates.
    public static func load() async throws -> BoardPapers {
        BoardPapers(views: try await Views.load())
    }

    /// The pack as one HTML file; `organisationName` goes into the printed pages' running header.
    public func packHTML(_ pack: BoardPack, organisationName: String? = nil) throws -> String {
        try PageFrame.bare(PackPage(pack: pack, organisationName: organisationName, meetingHref: nil, docxHref: nil,
                                    inlineStylesheet: Self.stylesheet), views: views)
    }

    /// The minutes as one HTML file; `organisationName` goes into the printed pages' running header.
    public func minutesHTML(_ minutes: BoardMinutes, organisationName: String? = nil) throws -> String {
        try PageFrame.bare(MinutesPage(minutes: minutes, organisationName: organisationName, meetingHref: nil, docxHref: nil,
                                       inlineStylesheet: Self.stylesheet), views: views)
    }

    /// Read once: the stylesheet does not change while the program runs.
    static let stylesheet: String = (try? String(contentsOfFile: Views.staticDirectory + "/oversight.css", encoding: .utf8)) ?? ""

    static let wordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    /// A file the browser saves rather than shows.
    static func download(_ data: Data, name: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// `/meetings/{id}/pack`: the pack as one print-ready page.
struct PackPage: PageModel, Sendable {
    static let template = Template.pack
    /// The key under the arrows.
    var directionKey = DirectionKeyView()

    var title: String
    /// Printed at the head of every page (`data-running-head`).
    var runningHead: String
    /// Nil in a file of its own, where there is no meeting page to go back to.
    var meetingHref: String?
    var docxHref: String?
    /// The stylesheet written into the page, for a file of its own.
    var inlineStylesheet: String?
    var pack: BoardPack
    var hasPreviousMinutes: Bool
    var hasActionLog: Bool

    init(pack: BoardPack, organisationName: String?, meetingHref: String?, docxHref: String?, inlineStylesheet: String? = nil) {
        title = "Board pack: \(pack.cover.boardName), \(pack.cover.when)"
        runningHead = RunningHead.text(organisationName: organisationName, paper: "\(pack.cover.boardName), \(pack.cover.when)")
        self.meetingHref = meetingHref
        self.docxHref = docxHref
        self.inlineStylesheet = inlineStylesheet
        self.pack = pack
        hasPreviousMinutes = pack.previousMinutes != nil
        hasActionLog = !pack.actionLog.isEmpty
    }
}

/// `/meetings/{id}/minutes`: a meeting's minutes as one print-ready page.
struct MinutesPage: PageModel, Sendable {
    static let template = Template.minutes

    struct MinuteView: Sendable {
        var minuteHeading: String
        var minuteParagraphs: [String]
        var minuteResolutions: [String]
    }

    struct RaisedView: Sendable {
        var raisedItem: Int
        var raisedText: String
        var raisedOwner: String
        var raisedDue: String
    }

    var title: String
    /// Printed at the head of every page (`data-running-head`).
    var runningHead: String
    var meetingHref: String?
    var docxHref: String?
    var inlineStylesheet: String?
    var draftOrFinal: String
    var boardName: String
    var when: String
    var venue: String
    var chair: String?
    var isHeld: Bool
    var recordStatus: String
    var present: String
    var apologies: String
    var substitutes: [String]
    var alsoInAttendance: String
    var minuteViews: [MinuteView]
    var hasMinutes: Bool
    var raised: [RaisedView]
    var hasRaised: Bool

    init(minutes: BoardMinutes, organisationName: String?, meetingHref: String?, docxHref: String?, inlineStylesheet: String? = nil) {
        draftOrFinal = minutes.isDraft ? "Draft minutes" : "Minutes"
        title = "\(draftOrFinal): \(minutes.boardName), \(minutes.meetingDate.formattedLong)"
        runningHead = RunningHead.text(organisationName: organisationName, paper: "\(minutes.boardName), \(draftOrFinal.lowercased()) of \(minutes.meetingDate.formattedLong)")
        self.meetingHref = meetingHref
        self.docxHref = docxHref
        self.inlineStylesheet = inlineStylesheet
        boardName = minutes.boardName
        when = minutes.when
        venue = minutes.venue
        chair = minutes.chair
        isHeld = minutes.isHeld
        let record = minutes.record
        recordStatus = record.status
        func names(_ list: [String]) -> String { list.isEmpty ? "None" : list.joined(separator: "; ") }
        present = names(record.present)
        apologies = names(record.apologies)
        substitutes = record.substitutes
        alsoInAttendance = names(record.alsoInAttendance)
        minuteViews = record.minutes.map { minute in
            MinuteView(minuteHeading: "\(minute.label.isEmpty ? "Item \(minute.itemNumber)." : minute.label) \(minute.title)" + (minute.isExempt ? " (exempt)" : ""),
                       minuteParagraphs: FormReading.paragraphs(minute.narrative), minuteResolutions: minute.resolutions)
        }
        hasMinutes = !minuteViews.isEmpty
        raised = minutes.actionPoints.map { RaisedView(raisedItem: $0.itemNumber, raisedText: $0.text, raisedOwner: $0.owner, raisedDue: $0.due) }
        hasRaised = !raised.isEmpty
    }
}
