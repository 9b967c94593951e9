/// The published side of the Local Government Earnings Survey (`lges-aggregates.csv`): the
/// tables the LGA publishes, and one of this project's own, each with its totals and with
/// disclosure control (`DisclosureCube`).
///
/// - `pay`: paybill and pay rates by region, type of authority, gender and full-time or
///   part-time working (the LGA's "paybill and pay rates ... by region, authority type, gender
///   and full-time/part-time working"): people, posts, FTE, basic and gross paybill, mean and
///   median FTE basic and gross pay; every combination of the four, each with its totals.
/// - `scp`: the distribution of posts by NJC spinal column point, by region and type of
///   authority (the LGA's "spinal column point distribution"); posts on no spinal column
///   point are the column `none`, so that each area's total is all its posts.
/// - `occupation_extension`, `occupation_pay_gap_extension`: this project's extension, not an
///   LGA output: occupation group x gender x working pattern with the same figures, and the
///   gender pay gap of each occupation group and working pattern.
///
/// The paybill of a cell is the annual cost of its posts at the rates held: the sum of each
/// post's FTE (as written in the post file, four decimals) times its FTE basic (or gross) pay.
/// The LGA grosses its paybill up to every council with other data; this is the paybill of
/// the posts returned. Means and medians are over the posts with a recorded pay.
///
/// Disclosure control: a cell with fewer than 5 people (counted once each, by National
/// Insurance number, see ``LGESProjection``) or with 1 to 4 people with a recorded pay is
/// hidden; so is whatever would let a hidden cell be worked out from the other cells and
/// totals of its table (`DisclosureCube`); and a cell two tables publish (an area's total
/// in `pay` and `scp`, a gender and working pattern total in `pay` and the occupation
/// extension) is hidden in both when either hides it. A hidden cell's figures are all `c`,
/// and `reason` says why. Cells with no posts are not written.
///
/// Memory: each post with pay keeps its basic and gross pay (16 bytes, up to 32 with the
/// arrays' room to grow) in the cell of its area, occupation group, gender and working
/// pattern, for exact medians; each person is held once, with the cells of their first post,
/// in a fingerprint table (12 bytes a slot: 13 to 27 bytes a person), plus a short list for a
/// person whose posts fall in different cells. Measured (debug build, synthetic records): about
/// 58 bytes per post in scope more than a run without LGES, growing linearly (64,700 posts
/// more, 3.8 MB more peak), so 650,000 council posts take about 38 MB. The
/// cells are bounded by the code sets, and the tables are built from them at the end.
/// Pay is kept exactly (64-bit pence, 128-bit sums): nothing is clamped.
public struct LGESAggregateTable: Sendable {
    /// Cells with fewer people than this are hidden.
    public static let minimumPeople = DisclosureCube.minimumPeople
    /// What a hidden figure is written as.
    public static let suppressedMark = "c"
    /// The value of a total's dimension.
    public static let allMark = "ALL"
    /// The spinal column point of posts on none.
    public static let noPoint = "none"

    /// The columns of `lges-aggregates.csv`.
    public static let header = [
        "table", "region", "authority_type", "occupation", "gender", "working_pattern", "spinal_column_point",
        "people", "posts", "fte", "basic_paybill", "gross_paybill", "mean_fte_basic_pay", "median_fte_basic_pay",
        "mean_fte_gross_pay", "median_fte_gross_pay", "gender_pay_gap_mean_pct", "gender_pay_gap_median_pct", "status", "reason",
        "survey_year",
    ]

    /// The tables, in output order.
    public enum Table: String, Sendable, CaseIterable {
        /// The LGA's paybill and pay rates.
        case pay
        /// The LGA's spinal column point distribution.
        case scp
        /// This project's extension: occupation groups.
        case occupation = "occupation_extension"
        /// This project's extension: the gender pay gap by occupation group.
        case occupationPayGap = "occupation_pay_gap_extension"
    }

