/// The published side of the Local Government Earnings Survey (`lges-aggregates.csv`): posts
/// grouped by occupation group x gender x full-time or part-time, with headcount, FTE, mean and
/// median FTE basic and gross pay, and the gender pay gap of each occupation group and working
/// pattern.
///
/// Disclosure control:
/// - A cell with fewer than ``minimumPeople`` distinct people is suppressed: every figure in it
///   is written ``suppressedMark`` (`c`, the ONS convention). People are counted, not posts: a
///   person with two posts in one cell counts once (by P102 National Insurance Number, else by
///   P103 Staff Identifier: one person under several staff ids is one person), so five posts
///   held by four people are suppressed.
/// - Pay figures of a shown cell are suppressed when fewer than ``minimumPeople`` of its people
///   have a recorded pay.
/// - A gender pay gap is suppressed when its male or its female cell, or their pay figures, are
///   suppressed; it is empty when either cell has nobody.
/// - No totals or margins are written, so no suppressed cell can be recovered by subtracting
///   shown cells from a total. (A person with posts in two cells appears in both; without totals
///   nothing is double counted.)
/// - Cells with nobody are not written.
///
/// The gender pay gap is (mean male - mean female) / mean male x 100 of FTE gross pay (basic pay
/// plus allowances, as the pay gap regulations count ordinary pay), and the same with medians;
/// both to one decimal place. FTE annual pay stands in for the hourly pay of X108 Gender Pay Gap:
/// within one occupation group and working pattern the full-time hours are normally the same,
/// so the two give the same percentage.
///
/// Pay is kept exactly, as 64-bit pence (a gross pay of many allowances passes 2^32 pence, which
/// 32 bits clamped silently), and summed in 128 bits.
///
/// Memory: the medians need every value, so each cell keeps its posts' pay (16 bytes a post
/// for basic and gross) and its people as 64-bit hashes in one table, each marked when the
/// person has a post with pay (up to 16 bytes a person): at most about 32 bytes per post in
/// scope; 500,000 council posts take about 16 MB. The number of cells
/// is bounded by the code sets (20 occupation groups x 3 genders x 2 patterns).
public struct LGESAggregateTable: Sendable {
    /// Cells with fewer people than this are suppressed.
    public static let minimumPeople = 5
    /// What a suppressed figure is written as.
    public static let suppressedMark = "c"

    /// The columns of `lges-aggregates.csv`.
    public static let header = [
        "row_type", "occupation", "gender", "working_pattern", "headcount", "fte", "mean_fte_basic_pay", "median_fte_basic_pay",
        "mean_fte_gross_pay", "median_fte_gross_pay", "gender_pay_gap_mean_pct", "gender_pay_gap_median_pct",
    ]

    /// One cell of the table.
    public struct Cell: Hashable, Sendable {
        /// `lges.occupation-group`.
        public var occupation: String
        /// `lges.gender`: F, M or X.
        public var gender: String
        /// FT or PT.
        public var workingPattern: String
        public init(occupation: String, gender: String, workingPattern: String) {
            self.occupation = occupation; self.gender = gender; self.workingPattern = workingPattern
        }
    }

    /// What a cell holds while posts are added.
    struct Accumulator: Sendable {
        /// The cell's people, marked when one of their posts has a recorded pay:
        /// `people.count` people, `people.markedCount` of them paid.
        var people = FingerprintTable(capacity: 16, hasValues: false)
        var fteMillionths: Int64 = 0
        var basicPence: [UInt64] = []
        var grossPence: [UInt64] = []
    }

    /// A figure as published: a value, suppressed, or not available.
    public enum Figure: Sendable, Equatable {
        case value(Double)
        case suppressed
        case notAvailable
    }

    /// The published figures of one cell.
    public struct CellFigures: Sendable, Equatable {
        public var cell: Cell
        /// Distinct people.
        public var headcount: Figure
        /// The sum of the posts' FTE.
        public var fte: Figure
        /// FTE basic and gross pay over the posts with pay, in pounds.
        public var meanBasicPay: Figure
        public var medianBasicPay: Figure
        public var meanGrossPay: Figure
        public var medianGrossPay: Figure
    }

    /// The gender pay gap of one occupation group and working pattern, in percent.
    public struct PayGap: Sendable, Equatable {
        public var occupation: String
        public var workingPattern: String
        /// (mean male - mean female) / mean male x 100, of FTE gross pay.
        public var mean: Figure
        /// The same with medians.
        public var median: Figure
    }

    /// A row of the table, in output order.
    public enum Row: Sendable, Equatable {
        case cell(CellFigures)
        case gap(PayGap)
    }

    private var cells: [Cell: Accumulator] = [:]

    public init() {}

    /// Adds one post of `person` (a stable id of the person: their staff identifier).
    public mutating func add(_ row: LGESPostRow, person: String) {
        let cell = Cell(occupation: row.occupation, gender: row.gender, workingPattern: row.workingPattern)
        let personKey = RecordRules.hash(person)
        // Found once and mutated in place: copying the cell out and back would copy its arrays
        // on every post, and each look-up by key hashes three strings.
        let index: Dictionary<Cell, Accumulator>.Index
        if let known = cells.index(forKey: cell) { index = known } else {
            cells[cell] = Accumulator()
            index = cells.index(forKey: cell)!
        }
        let paid = row.basicPayPence != nil && row.grossPayPence != nil
        cells.values[index].people.insert(personKey, marking: paid)
        cells.values[index].fteMillionths += Int64((row.fte * 1_000_000).rounded())
        if let basic = row.basicPayPence, let gross = row.grossPayPence {
            // Pay is never negative (the items' ranges start above 0).
            cells.values[index].basicPence.append(UInt64(max(basic, 0)))
            cells.values[index].grossPence.append(UInt64(max(gross, 0)))
        }
    }

