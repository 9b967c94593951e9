/// Renders documentation pages as GitHub-flavoured Markdown that reads well on a code host:
/// relative links, tables, and headings whose anchors are given explicitly (`<a id>`), so
/// they do not move when a heading's wording changes.
///
/// All text goes through ``escape(_:)``; nothing else in the documentation writes Markdown.
package struct MarkdownRenderer: Sendable {
    /// The site the pages belong to (for the stamp).
    package let site: DocumentationSite

    /// A renderer for the pages of `site`.
    package init(site: DocumentationSite) {
        self.site = site
    }

    /// The page as Markdown, stamped at the top (as a comment) and at the foot.
    package func render(_ page: DocPage) -> String {
        var out = "<!-- \(DocumentationGenerator.stamp(version: site.version)) -->\n\n"
        out.reserveCapacity(4096)
        if page.id != .index {
            let trail = [DocNavigationEntry(title: "Home", page: .index)] + page.trail
            out += trail.map { "[\(escape($0.title))](\(href(DocLink(page: $0.page), from: page.id)))" }.joined(separator: " › ") + "\n\n"
        }
        out += "# \(escape(page.title))\n"
        for block in page.blocks {
            render(block, on: page, into: &out)
        }
        out += "\n---\n\n*\(escape(DocumentationGenerator.visibleStamp(version: site.version)))*\n"
        return out
    }

    private func render(_ block: DocBlock, on page: DocPage, into out: inout String) {
        switch block {
        case let .heading(level, text, anchor):
            out += "\n" + String(repeating: "#", count: max(2, min(level, 6))) + " "
            if let anchor { out += "<a id=\"\(anchor)\"></a>" }
            out += escape(text) + "\n"
        case .paragraph(let text):
            out += "\n" + guardLineStart(inline(text, on: page)) + "\n"
        case .bulletList(let items):
            out += "\n"
            for item in items { out += "- " + guardLineStart(inline(item, on: page)) + "\n" }
        case .properties(let properties):
            out += "\n| Property | Value |\n| --- | --- |\n"
            for property in properties {
                out += "| \(escape(property.name)) | \(inline(property.value, on: page)) |\n"
            }
        case .table(let table):
            out += "\n| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: table.columns.count) + "\n"
            for row in table.rows {
                out += "| "
                for (index, cell) in row.enumerated() {
                    if index > 0 { out += " | " }
                    out += inline(cell, on: page)
                }
                out += " |\n"
            }
        case .note(let text):
            out += "\n> " + inline(text, on: page) + "\n"
        case .searchPanel:
            break
        case .otherRendering:
            let link = DocLink(page: page.id)
            out += "\nThe same pages as an offline HTML site with search: [\(escape("site/" + page.id.htmlFile))](\(relativePrefix(page.id))site/\(link.page.htmlFile)).\n"
        }
    }

    /// Inline runs as Markdown on one line (line breaks become `<br>`, which also works in
    /// table cells).
    private func inline(_ text: DocText, on page: DocPage) -> String {
        var out = ""
        for run in text {
            switch run {
            case .text(let value): out += escape(value)
            case .code(let value): out += codeSpan(value)
            case .strong(let value): out += "**" + escape(value) + "**"
            case .emphasis(let value): out += "*" + escape(value) + "*"
            case let .link(label, target, isCode):
                out += "[" + (isCode ? codeSpan(label) : escape(label)) + "](" + href(target, from: page.id) + ")"
            case let .file(label, path):
                // The files live in the HTML site only, next to the Markdown pages' site/.
                out += "[" + codeSpan(label) + "](" + relativePrefix(page.id) + DocumentationGenerator.siteFolder + "/" + path + ")"
            case .anchor(let id): out += "<a id=\"\(id)\"></a>"
            case .lineBreak: out += "<br>"
            }
        }
        return out
    }

    /// The relative link from page `from` to `target`.
    func href(_ target: DocLink, from: DocPageID) -> String {
        let anchor = target.anchor.map { "#" + $0 } ?? ""
        if target.page == from && target.anchor != nil { return anchor }
        return relativePrefix(from) + target.page.markdownFile + anchor
    }

    private func relativePrefix(_ page: DocPageID) -> String {
        String(repeating: "../", count: page.depth)
    }

    // MARK: - escaping (the only place)

    /// Text made literal in Markdown: every character that could start emphasis, a link,
    /// code, HTML, a table cell, math or strikethrough is backslash-escaped, an `&` that could
    /// start an entity is escaped, and line breaks become `<br>`.
    package func escape(_ text: String) -> String {
        Self.escape(text)
    }

    /// See ``escape(_:)``.
    package static func escape(_ text: String) -> String {
        // Most labels need nothing: check the bytes first, which keeps a large site fast.
        guard text.containsByte(where: isSpecial) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        // Every special character is ASCII, so scalars are enough.
        let scalars = Array(text.unicodeScalars)
        func isWordCharacter(_ index: Int) -> Bool {
            index >= 0 && index < scalars.count && (scalars[index].properties.isAlphabetic || scalars[index].properties.numericType != nil)
        }
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "_" where isWordCharacter(index - 1) && isWordCharacter(index + 1):
                // Inside a word (`ascwds_stored_value`) an underscore never starts emphasis.
                out.unicodeScalars.append(scalar)
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "$", "~":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "&":
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                out += next.properties.isAlphabetic || next == "#" ? "\\&" : "&"
            case "\n": out += "<br>"
            case "\r": break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x7C, 0x24, 0x7E, 0x26, 0x0A, 0x0D: return true  // \ ` * _ [ ] < > | $ ~ & LF CR
        default: return false
        }
    }

    /// A code span that survives backticks and pipes in the code.
    private func codeSpan(_ value: String) -> String {
        var body = value
        if body.containsByte(where: { $0 == 0x0A || $0 == 0x7C }) {
            // A pipe ends a table cell even inside a code span unless escaped (GFM).
            body = body.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        }
        guard body.contains("`") else { return "`" + body + "`" }
        var fence = "``"
        while body.contains(fence) { fence += "`" }
        return fence + " " + body + " " + fence
    }

    /// Escapes what would turn the start of a paragraph or list item into a heading, quote,
    /// list, rule or setext underline (`# `, `> `, `- `, `+ `, `=`, `1. `).
    private func guardLineStart(_ line: String) -> String {
        guard let first = line.first else { return line }
        if "#>+-=".contains(first) { return "\\" + line }
        if first.isASCII && first.isNumber {
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            let rest = line.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")" {
                return digits + "\\" + rest
            }
        }
        return line
    }
}
