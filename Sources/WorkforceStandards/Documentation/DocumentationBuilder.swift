import Foundation

/// Builds the documentation's structure (``DocumentationSite``) from a registry.
///
/// Every page the registry can support is built, and nothing else: with no role code set
/// there are no role pages, and every link is made through a helper that checks its target
/// exists, falling back to plain text, so a partial standard still gives a site with no
/// broken links.
struct DocumentationBuilder: Sendable {
    let registry: Registry
    /// The leaf roles, in code order (``Registry/roles`` builds them on each call).
    let roles: [Role]
    let rolesBySOC2000: [String: [Role]]
    /// The codes that have a role page.
    let roleCodes: Set<String>
    /// The item answering each collection field.
    let itemByField: [CollectionID: [String: DataItem]]
    /// Items whose domain or whose used-in code set is a code set.
    let itemsBySet: [CodeSetID: [DataItem]]
    /// Whether the SOC2000 pages are built.
    let hasSOC2000: Bool
    /// The export files published with the site, which code set and map pages link.
    let exports: PublishedExports

    /// Makes a builder for `registry`, whose pages link the `exports` published with them.
    init(registry: Registry, exports: PublishedExports = .none) {
        self.registry = registry
        self.exports = exports
        roles = registry.roles
        rolesBySOC2000 = Dictionary(grouping: roles, by: \.soc2000)
        roleCodes = Set(roles.map(\.code))
        var byField: [CollectionID: [String: DataItem]] = [:]
        var bySet: [CodeSetID: [DataItem]] = [:]
        for item in registry.items {
            var sets: [CodeSetID] = item.domain.map { [$0] } ?? []
            for usage in item.usages {
                if byField[usage.collection]?[usage.field] == nil { byField[usage.collection, default: [:]][usage.field] = item }
                if let codes = usage.codes { sets.append(codes) }
            }
            var seen = Set<CodeSetID>()
            for set in sets where seen.insert(set).inserted { bySet[set, default: []].append(item) }
        }
        itemByField = byField
        itemsBySet = bySet
        hasSOC2000 = registry.codeSet(SOCVersion.soc2000.codeSetID) != nil
    }

    /// The whole site.
    func site() -> DocumentationSite {
        var pages: [DocPage] = []
        pages.append(indexPage())
        pages.append(itemsPage())
        pages += registry.items.parallelMap(itemPage)
        pages.append(codeSetsPage())
        pages += registry.codeSets.parallelMap(codeSetPage)
        pages.append(mapsPage())
        pages += registry.maps.parallelMap(mapPage)
        if hasRoles {
            pages.append(rolesPage())
            pages += roles.parallelMap(rolePage)
            pages.append(roleMatrixPage())
            pages.append(jobTitlesPage())
        }
        if hasSOC2000 {
            pages.append(soc2000Page())
            pages += soc2000MajorGroups.map(soc2000MajorPage)
        }
        if hasCoverage { pages.append(coveragePage()) }
        pages.append(provenancePage())
        pages.append(searchPage())
        pages.sort { $0.id < $1.id }
        return DocumentationSite(title: registry.standard.name, shortName: registry.standard.shortName,
                                 version: registry.standard.version, pages: pages, navigation: navigation,
                                 search: SearchIndex(builder: self).entries())
    }

    // MARK: - page ids

    static let itemsPage = DocPageID(name: "items")
    static let codeSetsPage = DocPageID(name: "code-sets")
    static let mapsPage = DocPageID(name: "maps")
    static let rolesPage = DocPageID(name: "roles")
    static let roleMatrixPage = DocPageID(name: "role-matrix")
    static let jobTitlesPage = DocPageID(name: "job-titles")
    static let soc2000Page = DocPageID(name: "soc2000")
    static let coveragePage = DocPageID(name: "coverage")
    static let provenancePage = DocPageID(name: "provenance")
    static let searchPage = DocPageID(name: "search")

    static func itemPage(_ ref: ItemReference) -> DocPageID { DocPageID(folder: "items", name: ref.rawValue) }
    static func codeSetPage(_ id: CodeSetID) -> DocPageID { DocPageID(folder: "code-sets", name: id.rawValue) }
    static func mapPage(_ id: ConceptMapID) -> DocPageID { DocPageID(folder: "maps", name: id.rawValue) }
    static func rolePage(_ code: String) -> DocPageID { DocPageID(folder: "roles", name: code) }
    static func soc2000MajorPage(_ major: String) -> DocPageID { DocPageID(folder: "soc2000", name: major) }

    static func codeAnchor(_ code: String) -> String { DocAnchor.make("c", code) }
    static func groupAnchor(_ code: String) -> String { DocAnchor.make("g", code) }

    var hasRoles: Bool { !roles.isEmpty }
    var hasCoverage: Bool { !registry.fields.isEmpty }

