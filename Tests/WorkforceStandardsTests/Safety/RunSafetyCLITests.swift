import Foundation
import Testing
@testable import WorkforceStandards

// The promises of a run, kept under hostile and careless inputs and runs: nothing lost,
// nothing destroyed, nothing half-written (issue 16).

/// The built `wds` tool, run as a child process: what a council runs, with its own memory,
/// streams and signals.
enum Child {
    /// `.build/debug/wds` (or wherever the test bundle was built): built with the tests.
    /// WDS_EXECUTABLE names another build (to show a test failing on an earlier commit).
    static let executable: String? = {
        if let named = ProcessInfo.processInfo.environment["WDS_EXECUTABLE"] { return named }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wds").path]
        for configuration in ["debug", "release"] {
            candidates.append(Paths.repository.appendingPathComponent(".build/\(configuration)/wds").path)
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The children's temporary folder (TMPDIR), where a spool would be left.
    static let temporaryFolder: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wds-safety-children-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// Files the children left in their temporary folder.
    static func leftInTemporaryFolder() -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder)) ?? [])
    }

    struct Result {
        var status: Int32
        /// The signal that stopped the process, if one did.
        var signal: Int32?
        /// Peak resident memory, in bytes.
        var peakBytes: Int
        var out: String
        var err: String
    }

    /// Starts `wds arguments`; `stdin` a file path (or nil: /dev/null); `closing` descriptors
    /// closed in the child. Returns the process id; finish with ``wait(_:)``.
    static func start(_ arguments: [String], stdin: String? = nil, closing: [Int32] = [], outPath: String, errPath: String) throws -> pid_t {
        let tool = try #require(executable, "the wds tool is built with the tests")
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        for descriptor in closing { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // A temporary folder of the child's own: spool files of other processes (tests running
        // beside these) do not count.
        let environment = ["TMPDIR=" + Child.temporaryFolder]
            + ProcessInfo.processInfo.environment.filter { $0.key != "TMPDIR" }.map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        // The child starts with no signal blocked and the default handlers: a test runs on a
        // Dispatch thread, which blocks SIGINT and SIGTERM, and a child inherits the mask (the
        // signals would wait, unseen, until the run ended).
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
        let status = posix_spawn(&pid, tool, &actions, &attributes, argv, envp)
        try #require(status == 0, "spawned wds")
        return pid
    }

    static func wait(_ pid: pid_t, outPath: String, errPath: String) -> Result {
        var status: Int32 = 0
        // The peak is read from /proc while the child runs (VmHWM, the high-water mark of its
        // own memory): the rusage of a child that posix_spawn started by vfork also counts the
        // memory of this test process it shared before exec.
        var peak = 0
        let deadline = Date().addingTimeInterval(240)
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { break }
            // A child that hangs (a deadlock in a signal handler, say) fails the test, not the run.
            if Date() > deadline {
                Issue.record("the child \(pid) did not finish in 240 s: killed")
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peak = max(peak, kilobytes * 1024)
            }
            usleep(2_000)
        }
        let signalled = status & 0x7F != 0 && status & 0x7F != 0x7F
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: signalled ? -1 : (status >> 8) & 0xFF, signal: signalled ? status & 0x7F : nil,
                      peakBytes: peak, out: out, err: err)
    }

    /// Runs `wds arguments` to the end.
    static func run(_ arguments: [String], in folder: URL, stdin: String? = nil, closing: [Int32] = []) throws -> Result {
        let out = folder.appendingPathComponent("child-\(UUID().uuidString).out").path
        let err = folder.appendingPathComponent("child-\(UUID().uuidString).err").path
        defer { unlink(out); unlink(err) }
        let pid = try start(arguments, stdin: stdin, closing: closing, outPath: out, errPath: err)
        return wait(pid, outPath: out, errPath: err)
    }
}

