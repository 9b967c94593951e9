import Foundation
import Testing
@testable import WorkforceStandards

/// The fast path of SWF's piece spool (Performance/SWFPieceSpool.swift: pieces spooled to a
/// file and read back in place) against the plain version: the same pieces kept in arrays.
@Suite("SWF piece spool")
struct SWFPieceSpoolTests {
    /// One piece as the plain version holds it.
    struct PlainPiece: Equatable {
        let kind: SWFProjection.PieceKind
        let category: SWFStaffCategory
        let person: UInt32
        let tokens: [UInt8]
    }

    /// Pieces rendered as the projection renders them: compact XML tokens of a few elements.
    static func record(_ random: inout SeededGenerator, pieces count: Int) -> (tokens: [UInt8], pieces: [(kind: SWFProjection.PieceKind, end: Int)]) {
        var writer = XMLWriter.compactRecorder()
        var pieces: [(kind: SWFProjection.PieceKind, end: Int)] = []
        let kinds: [SWFProjection.PieceKind] = [.details, .contract, .absence, .qualification]
        for _ in 0..<count {
            writer.open("Piece")
            for element in 0..<random.int(1...4) {
                // Text that needs escaping now and then, and the odd repeated value.
                writer.element("E\(element)", random.int(0...5) == 0 ? "a < b & \"c\"" : "v\(random.int(0...3))")
            }
            writer.close()
            pieces.append((kinds[random.int(0...3)], writer.count))
        }
        return (writer.bytes, pieces)
    }

    @Test func piecesComeBackAsSpooledInEachBucket() throws {
        var random = SeededGenerator(seed: 31)
        // Thousands of pieces, so that every bucket spills its blocks to the file many times over.
        let spool = try SWFPieceSpool()
        let buckets = (0..<5).map { _ in spool.makeBucket() }
        var plain: [[PlainPiece]] = Array(repeating: [], count: buckets.count)
        for _ in 0..<3_000 {
            let bucket = random.int(0...(buckets.count - 1))
            let category = SWFStaffCategory.allCases[random.int(0...(SWFStaffCategory.allCases.count - 1))]
            let person = UInt32(random.int(0...400))
            let (tokens, pieces) = Self.record(&random, pieces: random.int(1...4))
            spool.append(tokens, pieces: pieces, category: category, person: person, to: buckets[bucket])
            var start = 0
            for (kind, end) in pieces {
                plain[bucket].append(PlainPiece(kind: kind, category: category, person: person, tokens: Array(tokens[start..<end])))
                start = end
            }
        }
        spool.finishWriting()
        for (bucket, expected) in zip(buckets, plain) {
            let spooled = try spool.pieces(of: bucket)
            #expect(spooled.pieces.count == expected.count)
            for (piece, plainPiece) in zip(spooled.pieces, expected) {
                #expect(PlainPiece(kind: piece.kind, category: piece.category, person: piece.person, tokens: Array(spooled.bytes[piece.xml])) == plainPiece)
                // Expanded in place, as expanding the plain tokens gives.
                var fast = ByteBuffer(capacity: 64), slow = ByteBuffer(capacity: 64)
                #expect(spooled.expand(piece, depth: 3, into: &fast))
                #expect(plainPiece.tokens.withUnsafeBufferPointer { CompactXML.expand($0, depth: 3, into: &slow) })
                #expect(fast.withBytes { Array($0) } == slow.withBytes { Array($0) })
            }
            // Compared in place as the plain arrays compare.
            for _ in 0..<200 where !expected.isEmpty {
                let first = random.int(0...(expected.count - 1)), second = random.int(0...(expected.count - 1))
                #expect(spooled.sameTokens(spooled.pieces[first], spooled.pieces[second]) == (expected[first].tokens == expected[second].tokens))
            }
        }
    }

    /// The projection's way in (``SWFPieceSpool/Recorder``: pieces recorded in the spool's
    /// layout on any thread, the person filled in when spooled) against the plain pieces.
    @Test func recordedPiecesComeBackAsRendered() throws {
        var random = SeededGenerator(seed: 47)
        let spool = try SWFPieceSpool()
        let buckets = (0..<3).map { _ in spool.makeBucket() }
        var plain: [[PlainPiece]] = Array(repeating: [], count: buckets.count)
        let kinds: [SWFProjection.PieceKind] = [.details, .contract, .absence, .qualification]
        for _ in 0..<2_000 {
            let bucket = random.int(0...(buckets.count - 1))
            let category = SWFStaffCategory.allCases[random.int(0...(SWFStaffCategory.allCases.count - 1))]
            let person = UInt32(random.int(0...70_000))
            var recorder = SWFPieceSpool.Recorder(category: category)
            for _ in 0..<random.int(1...5) {
                let kind = kinds[random.int(0...3)]
                // Some pieces long enough to outgrow the recorder's first room.
                let elements = random.int(0...9) == 0 ? 60 : random.int(1...4)
                let values = (0..<elements).map { _ in random.int(0...5) == 0 ? "a < b & \"c\"" : "v\(random.int(0...3))" }
                func render(_ writer: inout XMLWriter) {
                    writer.open("Piece")
                    for (element, value) in values.enumerated() { writer.element("E\(element)", value) }
                    writer.close()
                }
                recorder.piece(kind, render)
                var alone = XMLWriter.compactRecorder()
                render(&alone)
                plain[bucket].append(PlainPiece(kind: kind, category: category, person: person, tokens: alone.bytes))
            }
            spool.append(recorder.recorded, person: person, to: buckets[bucket])
        }
        spool.append(SWFRecordedPieces(), person: 1, to: buckets[0])
        spool.finishWriting()
        for (bucket, expected) in zip(buckets, plain) {
            let spooled = try spool.pieces(of: bucket)
            #expect(spooled.pieces.map { PlainPiece(kind: $0.kind, category: $0.category, person: $0.person, tokens: Array(spooled.bytes[$0.xml])) } == expected)
        }
    }

    @Test func aCutShortPieceIsAnError() throws {
        var random = SeededGenerator(seed: 5)
        let spool = try SWFPieceSpool()
        let bucket = spool.makeBucket()
        let (tokens, pieces) = Self.record(&random, pieces: 2)
        spool.append(tokens, pieces: pieces, category: .teacher, person: 0, to: bucket)
        spool.finishWriting()
        let bytes = try spool.pieces(of: bucket).bytes
        #expect(throws: ProjectionError.spool("a spooled piece is cut short")) { try SWFSpooledPieces(bytes: Array(bytes.dropLast())) }
        #expect(throws: ProjectionError.spool("a spooled piece is cut short")) { try SWFSpooledPieces(bytes: [9] + bytes.dropFirst()) }
    }

    @Test func aParallelMapGivesWhatAPlainMapGives() {
        final class Shared { let values = (0..<500).map { $0 * 7 % 13 } }
        let shared = Shared()
        for threads in [1, 2, 4] {
            let fast = ParallelWork.map(count: 500, threads: threads, sharing: shared) { shared, index in "\(index):\(shared.values[index])" }
            #expect(fast == (0..<500).map { "\($0):\(shared.values[$0])" }, "\(threads) threads")
        }
    }
}
