// The Local Government Earnings Survey's scope: whether a valid record is a post held on the
// reference date by a council employee, in a role and on a pay scheme the survey covers, and
// if not, why (the rules are listed on ``LGESProjection``).

extension LGESProjection {
    /// Whether a valid record belongs in LGES's return, and if not, why.
    public func scope(_ record: PostRecord) -> ScopeDecision {
        if record.vacancy != nil { return .outOfScope(reason: "a vacancy: LGES counts posts held by employees") }
        guard let role = record.role else { return .outOfScope(reason: "no job role") }
        if record.contractType == "SAG" || record.contractType == "SOT" {
            return .outOfScope(reason: "not a council employee: service agreement (C101 \(record.contractType ?? ""))")
        }
        if record.contractType == "VOL" { return .outOfScope(reason: "not a council employee: volunteer") }
        if let reason = roleScope.reasonOutside(role) { return .outOfScope(reason: reason) }
        if let scheme = record.salaryScheme, let paySchemes, case .unmatched(let why) = mapper.codes.lookup(scheme, in: paySchemes) {
            return .outOfScope(reason: "salary scheme \(scheme): " + (why ?? "not in the LGES"))
        }
        if let reason = inPost.reason(record) { return .outOfScope(reason: reason) }
        return .inScope
    }
}
