/// What ASC-WDS already holds, read from the council's last upload (or the files an ASC-WDS
/// download gives): the workers and workplaces, so that the next upload can say of each whether
/// it is NEW, UPDATE, NOCHANGE or DELETE, and carry CHGUNIQUEWRKID when a worker's identifier
/// changed.
///
/// Each file is recognised by its header, as ASC-WDS does (`whichFile.js`): a worker file starts
/// `LOCALESTID,UNIQUEWORKERID`, a workplace file `LOCALESTID,STATUS,ESTNAME`, a training file
/// `LOCALESTID,UNIQUEWORKERID,CATEGORY`. Any other file is reported, not guessed at. Rows with
/// STATUS DELETE are not held (ASC-WDS deleted them); a row with CHGUNIQUEWRKID is held under
/// its new identifier. The library reads no files: the caller passes each file's name and text.
public struct ASCWDSPreviousUpload: Sendable {
    /// A worker ASC-WDS holds.
    public struct Worker: Sendable, Equatable {
        /// LOCALESTID, white space removed.
        public var workplace: String
        /// UNIQUEWORKERID as held (the CHGUNIQUEWRKID of its line when it was changed).
        public var uniqueWorkerID: String
        /// NINUMBER, upper case without white space; nil when blank.
        public var niNumber: String?
        /// The line's cells by column name (STATUS, CHGUNIQUEWRKID and TRANSFERSTAFFRECORD left out).
        public var cells: [String: String]
        /// Where it was read.
        public var file: String
        /// The line it was read from.
        public var line: Int
    }

    /// A workplace ASC-WDS holds.
    public struct Workplace: Sendable, Equatable {
        /// LOCALESTID, the workplace's identifier.
        public var id: String
        /// The line's cells by column name.
        public var cells: [String: String]
        /// The file it was read from.
        public var file: String
        /// The line it was read from.
        public var line: Int
    }

    /// The workers, in the order read.
    public private(set) var workers: [Worker] = []
    /// The workplaces, in the order read.
    public private(set) var workplaces: [Workplace] = []
    /// Problems with the files: unknown files, malformed CSV, rows without keys.
    public private(set) var diagnostics: [RecordDiagnostic] = []

    private var workerIndex: [String: Int] = [:]
    private var byNINumber: [String: Int] = [:]
    private var byUniqueWorkerID: [String: [Int]] = [:]
    private var workplaceIndex: [String: Int] = [:]

    /// An empty upload (a council's first).
    public init() {}

    /// Reads the files of a previous upload.
    public init(files: [(name: String, text: String)]) {
        for file in files { read(file.name, file.text) }
    }

    /// The worker held at `workplace` as `uniqueWorkerID` (white space ignored), with its index.
    public func worker(workplace: String, uniqueWorkerID: String) -> (index: Int, worker: Worker)? {
        workerIndex[Self.key(workplace, uniqueWorkerID)].map { ($0, workers[$0]) }
    }

    /// The worker held at `workplace` with National Insurance number `ni`.
    public func worker(workplace: String, niNumber ni: String) -> (index: Int, worker: Worker)? {
        byNINumber[Self.key(workplace, Self.normalisedNI(ni))].map { ($0, workers[$0]) }
    }

    /// The workers held as `uniqueWorkerID` at any workplace.
    public func workers(uniqueWorkerID: String) -> [(index: Int, worker: Worker)] {
        (byUniqueWorkerID[uniqueWorkerID.removingWhitespace()] ?? []).map { ($0, workers[$0]) }
    }

    /// The workplace held as `id`.
    public func workplace(_ id: String) -> Workplace? {
        workplaceIndex[id.removingWhitespace()].map { workplaces[$0] }
    }

    static func key(_ workplace: String, _ worker: String) -> String { workplace.removingWhitespace() + "\u{1F}" + worker.removingWhitespace() }
    static func normalisedNI(_ ni: String) -> String { ni.removingWhitespace().uppercased() }

    private mutating func problem(_ file: String, line: Int, column: String = "", value: String = "", rule: ASCWDSRule, _ message: String, expected: String) {
        diagnostics.append(RecordDiagnostic(.error, record: "previous upload \(file)", line: line, column: column, value: value, rule: rule.rawValue,
                                            message: message, expected: expected))
    }