    /// The navigation bar: the list pages that exist, front page first.
    var navigation: [DocNavigationEntry] {
        var entries = [DocNavigationEntry(title: "Home", page: .index),
                       DocNavigationEntry(title: "Items", page: Self.itemsPage),
                       DocNavigationEntry(title: "Code sets", page: Self.codeSetsPage),
                       DocNavigationEntry(title: "Maps", page: Self.mapsPage)]
        if hasRoles {
            entries += [DocNavigationEntry(title: "Roles", page: Self.rolesPage),
                        DocNavigationEntry(title: "Role matrix", page: Self.roleMatrixPage),
                        DocNavigationEntry(title: "Job titles", page: Self.jobTitlesPage)]
        }
        if hasSOC2000 { entries.append(DocNavigationEntry(title: "SOC2000", page: Self.soc2000Page)) }
        if hasCoverage { entries.append(DocNavigationEntry(title: "Coverage", page: Self.coveragePage)) }
        entries.append(DocNavigationEntry(title: "Provenance", page: Self.provenancePage))
        return entries
    }

    func trail(_ entries: DocNavigationEntry...) -> [DocNavigationEntry] { entries }
    var itemsTrail: DocNavigationEntry { DocNavigationEntry(title: "Items", page: Self.itemsPage) }
    var codeSetsTrail: DocNavigationEntry { DocNavigationEntry(title: "Code sets", page: Self.codeSetsPage) }
    var mapsTrail: DocNavigationEntry { DocNavigationEntry(title: "Maps", page: Self.mapsPage) }
    var rolesTrail: DocNavigationEntry { DocNavigationEntry(title: "Roles", page: Self.rolesPage) }
    var soc2000Trail: DocNavigationEntry { DocNavigationEntry(title: "SOC2000", page: Self.soc2000Page) }

    // MARK: - links that check their target

    /// A link to an item, or its reference as code when there is no such item.
    func item(_ ref: ItemReference, withName: Bool = false) -> DocInline {
        guard let item = registry.item(ref) else { return .code(ref.rawValue) }
        return .link(withName ? "\(ref.rawValue) \(item.name)" : ref.rawValue, DocLink(page: Self.itemPage(ref)), code: false)
    }

    /// A link to a code set's page.
    func codeSet(_ id: CodeSetID) -> DocInline {
        registry.codeSet(id) == nil ? .code(id.rawValue) : .link(id.rawValue, DocLink(page: Self.codeSetPage(id)), code: true)
    }

    /// A link to a code's row on its set's page (a SOC2000 group's row on its SOC2000 page,
    /// a role to the role's own page).
    func code(_ value: String, in id: CodeSetID) -> DocInline {
        if id == RoleCodeSet.id && roleCodes.contains(value) { return .link(value, DocLink(page: Self.rolePage(value)), code: true) }
        guard let set = registry.codeSet(id), set.code(value) != nil else { return .code(value) }
        if id == SOCVersion.soc2000.codeSetID, let link = soc2000Link(value) { return .link(value, link, code: true) }
        return .link(value, DocLink(page: Self.codeSetPage(id), anchor: Self.codeAnchor(value)), code: true)
    }

    /// A link to a map's page.
    func map(_ id: ConceptMapID) -> DocInline {
        registry.map(id) == nil ? .code(id.rawValue) : .link(id.rawValue, DocLink(page: Self.mapPage(id)), code: true)
    }

    /// A link to a role's page.
    func role(_ code: String, withTitle: Bool = false) -> DocInline {
        guard let role = registry.role(RoleCode(code)) else { return .code(code) }
        return .link(withTitle ? "\(role.code) \(role.title)" : role.code, DocLink(page: Self.rolePage(role.code)), code: false)
    }

    /// The row of a SOC2000 group on its major group's page.
    func soc2000Link(_ code: String) -> DocLink? {
        guard hasSOC2000, let set = registry.codeSet(SOCVersion.soc2000.codeSetID), let group = set.code(code) else { return nil }
        let major = set.ancestors(of: group.value).last?.value ?? group.value
        let anchor = major == group.value ? nil : Self.groupAnchor(group.value)
        return DocLink(page: Self.soc2000MajorPage(major), anchor: anchor)
    }

    /// The row of a collection field on the coverage page.
    func fieldLink(_ collection: CollectionID, _ field: String) -> DocLink {
        DocLink(page: Self.coveragePage, anchor: DocAnchor.make("f-\(collection.rawValue)", field))
    }

    /// A link to a collection field's row, or its name as code when it is not catalogued.
    func field(_ collection: CollectionID, _ name: String) -> DocInline {
        guard registry.field(name, in: collection) != nil else { return .code(name) }
        return .link(name, fieldLink(collection, name), code: true)
    }

    // MARK: - wording shared by the pages