/// A scratch folder for one test.
struct Scratch {
    let url: URL
    init() throws {
        try self.init(at: FileManager.default.temporaryDirectory.appendingPathComponent("wds-safety-\(UUID().uuidString)"))
    }
    init(at folder: URL) throws {
        url = folder
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }
    func read(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

@Suite("Run safety of wds project: inputs never written, whole runs or none, every stream checked")
struct RunSafetyCLITests {
    @Test("a huge first row of a batch runs in bounded memory", arguments: ["field", "commas", "list"])
    func hugeFirstRowInBoundedMemory(kind: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let row: String
        switch kind {
        case "field": row = Hostile.rawLine(Hostile.with(Hostile.careWorker, ["job_title": String(repeating: "x", count: 40 << 20)]))
        case "commas": row = Hostile.rawLine(Hostile.careWorker) + String(repeating: ",", count: 5 << 20)
        default: row = Hostile.rawLine(Hostile.with(Hostile.careWorker, ["absence_category": String(repeating: "Z;", count: 15_000_000)]))
        }
        try scratch.write("in.csv", Array((Hostile.headerLine() + "\n" + row + "\n" + careWorkers(3).joined(separator: "\n") + "\n").utf8))
        let result = try Child.run(["project", "--to", "all", "--reference-date", "2025-11-06", "--out-dir", scratch.path("out"), scratch.path("in.csv")],
                                   in: scratch.url)
        #expect(result.signal == nil && result.status == 1, "\(result.err.suffix(400))")
        #expect(result.peakBytes > 0 && result.peakBytes < 200 << 20, "peak \(result.peakBytes >> 20) MiB")
        print("wds project with a huge \(kind) first row: peak \(result.peakBytes >> 20) MiB")
        #expect((scratch.read("out/diagnostics.csv")?.count ?? .max) < 20_000)
        #expect(result.err.contains("every record is accounted for"))
    }

    // MARK: - inputs never written

    @Test func aRunRefusesToOverwriteItsInput() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let input = Hostile.file(HostileCorpus.clean)
        // An earlier run's diagnostics as the input of the next run into the same folder.
        try FileManager.default.createDirectory(atPath: scratch.path("D"), withIntermediateDirectories: true)
        try scratch.write("D/diagnostics.csv", input)
        var result = wds("project", "--to", "ascwds", "--reference-date", "2025-11-06", "--out-dir", scratch.path("D"), scratch.path("D/diagnostics.csv"))
        #expect(result.status == 64, "\(result.err)")
        #expect(scratch.read("D/diagnostics.csv") == Data(input), "the input is intact")
        // -o naming the input, through another name for the same file (a hard link).
        try scratch.write("in.csv", input)
        #expect(link(scratch.path("in.csv"), scratch.path("same.csv")) == 0)
        result = wds("project", "--to", "csww", "--reference-date", "2025-11-06", "-o", scratch.path("same.csv"), scratch.path("in.csv"))
        #expect(result.status == 64, "\(result.err)")
        #expect(scratch.read("in.csv") == Data(input))
        // A return of another collection that the run would remove from the folder.
        try scratch.write("E/csww.xml", [])
        try scratch.write("E/reconciliation-summary.txt", Array("files of this run: csww.xml\n".utf8))
        try scratch.write("E/csww.xml", input)
        result = wds("project", "--to", "ascwds", "--reference-date", "2025-11-06", "--out-dir", scratch.path("E"), scratch.path("E/csww.xml"))
        #expect(result.status == 64, "\(result.err)")
        #expect(scratch.read("E/csww.xml") == Data(input))
        // A file inside the SWF folder, which a run replaces whole.
        try scratch.write("F/swf/999-2001.xml", input)
        try scratch.write("F/reconciliation-summary.txt", Array("files of this run: swf\n".utf8))
        result = wds("project", "--to", "swf", "--reference-date", "2025-11-06", "--out-dir", scratch.path("F"), scratch.path("F/swf/999-2001.xml"))
        #expect(result.status == 64, "\(result.err)")
        #expect(scratch.read("F/swf/999-2001.xml") == Data(input))
    }

    @Test func standardInputFromAnOutputIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let input = Hostile.file(HostileCorpus.clean)
        try scratch.write("D/reconciliation.csv", input)
        let result = try Child.run(["project", "--to", "ascwds", "--reference-date", "2025-11-06", "--out-dir", scratch.path("D"), "-"],
                                   in: scratch.url, stdin: scratch.path("D/reconciliation.csv"))
        #expect(result.status == 64, "\(result.err)")
        #expect(scratch.read("D/reconciliation.csv") == Data(input))
    }

    // MARK: - exit status

