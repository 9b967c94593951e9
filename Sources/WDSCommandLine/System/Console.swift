// The process's standard output and error: write(2) under a lock shared by threads, and the
// streams closed at start opened on /dev/null.
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
