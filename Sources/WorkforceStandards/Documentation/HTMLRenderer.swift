/// Renders documentation pages as a static HTML site that works offline from `file://`:
/// relative links only, one shared style sheet, and a search that loads its data with a
/// plain `<script src>` (browsers refuse `fetch` on `file://`).
///
/// All text goes through ``escape(_:)`` and all script data through ``javaScriptString(_:)``;
/// nothing else in the documentation writes HTML or JavaScript.
package struct HTMLRenderer: Sendable {
    /// The site the pages belong to (navigation, stamp, search data).
    package let site: DocumentationSite

    /// The site's style sheet, relative to its root.
    package static let styleSheet = "style.css"
    /// The search script, relative to the site's root.
    package static let searchScript = "search.js"
    /// The search data (``searchDataScript()``), relative to the site's root.
    package static let searchData = "search-data.js"

    /// A renderer for the pages of `site`.
    package init(site: DocumentationSite) {
        self.site = site
    }

    /// The page as a complete HTML document.
    package func render(_ page: DocPage) -> String {
        let root = String(repeating: "../", count: page.id.depth)
        let stamp = DocumentationGenerator.stamp(version: site.version)
        var out = "<!DOCTYPE html>\n<!-- \(escape(stamp)) -->\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        out.reserveCapacity(8192)
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"wds docs\">\n"
        out += "<title>\(escape(page.title)) · \(escape(site.shortName.isEmpty ? site.title : site.shortName)) \(escape(site.version))</title>\n"
        out += "<link rel=\"stylesheet\" href=\"\(root)\(Self.styleSheet)\">\n</head>\n<body>\n"
        out += "<header class=\"site\">\n<a class=\"brand\" href=\"\(root)index.html\">\(escape(site.shortName.isEmpty ? site.title : site.shortName)) <span class=\"version\">\(escape(site.version))</span></a>\n<nav>"
        // The bar marks the page itself, or else the list page it belongs to.
        let section = site.navigation.contains { $0.page == page.id } ? page.id : page.trail.first?.page
        for entry in site.navigation where entry.page != .index {
            let current = entry.page == section
            out += "<a href=\"\(href(DocLink(page: entry.page), from: page.id))\"\(current ? " aria-current=\"page\"" : "")>\(escape(entry.title))</a>"
        }
        out += "</nav>\n"
        if !page.blocks.contains(where: { if case .searchPanel = $0 { return true } else { return false } }) {
            out += "<form class=\"search\" role=\"search\" action=\"\(root)search.html\" method=\"get\">"
            out += "<input type=\"search\" name=\"q\" placeholder=\"Search items, code sets, roles, job titles\" aria-label=\"Search\">"
            out += "<button type=\"submit\">Search</button></form>\n"
        }
        out += "</header>\n<main>\n"
        if page.id != .index {
            let trail = [DocNavigationEntry(title: "Home", page: .index)] + page.trail
            out += "<p class=\"trail\">" + trail.map { "<a href=\"\(href(DocLink(page: $0.page), from: page.id))\">\(escape($0.title))</a>" }.joined(separator: " › ") + "</p>\n"
        }
        out += "<h1>\(escape(page.title))</h1>\n"
        var needsSearch = false
        for block in page.blocks {
            if case .searchPanel = block { needsSearch = true }
            render(block, on: page, into: &out)
        }
        out += "</main>\n<footer>\(escape(DocumentationGenerator.visibleStamp(version: site.version)))</footer>\n"
        if needsSearch {
            out += "<script src=\"\(root)\(Self.searchData)\"></script>\n<script src=\"\(root)\(Self.searchScript)\"></script>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    private func render(_ block: DocBlock, on page: DocPage, into out: inout String) {
        switch block {
        case let .heading(level, text, anchor):
            let tag = "h\(max(2, min(level, 6)))"
            out += "<\(tag)\(anchor.map { " id=\"\($0)\"" } ?? "")>\(escape(text))</\(tag)>\n"
        case .paragraph(let text):
            out += "<p>" + inline(text, on: page) + "</p>\n"
        case .bulletList(let items):
            out += "<ul>\n"
            for item in items { out += "<li>" + inline(item, on: page) + "</li>\n" }
            out += "</ul>\n"
        case .properties(let properties):
            out += "<table class=\"properties\">\n<tbody>\n"
            for property in properties {
                out += "<tr><th scope=\"row\">\(escape(property.name))</th><td>\(inline(property.value, on: page))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        case .table(let table):
            out += "<div class=\"table\"><table>\n<thead><tr>"
            for column in table.columns { out += "<th scope=\"col\">\(escape(column))</th>" }
            out += "</tr></thead>\n<tbody>\n"
            for row in table.rows {
                out += "<tr>"
                for cell in row { out += "<td>" + inline(cell, on: page) + "</td>" }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
        case .note(let text):
            out += "<p class=\"note\">" + inline(text, on: page) + "</p>\n"
        case .searchPanel:
            out += "<form class=\"search-panel\" role=\"search\" action=\"search.html\" method=\"get\">"
            out += "<input id=\"search-query\" type=\"search\" name=\"q\" autofocus placeholder=\"Social worker, S510, ethnicity ...\" aria-label=\"Search\">"
            out += "<button type=\"submit\">Search</button></form>\n"
            out += "<p id=\"search-status\" aria-live=\"polite\"></p>\n<ol id=\"search-results\"></ol>\n"
            out += "<noscript><p class=\"note\">The search needs JavaScript; the lists of items, code sets and roles work without it.</p></noscript>\n"
        case .otherRendering:
            break
        }
    }

    private func inline(_ text: DocText, on page: DocPage) -> String {
        var out = ""
        for run in text {
            switch run {
            case .text(let value): out += escape(value)
            case .code(let value): out += "<code>" + escape(value) + "</code>"
            case .strong(let value): out += "<strong>" + escape(value) + "</strong>"
            case .emphasis(let value): out += "<em>" + escape(value) + "</em>"
            case let .link(label, target, isCode):
                let body = isCode ? "<code>" + escape(label) + "</code>" : escape(label)
                out += "<a href=\"\(href(target, from: page.id))\">\(body)</a>"
            case let .file(label, path):
                out += "<a href=\"\(escape(String(repeating: "../", count: page.id.depth) + path))\"><code>\(escape(label))</code></a>"
            case .anchor(let id): out += "<span id=\"\(id)\"></span>"
            case .lineBreak: out += "<br>"
            }
        }
        return out
    }

    /// The relative link from page `from` to `target`.
    func href(_ target: DocLink, from: DocPageID) -> String {
        let anchor = target.anchor.map { "#" + $0 } ?? ""
        if target.page == from && target.anchor != nil { return anchor }
        return String(repeating: "../", count: from.depth) + target.page.htmlFile + anchor
    }

    // MARK: - the search data

    /// `search-data.js`: the search entries as `window.WDS_SEARCH`, with links relative to the
    /// site's root (where `search.html` is).
    package func searchDataScript() -> String {
        var out = "/* \(DocumentationGenerator.stamp(version: site.version)) */\n"
        out += "window.WDS_SEARCH = {\n\"kinds\": ["
        out += SearchEntry.Kind.allCases.map { javaScriptString($0.rawValue) }.joined(separator: ", ")
        out += "],\n\"entries\": [\n"
        let kinds = SearchEntry.Kind.allCases
        for (index, entry) in site.search.enumerated() {
            out += "[\(kinds.firstIndex(of: entry.kind)!), \(javaScriptString(entry.title)), \(javaScriptString(entry.detail)), "
            out += javaScriptString(href(entry.link, from: DocumentationBuilder.searchPage)) + "]"
            out += index == site.search.count - 1 ? "\n" : ",\n"
        }
        out += "]\n};\n"
        return out
    }

    // MARK: - escaping (the only places)

    /// Text made literal in HTML, in element content and in double- or single-quoted attributes.
    package func escape(_ text: String) -> String {
        Self.escape(text)
    }

    /// See ``escape(_:)``.
    package static func escape(_ text: String) -> String {
        guard text.containsByte(where: isSpecial) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27: return true  // & < > " '
        default: return false
        }
    }

    /// A JavaScript (and JSON) string literal: quotes, backslashes, control characters and the
    /// two line separators that end a line in older JavaScript are escaped, and `<` too so the
    /// data could be inlined in a page without closing its script element.
    package func javaScriptString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003C"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
