import Core

extension MeasureInputs {
    /// The latest day anything in the records happened: a referral, a visit, a review, a
    /// placement, a supervision. An "as at" date after it reports weeks the data says nothing
    /// about, which reads as nothing late rather than nothing known. Dates of birth are not events.
    public var latestRecordedDay: Day? {
        var latest: Day?
        func see(_ day: Day?) { if let day, latest.map({ day > $0 }) ?? true { latest = day } }
        func see(_ stamp: Stamp?) { see(stamp?.day) }
        for row in referrals { see(row.date) }
        for row in assessments { see(row.start); see(row.authorised) }
        for row in enquiries { see(row.strategyDiscussion); see(row.conference) }
        for row in childInNeed { see(row.start); see(row.lastSeen); see(row.closure) }
        for row in protectionPlans { see(row.start); see(row.lastStatutoryVisit); see(row.latestReviewConference); see(row.end) }
        for row in lookedAfter {
            see(row.start); see(row.latestReview); see(row.lastSocialWorkVisit)
            see(row.lastHealthAssessment); see(row.lastDentalCheck); see(row.ceased)
        }
        for row in adoptions { see(row.enteredCare); see(row.placementOrder); see(row.matched); see(row.placed) }
        for row in contacts { see(row.received); see(row.decided) }
        for row in strategyDiscussions { see(row.referral); see(row.held) }
        for row in missingEpisodes { see(row.missingStart); see(row.missingEnd); see(row.interviewOffered); see(row.interviewCompleted) }
        for row in supervisions { see(row.date) }
        for row in peps { see(row.date) }
        for row in ehcPlans { see(row.request); see(row.issued) }
        return latest
    }
}
