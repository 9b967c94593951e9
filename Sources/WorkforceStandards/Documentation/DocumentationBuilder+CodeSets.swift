/// The lists of code sets and maps, a page per code set and a page per map.
extension DocumentationBuilder {
    /// At most this many maps are shown as columns of a code set's table; more would make the
    /// table unreadable, and the Mappings section lists them all anyway.
    static let maximumMapColumns = 6

    static func familyTitle(_ family: CodeSetFamily) -> String {
        switch family {
        case .harmonised: return "Harmonised code sets (domains of the data items)"
        case .soc: return "Standard Occupational Classification (ONS)"
        case .swf, .ascwds, .csww, .lges: return family.collection?.title ?? family.rawValue
        }
    }

    /// The last part of a path.
    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Where the exports are and how to make them all, for the lists of code sets and maps.
    var exportsParagraph: DocBlock? {
        guard !exports.files.isEmpty else { return nil }
        return .paragraph([.text("Every code set is published as an HL7 FHIR R5 CodeSystem, and every map as a FHIR ConceptMap and an SSSOM mapping set: each page links its files. "),
                           .code("wds export fhir --out-dir DIR"), .text(" writes them all (with a CodeSystem version for every collection year, a ValueSet for each coded item and a Bundle holding everything) and "),
                           .code("wds export sssom --out-dir DIR"), .text(" every mapping set; "), .code("--base URL"), .text(" sets the base of the canonical URLs.")])
    }

    func codeSetsPage() -> DocPage {
        var blocks: [DocBlock] = [
            .paragraph([.text("\(Self.count(registry.codeSets.count, "code set")), by family. A code set's id is "), .code("<family>.<name>"),
                        .text(" and its file is "), .code("CodeSets/<family>/<name>.csv"), .text(".")]),
        ]
        if let exportsParagraph { blocks.append(exportsParagraph) }
        for family in CodeSetFamily.allCases {
            let sets = registry.codeSets.filter { $0.family == family }
            guard !sets.isEmpty else { continue }
            blocks.append(.heading(level: 2, text: Self.familyTitle(family), anchor: "family-\(family.rawValue)"))
            blocks.append(.table(DocTable(columns: ["Code set", "Title", "Element", "Years", "Codes", "Used by"], rows: sets.map { set in
                [[codeSet(set.id)], Self.plain(set.title), Self.plain(set.element), Self.plain(set.provenance.years),
                 [.text("\(set.codes.count)")], Self.joined((itemsBySet[set.id] ?? []).map { [item($0.ref)] })]
            })))
        }
        return DocPage(id: Self.codeSetsPage, title: "Code sets", blocks: blocks)
    }

    func codeSetPage(_ set: CodeSet) -> DocPage {
        let retired = set.codes.filter { $0.status == .retired }.count
        var properties = [
            DocProperty("Id", [.code(set.id.rawValue)]),
            DocProperty("Title", Self.plain(set.title)),
            DocProperty("Family", [.link(Self.familyTitle(set.family), DocLink(page: Self.codeSetsPage, anchor: "family-\(set.family.rawValue)"), code: false)]),
        ]
        if let element = set.element { properties.append(DocProperty("Element", Self.plain(element))) }
        if let years = set.provenance.years { properties.append(DocProperty("Years", Self.plain(years))) }
        if let version = set.provenance.version { properties.append(DocProperty("Version", Self.plain(version))) }
        properties += [
            DocProperty("Codes", [.text("\(set.codes.count) (\(set.codes.count - retired) current, \(retired) retired)")]),
            DocProperty("Source", Self.plain(set.provenance.source)),
            DocProperty("Licence", Self.plain(set.provenance.licence)),
            DocProperty("File", [.code(set.file)]),
        ]
        if let items = itemsBySet[set.id] {
            properties.append(DocProperty("Used by", Self.joined(items.map { [item($0.ref, withName: true)] })))
        }
        if set.id == RoleCodeSet.id && hasRoles {
            properties.append(DocProperty("Roles", [.link("the role pages", DocLink(page: Self.rolesPage), code: false)]))
        }
        if let file = exports.codeSystems[set.id] {
            var value: DocText = [.text("FHIR R5 CodeSystem "), .file(Self.fileName(file), path: file)]
            if FHIRExport.collectionYears(of: set).count > 1 {
                value.append(.text(" (its latest collection year; "))
                value.append(.code("wds export fhir"))
                value.append(.text(" writes one version per year)"))
            }
            properties.append(DocProperty("Export", value))
        }
        var blocks: [DocBlock] = [.properties(properties)]
        if !set.provenance.notes.isEmpty {
            blocks.append(.heading(level: 2, text: "Notes", anchor: "notes"))
            blocks.append(.bulletList(set.provenance.notes.map(linked)))
        }

        // Maps become columns: outgoing ones show the target codes, incoming ones the
        // source codes that land here (read backwards, with the reverse share).
        let outgoing = registry.maps(from: set.id), incoming = registry.maps(to: set.id)
        let related = outgoing.map { ($0, false) } + incoming.map { ($0, true) }
        let columns = related.count <= Self.maximumMapColumns ? related : []
        var header = ["Code", "Label", "Status", "Years valid", "Parent"] + set.extraColumns
        header += columns.map { map, reverse in reverse ? "from \(map.sourceSet.rawValue)" : "to \(map.targetSet.rawValue)" }
        let isRoleSet = set.id == RoleCodeSet.id && hasRoles
        let rows: [[DocText]] = set.codes.map { code in
            var label = Self.plain(code.label)
            if isRoleSet && set.isLeaf(code.value) {
                label = [.link(code.label, DocLink(page: Self.rolePage(code.value)), code: false)]
            }
            var row: [DocText] = [[.anchor(Self.codeAnchor(code.value)), .code(code.value)], label, [.text(code.status.rawValue)],
                                  Self.plain(code.yearsValid), code.parent.map { [self.code($0, in: set.id)] } ?? []]
            row += set.extraColumns.map { Self.plain(code.attributes[$0]) }
            row += columns.map { map, reverse in
                reverse ? targets(map.elements(forTarget: code.value), in: map.sourceSet, reverse: true)
                    : targets(map.elements(forSource: code.value), in: map.targetSet)
            }
            return row
        }
        blocks.append(.heading(level: 2, text: "Codes", anchor: "codes"))
        if !columns.isEmpty {
            blocks.append(.paragraph([.text("The last columns give each code's counterparts in the code sets mapped to or from this one, with how this code relates to each when they are not equivalent (broader, narrower, related) and the ONS share where there is one.")]))
        }
        blocks.append(.table(DocTable(columns: header, rows: rows)))
        if !related.isEmpty {
            blocks.append(.heading(level: 2, text: "Mappings", anchor: "mappings"))
            blocks.append(.table(DocTable(columns: ["Map", "Direction", "Other code set", "Valid for", "Rows"], rows: related.map { map, reverse in
                [[self.map(map.id)], [.text(reverse ? "from" : "to")], [codeSet(reverse ? map.sourceSet : map.targetSet)],
                 Self.plain(map.targetVersion), [.text("\(map.elements.count)")]]
            })))
        }
        return DocPage(id: Self.codeSetPage(set.id), title: "\(set.id.rawValue) \(set.title)", trail: trail(codeSetsTrail), blocks: blocks)
    }

