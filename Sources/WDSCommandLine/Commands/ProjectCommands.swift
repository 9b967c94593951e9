import Foundation
import WorkforceStandards

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
            let period = CollectionCalendar.periodDescription(of: collection, year: settings.collectionYear)
            return "\(collection.rawValue) \(settings.collectionYear) (\(period.isEmpty ? "" : period + "; ")reference date \(settings.referenceDate))"
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

/// `--previous DIR`: the files of the last ASC-WDS upload (every regular file in the folder,
/// in name order; each is recognised by its header, and any other is reported). The other
/// outputs of a `wds project` run (diagnostics, reconciliation, the report, the other collections' returns)
/// are passed over, so that the folder of the last run can be given as it is.
func previousUpload(_ path: String) throws -> ASCWDSPreviousUpload {
    let otherOutputs = Set(CollectionID.allCases.filter { $0 != .ascwds }.flatMap { ProjectionCatalogue.type(for: $0).outputNames }
                           + ["diagnostics.csv", "reconciliation.csv", OutputFolder.summaryName, RunReport.fileName])
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw UsageError("--previous \(path) is not a folder (give the folder holding the last upload's files)")
    }
    var files: [(name: String, text: String)] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() where !name.hasPrefix(".") && !otherOutputs.contains(name) {
        let full = (path as NSString).appendingPathComponent(name)
        var directory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &directory), !directory.boolValue else { continue }
        var bytes: [UInt8] = []
        try readChunks(full) { bytes.append(contentsOf: $0) }
        files.append((name, String(decoding: bytes, as: UTF8.self)))
    }
    return ASCWDSPreviousUpload(files: files)
}

/// `--organisations FILE`: the organisation data, and the problems found in it.
func organisations(_ arguments: Arguments) throws -> (directory: OrganisationDirectory, diagnostics: [RecordDiagnostic])? {
    guard let path = arguments.option("--organisations") else { return nil }
    // Its own encoding and separator: --encoding and --separator are the post file's.
    let input = try InputFile(path)
    var (directory, diagnostics) = OrganisationFile.read(try input.text(), separator: input.format.separator)
    if var query = input.format.encodingQuery {
        query.record = "organisations"
        diagnostics.insert(query, at: 0)
    }
    return (directory, diagnostics)
}

/// A `--reference-date` value for commands that take no collection year (`wds synth`), in
/// the years the calendar is defined for.
func parseReferenceDate(_ text: String) throws -> SimpleDate {
    guard let date = SimpleDate(text), CollectionCalendar.supportedYears.contains(date.year) else {
        throw UsageError("--reference-date \(text) is not a date (YYYY-MM-DD) in \(CollectionCalendar.supportedYears.lowerBound) to \(CollectionCalendar.supportedYears.upperBound)")
    }
    return date
}

/// The most threads `--threads` may ask for.
let mostThreads = 256

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
        let date = try arguments.option("--reference-date").map(parseReferenceDate) ?? SimpleDate(year: 2025, month: 11, day: 6)!
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

