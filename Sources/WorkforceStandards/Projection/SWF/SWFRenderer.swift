/// Renders School Workforce Census messages as XML, in pieces so they can be assembled from a
/// spool: the opening (declaration, header, module flags), each member's parts (staff details,
/// one contract, one absence, one qualification), and the school or LA module with the
/// closing tags.
///
/// Element names, nesting and order are those of the post-2013 message that real generators
/// write (Oracle E-Business Suite 2019 for the member, the 2012 Aspen template for the header
/// flags and the school and LA modules); every element path is one of theirs, and a test
/// checks that against the list of paths they write. Which items a member gets follows their
/// category (Oracle's implementation of DfE's rules, research notes section 3.6): staff details,
/// absences and qualifications by the person's category, contract items by the contract's.
public enum SWFRenderer {
    static let membersPath = ["Message", "SchoolWorkforceMembers"]
    static let memberPath = membersPath + ["SchoolWorkforceMember"]
    static let contractsPath = memberPath + ["ContractOrServiceGroup"]
    static let absencesPath = memberPath + ["Absences"]
    static let qualificationsPath = memberPath + ["Qualifications"]

    /// The declaration, the root, the header, the module flags and the opening of the member list.
    public static func opening(_ header: SWFHeader) -> String {
        var xml = XMLWriter()
        xml.open("Message")
        xml.open("Header")
        xml.open("CollectionDetails")
        xml.element("Collection", header.collection)
        xml.element("Year", String(header.year))
        xml.element("ReferenceDate", date: header.referenceDate)
        xml.close()
        xml.open("Source")
        xml.element("SourceLevel", header.sourceLevel.rawValue)
        xml.element("LEA", header.lea)
        xml.element("Estab", header.estab)
        xml.element("SoftwareCode", header.softwareCode)
        xml.element("Release", header.release)
        xml.element("SerialNo", String(header.serialNumber))
        xml.element("DateTime", header.dateTime)
        xml.close()
        xml.close()
        xml.open("SchoolWorkforceModules")
        xml.element("ContractOrServiceIncluded", boolean(header.modules.contractOrService))
        xml.element("AbsencesIncluded", boolean(header.modules.absences))
        xml.element("CurriculumsIncluded", boolean(header.modules.curriculums))
        xml.element("QualificationsIncluded", boolean(header.modules.qualifications))
        xml.close()
        xml.open("SchoolWorkforceMembers")
        return xml.text
    }

    /// The end of the member list, the school module (in a school message) or the LA module
    /// (in an LA message), and the end of the message.
    public static func closing(referenceDate: SimpleDate, estab: String?, school: SWFSchoolModule?, la: SWFLAModule?) -> String {
        XMLFragment.render(inside: membersPath) { xml in
            xml.close()
            if let school {
                xml.open("School")
                xml.element("ReferenceDate", date: referenceDate)
                xml.element("Estab", estab)
                if !school.vacancies.isEmpty {
                    xml.open("Vacancies")
                    for vacancy in school.vacancies {
                        xml.open("Vacancy")
                        xml.element("VacancyPost", vacancy.post)
                        xml.element("Tenure", vacancy.tenure)
                        xml.element("VacancyTemporarilyFilled", vacancy.temporarilyFilled.map(boolean))
                        xml.element("VacancyAdvertised", vacancy.advertised.map(boolean))
                        xml.close()
                    }
                    xml.close()
                }
                if school.hasStaffInformation {
                    xml.open("StaffInformation")
                    xml.open("Occasionals")
                    xml.element("OccasionalsQTS", String(school.occasionalsQTS))
                    xml.element("OccasionalsNOTQTS", String(school.occasionalsNotQTS))
                    xml.element("OccasionalsNOTKNWN", String(school.occasionalsNotKnown))
                    xml.close()
                    if !school.supportHeadcount.isEmpty {
                        xml.open("AgencyTPsupport")
                        for (category, count) in school.supportHeadcount.sorted(by: { $0.key < $1.key }) {
                            xml.open("AgencyTPsupportCount")
                            xml.element("AgencyTPsupportCategory", category)
                            xml.element("SupHeadCount", String(count))
                            xml.close()
                        }
                        xml.close()
                    }
                    xml.close()
                }
                xml.close()
            }
            if let la {
                xml.open("LA")
                xml.open("EducationalPsychologists")
                xml.element("EdPsychsFT", String(la.fullTime))
                xml.element("EdPsychsPT", String(la.partTime))
                xml.element("EdPsychsFTE", la.partTimeFTE, decimals: 1)
                xml.close()
                xml.close()
            }
            xml.close()
        }
    }

