import Foundation
import WorkforceStandards

/// Where a command writes: standard output and standard error, or strings in tests.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether standard error is a terminal (progress lines are shown only then).
    public let stderrIsTerminal: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, stderrIsTerminal: Bool = false) {
        writeOut = out
        writeErr = err
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The process's own standard output and error.
    ///
    /// A stream that is closed when the process starts is opened on /dev/null first, so that
    /// no file the run opens takes its number (with standard error closed, diagnostics went
    /// into the first return opened); writing to it then fails the run. A broken pipe is a
    /// failed write too (SIGPIPE is ignored), not a crash.
    public static func standard() -> Console {
        signal(SIGPIPE, SIG_IGN)
        var closed: Set<Int32> = []
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            closed.insert(descriptor)
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != descriptor { dup2(null, descriptor); close(null) }
        }
        let state = StreamState(closed: closed)
        let console = Console(out: { state.write($0, to: STDOUT_FILENO) }, err: { state.write($0, to: STDERR_FILENO) },
                              stderrIsTerminal: isatty(2) == 1)
        console.streams = state
        return console
    }

    /// Whether writing to standard output or error failed (closed, a broken pipe, a full disk).
    public var failed: Bool { streams?.failed ?? false }
    private var streams: StreamState?

    /// The process's streams: which were closed at the start, and whether a write failed.
    private final class StreamState: @unchecked Sendable {
        let closed: Set<Int32>
        private let lock = NSLock()
        private var failedStreams: Set<Int32> = []
        init(closed: Set<Int32>) { self.closed = closed }

        var failed: Bool { lock.withLock { !failedStreams.isEmpty } }

        func write(_ text: String, to descriptor: Int32) {
            lock.lock()
            defer { lock.unlock() }
            guard !failedStreams.contains(descriptor) else { return }
            guard !closed.contains(descriptor) else { failedStreams.insert(descriptor); return }
            var text = text
            let complete = text.withUTF8 { bytes -> Bool in
                var offset = 0
                while offset < bytes.count {
                    let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += written
                }
                return true
            }
            if !complete { failedStreams.insert(descriptor) }
        }
    }

    public func out(_ text: String) { writeOut(text) }
    public func err(_ text: String) { writeErr(text) }
}

/// What every subcommand provides.
protocol Command: Sendable {
    static var name: String { get }
    /// One line for `wds help`.
    static var summary: String { get }
    /// Full help: usage line, then details.
    static var help: String { get }
    static var options: Set<String> { get }
    static var flags: Set<String> { get }
    /// Runs the command; returns the exit status.
    static func run(_ arguments: Arguments, console: Console) throws -> Int32
}

extension Command {
    static var options: Set<String> { ["--format"] }
    static var flags: Set<String> { [] }
}

/// The `wds` command-line tool. Exit status: 0 ok, 1 a data problem, 64 a usage error.
public enum WDS {
    static let commands: [any Command.Type] = [
        ItemCommand.self, ItemsCommand.self, CodesCommand.self, SetsCommand.self, SOCCommand.self,
        TranslateCommand.self, SearchCommand.self, RoleCommand.self, RolesCommand.self, CodeTitleCommand.self,
        SynthCommand.self, ValidateCommand.self, ProjectCommand.self, CheckRegistryCommand.self, GenerateCommand.self, DocsCommand.self, ExportCommand.self,
    ]

    /// The subcommand names, in help order.
    public static var commandNames: [String] {
        var names: [String] = []
        for command in commands { names.append(command.name) }
        return names
    }

    /// Runs `wds` with `arguments` (without the program name). A failed write to standard
    /// output or error (closed, a broken pipe) makes the exit status 1 at least.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        let status = runCommand(arguments, console: console)
        return console.failed && status == 0 ? 1 : status
    }

    private static func runCommand(_ arguments: [String], console: Console) -> Int32 {
        guard let name = arguments.first, !["help", "--help", "-h"].contains(name) || arguments.count > 1 else {
            console.out(overview)
            return 0
        }
        if name == "help" || name == "--help" || name == "-h" {
            guard let command = commands.first(where: { $0.name == arguments[1] }) else {
                console.err("wds: no command \"\(arguments[1])\"\n\n" + overview)
                return 64
            }
            console.out(command.help + "\n")
            return 0
        }
        if name == "--version" {
            console.out("wds, standard data \(Registry.embedded.standard.version)\n")
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            console.err("wds: no command \"\(name)\"\n\n" + overview)
            return 64
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.out(command.help + "\n")
            return 0
        }
        do {
            let parsed = try Arguments(rest, options: command.options, flags: command.flags)
            return try command.run(parsed, console: console)
        } catch let error as UsageError {
            console.err("wds \(name): \(error.message)\n\n\(command.help)\n")
            return 64
        } catch let error as DataProblem {
            console.err("wds \(name): \(error.message)\n")
            return 1
        } catch {
            console.err("wds \(name): \(error)\n")
            return 1
        }
    }

    static var overview: String {
        let width = commands.map { $0.name.count }.max() ?? 0
        let lines = commands.map { "  \($0.name)" + String(repeating: " ", count: width - $0.name.count + 2) + $0.summary }
        return """
        wds: the harmonised workforce data standards for English local government

        Usage: wds <command> [options]    (wds help <command> for a command's options)

        Commands:
        \(lines.joined(separator: "\n"))

        Every listing takes --format table|csv|json. Exit status: 0 ok, 1 data problem, 64 usage error.

        """
    }
}