    /// A relationship in a word or two, for table cells.
    static func short(_ relationship: MapRelationship) -> String {
        switch relationship {
        case .equivalent: return "equivalent"
        case .sourceIsNarrowerThanTarget: return "narrower"
        case .sourceIsBroaderThanTarget: return "broader"
        case .relatedTo: return "related"
        case .notRelatedTo: return "not related"
        case .unmatched: return "unmatched"
        }
    }

    /// A share as a percentage with at most one decimal: `53.2%`, `100%`, `<0.1%`.
    static func percent(_ share: Double) -> String {
        let value = share * 100
        if value > 0 && value < 0.05 { return "<0.1%" }
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }

    /// Target codes of map rows as one cell: `2`, `0 (broader), 9 (broader)`, `2442 (90%)`.
    /// Equivalent rows without a share need no qualifier; anything else says how it matches.
    func targets(_ elements: [MapElement], in set: CodeSetID, reverse: Bool = false) -> DocText {
        var text: DocText = []
        for element in elements {
            let value = reverse ? element.source : element.target
            let relationship = reverse ? element.relationship.inverse : element.relationship
            let share = reverse ? element.reverseShare : element.share
            if !text.isEmpty { text.append(.text(", ")) }
            guard let value else {
                text.append(.emphasis(Self.isOutOfScope(element.comment) ? "out of scope" : "unmatched"))
                continue
            }
            text.append(code(value, in: set))
            var qualifiers: [String] = []
            if relationship != .equivalent { qualifiers.append(Self.short(relationship)) }
            if let share { qualifiers.append(Self.percent(share)) }
            if !qualifiers.isEmpty { text.append(.text(" (\(qualifiers.joined(separator: ", ")))")) }
        }
        return text
    }

    /// Whether an unmatched row says the concept is outside the collection (`out of scope: ...`).
    static func isOutOfScope(_ comment: String?) -> Bool {
        comment?.lowercased().hasPrefix("out of scope") ?? false
    }

    /// Free text with paragraphs and lists (an item's description, the provenance statement)
    /// as blocks: each line is a paragraph, and lines starting `- ` or `* ` make a list.
    /// References to items (`S506`) become links.
    func prose(_ text: String) -> [DocBlock] {
        var blocks: [DocBlock] = []
        var list: [DocText] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("- ") || line.hasPrefix("* ") {
                list.append(linked(String(line.dropFirst(2))))
                continue
            }
            if !list.isEmpty {
                blocks.append(.bulletList(list))
                list = []
            }
            if !line.isEmpty { blocks.append(.paragraph(linked(line))) }
        }
        if !list.isEmpty { blocks.append(.bulletList(list)) }
        return blocks
    }

    /// Authored text as inline runs: a span in backticks (as the standard's notes write
    /// column names) becomes code, and every reference to an existing item (a capital and
    /// three digits standing alone, `S506`) a link to the item's page.
    func linked(_ text: String) -> DocText {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        // An odd number of parts means the backticks pair up; otherwise they are literal.
        guard parts.count > 2, parts.count % 2 == 1 else { return linkedReferences(text) }
        var out: DocText = []
        for (index, part) in parts.enumerated() where !part.isEmpty {
            if index % 2 == 1 { out.append(.code(String(part))) } else { out += linkedReferences(String(part)) }
        }
        return out
    }

    private func linkedReferences(_ text: String) -> DocText {
        let bytes = Array(text.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isWordByte(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 }
        var out: DocText = []
        var start = 0, index = 0
        while index + 4 <= bytes.count {
            let candidate = bytes[index] >= 0x41 && bytes[index] <= 0x5A && isDigit(bytes[index + 1]) && isDigit(bytes[index + 2]) && isDigit(bytes[index + 3])
                && (index == 0 || !isWordByte(bytes[index - 1])) && (index + 4 == bytes.count || !isWordByte(bytes[index + 4]))
            // The slices below start and end at ASCII bytes, so they are whole characters.
            if candidate, let item = registry.item(ItemReference(String(decoding: bytes[index..<(index + 4)], as: UTF8.self))) {
                if start < index { out.append(.text(String(decoding: bytes[start..<index], as: UTF8.self))) }
                out.append(.link(item.ref.rawValue, DocLink(page: Self.itemPage(item.ref)), code: false))
                index += 4
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { out.append(.text(String(decoding: bytes[start...], as: UTF8.self))) }
        return out
    }

    /// Text, or an empty cell.
    static func plain(_ text: String?) -> DocText {
        guard let text, !text.isEmpty else { return [] }
        return [.text(text)]
    }

    /// Inline runs joined with a separator.
    static func joined(_ parts: [DocText], separator: String = ", ") -> DocText {
        var out: DocText = []
        for part in parts {
            if !out.isEmpty { out.append(.text(separator)) }
            out += part
        }
        return out
    }

    /// A count with its noun, `1 code`, `3 codes`.
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
    }
}