    @Test func projectExitsNonZeroUnlessEveryRecordIsAccepted() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        func status(_ bytes: [UInt8]) throws -> Int32 {
            try scratch.write("in.csv", bytes)
            return wds("project", "--to", "all", "--reference-date", "2025-11-06", "--out-dir", scratch.path("out-\(UUID().uuidString)"),
                       scratch.path("in.csv")).status
        }
        #expect(try status([]) == 1, "an empty file")
        #expect(try status(Array("name,colour\nRuby,blue\n".utf8)) == 1, "not an exchange file")
        #expect(try status(Hostile.file(Hostile.line(Hostile.with(Hostile.careWorker, ["date_of_birth": "1980-13-45"])))) == 1, "a rejected record")
        #expect(try status(Hostile.file(HostileCorpus.clean, HostileCorpus.clean2)) == 0, "every record accepted")
    }

    // MARK: - arguments and streams

    @Test("arguments out of range are usage errors", arguments: [
        ["--reference-date", "0001-01-01"], ["--reference-date", "0002-11-06"], ["--threads", "4611686018427387904"], ["--threads", "0"],
        ["--to", "swf,swf"], ["--la", "99"],
    ])
    func argumentsOutOfRange(_ extra: [String]) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("in.csv", Hostile.file(HostileCorpus.clean))
        var arguments = ["project", "--out-dir", scratch.path("out"), scratch.path("in.csv")]
        if !extra.contains("--to") { arguments += ["--to", "all"] }
        if !extra.contains("--reference-date") { arguments += ["--reference-date", "2025-11-06"] }
        let result = try Child.run(arguments + extra, in: scratch.url)
        #expect(result.signal == nil && result.status == 64, "\(result.err.prefix(300))")
    }

    @Test func closedStandardErrorFailsTheRunAndNeverReachesAReturn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("in.csv", Hostile.file(HostileCorpus.clean, HostileCorpus.clean2))
        // CSWW: a collection of one output file, which -o takes.
        let result = try Child.run(["project", "--to", "csww", "--reference-date", "2025-11-06", "-o", scratch.path("csww.xml"), scratch.path("in.csv")],
                                   in: scratch.url, closing: [2])
        #expect(result.signal == nil && result.status == 1)
        let written = String(decoding: scratch.read("csww.xml") ?? Data(), as: UTF8.self)
        #expect(!written.isEmpty && !written.contains("severity") && !written.contains("item_name"), "no diagnostic in the return")
    }

    @Test func aBrokenPipeIsAnErrorExitNotACrash() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        let tool = try #require(Child.executable)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let words: [String] = [tool, "items"]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, tool, &actions, nil, argv, environ) == 0)
        posix_spawn_file_actions_destroy(&actions)
        close(ends[1])
        for pointer in argv { free(pointer) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        // SIGPIPE would stop the process (status & 0x7F == 13); a crash, with 4 or 5.
        #expect(status & 0x7F == 0, "stopped by signal \(status & 0x7F)")
        #expect((status >> 8) & 0xFF == 1)
    }

    // MARK: - atomic runs

    /// The files of `folder` and their contents.
    static func contents(of folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            // A folder (a staging folder) is listed too, as no bytes.
            files[name] = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) ?? Data()
        }
        return files
    }

    @Test func aNarrowerRunRemovesTheReturnsItDidNotWrite() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("in.csv", Hostile.file(HostileCorpus.clean))
        #expect(wds("project", "--to", "all", "--reference-date", "2025-11-06", "--out-dir", scratch.path("D"), scratch.path("in.csv")).status == 0)
        #expect(wds("project", "--to", "ascwds", "--reference-date", "2025-11-06", "--out-dir", scratch.path("D"), scratch.path("in.csv")).status == 0)
        #expect(Set(Self.contents(of: scratch.path("D")).keys) == ["ascwds-workers.csv", "ascwds-workplaces.csv", "ascwds-training.csv", "diagnostics.csv", "reconciliation.csv",
                                                                 "reconciliation-summary.txt", "report.html"])
    }

    @Test func aFolderHoldingOtherFilesIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("in.csv", Hostile.file(HostileCorpus.clean))
        try scratch.write("D/csww.xml", Array("<someone else's/>".utf8))
        let result = wds("project", "--to", "ascwds", "--reference-date", "2025-11-06", "--out-dir", scratch.path("D"), scratch.path("in.csv"))
        #expect(result.status == 64, "\(result.err)")
        #expect(Set(Self.contents(of: scratch.path("D")).keys) == ["csww.xml"])
    }

    @Test func aSecondRunIntoALockedFolderIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("in.csv", Hostile.file(HostileCorpus.clean))
        try FileManager.default.createDirectory(atPath: scratch.path("D"), withIntermediateDirectories: true)
        let descriptor = open(scratch.path("D"), O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        // Another process holds the folder (flock locks belong to the open file, so a child
        // sees this one as another run's).
        #expect(flock(descriptor, LOCK_EX) == 0)
        let result = try Child.run(["project", "--to", "ascwds", "--reference-date", "2025-11-06", "--out-dir", scratch.path("D"), scratch.path("in.csv")],
                                   in: scratch.url)
        #expect(result.status == 1 && result.err.contains("another wds run"), "\(result.err)")
        #expect(Self.contents(of: scratch.path("D")).isEmpty)
    }

    @Test("a stopped run leaves the last complete outputs, never a mix, and no spool", arguments: [SIGINT, SIGTERM, SIGKILL])
    func stoppedRunsLeaveTheLastCompleteSet(signal: Int32) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // A first complete run over a small file, then a run over a large one, stopped.
        try scratch.write("small.csv", Hostile.file(HostileCorpus.clean))
        let folder = scratch.path("D")
        #expect(try Child.run(["project", "--to", "all", "--reference-date", "2025-11-06", "--out-dir", folder, scratch.path("small.csv")], in: scratch.url).status == 0)
        var before = Self.contents(of: folder)
        #expect(before.count == 11, "the returns, diagnostics, reconciliation, its summary and report.html")
        let small = before
        var synth = SyntheticWorkforce(seed: 7, referenceDate: Hostile.referenceDate)
        synth.errorRate = 0
        let writer = ExchangeWriter()
        var text = writer.headerLine
        for index in 0..<20_000 {
            let (record, overrides) = synth.record(index)
            text += writer.line(for: record, overrides: overrides)
        }
        try scratch.write("large.csv", Array(text.utf8))
        let spoolsBefore = Child.leftInTemporaryFolder()
        // How long a whole run of the large file takes with this build (a release build takes a
        // fraction of a debug one's), so that the signals fall inside the runs.
        let started = Date()
        let timing = try Child.run(["project", "--to", "all", "--reference-date", "2025-11-06", "--out-dir", scratch.path("timing"),
                                    scratch.path("large.csv")], in: scratch.url)
        #expect(timing.status == 0 || timing.status == 1)
        let runMicroseconds = UInt32(max(Date().timeIntervalSince(started), 0.05) * 1_000_000)
        var generator = SystemRandomNumberGenerator()
        var interrupted = 0
        var mixedButMarked = 0
        for attempt in 0..<6 {
            let out = scratch.path("out-\(attempt)"), err = scratch.path("err-\(attempt)")
            let pid = try Child.start(["project", "--to", "all", "--reference-date", "2025-11-06", "--out-dir", folder, scratch.path("large.csv")],
                                      outPath: out, errPath: err)
            usleep(UInt32.random(in: runMicroseconds / 20...runMicroseconds / 2, using: &generator))
            kill(pid, signal)
            let result = Child.wait(pid, outPath: out, errPath: err)
            let after = Self.contents(of: folder)
            let visible = after.filter { !$0.key.hasPrefix(".wds-staging-") }
            if result.signal == nil && result.status <= 1 && result.err.contains("accounted for") {
                // The run finished before the signal: the new complete set, which the next
                // attempts must then leave as it is.
                #expect(visible.count == 11 && visible["reconciliation-summary.txt"] != small["reconciliation-summary.txt"])
                before = visible
                continue
            }
            // SIGKILL after the run's last rename and the removal of its staging folder, before the
            // process ended: every file is the new run's, the new complete set (seen in CI once).
            let staged = after.keys.contains { $0.hasPrefix(".wds-staging-") }
            if signal == SIGKILL && !staged && visible.keys == before.keys
                && visible.allSatisfy({ $0.value.isEmpty || before[$0.key] != $0.value }) {
                before = visible
                continue
            }
            interrupted += 1
            // SIGKILL cannot be held: killed within the few microseconds of the renames, the run
            // leaves some files moved, with its plan (COMMIT) in its staging folder for the next
            // run to finish. Any other state must be the previous complete set.
            let staging = after.keys.first { $0.hasPrefix(".wds-staging-") }
            let committing = staging.map { FileManager.default.fileExists(atPath: folder + "/" + $0 + "/COMMIT") } ?? false
            if signal == SIGKILL && committing && visible != before {
                mixedButMarked += 1
                // The next run finishes the moves, then writes its own complete set.
                let next = try Child.run(["project", "--to", "all", "--reference-date", "2025-11-06", "--out-dir", folder,
                                          scratch.path("large.csv")], in: scratch.url)
                #expect(next.status <= 1)
                before = Self.contents(of: folder)
                #expect(!before.keys.contains { $0.hasPrefix(".wds-staging-") }, "the staging folder is gone")
                continue
            }
            #expect(visible == before, "attempt \(attempt): the previous complete set, untouched (\(result.err.suffix(200)))")
            if signal != SIGKILL {
                #expect(after.count == visible.count, "no staging folder left after signal \(signal)")
            }
            #expect(Child.leftInTemporaryFolder() == spoolsBefore, "no spool file left")
        }
        #expect(interrupted > 0, "the signals fell inside the runs")
        #expect(mixedButMarked <= 1, "the renames are a narrow window: \(mixedButMarked) of \(interrupted) kills fell in it")
        // The next run (a kill leaves its staging folder) cleans up and completes.
        let last = try Child.run(["project", "--to", "all", "--reference-date", "2025-11-06", "--out-dir", folder, scratch.path("small.csv")], in: scratch.url)
        #expect(last.status == 0)
        #expect(Self.contents(of: folder) == small)
    }


}
