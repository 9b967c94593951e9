import Foundation
import WDSCommandLine
import WorkforceStandards

/// Paths the tests read: the repository and its test fixtures. The library itself never
/// reads files; only tests (and the generators they check) do.
enum Paths {
    /// Tests/WorkforceStandardsTests: this file is in its Support/ folder.
    static let testTarget = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repository = testTarget.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testTarget.appendingPathComponent("Fixtures")
    static let mini = fixtures.appendingPathComponent("mini")
}

/// A throwaway copy of a fixture standard that a test may break.
struct ScratchStandard {
    let root: URL

    init(copying source: URL = Paths.mini) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wds-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: root)
    }

    /// Rewrites one file of the copy.
    func edit(_ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(change(text).utf8).write(to: url)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The result of running `wds` in-process.
struct CLIResult {
    var status: Int32
    var out: String
    var err: String
}

/// Runs `wds` with `arguments` and captures its output.
func wds(_ arguments: String...) -> CLIResult {
    wds(arguments)
}

func wds(_ arguments: [String]) -> CLIResult {
    final class Buffer: @unchecked Sendable { var out = ""; var err = "" }
    let buffer = Buffer()
    // `wds project` keeps what a signal must remove in process-wide state (one run per process,
    // as the tool runs): a run that fails removes every registered file, so two runs in the
    // tests' one process must not overlap.
    let exclusive = arguments.first == "project"
    if exclusive { projectRuns.lock() }
    defer { if exclusive { projectRuns.unlock() } }
    let status = WDS.run(arguments, console: Console(out: { buffer.out += $0 }, err: { buffer.err += $0 }))
    return CLIResult(status: status, out: buffer.out, err: buffer.err)
}

/// Makes in-process `wds project` runs take turns (see `wds(_:)`).
let projectRuns = NSLock()

/// Reads CSV text into rows of fields (header included).
func csvRows(_ text: String) -> [[String]] {
    CSVParser.records(in: text).records.map(\.fields)
}