    /// One output row: its table and its cells, one per ``header`` column.
    public struct Row: Sendable, Equatable {
        /// The table the row belongs to.
        public var table: Table
        /// The cells, one per ``header`` column.
        public var cells: [String]
        /// The cell of `column`.
        public subscript(column: String) -> String? {
            Self.columns[column].map { cells[$0] }
        }
        static let columns = Dictionary(uniqueKeysWithValues: LGESAggregateTable.header.enumerated().map { ($0.element, $0.offset) })
    }

    // MARK: - accumulation

    /// Small integer ids of the values of one dimension.
    struct ValueIndex: Sendable {
        private(set) var values: [String] = []
        private var ids: [String: Int32] = [:]
        /// The ids of values of 1 to 7 ASCII bytes (the codes and spinal column points nearly
        /// every post has) met before, keyed by their bytes packed in 64 bits: a few operations
        /// where hashing a `String` costs a few hundred (five values are asked about per post).
        /// Only a cache of `ids`: a value is numbered there, with the `String`'s own equality.
        private var shortIDs = FingerprintTable(capacity: 64)
        /// The values in code order.
        var sorted: [String] { values.sorted(by: NaturalOrder.areInIncreasingOrder) }
        /// The place of each id's value in ``sorted``.
        var ranks: [Int32] {
            let order = sorted
            var place: [String: Int32] = [:]
            for (rank, value) in order.enumerated() { place[value] = Int32(rank) }
            return values.map { place[$0]! }
        }
        mutating func id(_ value: String) -> Int32 {
            let key = Self.packed(value)
            if let key, let id = shortIDs.value(for: key) { return Int32(id) }
            let id: Int32
            if let known = ids[value] { id = known } else {
                id = Int32(values.count)
                ids[value] = id
                values.append(value)
            }
            if let key { shortIDs.insert(key, value: UInt32(id)) }
            return id
        }

        /// The bytes of a value of 1 to 7 ASCII bytes in the low 56 bits and its length in the
        /// top 8 (never 0; two values share a key only when their bytes are the same); nil for
        /// any other value.
        static func packed(_ value: String) -> UInt64? {
            var key: UInt64 = 0, count = 0
            for byte in value.utf8 {
                guard count < 7, byte < 0x80 else { return nil }
                key |= UInt64(byte) << (8 * count)
                count += 1
            }
            return count == 0 ? nil : key | UInt64(count) << 56
        }
    }

    /// A cell of the finest grouping the pay tables are built from.
    struct PayKey: Hashable, Sendable {
        var region, type, occupation: Int32
        var gender, pattern: Int32
    }

    struct PayCell: Sendable {
        var people = 0, paidPeople = 0, posts = 0, paidPosts = 0
        var fte4: Int64 = 0
        var basicPaybill = WideSum(), grossPaybill = WideSum(), basicTotal = WideSum(), grossTotal = WideSum()
        var basic: [UInt64] = [], gross: [UInt64] = []
    }

    struct PointKey: Hashable, Sendable {
        var region, type, point: Int32
    }

    struct PointCell: Sendable {
        var people = 0, paidPeople = 0, posts = 0
        var fte4: Int64 = 0
    }

    private var regions = ValueIndex(), types = ValueIndex(), occupations = ValueIndex(), genders = ValueIndex()
    private var patterns = ValueIndex(), points = ValueIndex()
    private var payIndex: [PayKey: Int] = [:]
    private var payCells: [PayCell] = []
    private var pointIndex: [PointKey: Int] = [:]
    private var pointCells: [PointCell] = []
    /// Each person's first post: its pay cell, its spinal column point cell and whether it has
    /// pay, packed in 32 bits (``packed(pay:point:paid:)``); a person whose posts fall in
    /// more than one pair of cells has the others in `morePosts` (``entry(pay:point:paid:)``).
    private var people = FingerprintTable(capacity: 1024, hasValues: true)
    private var morePosts: [UInt64: [UInt64]] = [:]
    private var lastArea: (area: LGESArea, region: Int32, type: Int32)?

