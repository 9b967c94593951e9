// The fuzz targets: each feeds one input to one surface of the library and checks what must
// hold for any input. Compiled in the library's own module (see scripts/fuzz.sh), together
// with Tests/WorkforceStandardsTests/Safety/OutputChecks.swift, so internal API is in reach.
import Foundation

/// What a fuzz input is fed to.
enum FuzzSurface: String, CaseIterable, Sendable {
    /// The CSV reader: fed whole and in small chunks, the records must be the same, and each
    /// record must survive a write/read round trip.
    case csv
    /// The post record reader and record rules through the pipeline (the input follows the
    /// standard header): counts add up, diagnostics grow at most linearly with the input, and
    /// every record the reader accepts is written by the exchange writer so that it reads back
    /// the same.
    case records
    /// The title coder: at most `limit` matches, scores finite, in 0...1 and best first.
    case title
    /// The whole pipeline with all four projections to memory: counts add up, CSV outputs
    /// hold no formula, XML outputs are well-formed, LGES holds no National Insurance number,
    /// aggregates no cell under 5. An input whose first line names post_identifier is a whole
    /// file; any other input follows the standard header (so that most inputs reach the
    /// projections rather than the header checks).
    case render
    /// The one CSV writer and the one XML writer on arbitrary text (fields split at 0x1F).
    case writers
    /// Whole runs of the built tool (`WDS_FUZZ_TOOL`, a release `wds`) into a folder holding a
    /// previous complete run: the first byte picks a scenario (a plain run, a narrower run, the
    /// input as an output by name, by hard link or on standard input, SIGINT, SIGTERM or
    /// SIGKILL after a delay the second byte sets), the rest is the file. The input is never
    /// changed; the folder holds the previous complete set or the run's complete set, never a
    /// mix; collisions exit 64; no spool is left; nothing crashes.
    case runs
}

/// A failed check: what it was and the input, for the driver to save.
enum Fuzz {
    static let referenceDate = SimpleDate(year: 2025, month: 11, day: 6)!
    static let headerLine = Array((CSVWriter.line(ExchangeFormat.standard.header) + "\n").utf8)

    /// Output may grow with the input, not faster: a record's diagnostics run to a few hundred
    /// bytes each, and one input byte can start a record or a problem, so diagnostics.csv stays
    /// within this many bytes per input byte (plus a constant). Quadratic output breaks it.
    static let diagnosticBytesPerInputByte = 2_000

    static func checkAmplification(_ text: String, input: Int, _ surface: FuzzSurface) {
        let limit = diagnosticBytesPerInputByte * max(input, 1) + 100_000
        check(text.utf8.count <= limit, surface, "diagnostics.csv has \(text.utf8.count) bytes for \(input) bytes of input")
    }

    /// Called before a failure traps (the random driver saves the input there).
    nonisolated(unsafe) static var beforeFailure: (() -> Void)?

    /// Stops the run: says which check failed and traps, so that the engine keeps the input.
    static func fail(_ message: String, surface: FuzzSurface) -> Never {
        FileHandle.standardError.write(Data("\nwds-fuzz [\(surface.rawValue)] check failed: \(message)\n".utf8))
        beforeFailure?()
        fatalError("wds-fuzz [\(surface.rawValue)]: \(message)")
    }

    static func check(_ condition: Bool, _ surface: FuzzSurface, _ message: @autoclosure () -> String) {
        if !condition { fail(message(), surface: surface) }
    }

    /// Runs one input on one surface.
    static func run(_ data: UnsafeBufferPointer<UInt8>, on surface: FuzzSurface) {
        switch surface {
        case .csv: csv(data)
        case .records: records(data)
        case .title: title(data)
        case .render: render(data)
        case .writers: writers(data)
        case .runs: runs(data)
        }
    }

    /// Warms the shared values (registry, exchange format, title coder) so the first input is
    /// not charged for them.
    static func warmUp() {
        _ = Registry.embedded.items.count
        _ = ExchangeFormat.standard.header.count
        _ = TitleCoder.shared.documentCount
    }