    /// Every row: for each occupation group (in code order) and working pattern (FT, PT), the
    /// cells by gender, then the pay gap.
    public var rows: [Row] {
        var out: [Row] = []
        let groups = Set(cells.keys.map { GroupKey(occupation: $0.occupation, workingPattern: $0.workingPattern) }).sorted()
        for group in groups {
            let genders = cells.keys.filter { $0.occupation == group.occupation && $0.workingPattern == group.workingPattern }
                .map(\.gender).sorted()
            for gender in genders {
                let cell = Cell(occupation: group.occupation, gender: gender, workingPattern: group.workingPattern)
                out.append(.cell(figures(cell, cells[cell]!)))
            }
            out.append(.gap(gap(group)))
        }
        return out
    }

    /// The rows as CSV cells (written through ``SafeCSV``).
    public var csvRows: [[String]] {
        rows.map { row in
            switch row {
            case .cell(let figures):
                return ["cell", figures.cell.occupation, figures.cell.gender, figures.cell.workingPattern,
                        Self.text(figures.headcount, places: 0), Self.text(figures.fte, places: 2),
                        Self.text(figures.meanBasicPay, places: 2), Self.text(figures.medianBasicPay, places: 2),
                        Self.text(figures.meanGrossPay, places: 2), Self.text(figures.medianGrossPay, places: 2), "", ""]
            case .gap(let gap):
                return ["gender_pay_gap", gap.occupation, "", gap.workingPattern, "", "", "", "", "", "",
                        Self.text(gap.mean, places: 1), Self.text(gap.median, places: 1)]
            }
        }
    }

    // MARK: -

    private struct GroupKey: Hashable, Comparable {
        var occupation: String
        var workingPattern: String
        static func < (a: GroupKey, b: GroupKey) -> Bool {
            a.occupation != b.occupation ? NaturalOrder.areInIncreasingOrder(a.occupation, b.occupation) : a.workingPattern < b.workingPattern
        }
    }

    private func figures(_ cell: Cell, _ accumulator: Accumulator) -> CellFigures {
        guard accumulator.people.count >= Self.minimumPeople else {
            return CellFigures(cell: cell, headcount: .suppressed, fte: .suppressed, meanBasicPay: .suppressed,
                               medianBasicPay: .suppressed, meanGrossPay: .suppressed, medianGrossPay: .suppressed)
        }
        let paid = accumulator.people.markedCount
        func pay(_ statistic: ([UInt64]) -> Double, _ values: [UInt64]) -> Figure {
            if paid == 0 { return .notAvailable }
            if paid < Self.minimumPeople { return .suppressed }
            return .value(statistic(values) / 100)
        }
        return CellFigures(cell: cell, headcount: .value(Double(accumulator.people.count)),
                           fte: .value(Double(accumulator.fteMillionths) / 1_000_000),
                           meanBasicPay: pay(Self.mean, accumulator.basicPence), medianBasicPay: pay(Self.median, accumulator.basicPence),
                           meanGrossPay: pay(Self.mean, accumulator.grossPence), medianGrossPay: pay(Self.median, accumulator.grossPence))
    }

    private func gap(_ group: GroupKey) -> PayGap {
        let male = cells[Cell(occupation: group.occupation, gender: "M", workingPattern: group.workingPattern)]
        let female = cells[Cell(occupation: group.occupation, gender: "F", workingPattern: group.workingPattern)]
        guard let male, let female, !male.grossPence.isEmpty, !female.grossPence.isEmpty else {
            return PayGap(occupation: group.occupation, workingPattern: group.workingPattern, mean: .notAvailable, median: .notAvailable)
        }
        let shown = [male, female].allSatisfy { $0.people.count >= Self.minimumPeople && $0.people.markedCount >= Self.minimumPeople }
        guard shown else {
            return PayGap(occupation: group.occupation, workingPattern: group.workingPattern, mean: .suppressed, median: .suppressed)
        }
        func percent(_ statistic: ([UInt64]) -> Double) -> Figure {
            let men = statistic(male.grossPence), women = statistic(female.grossPence)
            return men > 0 ? .value((men - women) / men * 100) : .notAvailable
        }
        return PayGap(occupation: group.occupation, workingPattern: group.workingPattern, mean: percent(Self.mean), median: percent(Self.median))
    }

    /// The mean in pence. Sums are exact 128-bit integers, so the result does not depend on the
    /// order posts arrive in, and no sum overflows.
    static func mean(_ values: [UInt64]) -> Double {
        var high: UInt64 = 0, low: UInt64 = 0
        for value in values {
            let (sum, carry) = low.addingReportingOverflow(value)
            low = sum
            if carry { high += 1 }
        }
        return (Double(high) * 18_446_744_073_709_551_616.0 + Double(low)) / Double(values.count)
    }

    /// The median in pence (the mean of the two middle values for an even count).
    static func median(_ values: [UInt64]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }

    static func text(_ figure: Figure, places: Int) -> String {
        switch figure {
        case .value(let value): return LGESNumber.fixed(value, places: places)
        case .suppressed: return suppressedMark
        case .notAvailable: return ""
        }
    }
}
