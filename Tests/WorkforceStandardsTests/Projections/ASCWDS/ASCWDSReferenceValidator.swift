import Foundation
@testable import WorkforceStandards

/// An independent implementation of the rules ASC-WDS applies to an uploaded worker file, used
/// to check the projection's output. It shares no code with the projection: the rules are
/// copied, as facts, from the research extracts `nmds/worker_columns.csv` (column order,
/// formats, rules) and `nmds/worker_validation_messages.csv` (codes and severities), which
/// summarise Skills for Care's `lambdas/bulkUpload/classes/workerCSVValidator.js` and the
/// backend cross-file checks (NMDSdevopsServiceAdm/SopraSteria-SFC, MIT). The code lists are
/// in `ASCWDSReferenceCodes.swift`. JavaScript's `parseInt` and `parseFloat` are imitated,
/// because the validator uses them.
///
/// Every error-level message of the messages file is implemented, plus the warnings, except
/// those that need the data ASC-WDS already holds (3240 days sick unchanged, 5662 and 5663
/// workplace answers, 1260 the backend's part-time salary warning).
struct ASCWDSReferenceValidator {
    enum Severity: String { case error, warning }

    /// One message, as the validator would report it.
    struct Message: CustomStringConvertible, Equatable {
        var line: Int
        var code: Int
        var severity: Severity
        var column: String
        var text: String
        var description: String { "line \(line): \(severity.rawValue) \(code) \(column): \(text)" }
    }

    /// The fixed columns of the worker file (worker_columns.csv, positions 1 to 44 without the
    /// optional CHGUNIQUEWRKID and TRANSFERSTAFFRECORD).
    static let header = [
        "LOCALESTID", "UNIQUEWORKERID", "STATUS", "DISPLAYID", "NINUMBER", "POSTCODE", "DOB", "GENDER", "ETHNICITY",
        "NATIONALITY", "BRITISHCITIZENSHIP", "COUNTRYOFBIRTH", "YEAROFENTRY", "DISABLED", "CARECERT", "L2CARECERT",
        "RECSOURCE", "HANDCVISA", "INOUTUK", "STARTDATE", "STARTINSECT", "DHA", "APPRENTICE", "EMPLSTATUS", "ZEROHRCONT",
        "DAYSSICK", "SALARYINT", "SALARY", "HOURLYRATE", "MAINJOBROLE", "MAINJRDESC", "CONTHOURS", "AVGHOURS", "NMCREG",
        "AMHP", "SCQUAL", "NONSCQUAL", "CWPCATEGORY", "QUALACH01", "QUALACH01NOTES", "QUALACH02", "QUALACH02NOTES",
        "QUALACH03", "QUALACH03NOTES",
    ]

    /// The day the file is validated (the validator uses "now" for ages, future dates and years).
    var today: SimpleDate
    /// Workers ASC-WDS already holds, as `LOCALESTID|UNIQUEWORKERID` (STATUS NEW must not exist).
    var existingWorkers: Set<String> = []
    /// LOCALESTIDs of the workplace file (error 997), when known.
    var workplaces: Set<String>?
    /// LOCALESTIDs of CQC-regulated workplaces (error 1280 for MAINJOBROLE 4 elsewhere), when known.
    var cqcRegulatedWorkplaces: Set<String>?
    /// Weekly hours above which several records with one NI number raise error 5570. The extract
    /// says 75; the validator source read for this project says 65. The stricter one is used.
    var hoursPerNINumber = 65.0

    /// Validates a whole file: header, every line, and the cross-line checks.
    func validate(_ csv: String) -> [Message] {
        let records = CSVParser.records(in: csv).records
        guard let first = records.first else { return [Message(line: 1, code: 0, severity: .error, column: "", text: "empty file")] }
        // The fixed header, or with the optional CHGUNIQUEWRKID after UNIQUEWORKERID (worker_columns.csv).
        var withChange = Self.header
        withChange.insert("CHGUNIQUEWRKID", at: 2)
        guard first.fields == Self.header || first.fields == withChange else {
            return [Message(line: 1, code: 0, severity: .error, column: "", text: "the header is not the worker file header")]
        }
        let header = first.fields
        var messages: [Message] = []
        var rows: [(line: Int, values: [String: String])] = []
        for record in records.dropFirst() {
            var values: [String: String] = [:]
            for (index, name) in header.enumerated() { values[name] = index < record.fields.count ? record.fields[index] : "" }
            if record.fields.count != header.count {
                messages.append(Message(line: record.line, code: 0, severity: .error, column: "", text: "\(record.fields.count) fields, not \(header.count)"))
            }
            rows.append((record.line, values))
            messages += validate(row: values, line: record.line)
        }
        messages += crossCheck(rows)
        return messages
    }

