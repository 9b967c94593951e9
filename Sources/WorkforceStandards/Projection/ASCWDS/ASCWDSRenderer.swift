// The ASC-WDS worker file's lines: each worker row's cells in the order of the header, with
// dates, amounts and qualifications written as ASC-WDS's validator reads them. The projection
// writes them through the spreadsheet-safe CSV writer (``SafeCSV``, ``CSVLine``).

extension ASCWDSWorkerRow {
    /// The row's cells, one per ``header`` column, as ASC-WDS reads them (not yet made safe for
    /// spreadsheets: the projection writes them through ``SafeCSV``).
    public var cells: [String] {
        CellList.cells(reserving: Self.header.count) { write(to: &$0) }
    }

    /// Writes the row's cells to `writer`, one per ``header`` column: into the CSV line the
    /// projection writes, or into ``cells``.
    func write<Writer: CellWriter>(to writer: inout Writer) {
        writer.text(localEstablishmentID)
        writer.text(uniqueWorkerID)
        writer.text(status.rawValue)
        writer.text(displayID)
        writer.text(niNumber)
        writer.text(postcode)
        if let dateOfBirth { writer.dayMonthYear(dateOfBirth) } else { writer.text(nil) }
        writer.text(gender)
        writer.text(ethnicity)
        writer.text(nationality)
        writer.text(britishCitizenship)
        writer.text(countryOfBirth)
        writer.integer(yearOfEntry)
        writer.text(disabled)
        writer.text(careCertificate)
        writer.text(level2CareCertificate)
        writer.text(recruitmentSource)
        writer.text(healthAndCareVisa)
        writer.text(employedFromOutsideUK)
        if let startDate { writer.dayMonthYear(startDate) } else { writer.text(nil) }
        writer.integer(yearStartedInSector ?? 999)
        writer.text(delegatedHealthcareActivities)
        writer.text(apprentice)
        writer.text(employmentStatus)
        writer.text(zeroHoursContract)
        Self.write(daysSick, to: &writer)
        writer.text(salaryInterval)
        writer.integer(salary)
        if let hourlyRatePence, hourlyRatePence >= 0 { writer.fixed(Int64(hourlyRatePence), places: 2) } else { writer.text(hourlyRatePence.map(Self.pounds)) }
        writer.text(mainJobRole)
        writer.text(mainJobRoleDescription)
        Self.write(contractedHours, to: &writer)
        Self.write(averageHours, to: &writer)
        writer.text(nmcRegistration)
        writer.text(amhp)
        writer.text(socialCareQualification.map(Self.held))
        writer.text(nonSocialCareQualification.map(Self.held))
        writer.text(careWorkforcePathway)
        for index in 0..<Self.qualificationColumns {
            if index < qualifications.count {
                let qualification = qualifications[index]
                writer.text(qualification.code + (qualification.year.map { ";\($0)" } ?? ""))
            } else {
                writer.text(nil)
            }
            // QUALACHnnNOTES: free text for ASC-WDS users, with no harmonised meaning.
            writer.text(nil)
        }
    }

    /// Writes an amount as ``amount(_:)`` does, as digits: `37`, `18.5`, `999`.
    private static func write<Writer: CellWriter>(_ amount: Amount?, to writer: inout Writer) {
        switch amount {
        case nil: writer.text(nil)
        case .notKnown?: writer.integer(999)
        case .value(let value)?:
            // Halves, written with one decimal only when odd.
            let halves = Int((value * 2).rounded())
            if halves >= 0 { writer.fixed(halves % 2 == 0 ? Int64(halves / 2) : Int64(halves) * 5, places: halves % 2 == 0 ? 0 : 1) } else { writer.text(amount.map(Self.amount)) }
        }
    }

    /// DD/MM/YYYY with two-digit day and month (STARTDATE is checked by a strict pattern).
    static func date(_ date: SimpleDate) -> String {
        DecimalDigits.withDayMonthYear(date) { String(decoding: $0, as: UTF8.self) }
    }

    /// A value in steps of 0.5 as the validator's pattern `^\d+(\.[05])?$` wants it: `37`, `18.5`.
    static func amount(_ amount: Amount) -> String {
        switch amount {
        case .notKnown: return "999"
        case .value(let value):
            let halves = Int((value * 2).rounded())
            return halves % 2 == 0 ? String(halves / 2) : "\(halves / 2).5"
        }
    }

    /// Pence as pounds with two decimal places (`1250` is `12.50`).
    static func pounds(_ pence: Int) -> String {
        let remainder = pence % 100
        return "\(pence / 100)." + (remainder < 10 ? "0\(remainder)" : String(remainder))
    }

    static func held(_ value: QualificationHeld) -> String {
        value.level.map { value.indicator + ";" + $0 } ?? value.indicator
    }
}
