import Foundation
import Testing
import WorkforceStandards

/// The published documentation (`Docs/`): current, linked, offline, deterministic, stamped.
@Suite struct DocsTests {
    static let docs = Paths.repository.appendingPathComponent(DocumentationGenerator.outputFolder)
    /// The repository's standard, loaded once for the tests that only read it.
    static let registry = Result { try Registry.load(from: Paths.repository) }

    // MARK: - the committed Docs/

    @Test func committedDocsAreCurrent() {
        let result = wds("docs", "--check", "--root", Paths.repository.path)
        #expect(result.status == 0, "Docs/ is stale; run `swift run wds docs`:\n\(result.err)\(result.out)")
    }

    @Test func everyInternalLinkInDocsResolves() throws {
        let files = try DocFiles.read(Self.docs)
        #expect(files.count > 100, "Docs/ is missing or nearly empty; run `swift run wds docs`")
        let broken = LinkChecker(files: files).brokenLinks()
        #expect(broken.isEmpty, "\(broken.count) broken link(s):\n\(broken.prefix(40).joined(separator: "\n"))")
    }

    @Test func htmlSiteLoadsNothingFromOutside() throws {
        let files = try DocFiles.read(Self.docs).filter { $0.key.hasPrefix("site/") }
        #expect(!files.isEmpty)
        var problems: [String] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            for url in LinkChecker.attributeValues(in: text, names: ["src", "href", "action"]) where LinkChecker.isExternal(url) {
                problems.append("\(path): \(url)")
            }
            // Style sheets and scripts could still reach out through url(), @import or fetch.
            for pattern in ["url(http", "url(//", "@import", "fetch(", "XMLHttpRequest"] where text.contains(pattern) {
                problems.append("\(path): \(pattern)")
            }
        }
        #expect(problems.isEmpty, "external references:\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func everyCommittedFileIsStampedWithTheDataVersion() throws {
        let version = try Self.registry.get().standard.version
        let files = try DocFiles.read(Self.docs)
        // FHIR JSON and SSSOM have no room for a comment: the exports carry the data version
        // in their own fields instead (FHIR `version`, SSSOM `mapping_set_version`; a code
        // system versioned by collection year names it in its description).
        let exports = DocumentationGenerator.exportsFolder + "/"
        let unstamped = files.filter { !$0.key.hasPrefix(exports) && !$0.value.contains(DocumentationGenerator.stamp(version: version)) }.keys.sorted()
        #expect(unstamped.isEmpty, "not stamped: \(unstamped.prefix(10))")
        let exported = files.filter { $0.key.hasPrefix(exports) }
        #expect(exported.count > 100, "Docs/site/exports is missing; run `swift run wds docs`")
        let shortName = try Self.registry.get().standard.shortName
        let unversioned = exported.filter { path, text in
            !text.contains("\"version\": \"\(version)\"") && !text.contains("#mapping_set_version: \"\(version)\"")
                && !(path.contains("/CodeSystem-") && text.contains(" of \(shortName) \(version)."))
        }.keys.sorted()
        #expect(unversioned.isEmpty, "exports without the data version: \(unversioned.prefix(10))")
    }

    @Test func searchDataHoldsEveryRoleAndJobTitle() throws {
        let registry = try Self.registry.get()
        let data = try #require(try DocFiles.read(Self.docs)["site/search-data.js"])
        #expect(data.contains("window.WDS_SEARCH"))
        var missing: [String] = []
        for role in registry.roles {
            if !data.contains("\"\(role.code) \(role.title)\"") { missing.append(role.code) }
            for title in role.profile?.exampleTitles ?? [] where !data.contains(title) { missing.append("\(role.code): \(title)") }
        }
        #expect(missing.isEmpty, "not searchable: \(missing.prefix(10))")
    }

    @Test func linkCheckerFindsMissingFilesAndAnchors() {
        let files = [
            "README.md": "[ok](items/A.md#x) [gone](items/B.md) [bad anchor](items/A.md#y) \\[not a link\\](nowhere)",
            "items/A.md": "# <a id=\"x\"></a>A\n[up](../README.md) [out](https://example.org/)",
            "site/a.html": "<a href=\"b.html#top\">b</a> <script src=\"x.js\"></script> <a href=\"search.html?q=a%20b\">s</a>",
            "site/b.html": "<h2 id=\"top\">B</h2>",
            "site/search.html": "",
        ]
        #expect(LinkChecker(files: files).brokenLinks() == [
            "README.md: items/A.md#y (no anchor \"y\" in items/A.md)",
            "README.md: items/B.md (no such file)",
            "site/a.html: x.js (no such file)",
        ])
    }

    // MARK: - the check

    /// Acceptance: the check fails, with a diff, after a one-character change to a definition.
    /// The standard is copied; the committed Docs/ is only read.
    @Test func oneCharacterChangeToADefinitionMakesTheCheckFail() throws {
        let scratch = try ScratchStandard(copying: Paths.repository, folders: ["Standards", "CodeSets"])
        defer { scratch.remove() }
        var changed = ""
        try scratch.edit("Standards/items/person.txt") { text in
            var lines = text.components(separatedBy: "\n")
            let index = lines.firstIndex { $0.hasPrefix("definition: ") }!
            let last = lines[index].removeLast()
            lines[index].append(last == "." ? ";" : ".")
            changed = String(lines[index].suffix(24))
            return lines.joined(separator: "\n")
        }
        let result = wds("docs", "--check", "--root", scratch.root.path, "--out", Self.docs.path)
        #expect(result.status == 1)
        let added = result.err.split(separator: "\n").filter { $0.hasPrefix("+") && $0.contains(changed) }
        #expect(!added.isEmpty, "the diff does not show the change \"\(changed)\":\n\(result.err.prefix(3000))")
        #expect(result.out.contains("stale"))
    }

    @Test func docsWritesThenChecksThenRemovesWhatItNoLongerGenerates() throws {
        let scratch = try ScratchStandard()
        defer { scratch.remove() }
        let root = scratch.root.path
        #expect(wds("docs", "--root", root).status == 0)
        #expect(wds("docs", "--check", "--root", root).status == 0)

        // A page for an item that is then deleted is stale; a file without the stamp is not ours.
        try scratch.write("Docs/items/P999.md", "<!-- \(DocumentationGenerator.marker) -->\n")
        try scratch.write("Docs/notes.txt", "kept by hand\n")
        // Exports carry no stamp, but wds docs owns their folder.
        try scratch.write("Docs/site/exports/fhir/ConceptMap-gone.json", "{}\n")
        let check = wds("docs", "--check", "--root", root)
        #expect(check.status == 1)
        #expect(check.err.contains("no longer generated: items/P999.md"))
        #expect(check.err.contains("no longer generated: site/exports/fhir/ConceptMap-gone.json"))
        #expect(!check.err.contains("notes.txt"))

        #expect(wds("docs", "--root", root).status == 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("Docs/items/P999.md").path))
        #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("Docs/site/exports/fhir/ConceptMap-gone.json").path))
        #expect(FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("Docs/notes.txt").path))
        #expect(wds("docs", "--check", "--root", root).status == 0)
    }

    @Test func checkOfTheMiniStandardShowsTheChangedLine() throws {
        let scratch = try ScratchStandard()
        defer { scratch.remove() }
        #expect(wds("docs", "--root", scratch.root.path).status == 0)
        try scratch.edit("Standards/items/person.txt") { $0.replacingOccurrences(of: "The sex of the person.", with: "The sex of the person!") }
        let result = wds("docs", "--check", "--root", scratch.root.path)
        #expect(result.status == 1)
        #expect(result.err.contains("-The sex of the person."))
        #expect(result.err.contains("+The sex of the person!"))
    }

    @Test func aBrokenStandardIsRefused() throws {
        let scratch = try ScratchStandard()
        defer { scratch.remove() }
        try scratch.edit("Standards/items/person.txt") { $0.replacingOccurrences(of: "class: sector-specific", with: "class: sometimes") }
        let result = wds("docs", "--root", scratch.root.path)
        #expect(result.status == 1)
        #expect(result.err.contains("person.txt"))
        #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("Docs").path))
    }

    // MARK: - the generator

    @Test func generationIsDeterministic() throws {
        let first = DocumentationGenerator.files(for: try Registry.load(from: Paths.repository))
        let second = DocumentationGenerator.files(for: try Registry.load(from: Paths.repository))
        #expect(first.count == second.count)
        let differing = first.keys.filter { first[$0] != second[$0] }.sorted()
        #expect(differing.isEmpty, "differ between runs: \(differing.prefix(10))")
    }

    @Test func miniStandardGivesLinkedStampedPagesInBothRenderings() throws {
        let registry = try Registry.load(from: Paths.mini)
        let files = DocumentationGenerator.files(for: registry)
        for path in ["README.md", "items/P104.md", "code-sets/harmonised.sex.md", "maps/harmonised.sex--csww.gender.md", "coverage.md",
                     "provenance.md", "soc2000/2.md", "site/index.html", "site/items/P104.html", "site/search.html", "site/search.js",
                     "site/search-data.js", "site/style.css"] {
            #expect(files[path] != nil, "\(path) is not generated")
        }
        // No role code set in the mini standard: no role pages, and nothing links to them.
        #expect(!files.keys.contains { $0.hasPrefix("roles") || $0.hasPrefix("site/roles") })
        let exports = DocumentationGenerator.exportsFolder + "/"
        #expect(files.filter { !$0.key.hasPrefix(exports) }.values.allSatisfy { $0.contains(DocumentationGenerator.stamp(version: "0.1.0")) })
        // The pages link their exports; the mini's maps say `licence: none`, which SSSOM cannot
        // state, so they have a ConceptMap but no mapping set, and no link to one.
        #expect(files["code-sets/csww.gender.md"]?.contains("](../site/exports/fhir/CodeSystem-csww.gender-2022.json)") == true)
        #expect(files["site/maps/harmonised.sex--csww.gender.html"]?.contains("href=\"../exports/fhir/ConceptMap-harmonised.sex--csww.gender.json\"") == true)
        #expect(files["\(exports)fhir/ConceptMap-harmonised.sex--csww.gender.json"] != nil)
        #expect(!files.keys.contains { $0.hasPrefix(exports + "sssom/") })
        #expect(files["maps/harmonised.sex--csww.gender.md"]?.contains("sssom") == false)
        #expect(!files.values.contains { $0.range(of: #"20[0-9]{2}-[01][0-9]-[0-3][0-9]T"#, options: .regularExpression) != nil }, "a timestamp crept in")
        let broken = LinkChecker(files: files).brokenLinks()
        #expect(broken.isEmpty, "broken: \(broken)")

        let item = try #require(files["items/P104.md"])
        #expect(item.contains("The sex of the person."))
        #expect(item.contains("[`GenderCurrent`](../coverage.md#f-csww-GenderCurrent)"))
        #expect(item.contains("[`harmonised.sex--csww.gender`](../maps/harmonised.sex--csww.gender.md)"))
        #expect(item.contains("| [`U`](../code-sets/harmonised.sex.md#c-U) | Not known | [`0`](../code-sets/csww.gender.md#c-0) (broader), [`9`](../code-sets/csww.gender.md#c-9) (broader) |"))
        let html = try #require(files["site/items/P104.html"])
        #expect(html.contains("<a href=\"../code-sets/harmonised.sex.html\"><code>harmonised.sex</code></a>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
    }

    @Test func textIsEscapedOnceInEachRendering() throws {
        let scratch = try ScratchStandard()
        defer { scratch.remove() }
        try scratch.edit("Standards/items/person.txt") {
            $0.replacingOccurrences(of: "The date the person was born.", with: "Born <b>on</b> a *date* | [x](y) & R&D, $1 and $2.")
        }
        let files = DocumentationGenerator.files(for: try Registry.load(from: scratch.root))
        let markdown = try #require(files["items/P101.md"])
        #expect(markdown.contains(#"Born \<b\>on\</b\> a \*date\* \| \[x\](y) & R\&D, \$1 and \$2."#))
        let html = try #require(files["site/items/P101.html"])
        #expect(html.contains("Born &lt;b&gt;on&lt;/b&gt; a *date* | [x](y) &amp; R&amp;D, $1 and $2."))
        let search = try #require(files["site/search-data.js"])
        #expect(search.contains(#"Born \u003Cb>on\u003C/b> a *date*"#))
    }

    @Test(arguments: [
        ("plain words", "plain words"),
        ("a|b", #"a\|b"#),
        ("*x* _y_ `z`", #"\*x\* \_y\_ \`z\`"#),
        ("ascwds_stored_value _x", #"ascwds_stored_value \_x"#),
        ("<br> & &amp; &#1;", #"\<br\> & \&amp; \&#1;"#),
        ("line\nbreak", "line<br>break"),
        ("~~gone~~ $x$", #"\~\~gone\~\~ \$x\$"#),
        (#"back\slash [link]"#, #"back\\slash \[link\]"#),
    ])
    func markdownEscaping(input: String, expected: String) {
        #expect(MarkdownRenderer.escape(input) == expected)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        ("a & \"b\"", "a &amp; &quot;b&quot;"),
        ("Ünïcode ✓", "Ünïcode ✓"),
    ])
    func htmlEscaping(input: String, expected: String) {
        #expect(HTMLRenderer.escape(input) == expected)
    }
}

// MARK: - helpers

extension ScratchStandard {
    /// A copy of some folders of `source` (the repository's standard without its build folders).
    init(copying source: URL, folders: [String]) throws {
        self = try ScratchStandard(copying: Paths.mini)
        for folder in ["Standards", "CodeSets"] { try FileManager.default.removeItem(at: root.appendingPathComponent(folder)) }
        for folder in folders {
            try FileManager.default.copyItem(at: source.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
    }
}

/// The text files under a folder, by path relative to it.
enum DocFiles {
    static func read(_ folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            files[relative] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        return files
    }
}

/// Walks every internal link of a set of Markdown and HTML files, anchors included. It reads
/// the files as a reader's browser or code host would, independently of the generator's model.
struct LinkChecker {
    let files: [String: String]

    /// Each broken link as `file: target (why)`, sorted.
    func brokenLinks() -> [String] {
        var anchorCache: [String: Set<String>] = [:]
        func anchors(of path: String) -> Set<String> {
            if let cached = anchorCache[path] { return cached }
            let text = files[path] ?? ""
            let found = Set(Self.attributeValues(in: text, names: ["id"]))
            anchorCache[path] = found
            return found
        }
        var broken: [String] = []
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let targets: [String]
            if path.hasSuffix(".md") {
                targets = Self.markdownTargets(in: text)
            } else if path.hasSuffix(".html") {
                targets = Self.attributeValues(in: text, names: ["href", "src", "action"])
            } else if path.hasSuffix("search-data.js") {
                targets = Self.searchTargets(in: text)
            } else {
                continue
            }
            let folder = (path as NSString).deletingLastPathComponent
            for target in targets where !Self.isExternal(target) {
                var rest = target
                if let query = rest.firstIndex(of: "?") {
                    let hash = rest[query...].firstIndex(of: "#")
                    rest = String(rest[..<query]) + (hash.map { String(rest[$0...]) } ?? "")
                }
                let parts = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = parts[0].isEmpty ? path : Self.resolve(String(parts[0]), from: folder)
                guard let resolved = file, files[resolved] != nil else {
                    broken.append("\(path): \(target) (no such file)")
                    continue
                }
                if parts.count == 2, !anchors(of: resolved).contains(String(parts[1])) {
                    broken.append("\(path): \(target) (no anchor \"\(parts[1])\" in \(resolved))")
                }
            }
        }
        return broken.sorted()
    }

    /// `a/b/../c` made plain, relative to the root; nil when it leaves the root.
    static func resolve(_ relative: String, from folder: String) -> String? {
        var parts = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/").map(String.init) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    static func isExternal(_ target: String) -> Bool {
        let lower = target.lowercased()
        return lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//") || lower.hasPrefix("mailto:")
            || lower.hasPrefix("data:") || lower.hasPrefix("ftp:")
    }

    /// Link targets of Markdown inline links `[text](target)`, skipping escaped brackets, plus
    /// the `href` and `id` of inline HTML.
    static func markdownTargets(in text: String) -> [String] {
        var targets: [String] = []
        let bytes = Array(text.utf8)
        var index = 1
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "]") && bytes[index + 1] == UInt8(ascii: "(") && bytes[index - 1] != UInt8(ascii: "\\") {
                var end = index + 2
                while end < bytes.count && bytes[end] != UInt8(ascii: ")") && bytes[end] != UInt8(ascii: " ") && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                targets.append(String(decoding: bytes[(index + 2)..<end], as: UTF8.self))
                index = end
            } else {
                index += 1
            }
        }
        return targets + attributeValues(in: text, names: ["href", "src"])
    }

    /// The link of each search entry: the last string of each `[kind, title, detail, link]` line.
    static func searchTargets(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("["), line.hasSuffix("\"]") || line.hasSuffix("\"],") else { return nil }
            let body = line.hasSuffix(",") ? line.dropLast(2) : line.dropLast()
            guard let open = body.dropLast().lastIndex(of: "\"") else { return nil }
            return String(body[body.index(after: open)..<body.index(before: body.endIndex)])
        }
    }

    /// Values of double-quoted attributes `name="value"` (entity `&amp;` decoded).
    static func attributeValues(in text: String, names: Set<String>) -> [String] {
        var values: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) {
            index = equals + 1
            guard equals + 1 < bytes.count, bytes[equals + 1] == UInt8(ascii: "\"") else { continue }
            var start = equals
            while start > 0 && (bytes[start - 1] >= UInt8(ascii: "a") && bytes[start - 1] <= UInt8(ascii: "z")) { start -= 1 }
            guard start > 0, bytes[start - 1] == UInt8(ascii: " "),
                  names.contains(String(decoding: bytes[start..<equals], as: UTF8.self)) else { continue }
            guard let close = bytes[(equals + 2)...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            values.append(String(decoding: bytes[(equals + 2)..<close], as: UTF8.self).replacingOccurrences(of: "&amp;", with: "&"))
            index = close + 1
        }
        return values
    }
}
