/// Disclosure control of one published table with totals: which cells are hidden, and why.
///
/// A table is a cube: every cell has one coordinate per dimension, a value or "all" (-1), and
/// holds the posts whose values match (a cell with "all" in a dimension is a total over it).
/// The cells with no "all" are the table's *interior*; every other cell is the sum of some of
/// them, so anything additive that a cell publishes (posts, FTE, paybill, a mean times its
/// count) is a linear function of the interior.
///
/// The rules:
/// 1. *Primary*: a cell with fewer than ``minimumPeople`` people, or with between 1 and
///    ``minimumPeople`` - 1 people whose pay is recorded (when the table publishes pay), is hidden.
/// 2. *Lines*: for every total shown and the cells it adds up (one dimension of it opened), the
///    hidden cells of the line must be at least two and cover at least ``minimumPeople`` people
///    together; otherwise the shown cell of the line with the fewest people is hidden too (so a
///    hidden cell is never the difference of a total and the other cells, and two hidden cells
///    of one or two people each do not give away each other's pay to either of them).
/// 3. *Exact audit*: whatever combination of shown cells an attacker takes, no hidden cell may
///    follow from it: a hidden cell's interior must not lie in the span of the shown cells'
///    (exact integer elimination over the hidden interior cells, the shown interior cells being
///    known values). A hidden cell that would follow gets one more cell of its lines hidden,
///    and the audit runs again.
/// 4. *Linked cells*: a cell another table also publishes (the same posts) is hidden when the
///    other table hides it (``suppress(forced:)``).
///
/// Medians are not additive, and a median of shown cells bounds but does not give a hidden
/// cell's; a cell is hidden or shown as a whole, every figure together.
struct DisclosureCube {
    /// Cells with fewer people than this are hidden.
    static let minimumPeople = 5

    /// Why a cell is hidden, or that it is shown.
    enum Status: Equatable {
        case shown
        /// Fewer than the minimum people.
        case fewPeople
        /// Fewer than the minimum people with a recorded pay.
        case fewPaid
        /// Hidden so that the cell at this index cannot be worked out.
        case protects(Int)
        /// Hidden because another table, which publishes the same posts, hides it.
        case linked(String)

        var isShown: Bool { self == .shown }
    }

    /// The coordinates of each cell; -1 is "all".
    let keys: [[Int32]]
    /// The people of each cell.
    let people: [Int]
    /// The people of each cell with a recorded pay, when the table publishes pay.
    let paidPeople: [Int]?
    /// The interior cells (indices into ``keys``) each cell adds up.
    private(set) var interiorOf: [[Int]] = []
    /// The lines: a total and the cells that add up to it along one dimension.
    private(set) var lines: [(total: Int, parts: [Int])] = []
    /// The lines each cell is in (as total or part).
    private var linesOf: [[Int]] = []
    /// The status of each cell after ``suppress(forced:)``.
    private(set) var status: [Status] = []
    /// The cells that add up exactly the same interior cells as each cell (itself included):
    /// in a table by region and type, London's total is London boroughs' total. They are the
    /// same figures, so they are hidden or shown together.
    private var twins: [[Int]] = []
    private let index: [[Int32]: Int]

    init(keys: [[Int32]], people: [Int], paidPeople: [Int]?) {
        self.keys = keys
        self.people = people
        self.paidPeople = paidPeople
        var index: [[Int32]: Int] = [:]
        for (position, key) in keys.enumerated() { index[key] = position }
        self.index = index
        let dimensions = keys.first?.count ?? 0
        // Interior members: each interior key adds itself to every total it falls in.
        interiorOf = Array(repeating: [], count: keys.count)
        for (position, key) in keys.enumerated() where !key.contains(-1) {
            for mask in 0..<(1 << dimensions) {
                var total = key
                for dimension in 0..<dimensions where mask & (1 << dimension) != 0 { total[dimension] = -1 }
                if let cell = index[total] { interiorOf[cell].append(position) }
            }
        }
        // Lines: a cell is a part of the total with one of its values opened to "all".
        var lineOf: [Int: Int] = [:]
        linesOf = Array(repeating: [], count: keys.count)
        for (position, key) in keys.enumerated() {
            for dimension in 0..<dimensions where key[dimension] != -1 {
                var total = key
                total[dimension] = -1
                guard let totalCell = index[total] else { continue }
                let lineKey = totalCell * dimensions + dimension
                if let line = lineOf[lineKey] { lines[line].parts.append(position) } else {
                    lineOf[lineKey] = lines.count
                    lines.append((totalCell, [position]))
                }
            }
        }
        for (number, line) in lines.enumerated() {
            linesOf[line.total].append(number)
            for part in line.parts { linesOf[part].append(number) }
        }
        status = Array(repeating: .shown, count: keys.count)
        var byInterior: [[Int]: [Int]] = [:]
        for cell in keys.indices { byInterior[interiorOf[cell].sorted(), default: []].append(cell) }
        twins = keys.indices.map { byInterior[interiorOf[$0].sorted()]! }
    }

    /// Hides `cell` and its twins, for `reason`.
    private mutating func hide(_ cell: Int, _ reason: Status) {
        for twin in twins[cell] where status[twin].isShown { status[twin] = reason }
    }

    /// Shows `cell` and its twins again (a tried cell that did not help).
    private mutating func unhide(_ cell: Int) {
        for twin in twins[cell] { status[twin] = .shown }
    }

    /// The cell with these coordinates.
    func cell(_ key: [Int32]) -> Int? { index[key] }

