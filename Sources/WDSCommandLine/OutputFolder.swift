import Foundation
import Synchronization
import WorkforceStandards

// How `wds project` writes its outputs so that a run never destroys its input, never leaves
// a half-written set that looks complete, and never mixes with another run's files:
//
// - every output path is compared with the input by file identity (device and inode) before
//   anything is created, and a run that would overwrite (or remove) its input is refused;
// - outputs are written under temporary names in a private staging folder inside the output
//   folder and moved into place only when the run has finished; a failed or interrupted run
//   removes its staging folder, so the previous complete set stays as it was;
// - a lock on the output folder stops two runs writing into it at once;
// - the summary names the files of the run, so that a later run with a narrower `--to`
//   removes the returns it did not write rather than leaving old ones beside the new.

/// The identity of a file: two paths (or a path and a descriptor) name the same file when
/// these agree, whatever the names (hard links, `./x` and `x`, symbolic links).
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        // A terminal or a pipe cannot be an output file of the run.
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// Refuses (a usage error, exit 64) a run whose outputs would overwrite or remove its input.
///
/// - Parameters:
///   - input: the input path, or "-" for standard input.
///   - outputs: every path the run may write or remove.
///   - standardOutput: whether the run writes to standard output (`-o -`).
func refuseOverwritingInput(_ input: String, outputs: [String], standardOutput: Bool) throws {
    guard let source = input == "-" ? FileIdentity(descriptor: STDIN_FILENO) : FileIdentity(path: input) else { return }
    let shown = input == "-" ? "standard input" : input
    for output in outputs where FileIdentity(path: output) == source {
        throw UsageError("\(output) is the input (\(shown)): the run would overwrite it before reading it; write the outputs elsewhere (--out-dir or -o)")
    }
    // A folder the run replaces (SWF's messages) must not hold the input either.
    if input != "-", let real = realPath(input) {
        for output in outputs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue,
                  let folder = realPath(output), real.hasPrefix(folder + "/") else { continue }
            throw UsageError("\(input) is inside \(output), which the run replaces: write the outputs elsewhere (--out-dir or -o)")
        }
    }
    if standardOutput, FileIdentity(descriptor: STDOUT_FILENO) == source {
        throw UsageError("standard output is the input (\(shown)): the run would overwrite it; write the return to another file")
    }
}