    // MARK: - surfaces

    static func parse(_ data: UnsafeBufferPointer<UInt8>, chunk: Int) -> (records: [CSVRecord], problems: [CSVProblem]) {
        final class Box { var records: [CSVRecord] = []; var problems: [CSVProblem] = [] }
        let box = Box()
        var parser = CSVParser(onRecord: { box.records.append($0) }, onProblem: { box.problems.append($0) })
        var start = 0
        while start < data.count {
            let end = min(start + max(chunk, 1), data.count)
            parser.feed(buffer: UnsafeBufferPointer(rebasing: data[start..<end]))
            start = end
        }
        parser.finish()
        return (box.records, box.problems)
    }

    static func csv(_ data: UnsafeBufferPointer<UInt8>) {
        let whole = parse(data, chunk: data.count)
        let chunk = data.isEmpty ? 1 : Int(data[data.count / 2]) % 13 + 1
        let split = parse(data, chunk: chunk)
        check(whole.records == split.records, .csv, "records differ when fed in chunks of \(chunk)")
        check(whole.problems == split.problems, .csv, "problems differ when fed in chunks of \(chunk)")
        // The byte-by-byte state machine (none of the buffer's fast paths) must agree.
        final class Box { var records: [CSVRecord] = []; var problems: [CSVProblem] = []; var rewritten: [String] = [] }
        let slow = Box()
        var byteByByte = CSVParser(onRecord: { slow.records.append($0) }, onProblem: { slow.problems.append($0) })
        byteByByte.feed(Array(data))
        byteByByte.finish()
        check(whole.records == slow.records, .csv, "records differ from byte-by-byte reading")
        check(whole.problems == slow.problems, .csv, "problems differ from byte-by-byte reading")
        // Rows lent as bytes (the pipeline's reader) must be the same records, and rewrite as
        // CSVWriter.line writes their text.
        let lent = Box()
        var rawParser = CSVParser(onRawRow: { row in
            lent.records.append(row.record)
            var line: [UInt8] = []
            CSVWriter.appendLine(row, to: &line)
            lent.rewritten.append(String(decoding: line, as: UTF8.self))
        }, onProblem: { lent.problems.append($0) })
        var start = 0
        while start < data.count {
            let end = min(start + chunk, data.count)
            rawParser.feed(buffer: UnsafeBufferPointer(rebasing: data[start..<end]))
            start = end
        }
        rawParser.finish()
        check(whole.records == lent.records, .csv, "rows lent as bytes differ from records")
        check(whole.problems == lent.problems, .csv, "problems differ when rows are lent as bytes")
        check(lent.rewritten == whole.records.map { CSVWriter.line($0.fields) }, .csv, "a lent row is rewritten differently from its record")
        let nuls = data.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        check(whole.problems.filter { $0.kind == .nulByte }.count == nuls, .csv, "\(nuls) NUL bytes but a different number of nul-byte problems")
        var line = 0
        for record in whole.records {
            check(record.line > line, .csv, "record lines do not increase: \(record.line) after \(line)")
            line = record.line
            check(!record.fields.isEmpty, .csv, "a record with no fields")
            // A lone empty field is written as a blank line, and a leading U+FEFF as a
            // byte-order mark: both are skipped on reading, by design.
            if record.fields == [""] || record.fields.first?.unicodeScalars.first == "\u{FEFF}" { continue }
            let text = CSVWriter.line(record.fields) + "\n"
            let back = CSVParser.records(in: text)
            check(back.records.map(\.fields) == [record.fields], .csv, "a record does not survive CSVWriter and back: \(record.fields.prefix(4))")
            check(back.problems.isEmpty, .csv, "CSVWriter wrote text the reader complains about: \(back.problems)")
        }
    }

