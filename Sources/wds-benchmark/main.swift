// wds-benchmark: measures the library at national scale and prints the figures.
//
//     swift run -c release wds-benchmark [--records N] [--work-dir DIR] [--repeats N]
//
// Each phase runs in a child process of this executable (`--phase NAME`), so that its peak
// resident memory (VmHWM from /proc/self/status) is its own. Figures are wall-clock on this
// machine; run it on an otherwise idle machine.
import Foundation
import WDSCommandLine
import WorkforceStandards

let referenceDate = SimpleDate(year: 2025, month: 11, day: 6)!

func peakResidentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kib = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kib / 1024
    }
    return 0
}

/// The processor time the process has used so far, user and system, in seconds: unlike
/// wall time, it hardly moves when the virtual machine slows down.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func value(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return value(usage.ru_utime) + value(usage.ru_stime)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func feedFile(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    // The command's own reader, so that every phase reads the file as `wds project` does.
    try! readChunks(path, body)
}

// MARK: - phases (run in child processes)

func runPhase(_ name: String, _ arguments: [String]) {
    let file = arguments.first ?? ""
    let workDir = arguments.count > 1 ? arguments[1] : NSTemporaryDirectory()
    var result: [String: Double] = [:]
    switch name {
    case "synth":
        let count = Int(arguments[1])!
        result["seconds"] = seconds {
            let synth = SyntheticWorkforce(seed: 42, referenceDate: referenceDate)
            let writer = ExchangeWriter()
            let sink = try! FileSink(path: file)
            sink.write(writer.headerLine)
            for index in 0..<count {
                let (record, overrides) = synth.record(index)
                sink.write(writer.line(for: record, overrides: overrides))
            }
            sink.close()
        }
        result["records"] = Double(count)
    case "copy":
        // The baseline: read and rewrite the same file through the project's own CSV reader
        // and writer, with no validation or projection.
        var records = 0
        let sink = try! FileSink(path: workDir + "/copy.csv")
        result["seconds"] = seconds {
            var parser = CSVParser(onRecord: { record in
                records += 1
                sink.write(CSVWriter.line(record.fields) + "\n")
            })
            feedFile(file) { parser.feed(buffer: $0) }
            parser.finish()
            sink.close()
        }
        result["records"] = Double(records - 1)
    case "copy-bytes":
        // The same baseline through the reader and writer the pipeline itself uses: rows lent
        // as bytes (no String per field), rewritten with the byte-level CSV writer.
        var records = 0
        let sink = try! FileSink(path: workDir + "/copy-bytes.csv")
        var line: [UInt8] = []
        line.reserveCapacity(4_096)
        result["seconds"] = seconds {
            var parser = CSVParser(onRawRow: { row in
                records += 1
                line.removeAll(keepingCapacity: true)
                CSVWriter.appendLine(row, to: &line)
                line.append(UInt8(ascii: "\n"))
                line.withUnsafeBufferPointer { sink.write(utf8: $0) }
            })
            feedFile(file) { parser.feed(buffer: $0) }
            parser.finish()
            sink.close()
        }
        result["records"] = Double(records - 1)
    case let collectionList where collectionList.hasPrefix("project:"):
        let names = collectionList.dropFirst("project:".count).split(separator: ",").compactMap { CollectionID(rawValue: String($0)) }
        let settings = ProjectionSettings(referenceDate: referenceDate)
        var report = ReconciliationReport()
        let cpuAtStart = cpuSeconds()
        result["seconds"] = seconds {
            let projections = try! ProjectionCatalogue.make(names, settings: settings) { name in
                let path = workDir + "/" + name
                // SWF writes its messages into a folder of their own (swf/999-2001.xml ...).
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                return try FileSink(path: path)
            }
            let pipeline = ProjectionPipeline(settings: settings, projections: projections,
                                              diagnostics: try! FileSink(path: workDir + "/diagnostics.csv"),
                                              reconciliation: try! FileSink(path: workDir + "/reconciliation.csv"))
            feedFile(file) { pipeline.feed($0) }
            report = try! pipeline.finish()
        }
        result["cpuSeconds"] = cpuSeconds() - cpuAtStart
        result["records"] = Double(report.input)
        result["addsUp"] = report.addsUp ? 1 : 0
    case "titles":
        let titles = try! String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        var session = TitleCoder.Session(coder: .shared)
        _ = session.assess("warm up", limit: 1)
        var coded = 0
        // What `wds code-title --column` does for each row: the answer, its runner-up and
        // needs_review. An HR extract repeats its titles, and the session remembers answers.
        result["seconds"] = seconds {
            for title in titles where session.assess(title, limit: 1).best != nil { coded += 1 }
        }
        // Each title met for the first time: a fresh session per distinct title.
        let distinct = Array(Set(titles)).sorted()
        var fresh = 0
        result["distinctSeconds"] = seconds {
            var session = TitleCoder.Session(coder: .shared)
            for title in distinct {
                session.forgetAnswers()
                if session.assess(title, limit: 1).best != nil { fresh += 1 }
            }
        }
        result["distinct"] = Double(distinct.count)
        result["records"] = Double(titles.count)
        result["coded"] = Double(coded)
    case "first-use":
        result["seconds"] = seconds { _ = Registry.embedded.items.count }
        // Parts of the registry are parsed on first access: what the first look-ups then cost.
        result["firstLookupSeconds"] = seconds {
            _ = Registry.embedded.role("R237")?.title
            _ = Registry.embedded.translate("F", from: "harmonised.sex", to: "csww.gender")
        }
    case "title-answers":
        // Not a measure: every distinct title's full answer (ten matches with their exact
        // scores, the runner-up, needs_review), written to DIR, so that a speed change to the
        // coder can be checked to leave every answer as it was (`cmp` the files of two builds).
        let titles = try! String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        var session = TitleCoder.Session(coder: .shared)
        var out = ""
        for title in Array(Set(titles)).sorted() {
            session.forgetAnswers()
            let answer = session.assess(title, limit: 10)
            out += title + "\t" + String(answer.needsReview) + "\t" + (answer.runnerUp.map { "\($0.role?.code ?? "-") \($0.soc2000) \($0.score)" } ?? "") + "\n"
            for match in answer.matches {
                out += "  \(match.role?.code ?? "-") \(match.soc2000) \(match.score) \(match.evidence.rawValue) | \(match.matchedTitle)\n"
            }
        }
        try! out.write(toFile: workDir, atomically: true, encoding: .utf8)
        result["distinct"] = Double(Set(titles).count)
    case "coder-build":
        _ = Registry.embedded
        result["seconds"] = seconds { _ = TitleCoder.shared.documentCount }
    case "lookups":
        let registry = Registry.embedded
        let roles = registry.roles.map { RoleCode($0.code) }
        let iterations = Int(arguments.first ?? "") ?? 2_000_000
        var found = 0
        let lookup = seconds {
            for index in 0..<iterations where registry.role(roles[index % roles.count]) != nil { found += 1 }
        }
        let sexes = ["F", "M", "O", "U"]
        let translate = seconds {
            for index in 0..<iterations {
                if registry.translate(sexes[index & 3], from: "harmonised.sex", to: "csww.gender")?.matches.isEmpty == false { found += 1 }
            }
        }
        let collectionCode = seconds {
            for index in 0..<iterations {
                if registry.collectionCode(sexes[index & 3], map: "harmonised.sex--ascwds.gender", year: 2025) != nil { found += 1 }
            }
        }
        result["roleLookupNs"] = lookup / Double(iterations) * 1e9
        result["translateNs"] = translate / Double(iterations) * 1e9
        result["collectionCodeNs"] = collectionCode / Double(iterations) * 1e9
        result["found"] = Double(found)
    default:
        FileHandle.standardError.write(Data("unknown phase \(name)\n".utf8))
        exit(64)
    }
    result["peakMiB"] = peakResidentMiB()
    let json = result.keys.sorted().map { "\"\($0)\":\(result[$0]!)" }.joined(separator: ",")
    print("{\(json)}")
}

