/// Writes post records in the exchange format (the inverse of ``PostRecordReader``).
public struct ExchangeWriter {
    /// The format written.
    public let format: ExchangeFormat

    /// A writer of `format` (the embedded standard's by default).
    public init(format: ExchangeFormat = .standard) { self.format = format }

    /// The header line, with its line break.
    public var headerLine: String { CSVWriter.line(format.header) + "\n" }

    /// One record as a CSV line; `overrides` replace an item's text (used to write invalid
    /// values on purpose in synthetic data).
    public func line(for record: PostRecord, overrides: [ItemReference: String] = [:]) -> String {
        CSVWriter.line(format.columns.map { overrides[$0.item.ref] ?? PostRecordBinding.text($0.item.ref, of: record) }) + "\n"
    }
}