    static func records(_ data: UnsafeBufferPointer<UInt8>) {
        var bytes = headerLine
        bytes.append(contentsOf: data)
        let settings = ProjectionSettings(referenceDate: referenceDate)
        let diagnostics = MemorySink(), reconciliation = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: [], diagnostics: diagnostics, reconciliation: reconciliation)
        bytes.withUnsafeBufferPointer { pipeline.feed($0) }
        guard let report = try? pipeline.finish() else { fail("finish() threw", surface: .records) }
        let parsed = bytes.withUnsafeBufferPointer { parse($0, chunk: $0.count) }.records
        check(report.input == parsed.count - 1, .records, "\(parsed.count - 1) rows read but the report says \(report.input)")
        check(report.addsUp, .records, "counts do not add up: \(report.summary)")
        let reconciliationRows = CSVParser.records(in: reconciliation.text).records
        check(reconciliationRows.count == report.input + 1, .records, "\(reconciliationRows.count - 1) reconciliation lines for \(report.input) records")
        let diagnosticRows = CSVParser.records(in: diagnostics.text).records
        check(diagnosticRows.count == report.errors + report.queries + 1, .records, "diagnostics written and counted differ")
        checkAmplification(diagnostics.text, input: data.count, .records)
        check(diagnosticRows.allSatisfy { $0.fields.count == ProjectionPipeline.diagnosticColumns.count }, .records, "a diagnostics line with the wrong number of cells")

