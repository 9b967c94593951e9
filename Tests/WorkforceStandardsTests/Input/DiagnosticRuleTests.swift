import Foundation
import Testing
import WorkforceStandards

/// The catalogue of diagnostic rules (issue 20, item 2) names every rule of the standard the
/// library can report: each rule id written in the library's sources, other than a
/// collection's (`swf.`, `ascwds.`, `csww.`, `lges.`), is in ``DiagnosticRule/standard``,
/// and so is each CSV problem's.
@Suite("diagnostic rule catalogue")
struct DiagnosticRuleCatalogueTests {
    @Test("every standard rule id in the sources is catalogued")
    func complete() throws {
        let catalogued = Set(DiagnosticRule.standard.map(\.rawValue))
        #expect(catalogued.count == DiagnosticRule.standard.count, "no rule twice")
        var written: Set<String> = []
        // A rule id given by name, or as the sixth argument of RecordRules' `add` and `diagnostic`.
        let patterns = [#"rule: "([a-z0-9_.-]+)""#,
                        #"(?:add|diagnostic)\(\.(?:error|query),\s*"[A-Z0-9]+",\s*"[^"]*",\s*"[a-z0-9_]*",\s*[^,]+,\s*"([a-z0-9_.-]+)""#]
        let text = try PublicSurfaceTests.sourceLines().map(\.text).joined(separator: "\n")
        for pattern in patterns {
            let regex = try NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { written.insert(String(text[range])) }
            }
        }
        let standard = written.filter { id in !["swf.", "ascwds.", "csww.", "lges."].contains { id.hasPrefix($0) } }
        // The record rules are found by the second pattern: the catalogue is checked against them.
        #expect(standard.contains("post.invisible-characters") && standard.contains("person.ni-shared") && standard.contains("format.pattern"))
        #expect(standard.subtracting(catalogued).sorted() == [], "rules written in the sources but not catalogued")
        let csvKinds: [CSVProblem.Kind] = [.unclosedQuote, .quoteInUnquotedField, .textAfterClosingQuote, .invalidUTF8, .nulByte, .tooManyFields]
        for kind in csvKinds { #expect(catalogued.contains("csv.\(kind)")) }
        #expect(DiagnosticRule("swf.tenure.unmapped").collection == .swf)
        #expect(DiagnosticRule.codeUnknown.collection == nil)
    }
}
