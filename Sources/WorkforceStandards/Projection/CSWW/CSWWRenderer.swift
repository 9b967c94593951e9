/// Renders a Children's Social Work Workforce return as XML valid against the schema of its
/// year (``CSWWSchema``: 2022, 2024 or 2025): the opening (declaration, header and LA-level
/// module), one worker at a time, then the closing.
///
/// Elements follow the schema's sequences exactly; decimals have the number of places the
/// schema fixes (`FTE` and `FTE30` six, `WorkingDaysLost` and the LA figures two,
/// `ContractWeeks` one).
public enum CSWWRenderer {
    /// The elements a worker is written inside.
    static let workerPath = ["Message"]

    /// The declaration, the root, the header and `LALevelVacancies` (`LALevel` from 2025, with
    /// the authority's pay and allowance answers).
    public static func opening(_ header: CSWWHeader, _ vacancies: CSWWLALevelVacancies, schema: CSWWSchema = .y2022) -> String {
        var xml = XMLWriter()
        xml.open("Message")
        xml.open("Header")
        xml.open("CollectionDetails")
        xml.element("Collection", header.collection)
        xml.element("Year", String(header.year))
        xml.element("ReferenceDate", header.referenceDate.description)
        xml.close()
        xml.open("Source")
        xml.element("SourceLevel", header.sourceLevel)
        xml.element("LEA", header.lea)
        xml.element("SoftwareCode", header.softwareCode)
        xml.element("DateTime", header.dateTime)
        xml.close()
        xml.close()
        xml.open(schema >= .y2025 ? "LALevel" : "LALevelVacancies")
        xml.element("NumberOfVacancies", DfENumber.fixed(vacancies.numberOfVacancies, decimals: 2))
        xml.element("NoAgencyFTE", DfENumber.fixed(vacancies.agencyFTE, decimals: 2))
        xml.element("NoAgencyHeadcount", String(vacancies.agencyHeadcount))
        if schema >= .y2025 {
            for answer in cswwLALevelAnswers { xml.element(answer.element, vacancies.answers[answer.element]) }
        }
        xml.close()
        return xml.text
    }

    /// One `CSWWWorker`, indented to sit inside `Message`, with the elements of `schema`.
    public static func worker(_ worker: CSWWWorker, schema: CSWWSchema = .y2022) -> String {
        XMLFragment.render(inside: workerPath) { xml in
            xml.open("CSWWWorker")
            xml.element("AgencyWorker", worker.agencyWorker)
            xml.element("SWENo", worker.sweNumber)
            xml.element("FTE", worker.fte.map(fte))
            xml.element("PersonBirthDate", date: worker.birthDate)
            xml.element(worker.sexElement, worker.gender)
            xml.element("Ethnicity", worker.ethnicity)
            if schema < .y2025 {
                for institution in worker.qualifyingInstitutions { xml.element("QualInst", institution) }
            }
            xml.element("QualLevel", worker.qualificationLevel)
            xml.element("StepUpGrad", worker.stepUpGraduate)
            xml.element("OrgRole", worker.orgRole)
            xml.element("RoleStartDate", date: worker.roleStartDate)
            xml.element("StartOrigin", worker.startOrigin)
            xml.element("RoleEndDate", date: worker.roleEndDate)
            xml.element("LeaverDestination", worker.leaverDestination)
            xml.element("ReasonLeave", worker.reasonLeave)
            xml.element("FTE30", worker.fte30.map(fte))
            xml.element("Cases30", worker.cases30.map(String.init))
            xml.element("WorkingDaysLost", worker.workingDaysLost, decimals: 2)
            for weeks in worker.contractWeeks { xml.element("ContractWeeks", weeks, decimals: 1) }
            xml.element("FrontlineGrad", worker.frontlineGraduate)
            for absent in worker.absentAt30Sept { xml.element("Absat30Sept", absent) }
            for reason in worker.reasonsForAbsence { xml.element("ReasonAbsence", reason) }
            if schema < .y2025 {
                for status in worker.cfkssStatus { xml.element("CFKSSstatus", status) }
            } else {
                xml.element("BaseSalary", worker.baseSalary, decimals: 2)
                xml.element("RRPayments", worker.rrPayments, decimals: 2)
                xml.element("OtherPayments", worker.otherPayments, decimals: 2)
            }
            xml.close()
        }
    }

    /// The end of the message.
    public static var closing: String { XMLFragment.closing(workerPath) }

    /// A whole return, for tests and small runs (the projection streams instead).
    public static func message(_ header: CSWWHeader, _ vacancies: CSWWLALevelVacancies, workers: [CSWWWorker], schema: CSWWSchema = .y2022) -> String {
        opening(header, vacancies, schema: schema) + workers.map { worker($0, schema: schema) }.joined() + closing
    }

    private static func fte(_ value: Double) -> String { DfENumber.fixed(value, decimals: 6) }
}