        // The exchange writer and reader agree: a record the reader accepts is written so that
        // it reads back without a value error, and writing that again gives the same text.
        var reader = PostRecordReader()
        _ = reader.readHeader(CSVRecord(fields: ExchangeFormat.standard.header, line: 1))
        let writer = ExchangeWriter()
        for row in parsed.dropFirst() {
            let (record, problems) = reader.read(row)
            guard !problems.contains(where: { $0.severity == .error }) else { continue }
            let first = writer.line(for: record)
            guard let again = CSVParser.records(in: first).records.first else { fail("the writer wrote no record", surface: .records) }
            let (reread, reproblems) = reader.read(again)
            let errors = reproblems.filter { $0.severity == .error }
            check(errors.isEmpty, .records, "a valid record written by ExchangeWriter reads back with errors: \(errors.map(\.description))")
            check(writer.line(for: reread) == first, .records, "ExchangeWriter text is not a fixpoint: \(first) vs \(writer.line(for: reread))")
        }
    }

    static func title(_ data: UnsafeBufferPointer<UInt8>) {
        let title = String(decoding: data, as: UTF8.self)
        let limit = data.isEmpty ? 5 : Int(data[0] % 8)
        let matches = TitleCoder.shared.code(title, limit: limit)
        check(matches.count <= limit, .title, "\(matches.count) matches for limit \(limit)")
        for (index, match) in matches.enumerated() {
            check(match.score.isFinite && (0...1).contains(match.score), .title, "score \(match.score) out of 0...1")
            if index > 0 { check(matches[index - 1].score >= match.score, .title, "matches are not best first") }
        }
        for word in TitleNormaliser.words(title) {
            check(word.weight.isFinite, .title, "word weight \(word.weight) for \(word.text)")
        }
    }

    static func render(_ input: UnsafeBufferPointer<UInt8>) {
        let firstLine = input.prefix { $0 != 0x0A && $0 != 0x0D }
        let hasHeader = String(decoding: firstLine, as: UTF8.self).contains("post_identifier")
        let bytes = hasHeader ? Array(input) : headerLine + Array(input)
        bytes.withUnsafeBufferPointer { render(file: $0) }
    }

    static func render(file data: UnsafeBufferPointer<UInt8>) {
        let settings = ProjectionSettings(referenceDate: referenceDate)
        var sinks: [String: MemorySink] = [:]
        guard let projections = try? ProjectionCatalogue.make(CollectionID.allCases, settings: settings, sink: { name in
            let sink = MemorySink()
            sinks[name] = sink
            return sink
        }) else { fail("the projections could not be made", surface: .render) }
        let diagnostics = MemorySink(), reconciliation = MemorySink()
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, diagnostics: diagnostics, reconciliation: reconciliation)
        let middle = data.count / 2
        pipeline.feed(UnsafeBufferPointer(rebasing: data[..<middle]))
        pipeline.feed(UnsafeBufferPointer(rebasing: data[middle...]))
        guard let report = try? pipeline.finish() else { fail("finish() threw", surface: .render) }
        check(report.addsUp, .render, "counts do not add up: \(report.summary)")
        let parsed = parse(data, chunk: data.count).records
        check(report.input == max(parsed.count - 1, 0), .render, "\(max(parsed.count - 1, 0)) rows but the report says \(report.input)")
        check(CSVParser.records(in: reconciliation.text).records.count == report.input + 1, .render, "reconciliation lines differ from records")
        checkAmplification(diagnostics.text, input: data.count, .render)
        var outputs = sinks.mapValues(\.text)
        outputs["diagnostics.csv"] = diagnostics.text
        outputs["reconciliation.csv"] = reconciliation.text
        for (name, text) in outputs {
            if name.hasSuffix(".xml") {
                if let problem = OutputChecks.xmlProblem(text) { fail("\(name) is not well-formed: \(problem)", surface: .render) }
            } else {
                let cells = OutputChecks.formulaCells(text)
                check(cells.isEmpty, .render, "\(name) has formula cells: \(cells.prefix(3))")
            }
        }
        // No National Insurance number of a record in LGES (post_id is the council's own text).
        var reader = PostRecordReader()
        var niNumbers: [String] = []
        for (index, row) in parsed.enumerated() {
            if index == 0 { _ = reader.readHeader(row); continue }
            if let ni = reader.read(row).record.niNumber { niNumbers.append(ni) }
        }
        let posts = CSVParser.records(in: outputs["lges-posts.csv"] ?? "").records.map(\.fields)
        let postID = LGESPostRow.header.firstIndex(of: "post_id")!
        for cells in posts.dropFirst() {
            for (index, cell) in cells.enumerated() where index != postID {
                check(!niNumbers.contains { !$0.isEmpty && cell.contains($0) }, .render, "an NI number in lges-posts.csv")
            }
        }
        let people = LGESAggregateTable.header.firstIndex(of: "people")!
        for cells in CSVParser.records(in: outputs["lges-aggregates.csv"] ?? "").records.map(\.fields).dropFirst()
            where cells.count > people && !cells[people].isEmpty {
            check(cells[people] == LGESAggregateTable.suppressedMark || (Int(cells[people]) ?? 0) >= LGESAggregateTable.minimumPeople,
                  .render, "an aggregate cell of fewer than 5 people: \(cells)")
        }
    }

    static func writers(_ data: UnsafeBufferPointer<UInt8>) {
        let fields = data.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            .map { String($0.unicodeScalars.filter { $0 != "\u{0}" }) }
        // CSV: every cell reads back as written, or with the one ' the neutralising adds.
        // After a header line, as every output cell is: a byte-order mark is only skipped at the
        // start of a file.
        let line = SafeCSV.line(fields)
        let text = "header\n" + line + "\n"
        check(OutputChecks.formulaCells(text).isEmpty, .writers, "SafeCSV wrote a formula: \(line.prefix(80))")
        if fields != [""] {
            let back = CSVParser.records(in: text).records.dropFirst()
            check(CSVParser.records(in: text).problems.isEmpty, .writers, "SafeCSV wrote text the reader complains about")
            let cells = back.first?.fields ?? []
            check(cells.count == fields.count, .writers, "\(fields.count) fields written, \(cells.count) read")
            for (cell, field) in zip(cells, fields) {
                check(cell == field || cell == "'" + field, .writers, "a cell changed beyond the neutralising quote")
            }
        }
        // XML: any text, in elements and attributes, stays well-formed and reads back (with
        // characters XML forbids as U+FFFD).
        var xml = XMLWriter()
        xml.open("Root", attributes: [("a", fields.first ?? ""), ("b", fields.last ?? "")])
        for field in fields { xml.element("Value", field) }
        xml.close()
        if let problem = OutputChecks.xmlProblem(xml.text) { fail("XMLWriter wrote ill-formed XML: \(problem)", surface: .writers) }
        for field in fields {
            let expected = String(String.UnicodeScalarView(field.unicodeScalars.map { XMLWriter.isAllowed($0) ? $0 : "\u{FFFD}" }))
            check(unescape(XMLWriter.escape(field)) == expected, .writers, "XMLWriter.escape does not read back")
        }
    }

    // MARK: - whole runs

    /// The scratch folder of the `runs` surface, and the previous complete run it starts each input from.
    nonisolated(unsafe) static var runsFolder: String?
    nonisolated(unsafe) static var previousRun: [String: [UInt8]] = [:]

    static func files(in folder: String) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) { files[name] = Array(data) }
        }
        return files
    }

    /// Starts the tool; returns its pid.
    static func spawn(_ tool: String, _ arguments: [String], stdin: String) -> pid_t {
        // A temporary folder of the runs' own, so that spool files of other processes on the
        // machine do not count.
        let environment = ["TMPDIR=" + (runsFolder ?? NSTemporaryDirectory()) + "/tmp"]
            + ProcessInfo.processInfo.environment.filter { $0.key != "TMPDIR" }.map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let words = [tool] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // No signal blocked in the child, whatever thread this runs on.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        check(posix_spawn(&pid, tool, &actions, &attributes, argv, envp) == 0, .runs, "cannot start \(tool)")
        return pid
    }

    /// Waits for `pid`: its exit status, or the signal that stopped it (as a negative number).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : -signal
    }

    static func spoolNames() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: (runsFolder ?? NSTemporaryDirectory()) + "/tmp")) ?? []).filter { $0.hasPrefix("wds-") })
    }

    static func runs(_ data: UnsafeBufferPointer<UInt8>) {
        guard let tool = ProcessInfo.processInfo.environment["WDS_FUZZ_TOOL"] else { fail("WDS_FUZZ_TOOL names no wds tool", surface: .runs) }
        let scenario = Int(data.first ?? 0) % 8
        let delay = UInt32(data.count > 1 ? data[1] : 0) * 400
        let body = Array(data.dropFirst(2))
        let firstLine = body.prefix { $0 != 0x0A && $0 != 0x0D }
        let input = String(decoding: firstLine, as: UTF8.self).contains("post_identifier") ? body : headerLine + body
        let date = ["--reference-date", "2025-11-06"]

        // A folder with a previous complete run (made once: the bundled example's first rows).
        let folder: String
        if let known = runsFolder { folder = known } else {
            folder = NSTemporaryDirectory() + "/wds-fuzz-runs-\(getpid())"
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
            runsFolder = folder
            let seed = headerLine + Array("P1,,,,,,,,\n".utf8)
            FileManager.default.createFile(atPath: folder + "/seed.csv", contents: Data(seed))
            _ = wait(spawn(tool, ["project", "--to", "all"] + date + ["--out-dir", folder + "/D", folder + "/seed.csv"], stdin: "/dev/null"))
            previousRun = files(in: folder + "/D")
            check(previousRun.count == 8, .runs, "the first complete run wrote \(previousRun.count) files")
            runsFolder = folder
        }
        let outputs = folder + "/D"
        try? FileManager.default.removeItem(atPath: outputs)
        try? FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
        for (name, bytes) in previousRun { FileManager.default.createFile(atPath: outputs + "/" + name, contents: Data(bytes)) }
        let inputPath = folder + "/in.csv"
        FileManager.default.createFile(atPath: inputPath, contents: Data(input))
        let spoolsBefore = spoolNames()

        var arguments = ["project", "--to", "all"] + date + ["--out-dir", outputs, inputPath]
        var stdin = "/dev/null"
        var watched = inputPath
        var expectUsage = false
        var signal: Int32 = 0
        switch scenario {
        case 1:
            // The input is an output by name.
            FileManager.default.createFile(atPath: outputs + "/diagnostics.csv", contents: Data(input))
            watched = outputs + "/diagnostics.csv"
            arguments = ["project", "--to", "all"] + date + ["--out-dir", outputs, watched]
            expectUsage = true
        case 2:
            // The input is the single output (of a one-file collection: csww), through a hard link.
            unlink(folder + "/same.csv")
            link(inputPath, folder + "/same.csv")
            arguments = ["project", "--to", "csww"] + date + ["-o", folder + "/same.csv", inputPath]
            expectUsage = true
        case 3:
            // Standard input redirected from an output.
            FileManager.default.createFile(atPath: outputs + "/reconciliation.csv", contents: Data(input))
            watched = outputs + "/reconciliation.csv"
            stdin = watched
            arguments = ["project", "--to", "all"] + date + ["--out-dir", outputs, "-"]
            expectUsage = true
        case 4: signal = SIGINT
        case 5: signal = SIGTERM
        case 6: signal = SIGKILL
        case 7: arguments = ["project", "--to", "ascwds"] + date + ["--out-dir", outputs, inputPath]
        default: break
        }
        let watchedBefore = FileManager.default.contents(atPath: watched)
        let before = files(in: outputs)
        let pid = spawn(tool, arguments, stdin: stdin)
        if signal != 0 {
            usleep(delay)
            kill(pid, signal)
        }
        let status = wait(pid)
        check(FileManager.default.contents(atPath: watched) == watchedBefore, .runs, "scenario \(scenario): the input changed")
        if expectUsage {
            check(status == 64, .runs, "scenario \(scenario): an output naming the input exited \(status), not 64")
            check(files(in: outputs) == before, .runs, "scenario \(scenario): a refused run changed the folder")
            return
        }
        check(status >= 0 || -status == signal, .runs, "scenario \(scenario): stopped by signal \(-status)")
        check(status < 0 || [0, 1, 128 + signal].contains(status), .runs, "scenario \(scenario): exit status \(status)")
        let after = files(in: outputs)
        let visible = after.filter { !$0.key.hasPrefix(".wds-staging-") }
        if signal != SIGKILL {
            check(visible.count == after.count, .runs, "scenario \(scenario): a staging folder was left")
        }
        check(spoolNames() == spoolsBefore, .runs, "scenario \(scenario): a spool file was left")
        // The previous set, untouched (a stopped run; or a run whose outputs are the same bytes).
        if visible == before { return }
        // Otherwise the run's complete set: the files its summary names, and no other.
        let summary = String(decoding: visible["reconciliation-summary.txt"] ?? [], as: UTF8.self)
        check(summary.contains("reconciliation: every record is accounted for"), .runs, "scenario \(scenario): \(summary.suffix(300))")
        let named = summary.split(separator: "\n").last { $0.hasPrefix("files of this run: ") }?
            .dropFirst("files of this run: ".count).split(separator: " ").map(String.init) ?? []
        check(Set(named) == Set(visible.keys), .runs, "scenario \(scenario): the folder holds \(visible.keys.sorted()), the run wrote \(named)")
        // A signal that came while the outputs were moved into place (held until they were) or
        // after stops a run whose outputs are complete: its status may say so.
        check(status == 0 || status == 1 || (signal != 0 && (status == 128 + signal || status == -signal)), .runs,
              "scenario \(scenario): a complete run exited \(status)")
    }

    /// The five predefined entities, the only ones XMLWriter writes, read back scalar by scalar.
    static func unescape(_ text: String) -> String {
        let entities: [(String, Unicode.Scalar)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")]
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        scan: while index < scalars.count {
            if scalars[index] == "&" {
                for (entity, scalar) in entities {
                    let length = entity.unicodeScalars.count
                    if index + length <= scalars.count, String(String.UnicodeScalarView(scalars[index..<index + length])).unicodeScalars.elementsEqual(entity.unicodeScalars) {
                        out.append(scalar)
                        index += length
                        continue scan
                    }
                }
            }
            out.append(scalars[index])
            index += 1
        }
        return String(out)
    }
}