// MARK: - driver

func child(_ phase: String, _ arguments: [String]) -> [String: Double] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
        process.executableURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(CommandLine.arguments[0])
    }
    process.arguments = ["--phase", phase] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try! process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return object.mapValues { ($0 as? NSNumber)?.doubleValue ?? 0 }
}

/// Times `path arguments` as a whole process, from spawn to exit, `runs` times. Spawned with
/// posix_spawn rather than Foundation's Process, whose set-up on Linux (closing every possible
/// file descriptor) costs more than the small commands being timed.
func timeProcess(_ path: String, _ arguments: [String], runs: Int = 11) -> (median: Double, best: Double) {
    var times: [Double] = []
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for _ in 0..<runs {
        times.append(seconds {
            var pid: pid_t = 0
            guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        })
    }
    times.sort()
    return (times[times.count / 2], times[0])
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--phase" {
    // As `wds` does, so that the phases measure what the command uses.
    ProcessMemory.configure()
    runPhase(arguments[1], Array(arguments.dropFirst(2)))
    exit(0)
}

var recordCount = 1_000_000
var workDir = NSTemporaryDirectory() + "wds-benchmark"
// Timings on a shared virtual machine wander by a fifth from run to run: the phases the
// acceptance compares are run several times and the median is reported, with the best.
var repeats = 3
var index = 0
while index < arguments.count {
    switch arguments[index] {
    case "--records": recordCount = Int(arguments[index + 1]) ?? recordCount; index += 2
    case "--work-dir": workDir = arguments[index + 1]; index += 2
    case "--repeats": repeats = max(1, Int(arguments[index + 1]) ?? repeats); index += 2
    default: print("usage: wds-benchmark [--records N] [--work-dir DIR] [--repeats N]"); exit(64)
    }
}

