/// The ASC-WDS workplace file: one line per workplace of the council's account, with the
/// workplace's facts (from the organisation data, O120-O131 and L101/L102) and the figures that
/// follow from the post records (TOTALPERMTEMP, and per job role STARTERS, LEAVERS and VACANCIES
/// over the 12 months to the reference date, with REASONS/REASONNOS).
public enum ASCWDSWorkplaceFile {
    /// The 44 columns, in the order of Skills for Care's `workplaceHeaders.js`
    /// (research extract nmds/workplace_columns.csv).
    public static let header = [
        "LOCALESTID", "STATUS", "ESTNAME", "ADDRESS1", "ADDRESS2", "ADDRESS3", "POSTTOWN", "POSTCODE", "ESTTYPE", "OTHERTYPE",
        "PERMCQC", "PERMLA", "REGTYPE", "PROVNUM", "LOCATIONID", "MAINSERVICE", "ALLSERVICES", "CAPACITY", "UTILISATION",
        "SERVICEDESC", "SERVICEUSERS", "OTHERUSERDESC", "DHA", "DHAACTIVITIES", "TOTALPERMTEMP", "ALLJOBROLES", "STARTERS",
        "LEAVERS", "VACANCIES", "REASONS", "REASONNOS", "REPEATTRAINING", "CWPAWARE", "CWPUSE", "CWPUSEDESC", "SICKPAY",
        "PENSION", "ACTUALCONT", "OPTOUTPEN", "HOLIDAY", "SLEEPINS", "SLEEPINPAY", "TRAVELTIME", "TTDIFFRATE",
    ]

    /// The 12 columns of the training file (`trainingHeaders.js`, research extract nmds/training_columns.csv).
    public static let trainingHeader = [
        "LOCALESTID", "UNIQUEWORKERID", "CATEGORY", "TRAININGNAME", "ACCREDITED", "WHODELIVERED", "PROVIDERNAME",
        "HOWDELIVERED", "VALIDITY", "DATECOMPLETED", "EXPIRYDATE", "NOTES",
    ]

    /// MAINSERVICE 72, head office services: the one workplace ASC-WDS takes with no staff.
    static let headOfficeService = "72"
    /// ESTTYPE of a council's own workplace: 1 Local Authority (adult services).
    static let councilEmployerType = "1"
    /// The longest TRAININGNAME (error 1040).
    static let trainingNameLength = 120
    /// The most TOTALPERMTEMP and each count may be (error 1200 and the count errors).
    static let largestCount = 999
}

/// The counts per workplace and job role, kept while the records stream past: a few arrays of
/// small integers per workplace, so each record costs a table look-up and an addition.
struct ASCWDSWorkplaceTally {
    /// ASC-WDS job role codes are below this (the highest is 52).
    static let roleSlots = 64
    /// REASONS codes are 1 to 15.
    static let reasonSlots = 16

    enum Count: Int { case staff = 0, starters, leavers, vacancies }

    /// LOCALESTID (white space removed) of each workplace, in the order first met.
    private(set) var ids: [String] = []
    /// The index of each workplace, by LOCALESTID and by the text records give for it.
    private var index = StringTable<Int>()
    /// `Count` x role slot per workplace.
    private var counts: [UInt32] = []
    /// Leavers per reason code, per workplace.
    private var reasons: [UInt32] = []

    /// The index of `workplace` (as a record gives it), added when new.
    mutating func slot(_ workplace: String) -> Int {
        if let known = index[workplace] { return known }
        let id = workplace.removingWhitespace()
        if let known = index[id] {
            index[workplace] = known
            return known
        }
        let new = ids.count
        ids.append(id)
        index[id] = new
        if id != workplace { index[workplace] = new }
        counts.append(contentsOf: repeatElement(0, count: 4 * Self.roleSlots))
        reasons.append(contentsOf: repeatElement(0, count: Self.reasonSlots))
        return new
    }

    /// Whether `id` (white space removed) is a workplace met so far.
    func contains(_ id: String) -> Bool { index[id] != nil }

    mutating func add(_ count: Count, workplace: Int, role: Int) {
        guard (0..<Self.roleSlots).contains(role) else { return }
        counts[(workplace * 4 + count.rawValue) * Self.roleSlots + role] += 1
    }

    mutating func addReason(_ code: Int, workplace: Int) {
        guard (1..<Self.reasonSlots).contains(code) else { return }
        reasons[workplace * Self.reasonSlots + code] += 1
    }

    func count(_ count: Count, workplace: Int, role: Int) -> Int {
        Int(counts[(workplace * 4 + count.rawValue) * Self.roleSlots + role])
    }

    func total(_ count: Count, workplace: Int) -> Int {
        (0..<Self.roleSlots).reduce(0) { $0 + self.count(count, workplace: workplace, role: $1) }
    }

    /// The reason codes with leavers, and how many, in code order.
    func reasons(workplace: Int) -> [(code: Int, count: Int)] {
        (1..<Self.reasonSlots).compactMap { code in
            let count = Int(reasons[workplace * Self.reasonSlots + code])
            return count > 0 ? (code, count) : nil
        }
    }

    /// The job roles with staff, starters, leavers or vacancies at the workplace, in code order.
    func roles(workplace: Int) -> [Int] {
        (0..<Self.roleSlots).filter { role in
            (0..<4).contains { counts[(workplace * 4 + $0) * Self.roleSlots + role] > 0 }
        }
    }
}
