/// The published documentation as a structure: pages made of headings, paragraphs, lists,
/// property tables and tables, with links between pages as typed targets.
///
/// ``DocumentationBuilder`` makes it from a ``Registry``; ``MarkdownRenderer`` and
/// ``HTMLRenderer`` turn it into text. Nothing in the model is markup: text is plain and the
/// renderers escape it, each in one place, so a label holding `|`, `<` or `*` cannot break a page.
package struct DocumentationSite: Sendable {
    /// The standard's name, used in page titles.
    package var title: String
    /// The standard's short name (`WDS`).
    package var shortName: String
    /// The version of the standard's data; it stamps every generated file instead of a date.
    package var version: String
    /// Every page, sorted by id.
    package var pages: [DocPage]
    /// The pages listed in every page's navigation bar, in display order.
    package var navigation: [DocNavigationEntry]
    /// What the offline search looks through.
    package var search: [SearchEntry]

    /// The page with this id, or nil.
    package func page(_ id: DocPageID) -> DocPage? {
        pages.first { $0.id == id }
    }
}

/// A page in the navigation bar.
package struct DocNavigationEntry: Sendable, Equatable {
    /// The link's text (`Items`).
    package var title: String
    /// The page it opens.
    package var page: DocPageID
}

/// Identifies a page: its path without extension, relative to the documentation root
/// (`index`, `items`, `items/P104`).
///
/// Paths hold only letters, digits, `.`, `_`, `-` and `/`, so they need no escaping in a
/// link and are the same on every file system that respects case.
package struct DocPageID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The path without extension.
    package let path: String

    /// The front page.
    package static let index = DocPageID(path: "index")

    /// How many folders deep the page is (`items/P104` is 1).
    package let depth: Int

    /// A page in `folder` named after `name`, made safe for a file name.
    init(folder: String? = nil, name: String) {
        let safe = DocAnchor.safe(name)
        path = folder.map { "\($0)/\(safe)" } ?? safe
        depth = folder == nil ? 0 : 1
    }

    private init(path: String) {
        self.path = path
        depth = 0
    }

    /// The Markdown file, relative to the documentation root: the front page is `README.md`
    /// so that a code host shows it when the folder is opened.
    package var markdownFile: String { self == .index ? "README.md" : path + ".md" }

    /// The HTML file, relative to the HTML site's root.
    package var htmlFile: String { self == .index ? "index.html" : path + ".html" }

    /// The path without extension.
    package var description: String { path }
    /// Pages sort by path.
    package static func < (lhs: DocPageID, rhs: DocPageID) -> Bool { lhs.path < rhs.path }
}

/// The target of an internal link: a page, and optionally a place on it.
package struct DocLink: Hashable, Sendable {
    /// The page linked to.
    package var page: DocPageID
    /// An anchor that the target page defines (a heading's anchor or a ``DocInline/anchor(_:)``).
    package var anchor: String?

    /// A link to `page`, or to `anchor` on it.
    package init(page: DocPageID, anchor: String? = nil) {
        self.page = page
        self.anchor = anchor
    }
}

/// A run of text inside a paragraph, a list item or a table cell.
package enum DocInline: Sendable, Equatable {
    /// Plain text.
    case text(String)
    /// Text shown as code (codes, ids, file names).
    case code(String)
    /// Strong emphasis.
    case strong(String)
    /// Light emphasis (notes, "not mapped").
    case emphasis(String)
    /// A link to another page or a place on this one; the text is shown as code when `code`.
    case link(String, DocLink, code: Bool)
    /// A link to a file published with the HTML site (an export), shown as code; `path` is
    /// relative to the site's root (`exports/fhir/CodeSystem-harmonised.sex.json`).
    case file(String, path: String)
    /// An invisible target that links can point at (a table row).
    case anchor(String)
    /// A line break inside the same paragraph or cell.
    case lineBreak
}

/// A paragraph's worth of inline runs.
package typealias DocText = [DocInline]

