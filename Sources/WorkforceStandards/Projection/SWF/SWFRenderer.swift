/// Renders a School Workforce Census message as XML, in pieces so it can be streamed: the
/// opening (declaration and header), one staff member at a time, then the closing tags.
///
/// Element names and value formats are those of the CBDS items (`Standards/collections/swf.csv`).
/// The nesting (`Header` with `CollectionDetails`, `Source` and `Content`; `SchoolWorkforceMembers`
/// with `StaffDetails`, `Contracts`, `Absences`, `Qualifications`) follows the DfE message
/// layout shared with the CSWW schema; DfE's own SWF schema is not in the reference material,
/// so the order inside each module follows the CBDS sheet and has not been checked against it.
public enum SWFRenderer {
    /// The elements a staff member is written inside.
    static let memberPath = ["Message", "SchoolWorkforceMembers"]

    /// The declaration, the root, the header, and the opening of the member list.
    public static func opening(_ header: SWFHeader) -> String {
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
        xml.element("Estab", header.estab)
        xml.element("SoftwareCode", header.softwareCode)
        xml.element("Release", header.release)
        xml.element("SerialNo", String(header.serialNumber))
        xml.element("DateTime", header.dateTime)
        xml.close()
        xml.open("Content")
        xml.open("CBDSLevels")
        for level in header.cbdsLevels { xml.element("CBDSLevel", level) }
        xml.close()
        xml.close()
        xml.close()
        xml.open("SchoolWorkforceMembers")
        return xml.text
    }

    /// One `SchoolWorkforceMember`, indented to sit inside the member list.
    public static func member(_ member: SWFStaffMember) -> String {
        XMLFragment.render(inside: memberPath) { render(member, &$0) }
    }

    /// ``member(_:)`` written with `writer` (reused from member to member), the bytes lent to `emit`.
    static func writeMember(_ member: SWFStaffMember, using writer: inout XMLWriter, to emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        XMLFragment.write(inside: memberPath, using: &writer, { render(member, &$0) }, to: emit)
    }

    private static func render(_ member: SWFStaffMember, _ xml: inout XMLWriter) {
        xml.open("SchoolWorkforceMember")
        staffDetails(member.staffDetails, &xml)
        xml.open("Contracts")
        for contract in member.contracts { self.contract(contract, &xml) }
        xml.close()
        if !member.absences.isEmpty {
            xml.open("Absences")
            for absence in member.absences {
                xml.open("Absence")
                xml.element("FirstDayOfAbsence", date: absence.firstDay)
                xml.element("LastDayOfAbsence", date: absence.lastDay)
                xml.element("WorkingDaysLost", absence.workingDaysLost, decimals: 1)
                xml.element("AbsenceCategory", absence.category)
                xml.close()
            }
            xml.close()
        }
        if !member.qualifications.isEmpty {
            xml.open("Qualifications")
            for qualification in member.qualifications {
                xml.open("Qualification")
                xml.element("QualificationCode", qualification.code)
                xml.element("QualificationSubject", qualification.subject)
                xml.close()
            }
            xml.close()
        }
        xml.close()
    }

    /// The end of the member list and of the message.
    public static var closing: String { XMLFragment.closing(memberPath) }

    /// A whole message, for tests and small runs (the projection streams instead).
    public static func message(_ header: SWFHeader, members: [SWFStaffMember]) -> String {
        opening(header) + members.map(member).joined() + closing
    }

    private static func staffDetails(_ details: SWFStaffDetails, _ xml: inout XMLWriter) {
        xml.open("StaffDetails")
        xml.element("TeacherNumber", details.teacherNumber)
        xml.element("PersonFamilyName", details.familyName)
        for name in details.givenNames { xml.element("PersonGivenName", name) }
        if !details.formerFamilyNames.isEmpty {
            xml.open("FormerFamilyNames")
            for name in details.formerFamilyNames { xml.element("PersonFamilyName", name) }
            xml.close()
        }
        xml.element("NINumber", details.niNumber)
        xml.element(details.sexElement, details.sex)
        xml.element("PersonBirthDate", date: details.birthDate)
        xml.element("Ethnicity", details.ethnicity)
        xml.element("QTStatus", details.qtStatus.map(boolean))
        xml.element("DisabilityIndicator", details.disability)
        xml.element("HLTAStatus", details.hltaStatus.map(boolean))
        xml.element("QTSRoute", details.qtsRoute)
        xml.element("OverseasTrndTchr", details.overseasTrainedTeacher.map(boolean))
        xml.close()
    }

    private static func contract(_ contract: SWFContract, _ xml: inout XMLWriter) {
        xml.open("Contract")
        xml.element("ContractType", contract.contractType)
        xml.element("ContractStart", date: contract.start)
        xml.element("ContractEnd", date: contract.end)
        xml.element("Post", contract.post)
        xml.element("SchoolArrivalDate", date: contract.schoolArrivalDate)
        xml.element("DailyRate", contract.dailyRate ? "Y" : "N")
        xml.element("DestinationCode", contract.destination)
        xml.element("Origin", contract.origin)
        xml.element("LEASchoolLevel", contract.level.rawValue)
        xml.element("Estab", contract.estab)
        xml.open("Roles")
        for role in contract.roleIdentifiers {
            xml.open("Role")
            xml.element("RoleIdentifier", role)
            xml.close()
        }
        xml.close()
        xml.element("HoursPerWeek", contract.hoursPerWeek, decimals: 2)
        xml.element("FTEHours", contract.fteHours, decimals: 2)
        xml.element("WeeksPerYear", contract.weeksPerYear.map(String.init))
        xml.element("Scale", contract.payScale)
        xml.element("RegionSpine", contract.regionalPaySpine)
        xml.element("SpinePoint", contract.spinePoint)
        xml.element("SafeguardedSalary", contract.safeguardedSalary.map(boolean))
        xml.element("TotalPay", contract.totalPay, decimals: 2)
        if !contract.payments.isEmpty {
            xml.open("Payments")
            for payment in contract.payments {
                xml.open("Payment")
                xml.element("PaymentType", payment.type)
                xml.element("PaymentAmount", payment.amount, decimals: 2)
                xml.close()
            }
            xml.close()
        }
        xml.close()
    }

    /// CBDS writes flags as `true`/`false` (or 1/0).
    private static func boolean(_ value: Bool) -> String { value ? "true" : "false" }
}