    func mapsPage() -> DocPage {
        var blocks: [DocBlock] = [
            .paragraph([.text("\(Self.count(registry.maps.count, "map")) from one code set to another. A map's id is "), .code("<source set>--<target set>"),
                        .text("; every leaf code of its source set has at least one row, a match or an explicit unmatched.")]),
        ]
        if let exportsParagraph { blocks.append(exportsParagraph) }
        if !registry.maps.isEmpty {
            blocks.append(.table(DocTable(columns: ["Map", "Title", "From", "To", "Valid for", "Rows"], rows: registry.maps.map { map in
                [[self.map(map.id)], Self.plain(map.title), [codeSet(map.sourceSet)], [codeSet(map.targetSet)],
                 Self.plain(map.targetVersion), [.text("\(map.elements.count)")]]
            })))
        }
        return DocPage(id: Self.mapsPage, title: "Maps", blocks: blocks)
    }

    func mapPage(_ map: ConceptMap) -> DocPage {
        var counts: [MapRelationship: Int] = [:]
        for element in map.elements { counts[element.relationship, default: 0] += 1 }
        let summary = MapRelationship.allCases.compactMap { relationship in counts[relationship].map { "\(relationship.rawValue) \($0)" } }
        var properties = [
            DocProperty("Id", [.code(map.id.rawValue)]),
            DocProperty("Title", Self.plain(map.title)),
            DocProperty("From", [codeSet(map.sourceSet)] + Self.plain(registry.codeSet(map.sourceSet).map { " \($0.title)" })),
            DocProperty("To", [codeSet(map.targetSet)] + Self.plain(registry.codeSet(map.targetSet).map { " \($0.title)" })),
            DocProperty("Valid for", Self.plain(map.targetVersion)),
            DocProperty("Rows", [.text("\(map.elements.count): \(summary.joined(separator: ", "))")]),
            DocProperty("Source", Self.plain(map.provenance.source)),
            DocProperty("Licence", Self.plain(map.provenance.licence)),
            DocProperty("File", [.code(map.file)]),
        ]
        if let version = map.provenance.version { properties.insert(DocProperty("Version", Self.plain(version)), at: 5) }
        var exported: DocText = []
        if let file = exports.conceptMaps[map.id] {
            exported += [.text("FHIR R5 ConceptMap "), .file(Self.fileName(file), path: file)]
        }
        if let file = exports.mappingSets[map.id] {
            exported += [.text(exported.isEmpty ? "SSSOM " : ", SSSOM "), .file(Self.fileName(file), path: file)]
        }
        if !exported.isEmpty { properties.append(DocProperty("Export", exported)) }
        var blocks: [DocBlock] = [.properties(properties)]
        if !map.provenance.notes.isEmpty {
            blocks.append(.heading(level: 2, text: "Notes", anchor: "notes"))
            blocks.append(.bulletList(map.provenance.notes.map(linked)))
        }
        let source = registry.codeSet(map.sourceSet), target = registry.codeSet(map.targetSet)
        blocks.append(.heading(level: 2, text: "Rows", anchor: "rows"))
        blocks.append(.table(DocTable(columns: ["Source", "Source label", "Relationship", "Target", "Target label", "Share", "Reverse share", "Comment"],
                                      rows: map.elements.map { element in
            [[code(element.source, in: map.sourceSet)], Self.plain(source?.code(element.source)?.label), [.text(element.relationship.rawValue)],
             element.target.map { [code($0, in: map.targetSet)] } ?? [],
             Self.plain(element.target.flatMap { target?.code($0)?.label }),
             Self.plain(element.share.map(Self.percent)), Self.plain(element.reverseShare.map(Self.percent)), element.comment.map(linked) ?? []]
        })))
        return DocPage(id: Self.mapPage(map.id), title: map.id.rawValue, trail: trail(mapsTrail), blocks: blocks)
    }
}
