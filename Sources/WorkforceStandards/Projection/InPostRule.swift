/// Whether a person is in post on a reference date, the scope rule that ASC-WDS and LGES share.
///
/// A leaving date is the last day of service, so someone who leaves on the reference date is
/// still in post that day; a contract that ends before the date, or starts after it, is not.
struct InPostRule: Sendable {
    let date: SimpleDate
    // The reasons, worded once: out-of-scope records are many, and one text object per reason
    // also lets the reconciliation compare reasons by identity.
    private let left: String
    private let ended: String
    private let notStarted: String

    init(date: SimpleDate) {
        self.date = date
        left = "left before the reference date (C105 Leaving Date before \(date))"
        ended = "contract ended before the reference date (C103 Contract End Date before \(date))"
        notStarted = "starts after the reference date (C102 Contract Start Date after \(date))"
    }

    /// Why the record is not in post on the date, or nil when it is.
    func reason(_ record: PostRecord) -> String? {
        if let leaving = record.leavingDate, leaving < date { return left }
        if let end = record.contractEnd, end < date { return ended }
        if let start = record.contractStart ?? record.workplaceStart, start > date { return notStarted }
        return nil
    }
}
