import Foundation
import Testing
@testable import WorkforceStandards

/// ``BucketSpool`` against the plain version of what it does: bytes appended to arrays in memory.
@Suite("Bucket spool")
struct BucketSpoolTests {
    @Test func theSWFSpoolIsPrivateAndHasNoName() throws {
        let spool = try BucketSpool(blockSize: 8)
        let status = spool.fileStatus
        #expect(status.st_nlink == 0, "the spool has no name, from its first moment: a signal cannot leave it behind")
        #expect(status.st_mode & 0o777 == 0o600, "readable by the run alone")
        let bucket = spool.makeBucket(), other = spool.makeBucket()
        spool.append(Array("AB123456C".utf8), to: bucket)
        spool.append(Array("other".utf8), to: other)
        spool.append(Array("-more".utf8), to: bucket)
        #expect(throws: ProjectionError.self, "read before the last blocks are written out") { try spool.contents(of: bucket) }
        spool.finishWriting()
        #expect(try spool.contents(of: bucket) == Array("AB123456C-more".utf8), "blocks written out and the pending bytes, in order")
        #expect(try spool.contents(of: other) == Array("other".utf8))
    }

    /// The spool against the plain version of what it does: bytes appended to arrays in memory.
    /// Buckets filled in runs (as a file sorted by school fills them) and interleaved one append
    /// at a time, with pieces smaller than, equal to and larger than a block, across many
    /// write-behind flushes.
    @Test func theSWFSpoolGivesBackEachBucketAsAppended() throws {
        var generator = SeededGenerator(seed: 42)
        for blockSize in [16, 4096] {
            let spool = try BucketSpool(blockSize: blockSize)
            var expected: [[UInt8]] = []
            for _ in 0..<40 { _ = spool.makeBucket(); expected.append([]) }
            var appended = 0
            while appended < 3 << 20 {
                let bucket = Int.random(in: 0..<40, using: &generator)
                let run = Bool.random(using: &generator) ? 1 : Int.random(in: 2...30, using: &generator)
                for _ in 0..<run {
                    let count = [1, 7, blockSize - 1, blockSize, blockSize + 3, 3 * blockSize][Int.random(in: 0..<6, using: &generator)]
                    let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    spool.append(bytes, to: bucket)
                    expected[bucket].append(contentsOf: bytes)
                    appended += count
                }
            }
            spool.finishWriting()
            for bucket in 0..<40 {
                #expect(try spool.contents(of: bucket) == expected[bucket], "bucket \(bucket), blocks of \(blockSize)")
            }
        }
    }
}
