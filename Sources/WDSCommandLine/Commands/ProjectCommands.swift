import Foundation
import WorkforceStandards

/// Reads a file (or standard input for "-") in chunks, feeding each to `body`.
///
/// With `read(2)` and a 1 MiB buffer: Foundation's `FileHandle.readData(ofLength:)` on Linux
/// reads 4 KiB per system call whatever length is asked for, which made a national file
/// cost some 60,000 calls and a tenth of a run's time in the kernel.
package func readChunks(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
    guard descriptor >= 0 else { throw DataProblem("cannot read \(path): \(String(cString: strerror(errno)))") }
    defer { if descriptor != STDIN_FILENO { close(descriptor) } }
    let size = 1 << 20
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    defer { buffer.deallocate() }
    while true {
        let count = read(descriptor, buffer, size)
        if count == 0 { break }
        guard count > 0 else {
            if errno == EINTR { continue }
            throw DataProblem("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        body(UnsafeBufferPointer(start: buffer, count: count))
    }
}

/// Today's date in England.
func todayInEngland() -> SimpleDate {
    let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/London")!, from: Date())
    return SimpleDate(year: parts.year!, month: parts.month!, day: parts.day!)!
}

/// The collection year and reference date of each collection in a run.
struct RunCalendar {
    /// The settings of each collection's projection.
    var settings: [CollectionID: ProjectionSettings]
    /// The settings the record rules check against (SWF's: the census day).
    var general: ProjectionSettings { settings[.swf]! }
    /// What the run used, for the summary: `swf 2025 (census day 2025-11-06) ...`.
    func describe(_ collections: [CollectionID]) -> String {
        collections.map { collection in
            let settings = settings[collection]!
            return "\(collection.rawValue) \(settings.collectionYear) (reference date \(settings.referenceDate))"
        }.joined(separator: ", ")
    }
}

/// `--year` and `--reference-date`: the census year, and a date that overrides every
/// collection's own. With neither, each collection takes its latest year whose reference date
/// has passed (SWF, ASC-WDS and LGES: the SWF census day; CSWW: 30 September).
func runCalendar(_ arguments: Arguments) throws -> RunCalendar {
    var year: Int?
    if let text = arguments.option("--year") {
        guard let value = Int(text), CollectionCalendar.supportedYears.contains(value) else {
            throw UsageError("--year \(text) is not a collection year (\(CollectionCalendar.supportedYears.lowerBound) to \(CollectionCalendar.supportedYears.upperBound))")
        }
        year = value
    }
    var override: SimpleDate?
    if let text = arguments.option("--reference-date") {
        guard let date = SimpleDate(text), CollectionCalendar.supportedYears.contains(date.year) else {
            throw UsageError("--reference-date \(text) is not a date (YYYY-MM-DD) in a collection year (\(CollectionCalendar.supportedYears.lowerBound) to \(CollectionCalendar.supportedYears.upperBound))")
        }
        override = date
    }
    let today = todayInEngland()
    var settings: [CollectionID: ProjectionSettings] = [:]
    for collection in CollectionID.allCases {
        let chosen = year ?? override?.year ?? CollectionCalendar.latestYear(of: collection, onOrBefore: today)
        settings[collection] = ProjectionSettings(collection: collection, year: chosen, referenceDate: override)
    }
    return RunCalendar(settings: settings)
}

/// `--organisations FILE`: the organisation data, and the problems found in it.
func organisations(_ arguments: Arguments) throws -> (directory: OrganisationDirectory, diagnostics: [RecordDiagnostic])? {
    guard let path = arguments.option("--organisations") else { return nil }
    var bytes: [UInt8] = []
    try readChunks(path) { bytes.append(contentsOf: $0) }
    return OrganisationFile.read(String(decoding: bytes, as: UTF8.self))
}

/// A sink writing to a file (or standard output), buffered. Shared with the benchmark, so that
/// it measures the files the command writes.
package final class FileSink: TextSink {
    private let file: OutputFile
    init(path: String?, console: Console? = nil) throws { file = try OutputFile(path: path, console: console) }
    /// A sink writing to the file at `path`.
    package convenience init(path: String) throws { try self.init(path: path, console: nil) }
    package func write(_ text: String) { file.write(text) }
    package func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { file.write(utf8: bytes) }
    package func close() { file.close() }
}

/// `wds synth`: synthetic post records in the exchange format.
enum SynthCommand: Command {
    static let name = "synth"
    static let summary = "write N synthetic post records (exchange format), deterministic for a seed"
    static let help = """
    Usage: wds synth --count N [--seed S] [--reference-date YYYY-MM-DD] [--error-rate R] [-o FILE]

    Writes N realistic synthetic post records across schools, adult and children's social care
    and the wider council, with about 1% invalid records and some starters and leavers out of
    scope (--error-rate 0 for none). School staff are spread over --schools schools (default:
    one for every 40 records, at most 2,000). Same seed, same file. Streams: memory does not
    grow with N.
    """
    static let options: Set<String> = ["--count", "--seed", "--reference-date", "-o", "--error-rate", "--schools"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        _ = try arguments.expectPositional()
        guard let countText = arguments.option("--count"), let count = Int(countText), count >= 0 else {
            throw UsageError("--count N is required (a whole number)")
        }
        let seedText = arguments.option("--seed") ?? "1"
        guard let seed = UInt64(seedText) else { throw UsageError("--seed \(seedText) is not a whole number") }
        let date = try arguments.option("--reference-date").map { text -> SimpleDate in
            guard let date = SimpleDate(text) else { throw UsageError("--reference-date \(text) is not a date (YYYY-MM-DD)") }
            return date
        } ?? SimpleDate(year: 2025, month: 11, day: 6)!
        var synth = SyntheticWorkforce(seed: seed, referenceDate: date)
        synth.schoolCount = max(1, count / 40)
        if let text = arguments.option("--schools") {
            guard let schools = Int(text), (1...2_000).contains(schools) else { throw UsageError("--schools \(text) is not a whole number from 1 to 2000") }
            synth.schoolCount = schools
        }
        if let rate = arguments.option("--error-rate") {
            guard let value = Double(rate), (0...1).contains(value) else { throw UsageError("--error-rate \(rate) is not between 0 and 1") }
            synth.errorRate = value
        }
        let writer = ExchangeWriter()
        let output = try OutputFile(path: arguments.option("-o"), console: console)
        output.write(writer.headerLine)
        for index in 0..<count {
            let (record, overrides) = synth.record(index)
            output.write(writer.line(for: record, overrides: overrides))
        }
        output.close()
        return 0
    }
}

/// `wds validate FILE`: every problem in an exchange-format file.
enum ValidateCommand: Command {
    static let name = "validate"
    static let summary = "check an exchange-format file against the standard: every problem, per record"
    static let help = """
    Usage: wds validate FILE|- [--year YYYY] [--reference-date YYYY-MM-DD] [--organisations FILE]
                              [--format table|csv|json]

    Prints one line per problem (record, line, severity, rule, item, column, value, message,
    expected) and a summary on standard error. Severity follows DfE's rules: an error stops the
    record from being projected, a query does not. Exit status 1 when any record has an error.
    """
    static let options: Set<String> = ["--format", "--reference-date", "--year", "--organisations"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let path = try arguments.expectPositional("FILE")[0]
        var settings = try runCalendar(arguments).general
        let organisationData = try organisations(arguments)
        settings.organisations = organisationData?.directory
        let sink = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: [], diagnostics: sink)
        if let organisationData { pipeline.report(fileProblems: organisationData.diagnostics) }
        try readChunks(path) { pipeline.feed($0) }
        let report = try pipeline.finish()
        let rows = csvRowsOf(sink.text)
        let table = Table(columns: rows.first ?? ProjectionPipeline.diagnosticColumns, rows: Array(rows.dropFirst()))
        console.out(Report.table(table).rendered(as: try arguments.format()))
        console.err(report.summary)
        return report.errors == 0 ? 0 : 1
    }
}

func csvRowsOf(_ text: String) -> [[String]] { CSVParser.records(in: text).records.map(\.fields) }

/// `wds project`: post records to each collection's return.
enum ProjectCommand: Command {
    static let name = "project"
    static let summary = "project post records onto SWF, ASC-WDS, LGES and CSWW returns, with reconciliation"
    static let help = """
    Usage: wds project --to swf|ascwds|lges|csww|all [--year YYYY] [--reference-date YYYY-MM-DD]
                       [--organisations FILE] [--out-dir DIR | -o FILE] [--threads N] FILE|-

    Reads exchange-format post records (- for standard input), validates them, and writes each
    collection's return: swf/ (one message per school and one per authority, with index.csv
    and about.txt), ascwds-workers.csv, lges-posts.csv and lges-aggregates.csv, csww.xml; plus
    diagnostics.csv (every problem) and reconciliation.csv (what happened to each record in
    each collection). --to all writes every collection in one pass. -o FILE (or -o -) writes a
    single-file collection's return there, diagnostics to standard error.
    The reconciliation summary goes to standard error; a progress line too when it is a terminal.
    --year is the collection year (the census of November YYYY for SWF, the year to
    30 September YYYY for CSWW): each collection takes its reference date from it, and its
    code lists as they were that year. Without it each collection takes its latest year whose
    reference date has passed. --reference-date overrides every collection's date.
    --organisations FILE is the organisation data (one row per school: local_authority_number,
    establishment_number, organisation_name, swf_returned_by_the_authority): SWF writes a
    school's message only when the authority returns for it, and names the file after it.
    --threads N caps the threads at work (default: one per processor); the outputs are the same
    whatever N is.
    """
    static let options: Set<String> = ["--to", "--year", "--reference-date", "--organisations", "--out-dir", "-o", "--threads"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let path = try arguments.expectPositional("FILE")[0]
        guard let to = arguments.option("--to") else { throw UsageError("--to is required (swf, ascwds, lges, csww or all)") }
        let collections: [CollectionID]
        if to == "all" { collections = CollectionID.allCases } else {
            collections = try to.split(separator: ",").map { try parseCollection(String($0)) }
        }
        var calendar = try runCalendar(arguments)
        let organisationData = try organisations(arguments)
        if let organisationData {
            for collection in CollectionID.allCases { calendar.settings[collection]?.organisations = organisationData.directory }
        }
        let settings = calendar.general
        let outDir = arguments.option("--out-dir")
        let single = arguments.option("-o")
        if outDir != nil && single != nil { throw UsageError("give --out-dir or -o, not both") }
        if let single, collections.count != 1 || ProjectionCatalogue.type(for: collections[0]).outputNames.count != 1
            || ProjectionCatalogue.type(for: collections[0]).hasOpenEndedOutputs {
            throw UsageError("-o \(single) needs one collection with one output file (use --out-dir for lges or all)")
        }
        let directory = outDir ?? (single == nil ? "." : nil)
        if let directory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // The SWF folder is the tool's own: a school's message from an earlier run must not
            // be left beside this run's.
            if collections.contains(.swf) { try removeEarlierSWFMessages(in: directory) }
        }
        let sink: SinkFactory = { name in
            if let single { return try FileSink(path: single, console: console) }
            let path = (directory! as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            return try FileSink(path: path)
        }
        let projections = try collections.flatMap { collection in
            try ProjectionCatalogue.make([collection], settings: calendar.settings[collection]!, sink: sink)
        }
        let diagnostics: TextSink
        var reconciliation: TextSink?
        if let directory {
            diagnostics = try FileSink(path: (directory as NSString).appendingPathComponent("diagnostics.csv"))
            reconciliation = try FileSink(path: (directory as NSString).appendingPathComponent("reconciliation.csv"))
        } else {
            diagnostics = ConsoleSink(console: console)
        }
        var threads = ProcessInfo.processInfo.activeProcessorCount
        if let text = arguments.option("--threads") {
            guard let count = Int(text), count >= 1 else { throw UsageError("--threads \(text) is not a whole number of at least 1") }
            threads = count
        }
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, diagnostics: diagnostics,
                                          reconciliation: reconciliation, threads: threads)
        if let organisationData { pipeline.report(fileProblems: organisationData.diagnostics) }
        if collections.contains(.csww), let csww = calendar.settings[.csww] {
            pipeline.report(fileProblems: CSWWProjection.organisationProblems(settings: csww))
        }
        var bytes = 0
        var lastShown = 0
        try readChunks(path) { chunk in
            pipeline.feed(chunk)
            bytes += chunk.count
            if console.stderrIsTerminal && bytes - lastShown >= 4 << 20 {
                lastShown = bytes
                console.err("\r\u{1B}[Kwds project: \(pipeline.rowsRead) records, \(bytes >> 20) MiB read")
            }
        }
        if console.stderrIsTerminal && lastShown > 0 { console.err("\r\u{1B}[K") }
        let report = try pipeline.finish()
        if let directory {
            let summary = try FileSink(path: (directory as NSString).appendingPathComponent("reconciliation-summary.txt"))
            summary.write(report.summary)
            summary.close()
        }
        console.err("collection years: \(calendar.describe(collections))\n" + report.summary)
        return report.addsUp ? 0 : 1
    }
}

/// Removes the messages, index and notes an earlier run wrote in `directory/swf`, and nothing else.
func removeEarlierSWFMessages(in directory: String) throws {
    let folder = (directory as NSString).appendingPathComponent("swf")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasSuffix(".xml") || name == "index.csv" || name == "about.txt" {
        try FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
    }
}

/// Diagnostics written to standard error as CSV, when outputs go to a single file.
final class ConsoleSink: TextSink {
    let console: Console
    init(console: Console) { self.console = console }
    func write(_ text: String) { console.err(text) }
    func close() {}
}
