import Foundation
import Testing
@testable import WorkforceStandards

/// The remaining speed components against their plain versions: ``XMLWriter``'s one-piece
/// lines against XML built with string operations, ``UTF8Output`` against a sink given
/// strings, the pipeline's byte entry points against its text entry, ``OnceReference``
/// against a value made once under a lock.
@Suite("Writers and sinks against plain versions")
struct WriterAndSinkTests {
    /// XML 1.0 escaping written plainly: the five characters, and U+FFFD for what XML forbids.
    static func plainEscape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    @Test(arguments: 0..<40)
    func xmlLinesAreThePlainText(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let names = ["a", "StaffMember", "Contract", String(repeating: "n", count: 20)]
        let pieces = ["x", "7", " ", "&", "<", ">", "\"", "'", "é", "\u{1}", "\u{FFFE}", "]]>", "plain text"]
        var writer = XMLWriter(declaration: false)
        var plain = ""
        var open: [String] = []
        for _ in 0..<60 {
            let indent = String(repeating: "  ", count: open.count)
            switch generator.int(0...3) {
            case 0 where open.count < 5:
                let name = names[generator.int(0...(names.count - 1))]
                writer.open(name)
                plain += indent + "<\(name)>\n"
                open.append(name)
            case 1 where !open.isEmpty:
                writer.close()
                let name = open.removeLast()
                plain += String(repeating: "  ", count: open.count) + "</\(name)>\n"
            default:
                let name = names[generator.int(0...(names.count - 1))]
                let value = (0..<generator.int(0...4)).map { _ in pieces[generator.int(0...(pieces.count - 1))] }.joined()
                writer.element(name, value)
                plain += indent + "<\(name)>" + Self.plainEscape(value) + "</\(name)>\n"
            }
        }
        #expect(writer.text == plain)
    }

    final class ByteSink: UTF8TextSink {
        var bytes: [UInt8] = []
        func write(_ text: String) { bytes.append(contentsOf: text.utf8) }
        func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { self.bytes.append(contentsOf: bytes) }
        func close() {}
    }

    @Test func bytesReachASinkAsItsTextWould() {
        let lines = ["", "a,b\n", "é€\n", String(repeating: "x", count: 70_000)]
        let bytes = ByteSink(), text = MemorySink()
        let toBytes = UTF8Output(bytes), toText = UTF8Output(text)
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { toBytes.write(utf8: $0); toText.write(utf8: $0) }
            bytes.write(utf8: Array(line.utf8))
        }
        #expect(String(decoding: bytes.bytes, as: UTF8.self) == lines.map { $0 + $0 }.joined())
        #expect(text.text == lines.joined())
    }

    @Test func thePipelinesByteEntriesReadAsItsTextEntry() throws {
        let text = try String(contentsOf: Paths.repository.appendingPathComponent("Examples/posts.csv"), encoding: .utf8)
        func reconciliation(_ feed: (ProjectionPipeline) -> Void) throws -> String {
            let sink = MemorySink()
            let pipeline = ProjectionPipeline(settings: ProjectionSettings(referenceDate: SimpleDate(year: 2025, month: 11, day: 6)!),
                                              projections: [], diagnostics: MemorySink(), reconciliation: sink, threads: 1)
            feed(pipeline)
            _ = try pipeline.finish()
            return sink.text
        }
        let plain = try reconciliation { $0.feed(text) }
        #expect(try reconciliation { $0.feed(Array(text.utf8)) } == plain)
        #expect(try reconciliation { $0.feed(Data(text.utf8)) } == plain)
        #expect(!plain.isEmpty)
    }

    @Test func aOnceReferenceKeepsTheFirstValueStored() {
        final class Box: Sendable { let value: Int; init(_ value: Int) { self.value = value } }
        let reference = OnceReference<Box>()
        #expect(reference.load() == nil)
        let stored = ParallelSlots<Int>.map(count: 64) { index in reference.storeIfNil(Box(index)).value }
        // Plainly: the first store wins, and every caller and every later load sees it.
        #expect(Set(stored).count == 1)
        #expect(reference.load()?.value == stored[0])
    }
}