/// One name and value of a property table.
package struct DocProperty: Sendable {
    /// What the value is (`Status`).
    package var name: String
    /// The value, which may hold links.
    package var value: DocText

    /// A property named `name` with `value`.
    package init(_ name: String, _ value: DocText) {
        self.name = name
        self.value = value
    }
}

/// A table with a header row.
package struct DocTable: Sendable {
    /// The header row.
    package var columns: [String]
    /// Rows of cells; each row has one cell per column.
    package var rows: [[DocText]]

    /// A table with these columns and rows.
    package init(columns: [String], rows: [[DocText]] = []) {
        self.columns = columns
        self.rows = rows
    }
}

/// A block of a page.
package enum DocBlock: Sendable {
    /// A heading of level 2 or more (level 1 is the page title), with a stable anchor.
    case heading(level: Int, text: String, anchor: String?)
    /// A paragraph of text.
    case paragraph(DocText)
    /// An unordered list, one item per element.
    case bulletList([DocText])
    /// Names and values, such as an item's class, status and version.
    case properties([DocProperty])
    /// A table with a header row.
    case table(DocTable)
    /// A remark set apart from the text (what is missing, how to read a table).
    case note(DocText)
    /// Where the HTML site puts its search box and results; other renderings leave it out.
    case searchPanel
    /// Where a rendering points to its other rendering (the Markdown front page to the HTML site).
    case otherRendering
}

/// One page of the documentation.
package struct DocPage: Sendable {
    /// Where the page lives (its path without extension).
    package var id: DocPageID
    /// The page's title, shown as its top heading.
    package var title: String
    /// The pages above this one, outermost first (the front page is implied).
    package var trail: [DocNavigationEntry]
    /// The page's content below its title, in order.
    package var blocks: [DocBlock]
    /// Whether the page exists only in the HTML site (the search page).
    package var isHTMLOnly: Bool

    init(id: DocPageID, title: String, trail: [DocNavigationEntry] = [], blocks: [DocBlock], isHTMLOnly: Bool = false) {
        self.id = id
        self.title = title
        self.trail = trail
        self.blocks = blocks
        self.isHTMLOnly = isHTMLOnly
    }
}

/// Anchors and file names made from codes, so that any code can be a link target.
enum DocAnchor {
    /// `prefix-value` where every character outside `[A-Za-z0-9]` of `value` is written as
    /// `_` and its hex code point: distinct values give distinct anchors (codes may differ
    /// only by punctuation), and the anchor needs no escaping in Markdown, HTML or a URL.
    static func make(_ prefix: String, _ value: String) -> String {
        prefix + "-" + encode(value, keepingDotAndHyphen: false)
    }

    /// A name made safe for a file name: letters, digits, `.` and `-` are kept.
    static func safe(_ name: String) -> String {
        let kept = encode(name, keepingDotAndHyphen: true)
        // A leading dot would hide the file or, as `..`, leave the folder.
        return kept.hasPrefix(".") ? "_2E" + kept.dropFirst() : kept
    }

    private static func encode(_ value: String, keepingDotAndHyphen: Bool) -> String {
        func isKept(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (keepingDotAndHyphen && (byte == 0x2E || byte == 0x2D))
        }
        // Codes are nearly always letters and digits already.
        if !value.containsByte(where: { !isKept($0) }) { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar.isASCII, let byte = UInt8(exactly: scalar.value), isKept(byte) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "_" + String(scalar.value, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

extension String {
    /// Whether any UTF-8 byte of the string satisfies `predicate`. It scans the contiguous
    /// bytes directly: in a debug build the generic `utf8.contains(where:)` costs several
    /// times more, and the escapers call this for every string of a thousand pages.
    func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        let scanned = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var index = 0
            while index < bytes.count {
                if predicate(bytes[index]) { return true }
                index += 1
            }
            return false
        }
        return scanned ?? utf8.contains(where: predicate)
    }
}