/// `wds validate FILE`: every problem in an exchange-format file; with `--for`, what the
/// chosen collections need too.
enum ValidateCommand: Command {
    static let name = "validate"
    static let summary = "check an exchange-format file against the standard (and --for a collection's needs): every problem, per record"
    static let help = """
    Usage: wds validate FILE|- [--for swf|ascwds|csww|lges|all] [--year YYYY] [--reference-date YYYY-MM-DD]
                              [--organisations FILE] [--encoding E] [--separator S] [--format table|csv|json]

    Prints one line per problem (record, line, severity, rule, item, column, value, message,
    expected) and a summary on standard error. Severity follows DfE's rules: an error stops the
    record from being projected, a query does not.
    Without --for the file is checked against the standard. --for also checks what the chosen
    collections need for the year (--year, as for wds project): the same rules as wds project,
    with no return written. A column a collection needs that the file lacks is one diagnostic
    for the file (with the number of records in scope it stops), not one per record; a
    missing value in a column the file has is one per record.
    \(inputHelp)
    Exit status: 0 every record accepted (queries allowed), 1 a record rejected or a problem
    with the file (no records, a missing column, an unreadable file), 64 usage.
    """
    static let options: Set<String> = Set(["--format", "--reference-date", "--year", "--organisations", "--for"]).union(InputOptions.names)

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let path = try arguments.expectPositional("FILE")[0]
        var calendar = try runCalendar(arguments)
        var collections: [CollectionID] = []
        if let text = arguments.option("--for") {
            collections = try parseCollections(text, option: "--for")
        }
        let inputOptions = try InputOptions(arguments)
        let format = try arguments.format()
        let organisationData = try organisations(arguments)
        for collection in CollectionID.allCases {
            calendar.settings[collection]?.organisations = organisationData?.directory
        }
        let input = try InputFile(path, options: inputOptions)
        let projections = try collections.flatMap { collection in
            try ProjectionCatalogue.make([collection], settings: calendar.settings[collection]!) { _ in DiscardingSink() }
        }
        let pipeline = ProjectionPipeline(settings: calendar.general, projections: projections, separator: input.format.separator)
        // The diagnostics as values, each row's cells as diagnostics.csv writes them.
        var diagnostics: [[String]] = []
        pipeline.diagnosticHandler = { diagnostics.append($0.csvFields.map(SafeCSV.neutralise)) }
        if let organisationData { pipeline.report(fileProblems: organisationData.diagnostics) }
        if let query = input.format.encodingQuery { pipeline.report(fileProblems: [query]) }
        // The header's columns, from the first chunk (it holds the first line, ``InputFile``).
        var header: Set<String>?
        try input.read { chunk in
            if header == nil {
                var first: [String]?
                var parser = CSVParser(separator: input.format.separator, onRecord: { if first == nil { first = $0.fields } })
                parser.feed(buffer: chunk)
                header = Set((first ?? []).map { $0.trimmingCharacters(in: .whitespaces) })
            }
            pipeline.feed(chunk)
        }
        let report = try pipeline.finish()
        var rows = diagnostics
        let columns = RecordDiagnostic.csvColumns
        var summary = input.format.summary + "\n" + report.summary
        var missingColumns = 0
        if !collections.isEmpty, let header, !header.isEmpty {
            let gathered = gatherMissingColumns(rows, header: header, collections: collections)
            rows = gathered.rows
            missingColumns = gathered.columns.count
            if !gathered.columns.isEmpty {
                summary += "--for \(collections.map(\.rawValue).joined(separator: ",")): \(gathered.columns.count) column(s) the file lacks are needed (\(gathered.columns.joined(separator: ", "))); "
                    + "their \(gathered.folded) diagnostics per record are given once each, for the file\n"
            }
        }
        console.out(Report.table(Table(columns: columns, rows: rows)).rendered(as: format))
        console.err(summary)
        return report.acceptedEverything && missingColumns == 0 ? 0 : 1
    }

    /// Folds a collection's "missing value" diagnostics for a column the header lacks into one
    /// diagnostic for the file per collection and column, placed first.
    static func gatherMissingColumns(_ rows: [[String]], header: Set<String>, collections: [CollectionID])
        -> (rows: [[String]], columns: [String], folded: Int) {
        // record, line, severity, rule, item, item_name, column, value, message, expected
        struct Gathered { var severity: String; var item: String; var name: String; var rules: [String]; var records = 0; var message: String; var expected: String }
        var gathered: [String: Gathered] = [:]
        var order: [String] = []
        var kept: [[String]] = []
        var folded = 0
        let prefixes = collections.map { $0.rawValue + "." }
        // Columns of the post file only (the organisation file's answers are reported as they are).
        let postColumns = Set(ExchangeFormat.standard.header)
        for row in rows {
            guard row.count >= 10, row[0] != "header", row[3].hasSuffix(".missing"), !row[6].isEmpty, !header.contains(row[6]),
                  postColumns.contains(row[6]),
                  let prefix = prefixes.first(where: { row[3].hasPrefix($0) }) else {
                kept.append(row)
                continue
            }
            let key = prefix + row[6]
            if gathered[key] == nil {
                order.append(key)
                gathered[key] = Gathered(severity: row[2], item: row[4], name: row[5], rules: [row[3]], message: row[8], expected: row[9])
            }
            gathered[key]!.records += 1
            if row[2] == "error" { gathered[key]!.severity = "error" }
            if !gathered[key]!.rules.contains(row[3]) { gathered[key]!.rules.append(row[3]) }
            folded += 1
        }
        var fileRows: [[String]] = []
        var columns: [String] = []
        for key in order {
            let entry = gathered[key]!
            let collection = String(key.prefix { $0 != "." })
            let column = String(key.dropFirst(collection.count + 1))
            if !columns.contains(column) { columns.append(column) }
            let rule = CollectionID(rawValue: collection).map { ProjectionCatalogue.columnMissingRule(for: $0).rawValue }
                ?? "\(collection).column-missing"  // the prefix of a collection's own rule id: always a collection
            fileRows.append(["header", "1", entry.severity, rule, entry.item, entry.name, column, "",
                             "the file has no \(column) column, which \(collection.uppercased()) needs: \(entry.records) record(s) in scope "
                             + (entry.severity == "error" ? "are rejected" : "are queried") + " for it (\(entry.rules.joined(separator: ", ")); for example: \(entry.message))",
                             "a \(column) column: \(entry.expected)", collection])
        }
        return (fileRows + kept, columns, folded)
    }
}

