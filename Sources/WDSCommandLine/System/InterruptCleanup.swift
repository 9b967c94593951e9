// The signal handler that removes a run's staged outputs: C strings made in advance, kept in
// nonisolated(unsafe) state the handler reads.
import Foundation
import Synchronization

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
