import Foundation
@testable import WorkforceStandards

/// The rest of ASC-WDS's bulk-upload rules, independent of the projection like
/// ``ASCWDSReferenceValidator``: the workplace file (research extracts nmds/workplace_columns.csv
/// and SPECIFICATION.md section 5, from Skills for Care's `workplaceCSVValidator.js`), the
/// training file (nmds/training_columns.csv, and `trainingCSVValidator.js` at
/// SopraSteria-SFC@0f7337dc for its rules; its later columns WHODELIVERED to VALIDITY are not
/// checked, their rules are not known) and the checks across the three files (SPECIFICATION.md
/// section 2.3: 997, 2200, 1280, the DHA cross-check 5662/5663). Where the sources give no code
/// for a rule, the message has code 0 and says which rule.
struct ASCWDSReferenceUploadValidator {
    typealias Message = ASCWDSReferenceValidator.Message
    var today: SimpleDate
    /// LOCALESTIDs ASC-WDS holds already (STATUS NEW must not exist; the others must).
    var existingWorkplaces: Set<String> = []
    var existingWorkers: Set<String> = []

    struct Upload {
        var workers: String
        var workplaces: String
        var training: String?
    }

    /// Every message of the three files and across them.
    func validate(_ upload: Upload) -> [Message] {
        var messages: [Message] = []
        let workplaceRows = rows(upload.workplaces, header: ASCWDSReferenceUploadValidator.workplaceHeader, file: "workplace", &messages)
        for row in workplaceRows { messages += validateWorkplace(row.values, line: row.line) }
        // LOCATIONID unique in the file.
        var locations: [String: Int] = [:]
        for row in workplaceRows where !(row.values["LOCATIONID"] ?? "").isEmpty && !Self.skipped(row.values) {
            if let first = locations[row.values["LOCATIONID"]!] { messages.append(Message(line: row.line, code: 0, severity: .error, column: "LOCATIONID", text: "LOCATIONID not unique (first on line \(first))")) }
            else { locations[row.values["LOCATIONID"]!] = row.line }
        }
        let workplaces = Dictionary(workplaceRows.map { (Self.stripped($0.values["LOCALESTID"] ?? ""), $0.values) }, uniquingKeysWith: { a, _ in a })
        // The worker file, with the workplace file known.
        var workerValidator = ASCWDSReferenceValidator(today: today)
        workerValidator.existingWorkers = existingWorkers
        workerValidator.workplaces = Set(workplaces.keys)
        workerValidator.cqcRegulatedWorkplaces = Set(workplaces.filter { $0.value["REGTYPE"] == "2" }.keys)
        messages += workerValidator.validate(upload.workers).map { var m = $0; m.text = "workers: " + m.text; return m }
        // Across the files: TOTALPERMTEMP against the worker rows (2200), the DHA cross-check.
        let workerRows = CSVParser.records(in: upload.workers).records
        if let header = workerRows.first?.fields {
            var staff: [String: Int] = [:]
            for record in workerRows.dropFirst() {
                let values = Dictionary(uniqueKeysWithValues: zip(header, record.fields))
                let workplace = Self.stripped(values["LOCALESTID"] ?? "")
                if (values["STATUS"] ?? "").uppercased() != "DELETE" { staff[workplace, default: 0] += 1 }
                if let dha = values["DHA"], !dha.isEmpty, let place = workplaces[workplace] {
                    if let service = ASCWDSReferenceValidator.parseInt(place["MAINSERVICE"] ?? ""), ASCWDSReferenceWorkplaceCodes.withoutDelegatedHealthcare.contains(service) {
                        messages.append(Message(line: record.line, code: 5662, severity: .warning, column: "DHA", text: "workers: main service cannot do DHA"))
                    } else if place["DHA"] != "1" {
                        messages.append(Message(line: record.line, code: 5663, severity: .warning, column: "DHA", text: "workers: workplace has not answered yes for DHA"))
                    }
                }
            }
            for row in workplaceRows where !Self.skipped(row.values) {
                let id = Self.stripped(row.values["LOCALESTID"] ?? "")
                if ASCWDSReferenceValidator.parseInt(row.values["TOTALPERMTEMP"] ?? "") != staff[id, default: 0] {
                    messages.append(Message(line: row.line, code: 2200, severity: .warning, column: "TOTALPERMTEMP", text: "TOTALPERMTEMP \(row.values["TOTALPERMTEMP"] ?? "") but \(staff[id, default: 0]) worker records"))
                }
            }
            // Training lines must name a worker of the staff file or one ASC-WDS holds [I].
            if let training = upload.training {
                let workers = Set(workerRows.dropFirst().map { record -> String in
                    let values = Dictionary(uniqueKeysWithValues: zip(header, record.fields))
                    let id = (values["CHGUNIQUEWRKID"] ?? "").isEmpty ? values["UNIQUEWORKERID"] ?? "" : values["CHGUNIQUEWRKID"]!
                    return Self.stripped(values["LOCALESTID"] ?? "") + "|" + Self.stripped(id)
                })
                for row in rows(training, header: Self.trainingHeader, file: "training", &messages) {
                    messages += validateTraining(row.values, line: row.line)
                    let key = Self.stripped(row.values["LOCALESTID"] ?? "") + "|" + Self.stripped(row.values["UNIQUEWORKERID"] ?? "")
                    if !workers.contains(key) && !existingWorkers.contains(key) {
                        messages.append(Message(line: row.line, code: 0, severity: .error, column: "UNIQUEWORKERID", text: "training: worker not in the staff file or ASC-WDS"))
                    }
                    if workplaces[Self.stripped(row.values["LOCALESTID"] ?? "")] == nil {
                        messages.append(Message(line: row.line, code: 997, severity: .error, column: "LOCALESTID", text: "training: LOCALESTID does not exist in Workplace file"))
                    }
                }
            }
        }
        return messages
    }