/// `swf,csww` or `all`: the collections an option names.
func parseCollections(_ text: String, option: String) throws -> [CollectionID] {
    if text == "all" { return CollectionID.allCases }
    var collections: [CollectionID] = []
    for name in text.split(separator: ",", omittingEmptySubsequences: false) {
        let collection = try parseCollection(String(name))
        guard !collections.contains(collection) else { throw UsageError("\(option) names \(collection.rawValue) twice") }
        collections.append(collection)
    }
    return collections
}

/// What `--encoding` and `--separator` do, for the help of the commands that read post records.
let inputHelp = """
    The file may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
    or Windows-1252 (taken when the bytes are not UTF-8, and reported as a query), separated by
    commas, semicolons or tabs (the header decides); the summary says what was read.
    --encoding utf-8|utf-16le|utf-16be|windows-1252 and --separator comma|semicolon|tab override.
    """

extension ReconciliationReport {
    /// Whether the run may exit 0: records were read, none was rejected (queries allowed), no
    /// problem with the file as a whole, and the counts add up.
    var acceptedEverything: Bool { addsUp && errors == 0 && input > 0 }
}

/// `wds project`: post records to each collection's return.
enum ProjectCommand: Command {
    static let name = "project"
    static let summary = "project post records onto SWF, ASC-WDS, LGES and CSWW returns, with reconciliation"
    static let help = """
    Usage: wds project --to swf|ascwds|lges|csww|all [--year YYYY] [--reference-date YYYY-MM-DD]
                       [--organisations FILE] [--previous DIR] [--out-dir DIR | -o FILE] [--threads N]
                       [--la NNN] [--encoding E] [--separator S] FILE|-

    Reads exchange-format post records (- for standard input), validates them, and writes each
    collection's return: swf/ (one message per school and one per authority, with index.csv
    and about.txt), ascwds-workers.csv, ascwds-workplaces.csv and ascwds-training.csv (the
    ASC-WDS bulk upload), lges-posts.csv and lges-aggregates.csv, csww.xml; plus
    diagnostics.csv (every problem) and reconciliation.csv (what happened to each record in
    each collection). --to all writes every collection in one pass. -o FILE (or -o -) writes a
    single-file collection's return there, diagnostics to standard error.
    The reconciliation summary goes to standard error; a progress line too when it is a terminal.
    --year is the collection year (the census of November YYYY for SWF, the year to
    30 September YYYY for CSWW, the financial year YYYY/YY+1 for LGES, taken on 1 April
    YYYY): each collection takes its reference date from it, and its
    code lists as they were that year. Without it each collection takes its latest year whose
    reference date has passed. --reference-date overrides every collection's date.
    --organisations FILE is the organisation data (one row per school: local_authority_number,
    establishment_number, organisation_name, swf_returned_by_the_authority; and on the
    authority's own row its CSWW pay and allowance answers, GSS code and region): SWF writes a
    school's message only when the authority returns for it, and names the file after it; the
    LGES tables count the authority's posts under its region. Its workplace rows
    (workplace_identifier, organisation_name, main_service, address ...) give the ASC-WDS
    workplace file its facts.
    --previous DIR is what ASC-WDS already holds: the council's last upload, or the files an
    ASC-WDS download gives (each file is recognised by its header; the other outputs of a
    wds project run in the folder are passed over). Each worker and workplace is then NEW,
    UPDATE, NOCHANGE or DELETE, with CHGUNIQUEWRKID when a worker's identifier changed.
    Without it every line is NEW (a first upload).
    --threads N caps the threads at work (1 to 256; default: one per processor); the outputs are
    the same whatever N is.
    --la NNN names the local authority (its three-digit number) whose CSWW return this is;
    records of other authorities are out of scope. Without it, the authority most records in
    scope of the first batch (512 rows) give decides, and when records name several authorities
    the run says which (an error when most records of the whole file name another).
    \(inputHelp)
    The outputs are written under temporary names and moved into place when the run completes:
    a run that fails or is stopped leaves the folder's last complete set as it was. A run
    refuses to write over its input, and removes the outputs of an earlier run into the same
    folder that it does not write itself (a narrower --to). Exit status: 0 every record
    accepted, 1 a record rejected or a data problem (outputs still written), 64 usage.
    """
    static let options: Set<String> = Set(["--to", "--year", "--reference-date", "--organisations", "--out-dir", "-o", "--threads", "--la", "--previous"]).union(InputOptions.names)

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let path = try arguments.expectPositional("FILE")[0]
        guard let to = arguments.option("--to") else { throw UsageError("--to is required (swf, ascwds, lges, csww or all)") }
        let collections = try parseCollections(to, option: "--to")
        var calendar = try runCalendar(arguments)
        let inputOptions = try InputOptions(arguments)
        let organisationData = try organisations(arguments)
        var threads = ProcessInfo.processInfo.activeProcessorCount
        if let text = arguments.option("--threads") {
            guard let count = Int(text), (1...mostThreads).contains(count) else {
                throw UsageError("--threads \(text) is not a whole number from 1 to \(mostThreads)")
            }
            threads = count
        }
        let authority = try arguments.option("--la").map { text -> String in
            guard text.utf8.count == 3, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw UsageError("--la \(text) is not a local authority number (three digits, such as 999)")
            }
            return text
        }
        for collection in CollectionID.allCases {
            calendar.settings[collection]?.organisations = organisationData?.directory
            calendar.settings[collection]?.localAuthority = authority
        }
        if let directory = arguments.option("--previous") {
            calendar.settings[.ascwds]?.ascwdsPrevious = try previousUpload(directory)
        }
        let outDir = arguments.option("--out-dir")
        let single = arguments.option("-o")
        if outDir != nil && single != nil { throw UsageError("give --out-dir or -o, not both") }
        if let single, collections.count != 1 || ProjectionCatalogue.type(for: collections[0]).outputNames.count != 1
            || ProjectionCatalogue.type(for: collections[0]).hasOpenEndedOutputs {
            throw UsageError("-o \(single) needs one collection with one output file (use --out-dir for ascwds, lges or all)")
        }
        let directory = outDir ?? (single == nil ? "." : nil)

        // Where the outputs go: checked against the input before anything is written.
        let names = collections.flatMap { ProjectionCatalogue.type(for: $0).outputNames }
        var folder: OutputFolder?
        var stagedSingle: StagedFile?
        if let directory {
            let taken = try OutputFolder(path: directory, names: names + ["diagnostics.csv", "reconciliation.csv", OutputFolder.summaryName, RunReport.fileName])
            try refuseOverwritingInput(path, outputs: taken.touchedPaths, standardOutput: false)
            try taken.beginStaging()
            folder = taken
        } else if let single {
            try refuseOverwritingInput(path, outputs: single == "-" ? [] : [single], standardOutput: single == "-")
            if single != "-" { stagedSingle = StagedFile(path: single) }
        }
        do {
            let input = try InputFile(path, options: inputOptions)
            let (report, reasons) = try project(input, collections: collections, calendar: calendar, organisationProblems: organisationData?.diagnostics ?? [],
                                     threads: threads, folder: folder, single: single, stagedSingle: stagedSingle, console: console,
                                     years: calendar.describe(collections))
            try folder?.commit()
            try stagedSingle?.commit()
            console.err(input.format.summary + "\ncollection years: \(calendar.describe(collections))\n" + report.summary + reasons
                        + (folder.map { "the run on one page: \(($0.path as NSString).appendingPathComponent(RunReport.fileName))\n" } ?? ""))
            // 0 only when every record was accepted everywhere and the counts add up.
            return report.acceptedEverything ? 0 : 1
        } catch {
            folder?.abandon()
            stagedSingle?.abandon()
            throw error
        }
    }

    /// Runs the pipeline, writing into the staging folder (or the staged single file).
    private static func project(_ input: InputFile, collections: [CollectionID], calendar: RunCalendar, organisationProblems: [RecordDiagnostic],
                                threads: Int, folder: OutputFolder?, single: String?, stagedSingle: StagedFile?,
                                console: Console, years: String) throws -> (report: ReconciliationReport, reasons: String) {
        let sink: SinkFactory = { name in
            if let folder { return try FileSink(path: folder.stagedFile(name)) }
            if let stagedSingle { return try FileSink(path: stagedSingle.staged) }
            return try FileSink(path: "-", console: console)
        }
        let projections = try collections.flatMap { collection in
            try ProjectionCatalogue.make([collection], settings: calendar.settings[collection]!, sink: sink)
        }
        let settings = calendar.general
        let diagnostics: TextSink
        var reconciliation: TextSink?
        if let folder {
            diagnostics = try FileSink(path: folder.stagedPath("diagnostics.csv"))
            reconciliation = try FileSink(path: folder.stagedPath("reconciliation.csv"))
        } else {
            diagnostics = ConsoleSink(console: console)
        }
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, diagnostics: diagnostics,
                                          reconciliation: reconciliation, threads: threads, separator: input.format.separator)
        pipeline.report(fileProblems: organisationProblems)
        if let query = input.format.encodingQuery { pipeline.report(fileProblems: [query]) }
        var bytes = 0
        var lastShown = 0
        // The run report's charts count the records by role group and contract type.
        let workforce = folder == nil ? nil : WorkforceCounter()
        if let workforce { pipeline.rowObserver = { workforce.take($0) } }
        try input.read { chunk in
            pipeline.feed(chunk)
            bytes += chunk.count
            if console.stderrIsTerminal && bytes - lastShown >= 4 << 20 {
                lastShown = bytes
                console.err("\r\u{1B}[Kwds project: \(pipeline.rowsRead) records, \(bytes >> 20) MiB read")
            }
        }
        if console.stderrIsTerminal && lastShown > 0 { console.err("\r\u{1B}[K") }
        let report = try pipeline.finish()
        var reasons = ""
        if let folder {
            let page = RunReport(input: input.path, format: input.format, years: years, report: report, collections: collections,
                                 workforce: workforce ?? WorkforceCounter(), diagnosticsPath: folder.stagedPath("diagnostics.csv"),
                                 lgesAggregatesPath: collections.contains(.lges) ? folder.stagedPath("lges-aggregates.csv") : nil)
            let groups = page.ruleGroups()
            reasons = RunReport.rejectionSummary(groups)
            let summary = try FileSink(path: folder.stagedPath(OutputFolder.summaryName))
            summary.write(input.format.summary + "\n" + report.summary + reasons)
            // Which files are this run's: a later run into the folder removes those it does not write.
            summary.write(OutputFolder.filesLinePrefix + folder.names.joined(separator: " ") + "\n")
            summary.close()
            let sink = try FileSink(path: folder.stagedPath(RunReport.fileName))
            sink.write(page.html(groups: groups))
            sink.close()
        }
        return (report, reasons)
    }
}

/// Diagnostics written to standard error as CSV, when outputs go to a single file.
final class ConsoleSink: TextSink {
    let console: Console
    init(console: Console) { self.console = console }
    func write(_ text: String) { console.err(text) }
    func close() {}
}
