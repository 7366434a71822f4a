import Core

/// `/account`: who you are, where you act, your password, signing out everywhere.
struct AccountPage: PageModel, Sendable {
    static let template = Template.account

    var title: String
    var navAccount = true
    var name: String
    var email: String
    var organisationName: String
    var roleWord: String
    var banner: Banner?
    var hasErrors: Bool
    var errors: [ErrorLink]
    var organisationChoices: [Choice]
    var hasOrganisationChoices: Bool
    /// Switching was refused: the organisation requires a sign-in this session did not have.
    var organisationError: String?
    var minimumLength = PasswordRules.minimumLength
    var currentError: String?
    var newError: String?
    var confirmError: String?
    var myCalendarHref = Path.myCalendar.href
    var hasCalendarLink = false
    var calendarLinkMade: String?
    var invitations: [InvitationRow]
    var hasInvitations: Bool
    var jobTitlePostTo = Path.accountJobTitle.href
    var jobTitleValue = ""
    var jobTitleError: String?
    var jobTitleMaximum = JobTitle.maximumLength

    /// An invitation for the person's email to join another organisation.
    struct InvitationRow: Sendable {
        var id: String
        var organisationName: String
        var roleWord: String
        var expires: String
    }

    /// Shown by the shared `partials/notification-banner`; `bannerCode` is a link to copy.
    struct Banner: Sendable {
        var message: String
        var bannerCode: String?
        init(message: String, link: String? = nil) {
            self.message = message
            self.bannerCode = link
        }
    }

    init(identity: Identity, memberships: [OrganisationRole], invitations: [Invitation] = [], saved: String?, problems: FormProblems) {
        title = (problems.isEmpty ? "" : "Error: ") + "Your account"
        name = identity.name
        email = identity.email
        organisationName = identity.organisationName
        roleWord = identity.role.word
        banner = switch saved {
        case "password": Banner(message: "Your password has been changed. You have been signed out on your other devices.")
        case "calendar-revoked": Banner(message: "Your calendar link has been stopped. Calendars subscribed to it no longer get your deadlines.")
        case "job-title": Banner(message: "Your job title has been saved. It is shown beside your name on what you record from now on.")
        case "joined": Banner(message: "You have accepted the invitation. Choose the organisation under \"Work in another organisation\" to work in it.")
        default: nil
        }
        hasErrors = !problems.isEmpty
        errors = problems.links
        organisationChoices = memberships.enumerated().map { index, membership in
            Choice(value: String(membership.organisation.id), label: "\(membership.organisation.name) (\(membership.role.word.lowercased()))",
                   selected: membership.organisation.id == identity.organisationID,
                   id: index == 0 ? "organisation" : "organisation-\(membership.organisation.id)")
        }
        hasOrganisationChoices = memberships.count > 1
        self.invitations = invitations.map {
            InvitationRow(id: String($0.id), organisationName: $0.organisationName, roleWord: $0.role.word.lowercased(),
                          expires: Day.today(now: $0.expiresAt).formatted)
        }
        hasInvitations = !invitations.isEmpty
        organisationError = problems.message("organisation")
        currentError = problems.message("current-password")
        newError = problems.message("new-password")
        confirmError = problems.message("confirm-password")
    }

    /// The job title form: what was typed when it was refused, otherwise the title held.
    mutating func showJobTitle(_ title: String?, input: String?, problems: FormProblems) {
        jobTitleValue = input ?? title ?? ""
        jobTitleError = problems.message("job-title")
    }

    /// The "Subscribe to your calendar" section: whether a link exists, and a new one to copy.
    mutating func showCalendar(link: CalendarFeedLink?, newAddress: String?) {
        hasCalendarLink = link != nil
        calendarLinkMade = link.map { Day.today(now: $0.createdAt).formatted }
        if let newAddress {
            banner = Banner(message: "Your calendar link is ready. Copy it now and add it to your calendar app as a subscription (\"From URL\" or \"Subscribe to calendar\"); it will not be shown again. Anyone with the link can see your deadlines, so keep it to yourself.",
                            link: newAddress)
        }
    }
}

/// `/people`: the organisation's people and roles, for administrators.
struct PeoplePage: PageModel, Sendable {
    static let template = Template.people

