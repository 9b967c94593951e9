// The fast version of a `[Int: [UInt8]]` (bytes appended per bucket, read back per bucket),
// with flat memory: blocks kept in one unnamed temporary file.
import Foundation

/// Bytes appended to numbered buckets and read back one bucket at a time, with flat memory:
/// each bucket keeps a small block in memory and writes full blocks to one temporary file.
///
/// A return grouped by school and by person (the School Workforce Census writes one message
/// per school, one member per person) cannot be written as records stream in; this holds the
/// rendered pieces until the end of the run, so that each school's message is assembled from
/// one bucket, read back in a few large reads.
///
/// The file holds personal data: it is an ``UnnamedFile`` (mode 0600, never named on Linux),
/// so nothing is left on disk after the run, whether it ends, fails or is killed.
final class BucketSpool {
    private let descriptor: Int32
    private var fileSize: Int64 = 0
    private let blockSize: Int
    /// Per bucket: the bytes not yet written (a block of `blockSize` bytes and how many are
    /// used: plain memory, so that an append is a copy, with no array to check), and the
    /// blocks written (offset, length).
    private var pending: [UnsafeMutablePointer<UInt8>] = []
    private var pendingCount: [Int] = []
    private var blocks: [[(offset: Int64, count: Int)]] = []
    /// The first write or read failure, reported by ``contents(of:)``.
    private var failure: String?
    /// Full blocks of any buckets, in the order they take in the file, written out together
    /// once they reach ``writeBehindSize`` (one system call for dozens of blocks).
    private var writeBehind: [UInt8] = []
    private static let writeBehindSize = 256 << 10

    /// - Parameter blockSize: bytes a bucket holds in memory before it writes them out.
    init(blockSize: Int = 4 << 10) throws {
        self.blockSize = blockSize
        descriptor = try UnnamedFile.create(prefix: "wds-spool").descriptor
    }

    deinit {
        close(descriptor)
        for block in pending { block.deallocate() }
    }

    /// The spool file's status (for tests: its links, none, and its mode, 0600).
    var fileStatus: stat {
        var status = stat()
        fstat(descriptor, &status)
        return status
    }

    /// A new, empty bucket's number.
    func makeBucket() -> Int {
        pending.append(.allocate(capacity: blockSize))
        pendingCount.append(0)
        blocks.append([])
        return pending.count - 1
    }

    /// Appends `bytes` to `bucket`. A bucket's block is written out before it would grow past
    /// `blockSize`, so that the memory a bucket holds never grows (thousands of schools,
    /// each with a block).
    func append(_ bytes: UnsafeBufferPointer<UInt8>, to bucket: Int) {
        guard let source = bytes.baseAddress else { return }
        let used = pendingCount[bucket]
        if used + bytes.count > blockSize {
            writeOut(bucket)
            if bytes.count > blockSize { return write(bytes, as: bucket) }
            pending[bucket].update(from: source, count: bytes.count)
            pendingCount[bucket] = bytes.count
            return
        }
        (pending[bucket] + used).update(from: source, count: bytes.count)
        pendingCount[bucket] = used + bytes.count
    }

    /// Appends `bytes` to `bucket`.
    func append(_ bytes: [UInt8], to bucket: Int) {
        bytes.withUnsafeBufferPointer { append($0, to: bucket) }
    }

    /// Writes out what is waiting to be written: call once, after the last append and before
    /// the first ``contents(of:)``.
    func finishWriting() {
        flushWriteBehind()
    }

    /// Everything appended to `bucket`, in order (after ``finishWriting()``). Safe on several
    /// threads at once, as long as nothing is appended.
    func contents(of bucket: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(blocks[bucket].reduce(pendingCount[bucket]) { $0 + $1.count })
        // Reading may run on several threads at once: nothing here may change the spool.
        guard writeBehind.isEmpty else { throw ProjectionError.spool("the spool was read before its writing was finished") }
        for block in blocks[bucket] {
            let start = result.count
            result.append(contentsOf: repeatElement(0, count: block.count))
            var done = 0
            while done < block.count {
                let count = result.withUnsafeMutableBytes {
                    pread(descriptor, $0.baseAddress! + start + done, block.count - done, off_t(block.offset) + off_t(done))
                }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    throw ProjectionError.spool("cannot read back the temporary file: \(count < 0 ? String(cString: strerror(errno)) : "it is shorter than was written")")
                }
                done += count
            }
        }
        if let failure { throw ProjectionError.spool(failure) }
        result.append(contentsOf: UnsafeBufferPointer(start: pending[bucket], count: pendingCount[bucket]))
        return result
    }

    /// Writes a bucket's pending bytes to the end of the file as one block.
    private func writeOut(_ bucket: Int) {
        guard pendingCount[bucket] > 0 else { return }
        write(UnsafeBufferPointer(start: pending[bucket], count: pendingCount[bucket]), as: bucket)
        pendingCount[bucket] = 0
    }

    /// Places `bytes` at the end of the file as the next block of `bucket` (through the
    /// write-behind buffer). A block that follows the bucket's last one in the file lengthens
    /// it, so that a bucket whose records came together is read back in one piece.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>, as bucket: Int) {
        guard failure == nil else { return }
        let offset = fileSize + Int64(writeBehind.count)
        if let last = blocks[bucket].last, last.offset + Int64(last.count) == offset {
            blocks[bucket][blocks[bucket].count - 1].count += bytes.count
        } else {
            blocks[bucket].append((offset, bytes.count))
        }
        writeBehind.append(contentsOf: bytes)
        if writeBehind.count >= Self.writeBehindSize { flushWriteBehind() }
    }

    /// Writes the write-behind buffer to the end of the file.
    private func flushWriteBehind() {
        guard !writeBehind.isEmpty else { return }
        defer { writeBehind.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        writeBehind.withUnsafeBufferPointer { bytes in
            var done = 0
            while done < bytes.count {
                let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(fileSize) + off_t(done))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    failure = "cannot write the temporary file: \(String(cString: strerror(errno)))"
                    return
                }
                done += written
            }
        }
        fileSize += Int64(writeBehind.count)
    }
}
