/// The list of data items and a page per item.
extension DocumentationBuilder {
    func itemsPage() -> DocPage {
        var blocks: [DocBlock] = [
            .paragraph([.text("\(Self.count(registry.items.count, "harmonised data item")), by entity. Class: universal (every collection), common (more than one), sector-specific (one).")]),
        ]
        if registry.items.isEmpty { blocks.append(.note([.text("Standards/items/ holds no items yet.")])) }
        for entity in Entity.allCases {
            let items = registry.items(entity: entity)
            guard !items.isEmpty else { continue }
            blocks.append(.heading(level: 2, text: Self.entityTitle(entity), anchor: "entity-\(entity.rawValue)"))
            blocks.append(.table(DocTable(columns: ["Ref", "Name", "Definition", "Class", "Status", "Type", "Collections"], rows: items.map { item in
                [[self.item(item.ref)], Self.plain(item.name), Self.plain(item.definition), [.text(item.itemClass.rawValue)],
                 [.text(item.status.rawValue)], [.text(item.kind == .aggregation ? "aggregation, \(item.format.type.rawValue)" : item.format.type.rawValue)],
                 Self.plain(item.collections.map(\.rawValue).joined(separator: ", "))]
            })))
        }
        return DocPage(id: Self.itemsPage, title: "Data items", blocks: blocks)
    }

    static func entityTitle(_ entity: Entity) -> String {
        switch entity {
        case .person: return "Person"
        case .organisation: return "Organisation"
        case .location: return "Location"
        case .post: return "Post (job)"
        case .contract: return "Contract of employment"
        case .serviceAgreement: return "Service agreement"
        case .pay: return "Pay and pay items"
        case .hours: return "Hours"
        case .absence: return "Absence"
        case .qualification: return "Qualification"
        case .registration: return "Registration"
        case .vacancy: return "Vacancy"
        }
    }

    func itemPage(_ item: DataItem) -> DocPage {
        var status: DocText = [.text(item.status.rawValue)]
        if let replacement = item.supersededBy { status += [.text(", superseded by "), self.item(replacement, withName: true)] }
        var properties = [
            DocProperty("Reference", [.code(item.ref.rawValue)]),
            DocProperty("Name", Self.plain(item.name)),
            DocProperty("Entity", [.link(Self.entityTitle(item.entity), DocLink(page: Self.itemsPage, anchor: "entity-\(item.entity.rawValue)"), code: false)]),
            DocProperty("Kind", [.text(item.kind.rawValue)]),
            DocProperty("Class", [.text(item.itemClass.rawValue)]),
            DocProperty("Status", status),
            DocProperty("Version", [.text("\(item.version)")]),
            DocProperty("Format", [.code(item.format.summary)]),
        ]
        if let column = item.column {
            // Post items are columns of the exchange format; the others, of the organisation file.
            properties.append(DocProperty(item.swiftName != nil ? "Exchange column" : "Organisation file column", [.code(column)]))
        }
        if let domain = item.domain {
            var value: DocText = [codeSet(domain)]
            if let set = registry.codeSet(domain) { value.append(.text(" \(set.title) (\(Self.count(set.codes.count, "code")))")) }
            properties.append(DocProperty("Domain", value))
        }
        properties.append(DocProperty("Collections", Self.plain(item.collections.map(\.title).joined(separator: "; "))))
        properties.append(DocProperty("Defined in", [.code("\(item.file):\(item.line)")]))

        var blocks: [DocBlock] = [.paragraph(linked(item.definition)), .properties(properties)]
        if let description = item.description, !description.isEmpty {
            blocks.append(.heading(level: 2, text: "Description", anchor: "description"))
            blocks += prose(description)
        }
        blocks.append(.heading(level: 2, text: "Where used", anchor: "where-used"))
        if item.usages.isEmpty {
            blocks.append(.note([.text("No collection asks for this item; it is kept for completeness.")]))
        } else {
            blocks.append(.table(DocTable(columns: ["Collection", "Element or column", "Collection's name", "Format", "Code set", "Code map", "Note"],
                                          rows: item.usages.map { usage in
                [[.text(usage.collection.title)], [field(usage.collection, usage.field)],
                 Self.plain(registry.field(usage.field, in: usage.collection)?.name), Self.plain(usage.format),
                 usage.codes.map { [codeSet($0)] } ?? [], usage.map.map { [map($0)] } ?? [], usage.note.map(linked) ?? []]
            })))
        }
        blocks += codeMap(for: item)
        if !item.sources.isEmpty {
            blocks.append(.heading(level: 2, text: "Sources", anchor: "sources"))
            blocks.append(.bulletList(item.sources.map { [.text($0)] }))
        }
        return DocPage(id: Self.itemPage(item.ref), title: "\(item.ref.rawValue) \(item.name)", trail: trail(itemsTrail), blocks: blocks)
    }

    /// The item's domain against the code set of every collection field it answers: each
    /// harmonised code and what it becomes in each collection.
    func codeMap(for item: DataItem) -> [DocBlock] {
        guard let domain = item.domain, let set = registry.codeSet(domain) else { return [] }
        var seen = Set<ConceptMapID>()
        let maps = item.usages.compactMap { $0.map.flatMap { registry.map($0) } }.filter { seen.insert($0.id).inserted }
        guard !maps.isEmpty else { return [] }
        let columns = ["Code", "Label"] + maps.map { map in
            let usage = item.usages.first { $0.map == map.id }
            return usage.map { "\($0.collection.rawValue.uppercased()) \($0.field) (\(map.targetVersion))" } ?? map.targetSet.rawValue
        }
        let rows: [[DocText]] = set.leafCodes.map { code in
            [[self.code(code.value, in: set.id)], Self.plain(code.label)]
                + maps.map { targets($0.elements(forSource: code.value), in: $0.targetSet) }
        }
        return [.heading(level: 2, text: "Code map", anchor: "code-map"),
                .paragraph([.text("Each code of "), codeSet(set.id), .text(" and the code each collection writes for it; the column heading names the field and the collection year or version the map is valid for.")]),
                .table(DocTable(columns: columns, rows: rows))]
    }
}