    // MARK: - one line

    func validate(row v: [String: String], line: Int) -> [Message] {
        var out: [Message] = []
        func error(_ code: Int, _ column: String, _ text: String) { out.append(Message(line: line, code: code, severity: .error, column: column, text: text)) }
        func warning(_ code: Int, _ column: String, _ text: String) { out.append(Message(line: line, code: code, severity: .warning, column: column, text: text)) }
        func value(_ column: String) -> String { v[column] ?? "" }

        // 1010 LOCALESTID, 1020 UNIQUEWORKERID: present and shorter than 50 (JavaScript length).
        for (column, code) in [("LOCALESTID", 1010), ("UNIQUEWORKERID", 1020)] {
            let text = value(column)
            if text.isEmpty { error(code, column, "\(column) has not been supplied") } else if text.utf16.count >= 50 {
                error(code, column, "\(column) is longer than 50 characters")
            }
        }
        // 1040 STATUS: one of the keywords, case-insensitive; NEW must not exist, the others must.
        let status = value("STATUS").uppercased()
        let key = Self.stripped(value("LOCALESTID")) + "|" + Self.stripped(value("UNIQUEWORKERID"))
        switch status {
        case "NEW": if existingWorkers.contains(key) { error(1040, "STATUS", "Staff record has a STATUS of NEW but already exists") }
        case "UPDATE", "NOCHANGE", "UNCHECKED", "DELETE":
            if !existingWorkers.contains(key) { error(1040, "STATUS", "Staff record has a STATUS of \(status) but doesn't exist") }
        default: error(1040, "STATUS", "The STATUS you have supplied is incorrect")
        }
        // NOCHANGE, UNCHECKED and DELETE skip every further column check.
        if ["NOCHANGE", "UNCHECKED", "DELETE"].contains(status) { return out }

        // 1050 DISPLAYID.
        let display = value("DISPLAYID")
        if display.isEmpty { error(1050, "DISPLAYID", "DISPLAYID is blank") } else if display.utf16.count >= 50 {
            error(1050, "DISPLAYID", "DISPLAYID is longer than 50 characters")
        }
        // 1060 NINUMBER: ^\s*[a-zA-Z]{2}(?:\s*\d\s*){6}[a-zA-Z]?\s*$ ("Admin" keeps the stored value).
        let ni = value("NINUMBER")
        if !ni.isEmpty, ni != "Admin", !Self.matches(ni, #"^\s*[a-zA-Z]{2}(?:\s*\d\s*){6}[a-zA-Z]?\s*$"#) {
            error(1060, "NINUMBER", "NINUMBER is incorrectly formatted")
        }
        // 1070 POSTCODE (3070 when blank).
        let postcode = value("POSTCODE")
        if postcode.isEmpty { warning(3070, "POSTCODE", "POSTCODE is blank") } else if !Self.matches(postcode, #"^[A-Za-z]{1,2}[0-9]{1,2}[A-Za-z]?\s{1}[0-9][A-Za-z]{2}$"#) {
            error(1070, "POSTCODE", "POSTCODE is incorrectly formatted")
        }
        // 3080 DOB: warnings only (missing, unparseable, age outside 14-100).
        let birth = Self.lenientDate(value("DOB"))
        if value("DOB").isEmpty { warning(3080, "DOB", "DOB is missing") } else if let birth {
            let age = birth.age(on: today)
            if !(14...100).contains(age) { warning(3080, "DOB", "not between 14 and 100 years old") }
        } else if value("DOB") != "Admin" { warning(3080, "DOB", "DOB is incorrectly formatted") }
        // 1090 GENDER 1-4.
        checkCode(value("GENDER"), [1, 2, 3, 4], 1090, "GENDER", error)
        // 1100 ETHNICITY, 1110 NATIONALITY, 1130 COUNTRYOFBIRTH: integers in their lists.
        checkCode(value("ETHNICITY"), ASCWDSReferenceCodes.ethnicity, 1100, "ETHNICITY", error)
        checkCode(value("NATIONALITY"), ASCWDSReferenceCodes.nationality, 1110, "NATIONALITY", error)
        checkCode(value("COUNTRYOFBIRTH"), ASCWDSReferenceCodes.country, 1130, "COUNTRYOFBIRTH", error)
        // 1120 BRITISHCITIZENSHIP 1/2/999; ignored (3120) when NATIONALITY is 826.
        let nationality = Self.parseInt(value("NATIONALITY"))
        let citizenship = value("BRITISHCITIZENSHIP")
        if !citizenship.isEmpty {
            if nationality == 826 { warning(3120, "BRITISHCITIZENSHIP", "ignored as nationality is British") } else {
                checkCode(citizenship, [1, 2, 999], 1120, "BRITISHCITIZENSHIP", error)
            }
        }
        // 1380 YEAROFENTRY: four digits, not in the future, not before the year of birth;
        // ignored (3380) without a country of birth or when it is 826.
        let entry = value("YEAROFENTRY")
        if !entry.isEmpty {
            if !Self.matches(entry, #"^\d{4}$"#) { error(1380, "YEAROFENTRY", "YEAROFENTRY is incorrectly formatted") } else if Int(entry)! > today.year {
                error(1380, "YEAROFENTRY", "YEAROFENTRY is in the future")
            } else if let birth, birth.year > Int(entry)! {
                error(1380, "YEAROFENTRY/DOB", "YEAROFENTRY must be greater or equal to DOB")
            } else if value("COUNTRYOFBIRTH").isEmpty || Self.parseInt(value("COUNTRYOFBIRTH")) == 826 {
                warning(3380, "YEAROFENTRY/COUNTRYOFBIRTH", "Year of entry has been ignored")
            }
        }
        // 1150 DISABLED 0-3, 1160 CARECERT 1-3.
        checkCode(value("DISABLED"), [0, 1, 2, 3], 1150, "DISABLED", error)
        checkCode(value("CARECERT"), [1, 2, 3], 1160, "CARECERT", error)
        // L2CARECERT: warnings only (5590 code, 5600/5610 year with 2/3, 5620/5630/5640 year).
        let l2 = value("L2CARECERT")
        if !l2.isEmpty {
            let parts = l2.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let code = Self.parseInt(parts[0])
            if code == nil || ![1, 2, 3].contains(code!) { warning(5590, "L2CARECERT", "The code you have entered for L2CARECERT is incorrect") } else if parts.count > 1 {
                if code == 2 { warning(5600, "L2CARECERT", "Option 2 cannot have year achieved") }
                if code == 3 { warning(5610, "L2CARECERT", "Option 3 cannot have year achieved") }
                if code == 1 {
                    if let year = Int(parts[1]) {
                        if year < 2024 { warning(5620, "L2CARECERT", "year before 2024") }
                        if year > today.year { warning(5630, "L2CARECERT", "year in the future") }
                    } else { warning(5640, "L2CARECERT", "year invalid") }
                }
            }
        }
        // 1180 RECSOURCE.
        checkCode(value("RECSOURCE"), ASCWDSReferenceCodes.recruitmentSource, 1180, "RECSOURCE", error)
        // HANDCVISA (5570) and INOUTUK (5580): warnings only.
        let visa = value("HANDCVISA")
        let citizenshipCode = Self.parseInt(citizenship)
        if !visa.isEmpty {
            let asked = (nationality != nil && nationality != 826 && nationality != 998 && citizenshipCode != 1)
                || (nationality == 998 && citizenshipCode == 2)
            if !asked { warning(5570, "HANDCVISA", "HANDCVISA not required when worker is British or has British citizenship") } else if ![1, 2, 999].contains(Self.parseInt(visa) ?? -1) {
                warning(5570, "HANDCVISA", "HANDCVISA is incorrectly formatted")
            }
        }
        if !value("INOUTUK").isEmpty {
            if Self.parseInt(visa) != 1 { warning(5580, "INOUTUK", "INOUTUK not required") } else if ![1, 2, 999].contains(Self.parseInt(value("INOUTUK")) ?? -1) {
                warning(5580, "INOUTUK", "INOUTUK is incorrectly formatted")
            }
        }
        // STARTDATE: warnings only (2000 missing, 3190 format, future, before 14th birthday, before year of entry).
        let startText = value("STARTDATE")
        let start = Self.matches(startText, #"^\d{2}/\d{2}/\d{4}$"#) ? Self.lenientDate(startText) : nil
        if startText.isEmpty { warning(2000, "STARTDATE", "STARTDATE is missing") } else if let start {
            if start > today { warning(3190, "STARTDATE", "STARTDATE is in the future") }
            if let birth, birth.age(on: start) < 14 { warning(3190, "STARTDATE", "before the 14th birthday") }
            if let year = Int(entry), start.year < year { warning(3190, "STARTDATE", "before year of entry") }
        } else { warning(3190, "STARTDATE", "STARTDATE is incorrectly formatted") }
        // STARTINSECT: warnings only (3200).
        let sector = value("STARTINSECT")
        if sector.isEmpty { warning(3200, "STARTINSECT", "STARTINSECT is missing") } else if sector != "999" {
            if let year = Int(sector), sector.count == 4 {
                if let start, year > start.year { warning(3200, "STARTINSECT", "after STARTDATE") }
                if let birth, year < birth.year + 14 { warning(3200, "STARTINSECT", "before the 14th birthday") }
            } else { warning(3200, "STARTINSECT", "STARTINSECT is incorrectly formatted") }
        }
        let role = Self.parseInt(value("MAINJOBROLE"))
        // DHA (5660, 5661) and APPRENTICE (3210): warnings only.
        let dha = value("DHA")
        if !dha.isEmpty {
            if ![1, 2, 999].contains(Self.parseInt(dha) ?? -1) { warning(5660, "DHA", "The code for DHA is incorrect") } else if let role, !ASCWDSReferenceCodes.delegatedHealthcareRoles.contains(role) {
                warning(5661, "DHA", "MAINJOBROLE cannot carry out delegated healthcare activities")
            }
        }
        if !value("APPRENTICE").isEmpty, ![1, 2, 999].contains(Self.parseInt(value("APPRENTICE")) ?? -1) {
            warning(3210, "APPRENTICE", "The code for APPRENTICE is incorrect")
        }
        // 1220 EMPLSTATUS: mandatory (parseInt must be truthy) and in the list.
        let employment = Self.parseInt(value("EMPLSTATUS"))
        if employment == nil || employment == 0 { error(1220, "EMPLSTATUS", "EMPLSTATUS has not been supplied") } else if ![1, 2, 3, 4, 7].contains(employment!) {
            error(1220, "EMPLSTATUS", "The code you have entered for EMPLSTATUS is incorrect")
        }
        // 1230 ZEROHRCONT, with CONTHOURS as parseFloat reads it (so 999 counts as hours above 0).
        let zeroText = value("ZEROHRCONT")
        let zero = Self.parseInt(zeroText)
        let contracted = Self.parseFloat(value("CONTHOURS"))
        if let contracted, contracted > 0, zeroText.isEmpty {
            warning(3230, "ZEROHRCONT", "contracted hours but ZEROHRCONT not answered")
        } else if !zeroText.isEmpty, zero == nil || ![1, 2, 999].contains(zero!) {
            error(1230, "ZEROHRCONT", "The code you have entered for ZEROHRCONT is incorrect")
        } else if let contracted, contracted > 0, zero == 999 || zero == 1 {
            error(1230, "CONTHOURS/ZEROHRCONT", "The value entered for CONTHOURS in conjunction with the value for ZEROHRCONT fails our validation checks")
        } else if contracted == 0, zero == 2 {
            warning(3230, "CONTHOURS/ZEROHRCONT", "0 in CONTHOURS but ZEROHRCONT is not Yes")
        }
        // DAYSSICK: warning 1240 out of range or not a half step.
        let sick = value("DAYSSICK")
        if !sick.isEmpty, Self.parseFloat(sick) != 999 {
            // A fraction is accepted when parseInt of the digits after the point is 0 or 5.
            let half = sick.split(separator: ".", maxSplits: 1).dropFirst().first.map { [0, 5].contains(Self.parseInt(String($0)) ?? -1) } ?? true
            let days = Self.parseFloat(sick)
            if days == nil || !half || days! < 0 || days! > 366 { warning(1240, "DAYSSICK", "DAYSSICK is out of validation range") }
        }
        // 1250 SALARYINT 1, 3 or 999.
        let intervalText = value("SALARYINT")
        let interval = Self.parseInt(intervalText)
        if !intervalText.isEmpty {
            if interval == nil { error(1250, "SALARYINT", "Salary Int (SALARYINT) must be an integer") } else if ![1, 3, 999].contains(interval!) {
                error(1250, "SALARYINT", "The code you have entered for SALARYINT is incorrect")
            }
        }
        // SALARY: 3260 with 999; 1251 with another interval; 1260 not whole pounds in 500..200000 (250000 for role 1).
        let salary = value("SALARY")
        if !salary.isEmpty {
            if interval == 999 { warning(3260, "SALARY", "SALARY will be ignored as SALARYINT is 999") } else if interval != 1 {
                error(1251, "SALARYINT/SALARY", "The code you have entered for SALARYINT does not match SALARY")
            } else if !Self.matches(salary, #"^[0-9]{1,9}$"#) || !(500...(role == 1 ? 250_000 : 200_000)).contains(Int(salary)!) {
                error(1260, "SALARY", "SALARY must be between £500 and the maximum")
            }
        }
        // HOURLYRATE: 3270 with 999; 1252 with another interval; 1270 format.
        let rate = value("HOURLYRATE")
        if !rate.isEmpty {
            if interval == 999 { warning(3270, "HOURLYRATE", "HOURLYRATE will be ignored as SALARYINT is 999") } else if interval != 3 {
                error(1252, "SALARYINT/HOURLYRATE", "The code you have entered for SALARYINT does not match HOURLYRATE")
            } else if !Self.matches(rate, #"^\d+(\.\d{1,2})?$"#) {
                error(1270, "HOURLYRATE", "The code you have entered for HOURLYRATE is incorrect")
            }
        }
        // 1280 MAINJOBROLE: mandatory, in the accepted list; 4 only at CQC-regulated workplaces.
        if role == nil { error(1280, "MAINJOBROLE", "MAINJOBROLE has not been supplied") } else if !ASCWDSReferenceCodes.mainJobRole.contains(role!) {
            error(1280, "MAINJOBROLE", "The code you have entered for MAINJOBROLE is incorrect")
        } else if role == 4, let cqc = cqcRegulatedWorkplaces, !cqc.contains(Self.stripped(value("LOCALESTID"))) {
            error(1280, "MAINJOBROLE", "Registered Manager but you are not providing a CQC regulated service")
        }
        // 1290 MAINJRDESC: required for 23 and 27, shorter than 120; 3290 for other roles.
        let description = value("MAINJRDESC")
        if role == 23 || role == 27, description.isEmpty { error(1290, "MAINJRDESC", "MAINJRDESC has not been supplied") } else if description.utf16.count >= 120 {
            error(1290, "MAINJRDESC", "MAINJRDESC is longer than 120 characters")
        } else if !description.isEmpty, role != 23, role != 27 {
            warning(3290, "MAINJRDESC", "MAINJRDESC will be ignored as not required for MAINJOBROLE")
        }
        // CONTHOURS (3300) and AVGHOURS (3310): warnings only.
        let hoursPattern = #"^-?\d+(\.[05])?$"#
        let contractedText = value("CONTHOURS")
        if !contractedText.isEmpty {
            if zero == 1 { warning(3300, "CONTHOURS", "CONTHOURS will be ignored as ZEROHRCONT is 1") } else if [3, 4, 7].contains(employment ?? 0) {
                warning(3300, "CONTHOURS", "CONTHOURS will be ignored as EMPLSTATUS is \(employment!)")
            } else if !Self.matches(contractedText, hoursPattern) || (contracted ?? -1) < 0 {
                warning(3300, "CONTHOURS", "The code you have entered for CONTHOURS is incorrect")
            } else if contracted != 999, contracted! > 75 { warning(3300, "CONTHOURS", "CONTHOURS is greater than 75") }
        }
        let averageText = value("AVGHOURS")
        if !averageText.isEmpty {
            let average = Self.parseFloat(averageText)
            if zero != 1, [1, 2].contains(employment ?? 0) { warning(3310, "AVGHOURS", "AVGHOURS will be ignored") } else if !Self.matches(averageText, hoursPattern) || (average ?? -1) < 0 {
                warning(3310, "AVGHOURS", "The code you have entered for AVGHOURS is incorrect")
            } else if average != 999, average! > 75 { warning(3310, "AVGHOURS", "AVGHOURS is greater than 75") }
        }
        // NMCREG (3340) and AMHP (3380): warnings only.
        let nmc = value("NMCREG")
        if role == 16 {
            if nmc.isEmpty { warning(3340, "NMCREG", "NMCREG has not been supplied") } else if !(1...5).contains(Self.parseInt(nmc) ?? 0) {
                warning(3340, "NMCREG", "The code you have entered for NMCREG is incorrect")
            }
        } else if !nmc.isEmpty { warning(3340, "NMCREG", "NMCREG will be ignored as this is not required for the MAINJOBROLE") }
        let amhp = value("AMHP")
        if role == 6 {
            if amhp.isEmpty { warning(3380, "AMHP", "AMHP has not been supplied") } else if ![1, 2, 999].contains(Self.parseInt(amhp) ?? -1) {
                warning(3380, "AMHP", "The code you have entered for AMHP is incorrect")
            }
        } else if !amhp.isEmpty { warning(3380, "AMHP", "AMHP will be ignored as not required for this MAINJOBROLE") }
        // 1360 SCQUAL: 1;LEVEL, 2 or 999; 3360 when blank.
        let social = value("SCQUAL")
        if social.isEmpty { warning(3360, "SCQUAL", "SCQUAL is blank") } else {
            let parts = social.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let indicator = Self.parseInt(parts[0])
            if indicator == nil || ![1, 2, 999].contains(indicator!) { error(1360, "SCQUAL", "The code you have entered for SCQUAL is incorrect") } else if indicator == 1 {
                if let level = parts.count > 1 ? Self.parseInt(parts[1]) : nil {
                    if !ASCWDSReferenceCodes.qualificationLevel.contains(level) { warning(1360, "SCQUAL", "The level you have entered for SCQUAL is not valid") }
                } else {
                    error(1360, "SCQUAL", "You must provide a value for SCQUAL level when SCQUAL is set to 1")
                }
            }
        }
        // 1370 NONSCQUAL: 1[;LEVEL], 2 or 999.
        let other = value("NONSCQUAL")
        if !other.isEmpty {
            let parts = other.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let indicator = Self.parseInt(parts[0])
            if indicator == nil || ![1, 2, 999].contains(indicator!) { error(1370, "NONSCQUAL", "The code you have entered for NONSCQUAL is incorrect") } else if indicator == 1, parts.count > 1,
                let level = Self.parseInt(parts[1]), !ASCWDSReferenceCodes.qualificationLevel.contains(level) {
                warning(1370, "NONSCQUAL", "The level you have entered for NONSCQUAL is not valid")
            }
        }
        // CWPCATEGORY: warning 5650.
        let pathway = value("CWPCATEGORY")
        if !pathway.isEmpty, !ASCWDSReferenceCodes.careWorkforcePathway.contains(Self.parseInt(pathway) ?? -1) {
            warning(5650, "CWPCATEGORY", "The code you have entered for CWPCATEGORY is incorrect")
        }
        // 5010/5030/5050 QUALACHnn code, 5015/5035/5055 year, 5020/5040/5060 notes.
        for n in 1...3 {
            let column = "QUALACH0\(n)"
            let codeError = 5010 + (n - 1) * 20, yearError = codeError + 5, notesWarning = codeError + 10
            let text = value(column)
            if !text.isEmpty {
                let parts = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                if let code = Self.parseInt(parts[0]), ASCWDSReferenceCodes.qualification.contains(code) {
                    let year = parts.count > 1 ? parts[1] : ""
                    if year.isEmpty { warning(yearError, column, "Year achieved is blank") } else if !(Int(year).map { (today.year - 100...today.year).contains($0) } ?? false) {
                        error(yearError, column, "The year in \(column) is invalid")
                    }
                } else {
                    error(codeError, column, "The code you have entered for \(column) is incorrect")
                }
            }
            if value(column + "NOTES").utf16.count > 120 { warning(notesWarning, column + "NOTES", "notes over 120 characters") }
        }
        return out
    }

    // MARK: - across lines

    /// 998 (one line per worker and workplace), 997 (workplace in the workplace file) and 5570
    /// (the hours of one NI number's records).
    func crossCheck(_ rows: [(line: Int, values: [String: String])]) -> [Message] {
        var out: [Message] = []
        var seen: [String: Int] = [:]
        var hoursByNI: [String: Double] = [:]
        func hours(_ values: [String: String]) -> Double {
            // Contracted hours when given and above 0, else average hours; 999 is "don't know".
            for column in ["CONTHOURS", "AVGHOURS"] {
                if let value = Self.parseFloat(values[column] ?? ""), value > 0, value != 999 { return value }
            }
            return 0
        }
        for row in rows {
            let ni = Self.stripped(row.values["NINUMBER"] ?? "").uppercased()
            if !ni.isEmpty { hoursByNI[ni, default: 0] += hours(row.values) }
        }
        for row in rows {
            let workplace = Self.stripped(row.values["LOCALESTID"] ?? "")
            let key = workplace + "|" + Self.stripped(row.values["UNIQUEWORKERID"] ?? "")
            if let first = seen[key] {
                out.append(Message(line: row.line, code: 998, severity: .error, column: "UNIQUEWORKERID", text: "not unique (first on line \(first))"))
            } else { seen[key] = row.line }
            if let workplaces, !workplaces.contains(workplace) {
                out.append(Message(line: row.line, code: 997, severity: .error, column: "LOCALESTID", text: "LOCALESTID does not exist in Workplace file"))
            }
            let ni = Self.stripped(row.values["NINUMBER"] ?? "").uppercased()
            if !ni.isEmpty, hoursByNI[ni, default: 0] > hoursPerNINumber {
                out.append(Message(line: row.line, code: 5570, severity: .error, column: "NINUMBER", text: "NINUMBER is already associated with another full time worker record"))
            }
        }
        return out
    }

    // MARK: - JavaScript-like parsing

    func checkCode(_ text: String, _ allowed: Set<Int>, _ code: Int, _ column: String, _ error: (Int, String, String) -> Void) {
        guard !text.isEmpty else { return }
        guard let value = Self.parseInt(text), allowed.contains(value) else {
            error(code, column, "The code you have entered for \(column) is incorrect")
            return
        }
    }

    /// `parseInt(text, 10)`: leading white space, an optional sign and the digits that follow; nil for NaN.
    static func parseInt(_ text: String) -> Int? {
        var scalars = Substring(text).drop { $0.isWhitespace }
        var sign = 1
        if let first = scalars.first, first == "-" || first == "+" { sign = first == "-" ? -1 : 1; scalars = scalars.dropFirst() }
        let digits = scalars.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits).map { $0 * sign }
    }

    /// `parseFloat(text)`: the longest leading decimal number; nil for NaN.
    static func parseFloat(_ text: String) -> Double? {
        let trimmed = Substring(text).drop { $0.isWhitespace }
        var end = trimmed.startIndex
        var seenDigit = false, seenPoint = false
        var index = trimmed.startIndex
        if index < trimmed.endIndex, trimmed[index] == "-" || trimmed[index] == "+" { index = trimmed.index(after: index) }
        while index < trimmed.endIndex {
            let character = trimmed[index]
            if character.isASCII && character.isNumber { seenDigit = true } else if character == ".", !seenPoint { seenPoint = true } else { break }
            index = trimmed.index(after: index)
            if seenDigit { end = index }
        }
        return seenDigit ? Double(trimmed[trimmed.startIndex..<end]) : nil
    }

    /// DD/MM/YYYY read leniently (one- or two-digit day and month), as moment does.
    static func lenientDate(_ text: String) -> SimpleDate? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 else { return nil }
        return SimpleDate(year: year, month: month, day: day)
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    static func stripped(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
    }
}