    /// The survey year every row names (`2025/26`), empty when not given.
    public let surveyYear: String

    /// - Parameter surveyYear: the LGA's name of the survey year (``CollectionCalendar/lgesSurveyPeriod(_:)``).
    public init(surveyYear: String = "") {
        self.surveyYear = surveyYear
    }

    /// Adds one post of `person` (a stable id of the person: their NI number, else staff id),
    /// counted under `area`.
    public mutating func add(_ row: LGESPostRow, area: LGESArea, person: String) {
        let region: Int32, type: Int32
        if let last = lastArea, last.area == area { (region, type) = (last.region, last.type) } else {
            (region, type) = (regions.id(area.region), types.id(area.authorityType))
            lastArea = (area, region, type)
        }
        let key = PayKey(region: region, type: type, occupation: occupations.id(row.occupation), gender: genders.id(row.gender),
                         pattern: patterns.id(row.workingPattern))
        let cell: Int
        if let known = payIndex[key] { cell = known } else {
            cell = payCells.count
            payIndex[key] = cell
            payCells.append(PayCell())
        }
        let fte4 = LGESNumber.scaled(row.fte, places: 4)
        let paid = row.basicPayPence != nil && row.grossPayPence != nil
        payCells[cell].posts += 1
        payCells[cell].fte4 += fte4
        if let basicPence = row.basicPayPence, let grossPence = row.grossPayPence {
            // Pay is never negative (the items' ranges start above 0).
            let basic = UInt64(max(basicPence, 0)), gross = UInt64(max(grossPence, 0))
            payCells[cell].paidPosts += 1
            payCells[cell].basic.append(basic)
            payCells[cell].gross.append(gross)
            payCells[cell].basicTotal.add(basic)
            payCells[cell].grossTotal.add(gross)
            payCells[cell].basicPaybill.add(basic, times: UInt64(max(fte4, 0)))
            payCells[cell].grossPaybill.add(gross, times: UInt64(max(fte4, 0)))
        }
        let pointKey = PointKey(region: region, type: type, point: points.id(row.spinalColumnPoint ?? Self.noPoint))
        let pointCell: Int
        if let known = pointIndex[pointKey] { pointCell = known } else {
            pointCell = pointCells.count
            pointIndex[pointKey] = pointCell
            pointCells.append(PointCell())
        }
        pointCells[pointCell].posts += 1
        pointCells[pointCell].fte4 += fte4
        let counted = register(RecordRules.hash(person), pay: cell, point: pointCell, paid: paid)
        if counted.payPerson { payCells[cell].people += 1 }
        if counted.payPaid { payCells[cell].paidPeople += 1 }
        if counted.pointPerson { pointCells[pointCell].people += 1 }
        if counted.pointPaid { pointCells[pointCell].paidPeople += 1 }
    }

    /// A post's pay cell, point cell and pay in 64 bits.
    static func entry(pay: Int, point: Int, paid: Bool) -> UInt64 {
        UInt64(pay) | UInt64(point) << 32 | (paid ? 1 << 63 : 0)
    }
    static func pay(of entry: UInt64) -> Int { Int(entry & 0xFFFF_FFFF) }
    static func point(of entry: UInt64) -> Int { Int((entry >> 32) & 0x7FFF_FFFF) }
    static func paid(_ entry: UInt64) -> Bool { entry >> 63 == 1 }

    /// The same in the 32 bits of the people table (17 bits of pay cell, 14 of point cell, the
    /// pay flag), or ``unpacked`` when the cells do not fit (they always do for cells of the
    /// standard's code sets: at most about 10,000 and 3,500), and the entry is in `morePosts`.
    static func packed(pay: Int, point: Int, paid: Bool) -> UInt32 {
        guard pay < (1 << 17) - 1, point < 1 << 14 else { return unpacked }
        return UInt32(pay) | UInt32(point) << 17 | (paid ? 1 << 31 : 0)
    }
    static let unpacked = UInt32.max
    static func entry(packed: UInt32) -> UInt64? {
        packed == unpacked ? nil : entry(pay: Int(packed & 0x1_FFFF), point: Int((packed >> 17) & 0x3FFF), paid: packed >> 31 == 1)
    }

