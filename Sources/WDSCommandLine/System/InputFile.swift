// System calls behind reading an input file: read(2) into one buffer, transcoded and lent to
// the parsers (the plain version is `FileManager.contents(atPath:)` and a `String`).
import Foundation
import WorkforceStandards

/// An input file (or standard input, "-") opened, with its encoding and separator decided
/// from its first read. ``read(_:)`` lends its text to the caller as UTF-8 chunks: a UTF-8
/// file as it was read (nothing copied), any other encoding transcoded a chunk at a time.
final class InputFile {
    let path: String
    let format: InputFormat
    private let descriptor: Int32
    private var head: [UInt8]
    private var ended: Bool

    /// Bytes a read asks for: with `read(2)` and a 1 MiB buffer, because Foundation's
    /// `FileHandle.readData(ofLength:)` on Linux reads 4 KiB per system call whatever length is
    /// asked for, which made a national file cost some 60,000 calls.
    static let chunkSize = 1 << 20

    init(_ path: String, options: InputOptions = InputOptions()) throws {
        self.path = path
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DataProblem("cannot read \(path): \(String(cString: strerror(errno)))") }
        self.descriptor = descriptor
        // The head: enough bytes for the first line (or 64 KiB, or the whole of a small file).
        var head: [UInt8] = []
        var ended = false
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        do {
            while !ended && head.count < 1 << 16 && !head.contains(0x0A) {
                let count = try Self.read(descriptor, into: &buffer, path: path)
                if count == 0 { ended = true } else { head.append(contentsOf: buffer[0..<count]) }
            }
            self.head = head
            self.ended = ended
            format = try head.withUnsafeBufferPointer {
                try InputFormat.detect(head: $0, isWholeInput: ended, encoding: options.encoding, separator: options.separator)
            }
        } catch let unreadable as InputFormat.Unreadable {
            if descriptor != STDIN_FILENO { close(descriptor) }
            throw DataProblem("cannot read \(path): \(unreadable.reason)")
        } catch {
            if descriptor != STDIN_FILENO { close(descriptor) }
            throw error
        }
    }

    deinit { if descriptor != STDIN_FILENO { close(descriptor) } }

    private static func read(_ descriptor: Int32, into buffer: inout [UInt8], path: String) throws -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw DataProblem("cannot read \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Lends the whole input, as UTF-8, to `body` a chunk at a time.
    func read(_ body: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        var transcoder = format.isUTF8 ? nil : InputTranscoder(encoding: format.encoding)
        var text: [UInt8] = []
        func pass(_ chunk: UnsafeBufferPointer<UInt8>) {
            guard transcoder != nil else { body(chunk); return }
            text.removeAll(keepingCapacity: true)
            transcoder!.transcode(chunk, into: &text)
            text.withUnsafeBufferPointer(body)
        }
        head.withUnsafeBufferPointer(pass)
        head = []
        if !ended {
            var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
            while true {
                let count = try Self.read(descriptor, into: &buffer, path: path)
                if count == 0 { break }
                buffer.withUnsafeBufferPointer { pass(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            }
            ended = true
        }
        if transcoder != nil {
            text.removeAll(keepingCapacity: true)
            transcoder!.finish(into: &text)
            if !text.isEmpty { text.withUnsafeBufferPointer(body) }
        }
    }

    /// The whole input as UTF-8 text (for small files such as the organisation file).
    func text() throws -> String {
        var bytes: [UInt8] = []
        try read { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Reads a file (or standard input for "-") in chunks, feeding each to `body`.
///
/// With `read(2)` and a 1 MiB buffer: Foundation's `FileHandle.readData(ofLength:)` on Linux
/// reads 4 KiB per system call whatever length is asked for, which made a national file
/// cost some 60,000 calls and a tenth of a run's time in the kernel.
package func readChunks(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
    guard descriptor >= 0 else { throw DataProblem("cannot read \(path): \(String(cString: strerror(errno)))") }
    defer { if descriptor != STDIN_FILENO { close(descriptor) } }
    let size = 1 << 20
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    defer { buffer.deallocate() }
    while true {
        let count = read(descriptor, buffer, size)
        if count == 0 { break }
        guard count > 0 else {
            if errno == EINTR { continue }
            throw DataProblem("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        body(UnsafeBufferPointer(start: buffer, count: count))
    }
}