    static let workplaceHeader = ["LOCALESTID", "STATUS", "ESTNAME", "ADDRESS1", "ADDRESS2", "ADDRESS3", "POSTTOWN", "POSTCODE", "ESTTYPE", "OTHERTYPE",
                                  "PERMCQC", "PERMLA", "REGTYPE", "PROVNUM", "LOCATIONID", "MAINSERVICE", "ALLSERVICES", "CAPACITY", "UTILISATION",
                                  "SERVICEDESC", "SERVICEUSERS", "OTHERUSERDESC", "DHA", "DHAACTIVITIES", "TOTALPERMTEMP", "ALLJOBROLES", "STARTERS",
                                  "LEAVERS", "VACANCIES", "REASONS", "REASONNOS", "REPEATTRAINING", "CWPAWARE", "CWPUSE", "CWPUSEDESC", "SICKPAY",
                                  "PENSION", "ACTUALCONT", "OPTOUTPEN", "HOLIDAY", "SLEEPINS", "SLEEPINPAY", "TRAVELTIME", "TTDIFFRATE"]
    static let trainingHeader = ["LOCALESTID", "UNIQUEWORKERID", "CATEGORY", "TRAININGNAME", "ACCREDITED", "WHODELIVERED", "PROVIDERNAME",
                                 "HOWDELIVERED", "VALIDITY", "DATECOMPLETED", "EXPIRYDATE", "NOTES"]