    /// Every post entry held for `person`.
    private func entries(of person: UInt64) -> [UInt64] {
        (people.value(for: person).flatMap(Self.entry(packed:)).map { [$0] } ?? []) + (morePosts[person] ?? [])
    }

    /// Notes that `person` has a post in pay cell `pay` and point cell `point`: whether they
    /// are new to each cell, and whether they are newly counted as paid in it.
    private mutating func register(_ person: UInt64, pay: Int, point: Int, paid: Bool)
        -> (payPerson: Bool, payPaid: Bool, pointPerson: Bool, pointPaid: Bool) {
        let packed = Self.packed(pay: pay, point: point, paid: paid)
        guard let first = people.value(for: person, orInsert: packed) else {
            // Nearly every person: one post.
            if packed == Self.unpacked { morePosts[person] = [Self.entry(pay: pay, point: point, paid: paid)] }
            return (true, paid, true, paid)
        }
        var others = morePosts[person] ?? []
        let firstEntry = Self.entry(packed: first)
        let all = (firstEntry.map { [$0] } ?? []) + others
        let counted = (payPerson: !all.contains { Self.pay(of: $0) == pay },
                       payPaid: paid && !all.contains { Self.pay(of: $0) == pay && Self.paid($0) },
                       pointPerson: !all.contains { Self.point(of: $0) == point },
                       pointPaid: paid && !all.contains { Self.point(of: $0) == point && Self.paid($0) })
        if let firstEntry, Self.pay(of: firstEntry) == pay, Self.point(of: firstEntry) == point {
            if paid && !Self.paid(firstEntry) { people.set(person, value: first | 1 << 31) }
        } else if let at = others.firstIndex(where: { Self.pay(of: $0) == pay && Self.point(of: $0) == point }) {
            if paid && !Self.paid(others[at]) {
                others[at] |= 1 << 63
                morePosts[person] = others
            }
        } else {
            others.append(Self.entry(pay: pay, point: point, paid: paid))
            morePosts[person] = others
        }
        return counted
    }

    // MARK: - publication

    /// Every row, table by table, totals first within each dimension, then values in code
    /// order. Sorts the pay values held in place (so it is `mutating`); calling it again gives
    /// the same rows.
    public mutating func rows() -> [Row] {
        for cell in payCells.indices {
            payCells[cell].basic.sort()
            payCells[cell].gross.sort()
        }
        // Every id is replaced by the rank of its value in code order, so that the tables, and
        // the choices of disclosure control, do not depend on the order posts arrived in.
        let (region, type, occupationRank) = (regions.ranks, types.ranks, occupations.ranks)
        let (gender, pattern, point) = (genders.ranks, patterns.ranks, points.ranks)
        let payKeys = payIndex.sorted { $0.value < $1.value }.map(\.key)
        let pointKeys = pointIndex.sorted { $0.value < $1.value }.map(\.key)
        var pay = build(finest: payKeys.count, key: {
            let k = payKeys[$0]
            return [region[Int(k.region)], type[Int(k.type)], gender[Int(k.gender)], pattern[Int(k.pattern)]]
        }, withPay: true)
        var occupation = build(finest: payKeys.count, key: {
            let k = payKeys[$0]
            return [occupationRank[Int(k.occupation)], gender[Int(k.gender)], pattern[Int(k.pattern)]]
        }, withPay: true)
        var spine = build(finest: pointKeys.count, key: {
            let k = pointKeys[$0]
            return [region[Int(k.region)], type[Int(k.type)], point[Int(k.point)]]
        }, withPay: false)
        Self.suppressLinked(pay: &pay, point: &spine, occupation: &occupation)

        var out: [Row] = []
        let payDimensions: [(column: Int, values: [String])] = [(1, regions.sorted), (2, types.sorted), (4, genders.sorted), (5, patterns.sorted)]
        out += rows(of: pay, table: .pay, dimensions: payDimensions) { cube, cell, row in
            self.payFigures(cube.finest[cell], into: &row)
        }
        out += rows(of: spine, table: .scp, dimensions: [(1, regions.sorted), (2, types.sorted), (6, points.sorted)]) { cube, cell, row in
            let members = cube.finest[cell]
            row[9] = LGESNumber.fixed((members.reduce(0) { $0 + self.pointCells[$1].fte4 } + 50) / 100, places: 2)
            row[8] = String(members.reduce(0) { $0 + self.pointCells[$1].posts })
        }
        out += rows(of: occupation, table: .occupation, dimensions: [(3, occupations.sorted), (4, genders.sorted), (5, patterns.sorted)]) { cube, cell, row in
            self.payFigures(cube.finest[cell], into: &row)
        }
        out += payGaps(occupation)
        for index in out.indices { out[index].cells[20] = surveyYear }
        return out
    }

