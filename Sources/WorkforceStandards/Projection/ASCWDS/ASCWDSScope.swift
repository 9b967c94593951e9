// The Adult Social Care Workforce Data Set's scope: whether a valid record is a worker of the
// worker file and, if not, why; records that are not workers but count in the workplace file
// (vacancies, starters and leavers of the last 12 months) are counted as they are scoped.

extension ASCWDSProjection {
    /// The ASC-WDS job role code of a harmonised role, as a number, or nil.
    func jobRoleNumber(_ role: String?) -> Int? {
        guard case .code(let code) = mapper.lookup(role, column: mapper.columns.mainJobRole) else { return nil }
        return Int(code)
    }

    /// Counts a record that is not written as a worker but belongs in the workplace file's
    /// figures: starters and leavers of the last 12 months, and vacancies.
    func countStarterOrLeaver(_ record: PostRecord, role: String) -> Bool {
        // The dates first: most records are neither, and cost no look-up.
        var starter = false, leaver = false
        if let start = record.workplaceStart ?? record.contractStart, start >= windowStart, start <= settings.referenceDate { starter = true }
        if let leaving = record.leavingDate, leaving >= windowStart, leaving < settings.referenceDate { leaver = true }
        guard starter || leaver, let workplace = record.workplaceID, !workplace.isBlank, let code = jobRoleNumber(role) else { return false }
        let slot = tally.slot(workplace)
        if starter { tally.add(.starters, workplace: slot, role: code) }
        guard leaver else { return false }
        tally.add(.leavers, workplace: slot, role: code)
        var reason = Self.otherReason
        if let given = record.reasonForLeaving, let reasonMap, case .code(let written) = mapper.codes.lookup(given, in: reasonMap), let number = Int(written) {
            reason = number
        }
        tally.addReason(reason, workplace: slot)
        return true
    }

    /// Whether a valid record belongs in ASC-WDS's return, and if not, why.
    public func scope(_ record: PostRecord) -> ScopeDecision {
        if let vacancy = record.vacancy {
            guard record.establishmentNumber == nil, let workplace = record.workplaceID, !workplace.isBlank, let code = jobRoleNumber(vacancy.role) else {
                return .outOfScope(reason: vacancyNotCounted)
            }
            tally.add(.vacancies, workplace: tally.slot(workplace), role: code)
            return .outOfScope(reason: vacancyCounted)
        }
        guard let role = record.role else { return .outOfScope(reason: "no job role") }
        if let reason = roleScope.reasonOutside(role) { return .outOfScope(reason: reason) }
        // Generic roles (administrators, HR, ICT, cooks, cleaners) map to ASC-WDS codes because
        // adult social care employers have them too; the role alone cannot tell whether the post
        // is in adult social care, so the workplace decides: not a school, and a workplace the
        // worker file can name (LOCALESTID must be a workplace of the ASC-WDS account).
        if record.establishmentNumber != nil {
            return .outOfScope(reason: "a school post (O102 Establishment Number): ASC-WDS covers adult social care workplaces")
        }
        if let contract = record.contractType, let employmentStatuses, case .unmatched(let why) = mapper.codes.lookup(contract, in: employmentStatuses) {
            return .outOfScope(reason: "contract type \(contract): " + (why ?? "no ASC-WDS employment status"))
        }
        let leaver = countStarterOrLeaver(record, role: role)
        if let reason = inPost.reason(record) { return .outOfScope(reason: leaver ? leaverCounted : reason) }
        if (record.workplaceID ?? "").isBlank {
            return .outOfScope(reason: "no workplace identifier (L101): the post is not at an ASC-WDS workplace")
        }
        return .inScope
    }
}
