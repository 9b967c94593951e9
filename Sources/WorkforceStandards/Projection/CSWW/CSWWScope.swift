// The Children's Social Work Workforce census's scope: whether a post record belongs in the
// return and, if not, why; and when a worker is in post. The rules are listed, in the order
// their reasons are given, on ``CSWWMapping``; the return's authority is decided by
// ``CSWWProjection`` (one return per authority).

extension CSWWMapping {
    /// Whether the record belongs in the return, and if not, why (a short stable phrase).
    public func scope(_ record: PostRecord) -> ScopeDecision {
        if let vacancy = record.vacancy {
            if let reason = vacancyRoleScope.reasonOutside(vacancy.role) { return .outOfScope(reason: reason) }
            return .inScope
        }
        guard let role = record.role else { return .outOfScope(reason: "no job role") }
        if let reason = roleScope.reasonOutside(role) { return .outOfScope(reason: reason) }
        if let type = record.contractType, case .unmatched(let why?) = codes.translate(type, field: "AgencyWorker") {
            return .outOfScope(reason: "contract type not in CSWW scope: \(why)")
        }
        if let start = Self.start(of: record), start > referenceDate {
            return .outOfScope(reason: "not in post in the year to \(referenceDate): starts after it")
        }
        if let end = Self.end(of: record), end < yearStart {
            return .outOfScope(reason: "not in post in the year to \(referenceDate): left before \(yearStart)")
        }
        if record.socialWorkEnglandNumber == nil && !requiresRegistration(role) {
            return .outOfScope(reason: "not registered with Social Work England: the role counts only registered social workers")
        }
        return .inScope
    }

    /// Whether the role's profile says its holders must be registered with Social Work England
    /// (profiles that say "normally" leave room for unregistered holders).
    func requiresRegistration(_ role: String) -> Bool {
        registry.role(RoleCode(role))?.profile?.registration == "Social Work England"
    }

    /// When the worker started: C102 Contract Start Date, else C104 Workplace Start Date.
    static func start(of record: PostRecord) -> SimpleDate? { record.contractStart ?? record.workplaceStart }

    /// When the worker stopped: the earlier of C103 Contract End Date and C105 Leaving Date.
    static func end(of record: PostRecord) -> SimpleDate? { record.lastDay }

    /// Whether the worker is in post on the reference date.
    public func isInPostOnReferenceDate(_ record: PostRecord) -> Bool {
        (Self.start(of: record).map { $0 <= referenceDate } ?? true) && (Self.end(of: record).map { $0 >= referenceDate } ?? true)
    }
}
