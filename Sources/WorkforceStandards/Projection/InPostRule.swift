/// Whether a person is in post on a reference date, the scope rule that ASC-WDS and LGES share.
///
/// A leaving date is the last day of service, so someone who leaves on the reference date is
/// still in post that day; a contract that ends before the date, or starts after it, is not.
enum InPostRule {
    /// Why the record is not in post on `date`, or nil when it is.
    static func reason(_ record: PostRecord, on date: SimpleDate) -> String? {
        if let leaving = record.leavingDate, leaving < date {
            return "left before the reference date (C105 Leaving Date before \(date))"
        }
        if let end = record.contractEnd, end < date {
            return "contract ended before the reference date (C103 Contract End Date before \(date))"
        }
        if let start = record.contractStart ?? record.workplaceStart, start > date {
            return "starts after the reference date (C102 Contract Start Date after \(date))"
        }
        return nil
    }
}