    /// The rows as CSV cells (written through ``SafeCSV``).
    public mutating func csvRows() -> [[String]] { rows().map(\.cells) }

    /// A table being published: its cells, the finest cells each adds up, and their people.
    struct Cube {
        var disclosure: DisclosureCube
        var finest: [[Int]]
        var people: [Int]
    }

    private func build(finest count: Int, key: (Int) -> [Int32], withPay: Bool) -> Cube {
        var index: [[Int32]: Int] = [:]
        var keys: [[Int32]] = []
        var finest: [[Int]] = []
        var totalsOf: [[Int]] = Array(repeating: [], count: count)
        let interiors = (0..<count).map(key)
        // Cells are made in the order of their interior keys: the same whatever the input order.
        for member in (0..<count).sorted(by: { interiors[$0].lexicographicallyPrecedes(interiors[$1]) }) {
            let interior = interiors[member]
            for mask in 0..<(1 << interior.count) {
                var cellKey = interior
                for dimension in interior.indices where mask & (1 << dimension) != 0 { cellKey[dimension] = -1 }
                let cell: Int
                if let known = index[cellKey] { cell = known } else {
                    cell = keys.count
                    index[cellKey] = cell
                    keys.append(cellKey)
                    finest.append([])
                }
                finest[cell].append(member)
                totalsOf[member].append(cell)
            }
        }
        var people = [Int](repeating: 0, count: keys.count), paid = [Int](repeating: 0, count: keys.count)
        for cell in keys.indices {
            for member in finest[cell] {
                people[cell] += withPay ? payCells[member].people : pointCells[member].people
                paid[cell] += withPay ? payCells[member].paidPeople : pointCells[member].paidPeople
            }
        }
        // A person with posts in several finest cells is in each one's count: once per total.
        for person in morePosts.keys.sorted() {
            // The person's finest cells of this table, each paid when any post in it is.
            var cells: [Int: Bool] = [:]
            for entry in entries(of: person) {
                let cell = withPay ? Self.pay(of: entry) : Self.point(of: entry)
                cells[cell] = (cells[cell] ?? false) || Self.paid(entry)
            }
            guard cells.count > 1 else { continue }
            var seen: [Int: (people: Int, paid: Int)] = [:]
            for (member, paid) in cells {
                for cell in totalsOf[member] {
                    seen[cell, default: (0, 0)].people += 1
                    if paid { seen[cell, default: (0, 0)].paid += 1 }
                }
            }
            for (cell, count) in seen {
                people[cell] -= count.people - 1
                if count.paid > 0 { paid[cell] -= count.paid - 1 }
            }
        }
        return Cube(disclosure: DisclosureCube(keys: keys, people: people, paidPeople: withPay ? paid : nil), finest: finest, people: people)
    }