    private mutating func read(_ name: String, _ text: String) {
        let parsed = CSVParser.records(in: text)
        for problem in parsed.problems {
            self.problem(name, line: problem.line, rule: .previousCsv, "the previous upload file is not well-formed CSV: \(problem.description)",
                         expected: "RFC 4180 CSV as ASC-WDS writes it")
        }
        guard let header = parsed.records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).uppercased() }) else {
            problem(name, line: 1, rule: .previousUnknownFile, "the file is empty, so it is no ASC-WDS upload file; it is not read",
                    expected: "a worker, workplace or training file of an ASC-WDS bulk upload")
            return
        }
        let rows = parsed.records.dropFirst()
        if header.starts(with: ["LOCALESTID", "UNIQUEWORKERID", "CATEGORY"]) {
            // Training is not matched line by line: a training file is written in full each time.
            return
        } else if header.starts(with: ["LOCALESTID", "UNIQUEWORKERID"]) && header.contains("MAINJOBROLE") {
            for row in rows { readWorker(row, header: header, file: name) }
        } else if header.starts(with: ["LOCALESTID", "STATUS", "ESTNAME"]) {
            for row in rows { readWorkplace(row, header: header, file: name) }
        } else {
            problem(name, line: 1, column: header.first ?? "", value: header.prefix(3).joined(separator: ","), rule: .previousUnknownFile,
                    "the header is that of no ASC-WDS bulk-upload file; the file is not read",
                    expected: "a worker file (LOCALESTID,UNIQUEWORKERID,...), a workplace file (LOCALESTID,STATUS,ESTNAME,...) or a training file (LOCALESTID,UNIQUEWORKERID,CATEGORY,...)")
        }
    }

    private static let lifecycleColumns: Set<String> = ["STATUS", "CHGUNIQUEWRKID", "TRANSFERSTAFFRECORD"]

    private static func cells(_ row: CSVRecord, header: [String]) -> [String: String] {
        var cells: [String: String] = [:]
        for (index, name) in header.enumerated() where !lifecycleColumns.contains(name) {
            cells[name] = index < row.fields.count ? row.fields[index].trimmingCharacters(in: .whitespaces) : ""
        }
        return cells
    }

    private static func value(_ row: CSVRecord, _ header: [String], _ column: String) -> String {
        guard let index = header.firstIndex(of: column), index < row.fields.count else { return "" }
        return row.fields[index].trimmingCharacters(in: .whitespaces)
    }

    private mutating func readWorker(_ row: CSVRecord, header: [String], file: String) {
        if Self.value(row, header, "STATUS").uppercased() == "DELETE" { return }
        let workplace = SafeCSV.unneutralised(Self.value(row, header, "LOCALESTID")).removingWhitespace()
        let changed = SafeCSV.unneutralised(Self.value(row, header, "CHGUNIQUEWRKID"))
        let id = changed.isEmpty ? SafeCSV.unneutralised(Self.value(row, header, "UNIQUEWORKERID")) : changed
        guard !workplace.isEmpty, !id.isEmpty else {
            problem(file, line: row.line, column: workplace.isEmpty ? "LOCALESTID" : "UNIQUEWORKERID", rule: .previousNoKey,
                    "the previous worker line has no \(workplace.isEmpty ? "LOCALESTID" : "UNIQUEWORKERID"), so it cannot be matched; it is not read",
                    expected: "LOCALESTID and UNIQUEWORKERID on every line")
            return
        }
        let key = Self.key(workplace, id)
        if let first = workerIndex[key] {
            problem(file, line: row.line, column: "UNIQUEWORKERID", value: id, rule: .previousDuplicate,
                    "the worker is already on line \(workers[first].line) of the previous upload; this line is not read",
                    expected: "one line per worker and workplace")
            return
        }
        let ni = Self.value(row, header, "NINUMBER")
        var cells = Self.cells(row, header: header)
        cells["LOCALESTID"] = workplace
        cells["UNIQUEWORKERID"] = id
        let worker = Worker(workplace: workplace, uniqueWorkerID: id, niNumber: ni.isEmpty || ni == "Admin" ? nil : Self.normalisedNI(ni),
                            cells: cells, file: file, line: row.line)
        workerIndex[key] = workers.count
        if let ni = worker.niNumber { byNINumber[Self.key(workplace, ni)] = workers.count }
        byUniqueWorkerID[id.removingWhitespace(), default: []].append(workers.count)
        workers.append(worker)
    }

    private mutating func readWorkplace(_ row: CSVRecord, header: [String], file: String) {
        if Self.value(row, header, "STATUS").uppercased() == "DELETE" { return }
        let id = SafeCSV.unneutralised(Self.value(row, header, "LOCALESTID")).removingWhitespace()
        guard !id.isEmpty else {
            problem(file, line: row.line, column: "LOCALESTID", rule: .previousNoKey,
                    "the previous workplace line has no LOCALESTID; it is not read", expected: "LOCALESTID on every line")
            return
        }
        guard workplaceIndex[id] == nil else {
            problem(file, line: row.line, column: "LOCALESTID", value: id, rule: .previousDuplicate,
                    "the workplace is already in the previous upload; this line is not read", expected: "one line per workplace")
            return
        }
        var cells = Self.cells(row, header: header)
        cells["LOCALESTID"] = id
        workplaceIndex[id] = workplaces.count
        workplaces.append(Workplace(id: id, cells: cells, file: file, line: row.line))
    }
}

extension SafeCSV {
    /// A cell as written before the spreadsheet guard prefixed it (`'-EMP1` is `-EMP1`).
    static func unneutralised(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().first, "=+-@\t\r".contains(second) else { return cell }
        return String(cell.dropFirst())
    }
}
