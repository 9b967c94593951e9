// System calls behind the commands' outputs: write(2) on lent bytes, the buffered output file
// and the sinks the projections write to; the docs pages written with plain write(2) calls.
import Foundation
import WorkforceStandards
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's write(2), named apart from the `write` methods of the types below.
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

/// A buffered output file, or the console's standard output for nil or "-" (so tests that run
/// commands in-process see what a user would).
final class OutputFile {
    private let handle: FileHandle?
    private let console: Console?
    /// Bytes not yet written. An array, not `Data`: appending to `Data` costs thousands of
    /// instructions a call, and a national run appends millions of rows.
    private var buffer: [UInt8] = []

    init(path: String?, console: Console? = nil) throws {
        if let path, path != "-" {
            // open(2) in place, not FileManager.createFile, which writes an empty file through a
            // temporary file and a rename: a signal in between would leave that file behind (in
            // a run's staging folder), and a run that writes a message per school opens
            // thousands of files (0.8 ms of system time each that way).
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw DataProblem("cannot write \(path): \(String(cString: strerror(errno)))") }
            self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            self.console = nil
        } else {
            handle = console == nil ? .standardOutput : nil
            self.console = console
        }
        buffer.reserveCapacity(1 << 17)
    }

    func write(_ text: String) {
        // Copied as one block of bytes: appending the UTF-8 view as a sequence goes byte by byte.
        var text = text
        text.withUTF8 { write(utf8: $0) }
    }

    func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        // A large block (SWF writes its messages 64 KiB at a time) goes straight to the file
        // rather than through the buffer: one copy of every byte less.
        if let handle, bytes.count >= 1 << 16 {
            flush()
            Self.writeAll(UnsafeRawBufferPointer(bytes), to: handle.fileDescriptor)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        if let handle {
            buffer.withUnsafeBytes { Self.writeAll($0, to: handle.fileDescriptor) }
        } else {
            console?.out(String(decoding: buffer, as: UTF8.self))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes every byte, going on after a partial write or an interrupted call; a failed write
    /// (a full disk) ends the run with a message, since the output would be incomplete.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let message = "wds: cannot write output: \(String(cString: strerror(errno)))\n"
                // A run's staged outputs go: the folder keeps its last complete set.
                InterruptCleanup.removeNow()
                _ = message.withCString { systemWrite(STDERR_FILENO, $0, strlen($0)) }
                exit(1)
            }
            offset += written
        }
    }

    func close() {
        flush()
        if let handle, handle !== FileHandle.standardOutput { try? handle.close() }
    }
}

/// A sink writing to a file (or standard output), buffered. Shared with the benchmark, so that
/// it measures the files the command writes.
package final class FileSink: UTF8TextSink {
    private let file: OutputFile
    init(path: String?, console: Console? = nil) throws { file = try OutputFile(path: path, console: console) }
    /// A sink writing to the file at `path`.
    package convenience init(path: String) throws { try self.init(path: path, console: nil) }
    package func write(_ text: String) { file.write(text) }
    package func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { file.write(utf8: bytes) }
    package func close() { file.close() }
}

/// A sink that keeps nothing: `wds validate --for` runs the projections for their diagnostics only.
final class DiscardingSink: UTF8TextSink {
    func write(_ text: String) {}
    func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {}
    func close() {}
}

extension DocsCommand {
    /// Writes a file with plain system calls: `Data.write` syncs each file to disk and looks up
    /// the user, which made a first run spend most of its time waiting on a thousand small files.
    static func writeFile(_ path: String, _ text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw DataProblem("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw DataProblem("cannot write \(path): \(String(cString: strerror(errno)))") }
                offset += written
            }
        }
    }
}