    struct Row: Sendable {
        var personName: String
        var personEmail: String
        var roleWord: String
        /// "Password", the provider's name, or both.
        var signInWay = ""
        /// "3 December 2026 with Northmoor Council"; empty before their first sign-in.
        var lastSignIn = ""
        var jobTitleText = ""
        /// A small form per member; nil for an invitation.
        var jobTitleForm: JobTitleForm?
        var statusText: String
        var isDisabled: Bool
        var isInvited = false
        /// Removes them from this organisation only; nil for the administrator's own row and for
        /// an invitation not yet accepted.
        var disablePostTo: String?
    }

    /// Shown by the shared `partials/notification-banner`; `bannerCode` is a link to copy.
    struct Banner: Sendable {
        var message: String
        var bannerCode: String?
        init(message: String, link: String? = nil) {
            self.message = message
            self.bannerCode = link
        }
    }

    var title: String
    var navPeople = true
    var organisationName: String
    var rows: [Row]
    var banner: Banner?
    var hasErrors: Bool
    var errors: [ErrorLink]
    var roleChoices: [Choice]
    var personName: String
    var personEmail: String
    var nameError: String?
    var emailError: String?
    var roleError: String?

    struct JobTitleForm: Sendable {
        var postTo: String
        var fieldID: String
        var value: String
        var error: String?
        var personName: String
    }

    /// How the person may sign in here: the organisation's provider, a password, or either.
    static func signInWay(_ person: Person, provider: SSOProvider?) -> String {
        guard let provider else { return "Password" }
        // Accounts made by single sign-on have no password to use.
        let hasPassword = person.passwordHash.hasPrefix("$")
        return hasPassword && SSORules.mayUsePassword(email: person.email, provider: provider) ? "\(provider.name) or password" : provider.name
    }

    /// The field (and error summary anchor) of one member's job title form.
    static func jobTitleField(_ personID: Int64) -> String { "job-title-\(personID)" }

    init(identity: Identity, members: [Member], invitations: [Invitation] = [], banner: Banner?, input: PersonInput?, problems: FormProblems,
         jobTitleInput: (id: Int64, text: String)? = nil, provider: SSOProvider? = nil, lastSignIns: [Int64: SignInRecord] = [:]) {
        title = (problems.isEmpty ? "" : "Error: ") + "People"
        organisationName = identity.organisationName
        rows = members.map { member in
            Row(personName: member.person.name, personEmail: member.person.email, roleWord: member.role.word,
                signInWay: Self.signInWay(member.person, provider: provider),
                lastSignIn: lastSignIns[member.person.id].map { "\(Day.today(now: $0.at).formatted) with \($0.method == "password" ? "a password" : $0.method)" } ?? "",
                jobTitleText: member.person.jobTitle ?? "",
                jobTitleForm: JobTitleForm(
                    postTo: Path.personJobTitle(member.person.id).href, fieldID: Self.jobTitleField(member.person.id),
                    value: jobTitleInput?.id == member.person.id ? jobTitleInput?.text ?? "" : member.person.jobTitle ?? "",
                    error: problems.message(Self.jobTitleField(member.person.id)), personName: member.person.name),
                statusText: member.person.isDisabled ? "Disabled" : "Active", isDisabled: member.person.isDisabled,
                disablePostTo: member.person.id == identity.personID ? nil : Path.personRemoval(member.person.id).href)
        }
        // An invitation looks the same whoever it is for: new to Oversight or not.
        rows += invitations.map { invitation in
            Row(personName: invitation.name, personEmail: invitation.email, roleWord: invitation.role.word,
                statusText: "Invited (until \(Day.today(now: invitation.expiresAt).formatted))", isDisabled: false, isInvited: true,
                disablePostTo: nil)
        }
        self.banner = banner
        hasErrors = !problems.isEmpty
        errors = problems.links
        let chosen = input?.role ?? ""
        roleChoices = [Choice(value: "", label: "Select a role", selected: chosen.isEmpty)]
            + Role.allCases.map { Choice(value: $0.rawValue, label: $0.word, selected: $0.rawValue == chosen) }
        personName = input?.name ?? ""
        personEmail = input?.email ?? ""
        nameError = problems.message("person-name")
        emailError = problems.message("person-email")
        roleError = problems.message("person-role")
    }
}
