import Foundation
import Testing

/// The library's public surface as an HR system sees it (issue 20, items 1 and 3): no public
/// declaration mentions an unsafe pointer type. Read from the source (the library's files
/// outside Generated/): a declaration marked `public` or `open`, or a requirement of a public
/// protocol. `scripts/public-api-report.py` gives the same figure from the compiler's symbol
/// graph.
@Suite("public surface")
struct PublicSurfaceTests {
    /// Each library source file's lines, Generated/ left out (data, not API).
    static func sourceLines() throws -> [(file: String, number: Int, text: String)] {
        let root = Paths.repository.appendingPathComponent("Sources/WorkforceStandards")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("Generated/") }.sorted()
        #expect(files.count > 50, "the library's sources are found")
        var lines: [(String, Int, String)] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                lines.append((file, index + 1, String(line)))
            }
        }
        return lines
    }

    @Test("no public signature mentions an unsafe type")
    func noUnsafePublicSignature() throws {
        var offending: [String] = []
        var inPublicProtocol = false
        var depth = 0
        for (file, number, line) in try Self.sourceLines() {
            let code = line.trimmingCharacters(in: .whitespaces)
            if code.hasPrefix("//") { continue }
            let isPublic = code.range(of: #"^(@[A-Za-z_]+(\([^)]*\))?\s+)*(public|open)\s"#, options: .regularExpression) != nil
            if code.hasPrefix("public protocol ") { inPublicProtocol = true; depth = 0 }
            let requirement = inPublicProtocol && depth == 1 && code.range(of: #"^(func|var|init|subscript|static|associatedtype)\b"#, options: .regularExpression) != nil
            if (isPublic || requirement) && code.contains("Unsafe") { offending.append("\(file):\(number): \(code)") }
            if inPublicProtocol {
                depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
                if depth <= 0 && line.contains("}") { inPublicProtocol = false }
            }
        }
        #expect(offending.isEmpty, "\(offending.joined(separator: "\n"))")
    }
}

