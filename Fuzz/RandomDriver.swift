// A seeded random-input fuzzer for toolchains without libFuzzer (Apple's swiftc has no
// -sanitize=fuzzer): mutates seed files with byte flips, CSV and XML syntax, splices and huge
// fields, and runs each result on one surface until the time is up. Same seed, same inputs.
//
//   wds-fuzz-random --surface csv|records|title|render|writers --seconds N [--seed S]
//                   [--timeout SECONDS] [--artifacts DIR] SEED_DIR...
//
// An input that runs longer than the timeout (20 s by default) is a hang: it is saved as
// timeout-random-... and the driver exits with status 70.
import Foundation

/// The input being run, saved by the failure hook and the watchdog.
nonisolated(unsafe) var currentInput: [UInt8] = []
/// When the current input started (seconds since the reference date), 0 between inputs.
nonisolated(unsafe) var runStartedAt: Double = 0

@main
struct RandomFuzzDriver {
    /// SplitMix64: small, fast and the same on every platform.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes worth inserting: CSV syntax, bad UTF-8, formula starters, XML syntax, values at
    /// the edges of the rules.
    static let tokens: [[UInt8]] = [
        "\"", "\"\"", ",", "\n", "\r", "\r\n", ";", "\t", "\u{FEFF}", "=", "+", "-", "@", "<", "&", "]]>", "&amp;", "<![CDATA[",
        "=HYPERLINK(\"http://x\")", "-nan(x)", "-inf", "2023-02-29", "2030-01-01", "1900-01-01", "99999999999999999999", "-1",
        "1e308", "NaN", "0.00001", "R430", "R205", "R111", "SAG", "VOL", "AB123456C", "QQ123456C", "\u{FFFE}", "\u{7F}",
        "👩🏽‍🏫", "post_identifier", "staff_identifier", "job_title", "family_name",
    ].map { Array($0.utf8) } + [[0], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xBC], [0xEF, 0xBB, 0xBF], [0xF4, 0x90, 0x80, 0x80]]

    static func mutate(_ input: [UInt8], seeds: [[UInt8]], using random: inout Generator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<9, using: &random) {
            case 0 where !bytes.isEmpty:
                let index = min(position, bytes.count - 1)
                bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            case 1 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = tokens.randomElement(using: &random)!.first!
            case 2, 3:
                bytes.insert(contentsOf: tokens.randomElement(using: &random)!, at: position)
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &random))
                bytes.removeSubrange(min(position, end)..<end)
            case 5 where !bytes.isEmpty:
                let start = min(position, bytes.count - 1)
                let end = min(bytes.count, start + Int.random(in: 1...256, using: &random))
                bytes.insert(contentsOf: bytes[start..<end], at: Int.random(in: 0...bytes.count, using: &random))
            case 6:
                let other = seeds.randomElement(using: &random) ?? []
                guard !other.isEmpty else { break }
                let start = Int.random(in: 0..<other.count, using: &random)
                let end = min(other.count, start + Int.random(in: 1...2048, using: &random))
                bytes.insert(contentsOf: other[start..<end], at: position)
            case 7 where Int.random(in: 0..<50, using: &random) == 0:
                // A huge field, now and then.
                let byte = tokens.randomElement(using: &random)!.first!
                bytes.insert(contentsOf: repeatElement(byte, count: Int.random(in: 1_000...1_000_000, using: &random)), at: position)
            case 8 where bytes.count > 1:
                bytes.removeLast(Int.random(in: 1...bytes.count, using: &random))
            default:
                break
            }
        }
        return bytes
    }

    /// Saves the current input as `artifacts/KIND-random-SURFACE-HASH`.
    nonisolated static func save(_ kind: String, surface: FuzzSurface, artifacts: String) {
        let input = currentInput
        let path = artifacts + "/\(kind)-random-\(surface.rawValue)-\(String(RecordRules.hash(String(decoding: input, as: UTF8.self)), radix: 16))"
        FileManager.default.createFile(atPath: path, contents: Data(input))
        FileHandle.standardError.write(Data("input saved to \(path)\n".utf8))
    }

    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(index...index + 1) }
            return arguments[index + 1]
        }
        guard let surface = option("--surface").flatMap(FuzzSurface.init(rawValue:)),
              let seconds = option("--seconds").flatMap(Double.init) else {
            FileHandle.standardError.write(Data("usage: wds-fuzz-random --surface csv|records|title|render|writers --seconds N [--seed S] [--artifacts DIR] SEED_DIR...\n".utf8))
            exit(64)
        }
        let seed = option("--seed").flatMap(UInt64.init) ?? 1
        let timeout = option("--timeout").flatMap(Double.init) ?? 20
        let artifacts = option("--artifacts") ?? "."
        var seeds: [[UInt8]] = []
        for directory in arguments {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted() ?? [] {
                if let data = FileManager.default.contents(atPath: directory + "/" + name) { seeds.append(Array(data)) }
            }
        }
        if seeds.isEmpty { seeds = [[]] }
        Fuzz.beforeFailure = { save("crash", surface: surface, artifacts: artifacts) }
        // The watchdog: a run longer than the timeout is a hang.
        let watchdog = Thread {
            while true {
                Thread.sleep(forTimeInterval: 1)
                let started = runStartedAt
                if started > 0, Date().timeIntervalSinceReferenceDate - started > timeout {
                    FileHandle.standardError.write(Data("wds-fuzz [\(surface.rawValue)] an input ran longer than \(Int(timeout)) s (\(currentInput.count) bytes)\n".utf8))
                    save("timeout", surface: surface, artifacts: artifacts)
                    exit(70)
                }
            }
        }
        watchdog.start()
        Fuzz.warmUp()
        var random = Generator(state: seed)
        let start = Date()
        var runs = 0
        // Every seed as it is first, then mutants.
        func runOne(_ input: [UInt8]) {
            currentInput = input
            runStartedAt = Date().timeIntervalSinceReferenceDate
            input.withUnsafeBufferPointer { Fuzz.run($0, on: surface) }
            runStartedAt = 0
            runs += 1
        }
        for input in seeds { runOne(input) }
        while Date().timeIntervalSince(start) < seconds {
            runOne(mutate(seeds.randomElement(using: &random)!, seeds: seeds, using: &random))
        }
        let elapsed = Date().timeIntervalSince(start)
        print("Done \(runs) runs in \(Int(elapsed)) second(s) [random, surface \(surface.rawValue), seed \(seed)]")
    }
}
