// The LGES post file's lines, and numbers as the LGES outputs write them. The aggregate
// tables' rows are written by ``LGESAggregateTable/csvRows()``.

extension LGESPostRow {
    /// The row's cells, one per ``header`` column (written through ``SafeCSV``).
    public var cells: [String] {
        CellList.cells(reserving: Self.header.count) { write(to: &$0) }
    }

    /// Writes the row's cells to `writer`, one per ``header`` column: into the CSV line the
    /// projection writes, or into ``cells``.
    func write<Writer: CellWriter>(to writer: inout Writer) {
        writer.text(laCode)
        writer.text(postID)
        writer.text(occupation)
        writer.text(role)
        writer.text(gender)
        writer.text(ageBand)
        writer.text(ethnicGroup)
        writer.text(workingPattern)
        writer.fixed(LGESNumber.scaled(fte, places: 4), places: 4)
        if let basicPayPence { writer.fixed(Int64(basicPayPence), places: 2) } else { writer.text(nil) }
        if let grossPayPence { writer.fixed(Int64(grossPayPence), places: 2) } else { writer.text(nil) }
        writer.text(payScheme)
        writer.text(spinalColumnPoint)
    }
}

/// Numbers as the LGES outputs write them: fixed decimals, no exponent, the same on every platform.
enum LGESNumber {
    /// `value` rounded half away from zero to `places` decimals.
    static func fixed(_ value: Double, places: Int) -> String {
        fixed(scaled(value, places: places), places: places)
    }

    /// `value` in units of 10^-`places`, rounded half away from zero.
    static func scaled(_ value: Double, places: Int) -> Int64 {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return Int64((value * scale).rounded())
    }

    /// An integer count of 10^-places units written with `places` decimals.
    static func fixed(_ scaled: Int64, places: Int) -> String {
        DecimalDigits.withFixed(scaled, places: places) { String(decoding: $0, as: UTF8.self) }
    }

    /// Pence as pounds with two decimals.
    static func pounds(_ pence: Int) -> String { fixed(Int64(pence), places: 2) }

    /// Pounds to whole pence.
    static func pence(_ pounds: Double) -> Int { Int((pounds * 100).rounded()) }
}