    /// The tags around a member and its groups, indented for their place in the message.
    static let memberOpen = tag("SchoolWorkforceMember", inside: membersPath, closing: false)
    static let memberClose = tag("SchoolWorkforceMember", inside: membersPath, closing: true)
    static let contractsOpen = tag("ContractOrServiceGroup", inside: memberPath, closing: false)
    static let contractsClose = tag("ContractOrServiceGroup", inside: memberPath, closing: true)
    static let absencesOpen = tag("Absences", inside: memberPath, closing: false)
    static let absencesClose = tag("Absences", inside: memberPath, closing: true)
    static let qualificationsOpen = tag("Qualifications", inside: memberPath, closing: false)
    static let qualificationsClose = tag("Qualifications", inside: memberPath, closing: true)

    private static func tag(_ name: String, inside path: [String], closing: Bool) -> [UInt8] {
        let both = XMLFragment.renderUTF8(inside: path) { xml in
            xml.open(name)
            xml.close()
        }
        // The open tag is the first line, the closing tag the second.
        let split = both.firstIndex(of: UInt8(ascii: "\n"))! + 1
        return closing ? Array(both[split...]) : Array(both[..<split])
    }

    /// A whole member, for tests and small runs (the projection assembles members from a spool).
    public static func member(_ member: SWFStaffMember, year: Int) -> String {
        var bytes = memberOpen
        bytes += XMLFragment.renderUTF8(inside: memberPath) { staffDetails(member.staffDetails, category: member.category, year: year, &$0) }
        bytes += contractsOpen
        for contract in member.contracts {
            bytes += XMLFragment.renderUTF8(inside: contractsPath) { self.contract(contract, year: year, &$0) }
        }
        bytes += contractsClose
        if member.category.isTeacherOrAssistant {
            if !member.absences.isEmpty {
                bytes += absencesOpen
                for item in member.absences { bytes += XMLFragment.renderUTF8(inside: absencesPath) { absence(item, &$0) } }
                bytes += absencesClose
            }
            if !member.qualifications.isEmpty {
                bytes += qualificationsOpen
                for item in member.qualifications { bytes += XMLFragment.renderUTF8(inside: qualificationsPath) { qualification(item, &$0) } }
                bytes += qualificationsClose
            }
        }
        bytes += memberClose
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `StaffDetails`, with the items of `category` (research notes section 3.6).
    static func staffDetails(_ details: SWFStaffDetails, category: SWFStaffCategory, year: Int, _ xml: inout XMLWriter) {
        xml.open("StaffDetails")
        xml.element("TeacherNumber", details.teacherNumber)
        xml.open("StaffMemberName")
        xml.element("PersonFamilyName", details.familyName)
        xml.open("GivenNames")
        for name in details.givenNames {
            xml.open("GivenName")
            xml.element("PersonGivenName", name)
            xml.close()
        }
        xml.close()
        xml.close()
        if !details.formerFamilyNames.isEmpty && (category == .teacher || category == .teachingAssistant) {
            xml.open("FormerFamilyNames")
            for name in details.formerFamilyNames { xml.element("PersonFamilyName", name) }
            xml.close()
        }
        xml.element("NINumber", details.niNumber)
        xml.element(details.sexElement, details.sex)
        xml.element("PersonBirthDate", date: details.birthDate)
        xml.element("Ethnicity", details.ethnicity)
        xml.element("Disability", details.disability)
        if category.isTeacherOrAssistant {
            // Flags: not recorded as held is false (a teacher with no QTS recorded is rejected
            // when mapped, rule 4228; QTLS and EYTS many HR systems do not hold).
            xml.element("QTS", boolean(details.qts ?? false))
            xml.element("QTLS", boolean(details.qtls ?? false))
            xml.element("EYTS", boolean(details.eyts ?? false))
        }
        if category != .agencyTeacher { xml.element("HLTAStatus", details.hltaStatus.map(boolean)) }
        if category == .teacher || category == .agencyTeacher { xml.element("QTSRoute", details.qtsRoute) }
        if year >= 2023 { xml.element("SLT", details.seniorLeadershipTeam.map(boolean)) }
        xml.close()
    }

    /// One `ContractOrService`, with the items of its own category.
    static func contract(_ contract: SWFContract, year: Int, _ xml: inout XMLWriter) {
        let category = contract.category
        xml.open("ContractOrService")
        xml.element("ContractType", contract.contractType)
        xml.element("ContractStart", date: contract.start)
        xml.element("ContractEnd", date: contract.end)
        xml.element("Post", contract.post)
        if category.isTeacherOrAssistant { xml.element("SchoolArrivalDate", date: contract.schoolArrivalDate) }
        // Oracle writes it for agency teachers only, the 2012 template and MyPortal for everyone
        // (CBDS: default N): the majority is followed.
        xml.element("DailyRate", contract.dailyRate ? "Y" : "N")
        if category == .teacher || category == .agencyTeacher { xml.element("DestinationCode", contract.destination) }
        if category == .teacher || category == .teachingAssistant { xml.element("Origin", contract.origin) }
        if year != 2020 { xml.element("PayReviewDate", date: contract.payReviewDate) }
        xml.element("LASchoolLevel", contract.level.rawValue)
        xml.open("PostLevelDetails")
        xml.open("Payments")
        if category.isTeacherOrAssistant { xml.element("PayRange", contract.payRange) }
        xml.element("BasePay", contract.basePay, decimals: 2)
        if category == .teacher { xml.element("SafeguardedSalary", contract.safeguardedSalary.map(boolean)) }
        xml.close()
        if category.isTeacherOrAssistant && !contract.payments.isEmpty {
            xml.open("AdditionalPayments")
            for payment in contract.payments {
                xml.open("AdditionalPayment")
                xml.element("PaymentType", payment.type)
                xml.element("PaymentAmount", payment.amount, decimals: 2)
                xml.element("PayStartDate", date: payment.startDate)
                xml.element("PayEndDate", date: payment.endDate)
                xml.close()
            }
            xml.close()
        }
        xml.open("Hours")
        xml.element("HoursPerWeek", contract.hoursPerWeek, decimals: 2)
        xml.element("FTEHours", contract.fteHours, decimals: 2)
        xml.element("WeeksPerYear", contract.weeksPerYear.map(String.init))
        xml.close()
        xml.close()
        xml.open("Roles")
        for role in contract.roleIdentifiers {
            xml.open("Role")
            xml.element("RoleIdentifier", role)
            xml.close()
        }
        xml.close()
        xml.close()
    }

    /// One `Absence`.
    static func absence(_ absence: SWFAbsence, _ xml: inout XMLWriter) {
        xml.open("Absence")
        xml.element("FirstDayOfAbsence", date: absence.firstDay)
        xml.element("LastDayOfAbsence", date: absence.lastDay)
        xml.element("WorkingDaysLost", absence.workingDaysLost, decimals: 1)
        xml.element("AbsenceCategory", absence.category)
        xml.close()
    }

    /// One `Qualification`, its one or two subjects in one `Subjects`.
    static func qualification(_ qualification: SWFQualification, _ xml: inout XMLWriter) {
        xml.open("Qualification")
        xml.element("QualificationCode", qualification.code)
        xml.element("ClassOfDegree", qualification.classOfDegree)
        if !qualification.subjects.isEmpty {
            xml.open("Subjects")
            for subject in qualification.subjects { xml.element("QualificationSubject", subject) }
            xml.close()
        }
        xml.close()
    }

    /// A whole message, for tests and small runs.
    public static func message(_ header: SWFHeader, members: [SWFStaffMember], school: SWFSchoolModule? = nil, la: SWFLAModule? = nil) -> String {
        opening(header) + members.map { member($0, year: header.year) }.joined()
            + closing(referenceDate: header.referenceDate, estab: header.estab, school: school, la: la)
    }

    /// Flags are written `true` or `false`, as every real generator writes them.
    static func boolean(_ value: Bool) -> String { value ? "true" : "false" }
}