    /// Decides every cell's status: primary suppression, then `forced` (cells another table
    /// hides, with its name), then secondary suppression until the lines hold and the audit
    /// finds nothing recoverable. The same input always gives the same statuses.
    mutating func suppress(forced: [Int: String]) {
        let minimum = Self.minimumPeople
        for cell in keys.indices {
            if people[cell] < minimum {
                status[cell] = .fewPeople
            } else if let paidPeople, paidPeople[cell] > 0, paidPeople[cell] < minimum {
                status[cell] = .fewPaid
            } else {
                status[cell] = .shown
            }
        }
        for (cell, table) in forced.sorted(by: { $0.key < $1.key }) { hide(cell, .linked(table)) }
        while true {
            if enforceLines() { continue }
            guard let exposed = recoverableCells().first else { return }
            hideOneMore(protecting: exposed)
        }
    }

    /// Rule 2 over every line; true when a cell was hidden.
    private mutating func enforceLines() -> Bool {
        var changed = false
        for line in lines where status[line.total].isShown {
            let hidden = line.parts.filter { !status[$0].isShown }
            guard !hidden.isEmpty else { continue }
            if hidden.count >= 2 && hidden.reduce(0, { $0 + people[$1] }) >= Self.minimumPeople { continue }
            if let next = line.parts.filter({ status[$0].isShown }).min(by: { (people[$0], $0) < (people[$1], $1) }) {
                hide(next, .protects(hidden[0]))
            } else {
                // Every part is hidden and their people fall short: the total would give their sum.
                hide(line.total, .protects(hidden[0]))
            }
            changed = true
        }
        return changed
    }

    /// Hides one more cell so that `cell` can no longer be worked out: of the shown cells in
    /// the lines of `cell`, by fewest people, the first that alone protects it; when none
    /// does alone, the one with the fewest people (the audit then runs again). Failing any,
    /// every shown cell that holds any of its interior.
    private mutating func hideOneMore(protecting cell: Int) {
        var seen = Set<Int>()
        var candidates: [Int] = []
        for line in linesOf[cell] {
            for member in [lines[line].total] + lines[line].parts where status[member].isShown && seen.insert(member).inserted {
                candidates.append(member)
            }
        }
        candidates.sort { (people[$0], $0) < (people[$1], $1) }
        for candidate in candidates.prefix(Self.candidatesTried) {
            hide(candidate, .protects(cell))
            if !recoverableCells().contains(cell) { return }
            unhide(candidate)
        }
        if let next = candidates.first {
            hide(next, .protects(cell))
            return
        }
        let interior = Set(interiorOf[cell])
        for other in keys.indices where status[other].isShown && interiorOf[other].contains(where: interior.contains) {
            hide(other, .protects(cell))
        }
    }

    /// How many cells ``hideOneMore(protecting:)`` tries one by one before it takes the
    /// smallest: each try is an audit of the table.
    static let candidatesTried = 16

    /// The hidden cells whose value follows exactly from the shown cells (every additive
    /// figure alike): exact elimination over the hidden interior cells.
    func recoverableCells() -> [Int] {
        var column: [Int: Int] = [:]
        for cell in keys.indices where !status[cell].isShown && !keys[cell].contains(-1) { column[cell] = column.count }
        var echelon = Echelon(width: column.count)
        for cell in keys.indices where status[cell].isShown {
            let unknowns = interiorOf[cell].compactMap { column[$0] }
            if !unknowns.isEmpty { echelon.add(unknowns) }
        }
        return keys.indices.filter { cell in
            guard !status[cell].isShown else { return false }
            let unknowns = interiorOf[cell].compactMap { column[$0] }
            return unknowns.isEmpty || echelon.spans(unknowns)
        }
    }
}

/// Rows of integers in echelon form, for exact span tests of 0/1 vectors.
///
/// Rows are combined with integer multiples and divided by their greatest common divisor, so
/// entries stay small; should any product overflow 64 bits, ``spans(_:)`` answers true, which
/// hides one cell more rather than publishing one that might be recoverable.
struct Echelon {
    let width: Int
    /// The row whose first non-zero entry is in each column.
    private var pivots: [Int: [Int64]] = [:]
    private var overflowed = false

    init(width: Int) { self.width = width }

    /// Adds the row with 1 in `columns` and 0 elsewhere.
    mutating func add(_ columns: [Int]) {
        guard var row = reduce(columns) else { overflowed = true; return }
        guard let lead = row.firstIndex(where: { $0 != 0 }) else { return }
        if row[lead] < 0 { for index in row.indices { row[index] = -row[index] } }
        pivots[lead] = row
    }

    /// Whether the row with 1 in `columns` is a combination of the rows added.
    func spans(_ columns: [Int]) -> Bool {
        if overflowed { return true }
        guard let row = reduce(columns) else { return true }
        return row.allSatisfy { $0 == 0 }
    }

    /// The row reduced by the pivots; nil on overflow.
    private func reduce(_ columns: [Int]) -> [Int64]? {
        var row = [Int64](repeating: 0, count: width)
        for column in columns { row[column] = 1 }
        var start = 0
        while let lead = row[start...].firstIndex(where: { $0 != 0 }) {
            guard let pivot = pivots[lead] else {
                start = lead + 1
                continue
            }
            let factor = row[lead], scale = pivot[lead]
            var divisor: Int64 = 0
            // Every entry is scaled: those before `lead` (columns with no pivot) too.
            for index in 0..<width where row[index] != 0 || pivot[index] != 0 {
                let (left, o1) = row[index].multipliedReportingOverflow(by: scale)
                let (right, o2) = pivot[index].multipliedReportingOverflow(by: factor)
                let (value, o3) = left.subtractingReportingOverflow(right)
                if o1 || o2 || o3 { return nil }
                row[index] = value
                divisor = Self.gcd(divisor, value)
            }
            if divisor > 1 { for index in 0..<width where row[index] != 0 { row[index] /= divisor } }
            start = lead + 1
        }
        return row
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        return Int64(x)
    }
}