/// Runs each phase `times` times, taking the phases in turn (so that a slow spell of the
/// machine falls on all of them, not on one, and the ratios between them stay fair); returns,
/// for each phase, the run with the median time and the best time.
func repeated(_ phases: [String], _ arguments: [String], times: Int) -> [(median: [String: Double], best: Double)] {
    var runs = [[[String: Double]]](repeating: [], count: phases.count)
    for _ in 0..<times {
        for (index, phase) in phases.enumerated() { runs[index].append(child(phase, arguments)) }
    }
    return runs.map { phaseRuns in
        let sorted = phaseRuns.sorted { ($0["seconds"] ?? 0) < ($1["seconds"] ?? 0) }
        return (sorted[sorted.count / 2], sorted.first?["seconds"] ?? 0)
    }
}
try? FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
let input = workDir + "/posts.csv"

func line(_ label: String, _ value: String) { print(label.padding(toLength: 64, withPad: " ", startingAt: 0) + value) }
func rate(_ r: [String: Double]) -> String {
    String(format: "%.2f s, %.0f records/s, peak %.0f MiB", r["seconds"] ?? 0, (r["records"] ?? 0) / max(r["seconds"] ?? 1, 1e-9), r["peakMiB"] ?? 0)
}

let machine = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
    .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
print("wds-benchmark: \(recordCount) records, \(ProcessInfo.processInfo.activeProcessorCount) cores, \(machine)")
let synth = child("synth", [input, String(recordCount)])
line("synthesise (wds synth) ", rate(synth))
let compared = repeated(["copy", "copy-bytes", "project:" + CollectionID.allCases.map(\.rawValue).joined(separator: ",")], [input, workDir], times: repeats)
let (copy, copyBest) = compared[0], (copyBytes, copyBytesBest) = compared[1], (all, allBest) = compared[2]
line("baseline: read + rewrite with the project's CSV reader/writer", rate(copy) + String(format: " (median of %d; best %.2f s)", repeats, copyBest))
line("  the same through byte rows (the pipeline's own reader)", rate(copyBytes) + String(format: " (median of %d; best %.2f s)", repeats, copyBytesBest))
for collection in CollectionID.allCases {
    let r = child("project:\(collection.rawValue)", [input, workDir])
    line("validate + project to \(collection.rawValue)", rate(r) + ((r["addsUp"] ?? 0) == 1 ? "" : "  COUNTS DO NOT ADD UP"))
}
let allTime = all["seconds"] ?? 0
line("validate + project to all four in one pass", rate(all) + String(format: " (median of %d; best %.2f s)", repeats, allBest)
     + ((all["addsUp"] ?? 0) == 1 ? "" : "  COUNTS DO NOT ADD UP"))