    /// Suppresses the three cube tables, hiding a cell two tables share in both when either
    /// hides it, until nothing changes.
    private static func suppressLinked(pay: inout Cube, point: inout Cube, occupation: inout Cube) {
        var forcedPay: [Int: String] = [:]
        while true {
            pay.disclosure.suppress(forced: forcedPay)
            var forcedPoint: [Int: String] = [:], forcedOccupation: [Int: String] = [:]
            for (cell, key) in pay.disclosure.keys.enumerated() where !pay.disclosure.status[cell].isShown {
                // An area's total: region and type, all genders and patterns.
                if key[2] == -1 && key[3] == -1, let other = point.disclosure.cell([key[0], key[1], -1]) { forcedPoint[other] = Table.pay.rawValue }
                // A gender and pattern total over every area.
                if key[0] == -1 && key[1] == -1, let other = occupation.disclosure.cell([-1, key[2], key[3]]) {
                    forcedOccupation[other] = Table.pay.rawValue
                }
            }
            point.disclosure.suppress(forced: forcedPoint)
            occupation.disclosure.suppress(forced: forcedOccupation)
            var more = forcedPay
            for (cell, key) in point.disclosure.keys.enumerated() where key[2] == -1 && !point.disclosure.status[cell].isShown {
                if let other = pay.disclosure.cell([key[0], key[1], -1, -1]), pay.disclosure.status[other].isShown { more[other] = Table.scp.rawValue }
            }
            for (cell, key) in occupation.disclosure.keys.enumerated() where key[0] == -1 && !occupation.disclosure.status[cell].isShown {
                if let other = pay.disclosure.cell([-1, -1, key[1], key[2]]), pay.disclosure.status[other].isShown {
                    more[other] = Table.occupation.rawValue
                }
            }
            if more.count == forcedPay.count { return }
            forcedPay = more
        }
    }

    /// The rows of one cube table in order, with `figures` filling a shown cell's figures.
    private func rows(of cube: Cube, table: Table, dimensions: [(column: Int, values: [String])],
                      figures: (Cube, Int, inout [String]) -> Void) -> [Row] {
        let disclosure = cube.disclosure
        func label(_ key: [Int32]) -> [String] {
            zip(key, dimensions).map { $0 == -1 ? Self.allMark : $1.values[Int($0)] }
        }
        let labels = disclosure.keys.map(label)
        let order = disclosure.keys.indices.sorted { a, b in
            for (x, y) in zip(labels[a], labels[b]) where x != y {
                if x == Self.allMark { return true }
                if y == Self.allMark { return false }
                return NaturalOrder.areInIncreasingOrder(x, y)
            }
            return false
        }
        func describe(_ cell: Int) -> String {
            zip(dimensions, labels[cell]).map { "\(Self.header[$0.column])=\($1)" }.joined(separator: " ")
        }
        return order.map { cell in
            var row = [String](repeating: "", count: Self.header.count)
            row[0] = table.rawValue
            for (dimension, value) in zip(dimensions, labels[cell]) { row[dimension.column] = value }
            switch disclosure.status[cell] {
            case .shown:
                row[7] = String(cube.people[cell])
                figures(cube, cell, &row)
                row[18] = "shown"
            case let status:
                for column in 7...15 where Self.columnApplies(column, to: table) { row[column] = Self.suppressedMark }
                row[18] = "hidden"
                row[19] = Self.reason(status, describe: describe)
            }
            return Row(table: table, cells: row)
        }
    }

    private static func columnApplies(_ column: Int, to table: Table) -> Bool {
        table == .scp ? column <= 9 : column <= 15
    }

    private static func reason(_ status: DisclosureCube.Status, describe: (Int) -> String) -> String {
        switch status {
        case .shown: return ""
        case .fewPeople: return "primary: fewer than \(minimumPeople) people"
        case .fewPaid: return "primary: fewer than \(minimumPeople) people with a recorded pay"
        case .protects(let cell): return "secondary: would let the hidden cell \(describe(cell)) be worked out from this table's other cells and totals"
        case .linked(let table): return "linked: the \(table) table publishes the same posts and hides them"
        }
    }

