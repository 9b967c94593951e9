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