line("  processor time of that run (user + system, both cores)", String(format: "%.2f s", all["cpuSeconds"] ?? 0))
line("  ratio to the read + rewrite baseline (medians; bests)", String(format: "%.2fx; %.2fx", allTime / max(copy["seconds"] ?? 1, 1e-9), allBest / max(copyBest, 1e-9)))
line("  ratio to the byte-row baseline (medians; bests)", String(format: "%.2fx; %.2fx", allTime / max(copyBytes["seconds"] ?? 1, 1e-9), allBest / max(copyBytesBest, 1e-9)))

// Title coder: 100,000 titles drawn from the role example titles with HR-system noise.
let titlesFile = workDir + "/titles.txt"
do {
    var random = SeededGenerator(seed: 9)
    let examples = Registry.embedded.roles.flatMap { $0.profile?.exampleTitles ?? [] }
    let noise = ["", " 0.5 FTE", " (term time only)", " - Grade 6", ", SCP 23", " 22.5 hrs", " - North Team"]
    var text = ""
    for _ in 0..<100_000 {
        text += examples[Int(random.next() % UInt64(examples.count))] + noise[Int(random.next() % UInt64(noise.count))] + "\n"
    }
    try! text.write(toFile: titlesFile, atomically: true, encoding: .utf8)
}
let coderBuild = child("coder-build", [])
line("title coder: first use (build the index)", String(format: "%.0f ms", (coderBuild["seconds"] ?? 0) * 1000))
let titles = child("titles", [titlesFile])
line("title coder: titles per second", String(format: "%.0f titles/s (%.0f coded of %.0f)", (titles["records"] ?? 0) / max(titles["seconds"] ?? 1, 1e-9), titles["coded"] ?? 0, titles["records"] ?? 0))
line("  each distinct title the first time (no remembered answers)", String(format: "%.0f titles/s (%.0f distinct)", (titles["distinct"] ?? 0) / max(titles["distinctSeconds"] ?? 1, 1e-9), titles["distinct"] ?? 0))
let lookups = child("lookups", [])
line("role look-up", String(format: "%.0f ns/op", lookups["roleLookupNs"] ?? 0))
line("code translation (translate, full result)", String(format: "%.0f ns/op", lookups["translateNs"] ?? 0))
line("code translation (collectionCode, one code)", String(format: "%.0f ns/op", lookups["collectionCodeNs"] ?? 0))
let firstUses = (0..<11).map { _ in child("first-use", []) }
let firstUseTimes = firstUses.map { ($0["seconds"] ?? 0) * 1000 }.sorted()
let firstLookups = firstUses.map { ($0["firstLookupSeconds"] ?? 0) * 1000 }.sorted()
line("registry first use (parse the embedded standard)", String(format: "%.1f ms median of 11 (best %.1f ms)", firstUseTimes[5], firstUseTimes[0]))
line("  then the first role look-up and translation", String(format: "%.1f ms median (best %.1f ms)", firstLookups[5], firstLookups[0]))
let wdsPath = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wds").path
if FileManager.default.isExecutableFile(atPath: wdsPath) {
    let roleProcess = timeProcess(wdsPath, ["role", "R237"])
    line("`wds role R237` as a whole process", String(format: "%.0f ms median of 11 (best %.0f ms)", roleProcess.median * 1000, roleProcess.best * 1000))
} else {
    line("`wds role R237` as a whole process", "skipped: build wds in the same configuration")
}