    /// People are written by the caller; posts, FTE, paybill, means and medians here.
    private func payFigures(_ members: [Int], into row: inout [String]) {
        var posts = 0, paidPosts = 0, fte4: Int64 = 0
        var basicPaybill = WideSum(), grossPaybill = WideSum(), basicTotal = WideSum(), grossTotal = WideSum()
        for member in members {
            let cell = payCells[member]
            posts += cell.posts
            paidPosts += cell.paidPosts
            fte4 += cell.fte4
            basicPaybill.add(cell.basicPaybill)
            grossPaybill.add(cell.grossPaybill)
            basicTotal.add(cell.basicTotal)
            grossTotal.add(cell.grossTotal)
        }
        row[8] = String(posts)
        row[9] = LGESNumber.fixed((fte4 + 50) / 100, places: 2)
        guard paidPosts > 0 else { return }
        // Paybill: pence x FTE in units of 1/10,000: whole pence, rounded half up.
        row[10] = basicPaybill.dividedRounded(by: 10_000).map { LGESNumber.fixed($0, places: 2) } ?? "overflow"
        row[11] = grossPaybill.dividedRounded(by: 10_000).map { LGESNumber.fixed($0, places: 2) } ?? "overflow"
        row[12] = LGESNumber.fixed(basicTotal.value / Double(paidPosts) / 100, places: 2)
        row[13] = LGESNumber.fixed(Self.median(members.map { payCells[$0].basic }, count: paidPosts) / 100, places: 2)
        row[14] = LGESNumber.fixed(grossTotal.value / Double(paidPosts) / 100, places: 2)
        row[15] = LGESNumber.fixed(Self.median(members.map { payCells[$0].gross }, count: paidPosts) / 100, places: 2)
    }

    /// The gender pay gap of each occupation group (and all) and working pattern (and all):
    /// (mean male - mean female) / mean male x 100 of FTE gross pay, and the same with
    /// medians, from the two cells of the occupation extension; hidden when either is.
    private func payGaps(_ cube: Cube) -> [Row] {
        let disclosure = cube.disclosure
        var out: [(labels: [String], row: Row)] = []
        let genderOrder = genders.sorted, occupationOrder = occupations.sorted, patternOrder = patterns.sorted
        let male = genderOrder.firstIndex(of: "M") ?? -2, female = genderOrder.firstIndex(of: "F") ?? -2
        var groups = Set<[Int32]>()
        for key in disclosure.keys { groups.insert([key[0], key[2]]) }
        for group in groups {
            let men = disclosure.cell([group[0], Int32(male), group[1]]), women = disclosure.cell([group[0], Int32(female), group[1]])
            var row = [String](repeating: "", count: Self.header.count)
            row[0] = Table.occupationPayGap.rawValue
            row[3] = group[0] == -1 ? Self.allMark : occupationOrder[Int(group[0])]
            row[5] = group[1] == -1 ? Self.allMark : patternOrder[Int(group[1])]
            guard let men, let women else {
                // No men or no women: no gap (empty), which the cells written already say.
                row[18] = "shown"
                out.append(([row[3], row[5]], Row(table: .occupationPayGap, cells: row)))
                continue
            }
            if !disclosure.status[men].isShown || !disclosure.status[women].isShown {
                row[16] = Self.suppressedMark
                row[17] = Self.suppressedMark
                row[18] = "hidden"
                row[19] = "the men's or the women's cell of the occupation extension is hidden"
            } else {
                let menPaid = cube.finest[men].reduce(0) { $0 + payCells[$1].paidPosts }
                let womenPaid = cube.finest[women].reduce(0) { $0 + payCells[$1].paidPosts }
                row[18] = "shown"
                if menPaid > 0 && womenPaid > 0 {
                    func total(_ cell: Int) -> Double {
                        var sum = WideSum()
                        for member in cube.finest[cell] { sum.add(payCells[member].grossTotal) }
                        return sum.value
                    }
                    let meanMen = total(men) / Double(menPaid), meanWomen = total(women) / Double(womenPaid)
                    let medianMen = Self.median(cube.finest[men].map { payCells[$0].gross }, count: menPaid)
                    let medianWomen = Self.median(cube.finest[women].map { payCells[$0].gross }, count: womenPaid)
                    if meanMen > 0 { row[16] = LGESNumber.fixed((meanMen - meanWomen) / meanMen * 100, places: 1) }
                    if medianMen > 0 { row[17] = LGESNumber.fixed((medianMen - medianWomen) / medianMen * 100, places: 1) }
                }
            }
            out.append(([row[3], row[5]], Row(table: .occupationPayGap, cells: row)))
        }
        return out.sorted { a, b in
            for (x, y) in zip(a.labels, b.labels) where x != y {
                if x == Self.allMark { return true }
                if y == Self.allMark { return false }
                return NaturalOrder.areInIncreasingOrder(x, y)
            }
            return false
        }.map(\.row)
    }

