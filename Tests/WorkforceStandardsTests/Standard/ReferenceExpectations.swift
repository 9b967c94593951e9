/// Independent expectations copied from the collectors' published lists, so the tests check
/// CodeSets/ and Standards/ against the sources rather than against themselves. Each list
/// names where it was copied from (all under the project's shared reference material, which
/// the tests themselves never read).
enum ReferenceExpectations {
    /// SWF role identifier, CBDS CS050 (2026 list as copied by MyPortal): 78 codes.
    static let swfRoleIdentifiers2026 = """
    ADVT ASHT CADV TCHR DPHT HDPT HDHO HDYR HDTR EXHT SPLY LRNM MISC PERI SENC TNON TPRU TMIS BEHM BILN CARE COVR CART \
    EPSY EXTS HLTA INST LANG LMEN LSEN LITR MINS MUSS MUSC NNSE NASS PAST TASS THER TRAV WELF ARTD ICTM ICTT OICT OTEC \
    RPRG STCH TTCH ADMC ATTN BURS BUSS DATA EDWO EXAM FINC HSLO LIBR NURS OMAN OCSU OPSU OPWE OADM PAHT RECP SSEC CTKR \
    CLNR COOK ESCT INVG MIDA MIDS CATR OPRE PREM
    """.split(separator: " ").map(String.init)

    /// SWF role identifier, CBDS D00188 (2010-2012): the 2026 codes plus CXPA, 79 in all.
    static let swfRoleIdentifiers2012 = swfRoleIdentifiers2026 + ["CXPA"]

    /// SWF post, CBDS D00187 (2010-2012).
    static let swfPosts2012 = "EXH HDT DHT AHT TCH AST EXL SUP AVT TAS".split(separator: " ").map(String.init)

    /// ASC-WDS main job roles whose status is current (bulk-upload codes, job_roles.csv).
    static let ascwdsCurrentJobRoles = """
    1 2 3 4 5 6 7 8 9 10 11 15 16 17 23 24 25 26 27 34 35 36 37 38 39 40 42 43 44 45 46 47 48 49 50 51 52
    """.split(separator: " ").map(String.init)

    /// ASC-WDS worker bulk-upload columns in file order (worker_columns.csv), the repeating
    /// QUALACHnn pair shown by its first three instances.
    static let ascwdsWorkerColumns = """
    LOCALESTID UNIQUEWORKERID CHGUNIQUEWRKID TRANSFERSTAFFRECORD STATUS DISPLAYID NINUMBER POSTCODE DOB GENDER ETHNICITY \
    NATIONALITY BRITISHCITIZENSHIP COUNTRYOFBIRTH YEAROFENTRY DISABLED CARECERT L2CARECERT RECSOURCE HANDCVISA INOUTUK \
    STARTDATE STARTINSECT DHA APPRENTICE EMPLSTATUS ZEROHRCONT DAYSSICK SALARYINT SALARY HOURLYRATE MAINJOBROLE MAINJRDESC \
    CONTHOURS AVGHOURS NMCREG AMHP SCQUAL NONSCQUAL CWPCATEGORY QUALACH01 QUALACH01NOTES QUALACH02 QUALACH02NOTES \
    QUALACH03 QUALACH03NOTES
    """.split(separator: " ").map(String.init)

    /// School Workforce Census 2012 workforce data items (CBDS item ids 400xxx), 49 items.
    static let swfWorkforceItems = """
    400014 400001 400002 400010 400013 400008 400007 400021 400047 400320 400051 400049 400090 400091 400092 400094 400139 \
    400097 400095 400117 400099 400100 400101 400131 400132 400135 400138 400142 400143 400200 400203 400202 400205 400220 \
    400221 400222 400223 400226 400227 400321 400322 400323 400333 400334 400335 400336 400337 400338 400339
    """.split(separator: " ").map(String.init)

    /// CSWW 2022 worker elements (CSWWWorker) and LA-level elements (LALevelVacancies).
    static let csswWorkerElements = """
    AgencyWorker SWENo FTE PersonBirthDate GenderCurrent Ethnicity QualInst QualLevel StepUpGrad OrgRole RoleStartDate \
    StartOrigin RoleEndDate LeaverDestination ReasonLeave FTE30 Cases30 WorkingDaysLost ContractWeeks FrontlineGrad \
    Absat30Sept ReasonAbsence CFKSSstatus
    """.split(separator: " ").map(String.init)
    static let csswLAElements = ["NumberOfVacancies", "NoAgencyFTE", "NoAgencyHeadcount"]
}