    private func rows(_ csv: String, header: [String], file: String, _ messages: inout [Message]) -> [(line: Int, values: [String: String])] {
        let records = CSVParser.records(in: csv).records
        guard records.first?.fields == header else {
            messages.append(Message(line: 1, code: 0, severity: .error, column: "", text: "\(file): the header is not the \(file) file header"))
            return []
        }
        return records.dropFirst().map { record in
            if record.fields.count != header.count { messages.append(Message(line: record.line, code: 0, severity: .error, column: "", text: "\(file): \(record.fields.count) fields")) }
            return (record.line, Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0 < record.fields.count ? record.fields[$0] : "") }))
        }
    }

    static func skipped(_ values: [String: String]) -> Bool { ["DELETE", "NOCHANGE", "UNCHECKED"].contains((values["STATUS"] ?? "").uppercased()) }

    // MARK: - the workplace file

    func validateWorkplace(_ v: [String: String], line: Int) -> [Message] {
        var out: [Message] = []
        func error(_ code: Int, _ column: String, _ text: String) { out.append(Message(line: line, code: code, severity: .error, column: column, text: "workplace: " + text)) }
        func warning(_ code: Int, _ column: String, _ text: String) { out.append(Message(line: line, code: code, severity: .warning, column: column, text: "workplace: " + text)) }
        func value(_ column: String) -> String { v[column] ?? "" }
        func int(_ column: String) -> Int? { ASCWDSReferenceValidator.parseInt(value(column)) }
        let id = Self.stripped(value("LOCALESTID"))
        if id.isEmpty || value("LOCALESTID").utf16.count >= 50 { error(0, "LOCALESTID", "LOCALESTID missing or 50 characters or more") }
        let status = value("STATUS").uppercased()
        switch status {
        case "NEW": if existingWorkplaces.contains(id) { error(0, "STATUS", "NEW but the workplace exists") }
        case "UPDATE", "DELETE", "NOCHANGE", "UNCHECKED": if !existingWorkplaces.contains(id) { error(0, "STATUS", "\(status) but the workplace does not exist") }
        default: error(0, "STATUS", "STATUS is not a keyword")
        }
        if Self.skipped(v) { return out }
        if value("ESTNAME").isEmpty { error(0, "ESTNAME", "ESTNAME is mandatory") }
        guard let type = int("ESTTYPE"), ASCWDSReferenceWorkplaceCodes.employerType.contains(type) else { error(0, "ESTTYPE", "ESTTYPE missing or unknown"); return out }
        if type == 8 && value("OTHERTYPE").isEmpty { error(0, "OTHERTYPE", "OTHERTYPE needed for ESTTYPE 8") }
        for column in ["PERMCQC", "PERMLA"] where !value(column).isEmpty && ![0, 1].contains(int(column) ?? -1) { error(0, column, "\(column) must be 0 or 1") }
        let service = int("MAINSERVICE")
        if service == nil || !ASCWDSReferenceWorkplaceCodes.services.contains(service!) { error(0, "MAINSERVICE", "MAINSERVICE missing or unknown") }
        let regtype = int("REGTYPE")
        if regtype != 0 && regtype != 2 { error(0, "REGTYPE", "REGTYPE must be 0 or 2") } else if let service {
            if (regtype == 2) != ASCWDSReferenceWorkplaceCodes.cqcRegulated.contains(service) { error(0, "REGTYPE", "REGTYPE does not agree with MAINSERVICE \(service)") }
        }
        if regtype == 2 {
            if !ASCWDSReferenceValidator.matches(value("LOCATIONID"), #"^1-[0-9]+$"#) { error(0, "LOCATIONID", "LOCATIONID needed for a CQC-regulated workplace") }
            if !value("PROVNUM").isEmpty, !ASCWDSReferenceValidator.matches(value("PROVNUM"), #"^1-[0-9]+$"#) { error(0, "PROVNUM", "PROVNUM is not a CQC provider ID") }
        }
        let services = value("ALLSERVICES").isEmpty ? [] : value("ALLSERVICES").split(separator: ";", omittingEmptySubsequences: false).map { ASCWDSReferenceValidator.parseInt(String($0)) }
        if !services.isEmpty {
            if services.contains(where: { $0 == nil || !ASCWDSReferenceWorkplaceCodes.services.contains($0!) }) { error(0, "ALLSERVICES", "ALLSERVICES holds an unknown code") }
            if let service, !services.contains(service) { error(0, "ALLSERVICES", "ALLSERVICES must include MAINSERVICE") }
            for column in ["CAPACITY", "UTILISATION"] where !value(column).isEmpty {
                let parts = value(column).split(separator: ";", omittingEmptySubsequences: false)
                if parts.count != services.count || parts.contains(where: { !$0.isEmpty && Int($0) == nil }) { error(0, column, "\(column) not aligned with ALLSERVICES") }
            }
        }
        if !value("DHA").isEmpty && ![1, 2, 999].contains(int("DHA") ?? -1) { error(0, "DHA", "DHA must be 1, 2 or 999") }
        // 1200 TOTALPERMTEMP: 0-999, 0 only for a head office.
        let total = value("TOTALPERMTEMP")
        guard ASCWDSReferenceValidator.matches(total, #"^[0-9]+$"#), let staff = Int(total), staff <= 999 else { error(1200, "TOTALPERMTEMP", "TOTALPERMTEMP must be 0 to 999"); return out }
        if staff == 0 && service != 72 { error(1200, "TOTALPERMTEMP", "TOTALPERMTEMP 0 is only for a head office") }
        // 1280 ALLJOBROLES; 1300/1310/1320 the lists.
        let roles = value("ALLJOBROLES").isEmpty ? [] : value("ALLJOBROLES").split(separator: ";", omittingEmptySubsequences: false).map { ASCWDSReferenceValidator.parseInt(String($0)) }
        if roles.contains(where: { $0 == nil || !ASCWDSReferenceCodes.mainJobRole.contains($0!) }) { error(1280, "ALLJOBROLES", "ALLJOBROLES holds an unknown job role") }
        var totals: [String: Int] = [:]
        for (column, code) in [("STARTERS", 1310), ("LEAVERS", 1320), ("VACANCIES", 1300)] {
            let text = value(column)
            guard !text.isEmpty else { continue }
            if text == "999" { continue }
            let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
            if parts.contains(where: { $0 == nil || !(0...999).contains($0!) }) { error(code, column, "\(column) counts must be 0 to 999"); continue }
            let sum = parts.reduce(0) { $0 + $1! }
            totals[column] = sum
            if sum > 0 && roles.isEmpty { error(1280, "ALLJOBROLES", "ALLJOBROLES is required when \(column) has a count") }
            if !(parts.count == roles.count || (sum == 0 && parts.count == 1)) { error(code, column, "\(column) does not have one count per ALLJOBROLES entry") }
        }
        if (totals["STARTERS"] ?? 0) > staff { warning(2310, "STARTERS", "starters more than TOTALPERMTEMP") }
        if staff > 0 && (totals["LEAVERS"] ?? 0) >= staff { warning(2320, "LEAVERS", "leavers not fewer than TOTALPERMTEMP") }
        if staff > 0 && (totals["VACANCIES"] ?? 0) >= staff { warning(2300, "VACANCIES", "vacancies not fewer than TOTALPERMTEMP") }
        // REASONS and REASONNOS: integers, aligned; the counts add up to the leavers (1360).
        let reasons = value("REASONS").isEmpty ? [] : value("REASONS").split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let numbers = value("REASONNOS").isEmpty ? [] : value("REASONNOS").split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        if reasons.contains(where: { $0 == nil }) || numbers.contains(where: { $0 == nil }) || reasons.count != numbers.count {
            error(1360, "REASONS", "REASONS and REASONNOS must be aligned integer lists")
        } else if numbers.reduce(0, { $0 + $1! }) != (totals["LEAVERS"] ?? 0) && !(numbers.isEmpty && value("LEAVERS") == "999") {
            error(1360, "REASONNOS", "REASONNOS add up to \(numbers.reduce(0, { $0 + $1! })), LEAVERS to \(totals["LEAVERS"] ?? 0)")
        }
        return out
    }

    // MARK: - the training file

    func validateTraining(_ v: [String: String], line: Int) -> [Message] {
        var out: [Message] = []
        func error(_ code: Int, _ column: String, _ text: String) { out.append(Message(line: line, code: code, severity: .error, column: column, text: "training: " + text)) }
        func value(_ column: String) -> String { v[column] ?? "" }
        for (column, code) in [("LOCALESTID", 1000), ("UNIQUEWORKERID", 1010)] where value(column).isEmpty || value(column).utf16.count >= 50 {
            error(code, column, "\(column) missing or 50 characters or more")
        }
        func strictDate(_ text: String) -> SimpleDate? {
            ASCWDSReferenceValidator.matches(text, #"^\d{2}/\d{2}/\d{4}$"#) ? ASCWDSReferenceValidator.lenientDate(text) : nil
        }
        var completed: SimpleDate?
        if !value("DATECOMPLETED").isEmpty {
            completed = strictDate(value("DATECOMPLETED"))
            if completed == nil || completed! > today { error(1020, "DATECOMPLETED", "DATECOMPLETED invalid or in the future") }
        }
        if !value("EXPIRYDATE").isEmpty {
            let expiry = strictDate(value("EXPIRYDATE"))
            if expiry == nil || (completed != nil && expiry! < completed!) { error(1030, "EXPIRYDATE", "EXPIRYDATE invalid or before DATECOMPLETED") }
        }
        if value("TRAININGNAME").utf16.count > 120 { error(1040, "TRAININGNAME", "longer than 120 characters") }
        if !ASCWDSReferenceWorkplaceCodes.trainingCategory.contains(ASCWDSReferenceValidator.parseInt(value("CATEGORY")) ?? -1) { error(1050, "CATEGORY", "CATEGORY has not been supplied") }
        if !value("ACCREDITED").isEmpty && ![0, 1, 999].contains(ASCWDSReferenceValidator.parseInt(value("ACCREDITED")) ?? -1) { error(1060, "ACCREDITED", "ACCREDITED is invalid") }
        if value("NOTES").count > 1000 { error(1070, "NOTES", "NOTES longer than 1000 characters") }
        return out
    }

    static func stripped(_ text: String) -> String { ASCWDSReferenceValidator.stripped(text) }
}