    /// The median in pence of the values of `arrays` (each sorted), `count` in all: the mean
    /// of the two middle values for an even count. Found by bisecting the value range and
    /// counting in each array, so no array is merged or copied.
    static func median(_ arrays: [[UInt64]], count: Int) -> Double {
        guard count > 0 else { return 0 }
        if count % 2 == 1 { return Double(smallest(count / 2, in: arrays)) }
        return (Double(smallest(count / 2 - 1, in: arrays)) + Double(smallest(count / 2, in: arrays))) / 2
    }

    /// The `k`-th smallest value (from 0) of the sorted `arrays`.
    static func smallest(_ k: Int, in arrays: [[UInt64]]) -> UInt64 {
        var low = arrays.compactMap(\.first).min() ?? 0, high = arrays.compactMap(\.last).max() ?? 0
        while low < high {
            let middle = low + (high - low) / 2
            var atMost = 0
            for array in arrays {
                // Values <= middle: the first index holding more.
                var lo = 0, hi = array.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if array[mid] <= middle { lo = mid + 1 } else { hi = mid }
                }
                atMost += lo
            }
            if atMost > k { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// The region and type of authority a post's aggregates count it under.
public struct LGESArea: Hashable, Sendable {
    /// `harmonised.region`, or NK.
    public var region: String
    /// `lges.authority-type`.
    public var authorityType: String
    /// The area of `region` and `authorityType`.
    public init(region: String, authorityType: String) {
        self.region = region
        self.authorityType = authorityType
    }
}

/// An exact unsigned 128-bit sum, so that no paybill or pay total is clamped or rounded while
/// it grows (a million posts of a million pounds at FTE in ten-thousandths pass 2^64).
struct WideSum: Sendable, Equatable {
    private(set) var high: UInt64 = 0
    private(set) var low: UInt64 = 0

    mutating func add(_ value: UInt64) {
        let (sum, carry) = low.addingReportingOverflow(value)
        low = sum
        if carry { high &+= 1 }
    }

    mutating func add(_ value: UInt64, times factor: UInt64) {
        let product = value.multipliedFullWidth(by: factor)
        add(product.low)
        high &+= product.high
    }

    mutating func add(_ other: WideSum) {
        add(other.low)
        high &+= other.high
    }

    /// The sum as a double (for means).
    var value: Double { Double(high) * 18_446_744_073_709_551_616.0 + Double(low) }

    /// The sum divided by `divisor`, rounded half up; nil when the quotient passes Int64.
    func dividedRounded(by divisor: UInt64) -> Int64? {
        guard high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth((high, low))
        let rounded = remainder * 2 >= divisor ? quotient + 1 : quotient
        return rounded <= UInt64(Int64.max) ? Int64(rounded) : nil
    }
}
