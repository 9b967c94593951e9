/// One post of the Local Government Earnings Survey return (`lges-posts.csv`): the fields of
/// `Standards/collections/lges.csv`, in its order, already in LGES codes.
///
/// By construction it holds nothing the survey does not ask for: no names, no National
/// Insurance number, no date of birth (only the age band derived from it), no staff identifier.
public struct LGESPostRow: Sendable, Equatable {
    /// The columns of `lges-posts.csv`, in catalogue order.
    public static let header = [
        "la_code", "post_id", "occupation", "role", "gender", "age_band", "ethnic_group", "working_pattern", "fte",
        "fte_basic_pay", "fte_gross_pay", "pay_scheme", "spinal_column_point",
    ]

    /// O103 Local Authority GSS Code.
    public var laCode: String?
    /// J103 Post Identifier.
    public var postID: String
    /// LGES occupation group (`lges.occupation-group`).
    public var occupation: String
    /// J101 Job Role, unchanged.
    public var role: String
    /// `lges.gender`: F, M, or X (other or not known, also when sex is not recorded).
    public var gender: String
    /// `lges.age-band` on the reference date; NK without a date of birth.
    public var ageBand: String
    /// `lges.ethnic-group`; U when ethnicity is not recorded.
    public var ethnicGroup: String
    /// `lges.working-pattern`: FT or PT.
    public var workingPattern: String
    /// Full-time equivalent, 0 to 1.
    public var fte: Double
    /// Full-time equivalent annual basic pay, in pence (S504).
    public var basicPayPence: Int?
    /// Full-time equivalent annual gross pay, in pence: basic pay plus pay items.
    public var grossPayPence: Int?
    /// `lges.pay-scheme`; NK when the salary scheme is not recorded.
    public var payScheme: String
    /// `lges.spinal-column-point`, for posts on the NJC spine.
    public var spinalColumnPoint: String?

    public init(laCode: String?, postID: String, occupation: String, role: String, gender: String, ageBand: String,
                ethnicGroup: String, workingPattern: String, fte: Double, basicPayPence: Int?, grossPayPence: Int?,
                payScheme: String, spinalColumnPoint: String?) {
        self.laCode = laCode
        self.postID = postID
        self.occupation = occupation
        self.role = role
        self.gender = gender
        self.ageBand = ageBand
        self.ethnicGroup = ethnicGroup
        self.workingPattern = workingPattern
        self.fte = fte
        self.basicPayPence = basicPayPence
        self.grossPayPence = grossPayPence
        self.payScheme = payScheme
        self.spinalColumnPoint = spinalColumnPoint
    }

    /// The row's cells, one per ``header`` column (written through ``SafeCSV``).
    public var cells: [String] {
        var cells: [String] = []
        cells.reserveCapacity(Self.header.count)
        forEachCell { cells.append($0) }
        return cells
    }

    /// Calls `body` with each of ``cells`` in turn, with no array of them made (the
    /// projection writes them straight into the line).
    func forEachCell(_ body: (String) -> Void) {
        body(laCode ?? "")
        body(postID)
        body(occupation)
        body(role)
        body(gender)
        body(ageBand)
        body(ethnicGroup)
        body(workingPattern)
        body(LGESNumber.fixed(fte, places: 4))
        body(basicPayPence.map(LGESNumber.pounds) ?? "")
        body(grossPayPence.map(LGESNumber.pounds) ?? "")
        body(payScheme)
        body(spinalColumnPoint ?? "")
    }
}

/// Numbers as the LGES outputs write them: fixed decimals, no exponent, the same on every platform.
enum LGESNumber {
    /// `value` rounded half away from zero to `places` decimals.
    static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        return fixed(scaled, places: places)
    }

    /// An integer count of 10^-places units written with `places` decimals.
    static func fixed(_ scaled: Int64, places: Int) -> String {
        // Digits are written from the right into a small buffer, and the text made once: this
        // runs for every amount of every row, and joining pieces of text allocates each time.
        let capacity = 48
        guard places >= 0, places <= 24 else { return slowFixed(scaled, places: places) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var position = capacity
            var rest = scaled.magnitude
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            if places > 0 {
                for _ in 0..<places {
                    put(UInt8(ascii: "0") + UInt8(rest % 10))
                    rest /= 10
                }
                put(UInt8(ascii: "."))
            }
            repeat {
                put(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            if scaled < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<capacity]), as: UTF8.self)
        }
    }

    /// ``fixed(_:places:)`` by joining text, for more places than the buffer holds.
    static func slowFixed(_ scaled: Int64, places: Int) -> String {
        let magnitude = scaled.magnitude
        var unit: UInt64 = 1
        for _ in 0..<max(places, 0) { unit = unit.multipliedReportingOverflow(by: 10).overflow ? 0 : unit * 10 }
        guard unit > 0 else { return String(scaled) }
        var text = String(magnitude / unit)
        if places > 0 {
            let fraction = String(magnitude % unit)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return scaled < 0 ? "-" + text : text
    }

    /// Pence as pounds with two decimals.
    static func pounds(_ pence: Int) -> String { fixed(Int64(pence), places: 2) }

    /// Pounds to whole pence.
    static func pence(_ pounds: Double) -> Int { Int((pounds * 100).rounded()) }
}