/// The path with every symbolic link and `.` or `..` resolved, or nil.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// Paths removed if the process is stopped by a signal: C strings made in advance, so that
/// the handler calls nothing but `unlink`, `rmdir`, `write` and `_exit`.
enum InterruptCleanup {
    private static let capacity = 64
    nonisolated(unsafe) private static var files = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var fileCount = 0
    nonisolated(unsafe) private static var folder: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false
    /// 0 running, 1 moving the outputs into place, 2 stopping. A signal is handled on any
    /// thread, so blocking it on the thread that moves the outputs is not enough: the handler
    /// and the move agree through this instead (lock-free, so safe in a handler).
    private static let state = Atomic<Int>(0)
    /// A signal that came while the outputs were being moved: taken when they are in place.
    private static let pending = Atomic<Int32>(0)
    /// Files made while the run goes (SWF's messages, one a school), and the folders that hold
    /// them: registered before each is created, removed by the handler before `folder`.
    private static let madeCapacity = 1 << 16
    nonisolated(unsafe) private static var made: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: madeCapacity)
        slots.initialize(repeating: nil, count: madeCapacity)
        return slots
    }()
    private static let madeCount = Atomic<Int>(0)
    private static let subfolderCapacity = 8
    nonisolated(unsafe) private static var subfolders = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: subfolderCapacity)
    nonisolated(unsafe) private static var subfolderCount = 0

    /// Adds a file the run is about to create to what a signal removes. Lock-free: the slot
    /// is taken first and filled after, and the handler skips a slot not filled yet (a file
    /// not yet created).
    static func register(file path: String) {
        let slot = madeCount.wrappingAdd(1, ordering: .sequentiallyConsistent).oldValue
        guard slot < madeCapacity else { return }
        made[slot] = strdup(path)
        // The handler may be removing the files on another thread while this one goes on: a
        // file created after its loop passed would be left behind, and the staging folder with
        // it. Once it has begun (state 2) this thread creates nothing more and waits for the
        // process to end; the handler set the state before it read the slots, so either it
        // removes this file or this thread sees the state.
        while state.load(ordering: .sequentiallyConsistent) == 2 { pause() }
    }

    /// Folders inside `folder` that a signal removes (after their files) before `folder`.
    static func arm(subfolders paths: [String]) {
        for path in paths.prefix(subfolderCapacity) {
            subfolders[subfolderCount] = strdup(path)
            subfolderCount += 1
        }
    }

    /// Removes `paths` (files) and then `folder` when a signal stops the process.
    static func arm(files paths: [String], folder path: String?, message text: String) {
        disarm()
        for path in paths.prefix(capacity) {
            files[fileCount] = strdup(path)
            fileCount += 1
        }
        folder = path.flatMap { strdup($0) }
        message = strdup(text)
        install()
    }

    /// Nothing to remove any more.
    static func disarm() {
        var blocked = sigset_t(), previous = sigset_t()
        sigfillset(&blocked)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        for index in 0..<fileCount { free(files[index]) }
        fileCount = 0
        for index in 0..<min(madeCount.load(ordering: .sequentiallyConsistent), madeCapacity) {
            free(made[index])
            made[index] = nil
        }
        madeCount.store(0, ordering: .sequentiallyConsistent)
        for index in 0..<subfolderCount { free(subfolders[index]) }
        subfolderCount = 0
        free(folder)
        folder = nil
        free(message)
        message = nil
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// Runs `body` (moving the outputs into place) so that Ctrl-C or `kill` cannot cut it half
    /// way: a signal that comes meanwhile is taken when `body` is done (the process then stops
    /// with the signal's status, its outputs complete). If a signal is already being handled,
    /// the process is stopping and `body` never starts.
    static func withSignalsHeld<Result>(_ body: () throws -> Result) rethrows -> Result {
        while true {
            let (exchanged, original) = state.compareExchange(expected: 0, desired: 1, ordering: .sequentiallyConsistent)
            if exchanged { break }
            if original == 2 {
                // The handler is removing this run's files and will end the process.
                pause()
            } else {
                // Another run in this process (tests run several) is moving its outputs: it
                // sets the state back when done, with no signal to end a pause().
                usleep(1_000)
            }
        }
        defer {
            state.store(0, ordering: .sequentiallyConsistent)
            let signal = pending.load(ordering: .sequentiallyConsistent)
            if signal != 0 { _exit(128 + signal) }
        }
        return try body()
    }

    private static func install() {
        guard !installed else { return }
        installed = true
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_handler = { number in InterruptCleanup.handle(number) }
            #else
            action.__sigaction_u.__sa_handler = { number in InterruptCleanup.handle(number) }
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    /// Only async-signal-safe calls (and lock-free atomics).
    private static func handle(_ number: Int32) {
        guard state.compareExchange(expected: 0, desired: 2, ordering: .sequentiallyConsistent).exchanged else {
            // Moving the outputs into place (or already stopping): taken after the move.
            pending.store(number, ordering: .sequentiallyConsistent)
            return
        }
        removeArmedPaths()
        if let message { _ = write(STDERR_FILENO, message, strlen(message)) }
        _exit(128 + number)
    }

    /// Removes every armed file, the files made since, the subfolders and the folder. Called
    /// from the signal handler: plain loops over raw pointers and system calls only (a Swift
    /// sequence's iterator may allocate in a debug build, and the signal may have interrupted
    /// malloc on this very thread).
    private static func removeArmedPaths() {
        var index = 0
        while index < fileCount {
            if let path = files[index] { unlink(path) }
            index += 1
        }
        let madeTotal = min(madeCount.load(ordering: .sequentiallyConsistent), madeCapacity)
        index = 0
        while index < madeTotal {
            if let path = made[index] { unlink(path) }
            index += 1
        }
        index = 0
        while index < subfolderCount {
            if let path = subfolders[index] { rmdir(path) }
            index += 1
        }
        if let folder { rmdir(folder) }
    }

    /// Removes what is armed now (a run that failed), then disarms.
    static func removeNow() {
        removeArmedPaths()
        disarm()
    }
}

/// The output folder of one `wds project` run: locked, written through a staging folder,
/// and committed in one step at the end.
final class OutputFolder {
    let path: String
    /// The names the run writes in the folder: files, and folders of their own (`swf`, which
    /// holds one message per school and is replaced as a whole).
    let names: [String]
    /// Every name a run of `wds project` may write into a folder.
    static let allNames = Set(units(of: CollectionID.allCases.flatMap { ProjectionCatalogue.type(for: $0).outputNames }))
        .union(["diagnostics.csv", "reconciliation.csv", summaryName])
    /// The names that are folders (an output name `swf/index.csv` makes `swf` one).
    static let folderNames = Set(CollectionID.allCases.flatMap { ProjectionCatalogue.type(for: $0).outputNames }
        .filter { $0.contains("/") }.map(firstComponent))

    private static func firstComponent(_ name: String) -> String { String(name.split(separator: "/").first ?? Substring(name)) }

    /// What the folder holds for outputs `names`: each file, or the folder a name lies in.
    static func units(of names: [String]) -> [String] {
        var units: [String] = []
        for unit in names.map(firstComponent) where !units.contains(unit) { units.append(unit) }
        return units
    }
    static let summaryName = "reconciliation-summary.txt"
    /// The line of the summary that names the files of the run.
    static let filesLinePrefix = "files of this run: "
    static let stagingPrefix = ".wds-staging-"
    static let commitName = "COMMIT"

    private var lockDescriptor: Int32 = -1
    /// Where the outputs are written until the run completes.
    let staging: String
    /// Outputs of an earlier run that this run does not write, removed when it commits.
    private var stale: [String] = []

    /// Takes the folder for a run writing `names`: creates it, locks it, finishes or removes
    /// what an earlier killed run left, and checks that every file of an earlier run there is
    /// one this run may replace or remove.
    init(path: String, names: [String]) throws {
        self.path = path
        self.names = Self.units(of: names)
        staging = (path as NSString).appendingPathComponent(Self.stagingPrefix + String(getpid()))
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DataProblem("cannot create the output folder \(path): \(error.localizedDescription)")
        }
        lockDescriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lockDescriptor >= 0 else { throw DataProblem("cannot open the output folder \(path): \(String(cString: strerror(errno)))") }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(lockDescriptor)
            lockDescriptor = -1
            throw DataProblem("another wds run is writing into \(path); wait for it to finish, or choose another --out-dir")
        }
        try recoverEarlierRuns()
        try findStaleOutputs()
    }

    deinit { if lockDescriptor >= 0 { close(lockDescriptor) } }

    /// Paths this run may write or remove (for ``refuseOverwritingInput(_:outputs:standardOutput:)``).
    var touchedPaths: [String] { (names + stale).map { (path as NSString).appendingPathComponent($0) } }

    /// The staged path of output `name`.
    func stagedPath(_ name: String) -> String { (staging as NSString).appendingPathComponent(name) }

    /// The staged path of output `name`, about to be created: a file inside a folder output
    /// (named as the run goes) is registered with the signal handler first.
    func stagedFile(_ name: String) -> String {
        let staged = stagedPath(name)
        if name.contains("/") { InterruptCleanup.register(file: staged) }
        return staged
    }

    /// Creates the private staging folder, to be removed if the run fails or is stopped.
    func beginStaging() throws {
        // Armed first, so that a signal between the two leaves nothing either.
        InterruptCleanup.arm(files: names.map(stagedPath) + [stagedPath(Self.commitName)], folder: staging,
                             message: "\nwds project: stopped; nothing was written to \(path): its files are those of the last complete run\n")
        guard mkdir(staging, 0o700) == 0 else {
            InterruptCleanup.disarm()
            throw DataProblem("cannot create \(staging): \(String(cString: strerror(errno)))")
        }
        // A folder output (SWF's messages, named as the run finds schools) is staged as a
        // folder and moved into place whole; each of its files is registered with the
        // signal handler before it is created (``stagedFile(_:)``).
        let folders = names.filter { Self.folderNames.contains($0) }.map(stagedPath)
        InterruptCleanup.arm(subfolders: folders)
        for folder in folders {
            guard mkdir(folder, 0o700) == 0 else { throw DataProblem("cannot create \(folder): \(String(cString: strerror(errno)))") }
        }
    }

    /// Removes the staging folder: the run failed, the folder keeps the last complete set.
    func abandon() {
        InterruptCleanup.removeNow()
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Moves the staged outputs into place and removes the outputs of an earlier run that
    /// this one did not write. The list of moves is written first (`COMMIT`), so that if the
    /// process is killed part way the next run finishes the moves before anything else.
    func commit() throws {
        try InterruptCleanup.withSignalsHeld {
            let plan = names.map { "write " + $0 } + stale.map { "remove " + $0 }
            try Data((plan.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: stagedPath(Self.commitName)))
            try Self.carryOut(plan: plan, staging: staging, folder: path)
            InterruptCleanup.disarm()
        }
    }

    /// Moves the staged files named by `plan` into `folder`, removes the files it names for
    /// removal, then the staging folder.
    private static func carryOut(plan: [String], staging: String, folder: String) throws {
        // The files replaced are first linked into the staging folder, so that no rename below
        // has to free a large file's blocks (3-4 ms each, measured): the renames take
        // microseconds together, the window in which SIGKILL (which cannot be held) leaves a
        // mix marked by COMMIT for the next run to finish. The old data goes with the folder.
        for step in plan where step.hasPrefix("write ") {
            let name = String(step.dropFirst("write ".count))
            guard !folderNames.contains(name) else { continue }
            let old = (staging as NSString).appendingPathComponent(".old-" + name)
            unlink(old)
            link((folder as NSString).appendingPathComponent(name), old)
        }
        for step in plan {
            if step.hasPrefix("write ") {
                let name = String(step.dropFirst("write ".count))
                let from = (staging as NSString).appendingPathComponent(name), to = (folder as NSString).appendingPathComponent(name)
                // Already moved by an earlier attempt when the staged file is gone.
                guard access(from, F_OK) == 0 else { continue }
                if folderNames.contains(name), access(to, F_OK) == 0 {
                    // A folder cannot be renamed over a folder that holds files: the old one is
                    // moved into the staging folder first, and goes with it.
                    let old = (staging as NSString).appendingPathComponent(".old-" + name)
                    try? FileManager.default.removeItem(atPath: old)
                    guard rename(to, old) == 0 else { throw DataProblem("cannot move \(to) aside: \(String(cString: strerror(errno)))") }
                }
                guard rename(from, to) == 0 else { throw DataProblem("cannot move \(from) to \(to): \(String(cString: strerror(errno)))") }
            } else if step.hasPrefix("remove ") {
                let name = String(step.dropFirst("remove ".count))
                let target = (folder as NSString).appendingPathComponent(name)
                if folderNames.contains(name) { try? FileManager.default.removeItem(atPath: target) } else { unlink(target) }
            }
        }
        unlink((staging as NSString).appendingPathComponent(commitName))
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Staging folders left by runs that were killed (the lock says none is running): one
    /// that had begun to commit is finished, any other is removed.
    private func recoverEarlierRuns() throws {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for entry in entries where entry.hasPrefix(Self.stagingPrefix) {
            let folder = (path as NSString).appendingPathComponent(entry)
            let commit = (folder as NSString).appendingPathComponent(Self.commitName)
            if let text = try? String(contentsOfFile: commit, encoding: .utf8) {
                let plan = text.split(separator: "\n").map(String.init)
                // Only names a run writes: a planted COMMIT cannot move or remove anything else.
                guard plan.allSatisfy({ step in
                    let name = step.hasPrefix("write ") ? step.dropFirst(6) : step.hasPrefix("remove ") ? step.dropFirst(7) : ""
                    return Self.allNames.contains(String(name))
                }) else {
                    throw DataProblem("\(commit) is not a plan a wds run writes; remove \(folder) by hand")
                }
                try Self.carryOut(plan: plan, staging: folder, folder: path)
            } else {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }

    /// The outputs in the folder that this run does not write: each must be named by the
    /// summary of the run that wrote it (and is then removed when this run commits), or the
    /// folder holds files of something else and is refused.
    private func findStaleOutputs() throws {
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
        let others = Self.allNames.subtracting(names).intersection(present)
        guard !others.isEmpty else { return }
        let summaryPath = (path as NSString).appendingPathComponent(Self.summaryName)
        let summary = (try? String(contentsOfFile: summaryPath, encoding: .utf8)) ?? ""
        var recorded = Set<String>()
        for line in summary.split(separator: "\n") where line.hasPrefix(Self.filesLinePrefix) {
            recorded = Set(line.dropFirst(Self.filesLinePrefix.count).split(separator: " ").map(String.init))
        }
        let unknown = others.subtracting(recorded).sorted()
        guard unknown.isEmpty else {
            throw UsageError("\(path) holds \(unknown.joined(separator: ", ")), which no wds run recorded writing there (\(Self.summaryName) does not name it); "
                             + "this run would leave it beside its own outputs: move it away or choose another --out-dir")
        }
        stale = others.sorted()
    }
}

/// A single output file (`-o FILE`) written under a temporary name beside it and renamed
/// into place when the run completes.
final class StagedFile {
    let path: String
    let staged: String

    init(path: String) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        staged = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).wds-partial-\(getpid())").path
        InterruptCleanup.arm(files: [staged], folder: nil, message: "\nwds project: stopped; \(path) was not written\n")
    }

    func commit() throws {
        try InterruptCleanup.withSignalsHeld {
            guard rename(staged, path) == 0 else { throw DataProblem("cannot move \(staged) to \(path): \(String(cString: strerror(errno)))") }
            InterruptCleanup.disarm()
        }
    }

    func abandon() { InterruptCleanup.removeNow() }
}
