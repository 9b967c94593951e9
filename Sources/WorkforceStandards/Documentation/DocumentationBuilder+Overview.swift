/// The front page, the coverage and provenance pages and the search page.
extension DocumentationBuilder {
    func indexPage() -> DocPage {
        let standard = registry.standard
        var blocks: [DocBlock] = [
            .paragraph([.text("The harmonised workforce data standards for English local government: one set of data items and definitions, and one job role code set, so that a local authority can hold one role code against a post and still answer every national workforce collection in full.")]),
            .otherRendering,
            .properties([
                DocProperty("Name", Self.plain(standard.name)),
                DocProperty("Short name", Self.plain(standard.shortName)),
                DocProperty("Version", [.code(standard.version)]),
                DocProperty("Status", Self.plain(standard.status)),
                DocProperty("Publisher", Self.plain(standard.publisher)),
            ]),
            .note([.text("This is a reconstruction. The 2010 item list and role code set did not survive; they were rebuilt from the collections they harmonised. "),
                   .link("Provenance", DocLink(page: Self.provenancePage), code: false),
                   .text(" says what was reconstructed and where every code set comes from.")]),
            .heading(level: 2, text: "Contents", anchor: "contents"),
        ]
        var contents: [DocText] = [
            [.link("Data items", DocLink(page: Self.itemsPage), code: false),
             .text(": \(Self.count(registry.items.count, "item")), each with its definition, format, domain and where each collection uses it.")],
            [.link("Code sets", DocLink(page: Self.codeSetsPage), code: false),
             .text(": \(Self.count(registry.codeSets.count, "code set")), harmonised, collection and SOC, with status and years valid.")],
            [.link("Maps", DocLink(page: Self.mapsPage), code: false),
             .text(": \(Self.count(registry.maps.count, "typed map")) from one code set to another.")],
        ]
        if hasRoles {
            contents += [
                [.link("Roles", DocLink(page: Self.rolesPage), code: false),
                 .text(": \(Self.count(roles.count, "role")) in \(Self.count(majorGroups.count, "major group")), each with a profile, SOC2000, SOC2010 and SOC2020, and its code in every collection.")],
                [.link("Role matrix", DocLink(page: Self.roleMatrixPage), code: false), .text(": every role against every collection's role code set.")],
                [.link("Job titles", DocLink(page: Self.jobTitlesPage), code: false), .text(": the job role index, job titles as councils write them and the role each belongs to.")],
            ]
        }
        if hasSOC2000 {
            contents.append([.link("SOC2000", DocLink(page: Self.soc2000Page), code: false),
                             .text(": the ONS Standard Occupational Classification 2000 with crosswalks to SOC2010 and SOC2020 and the roles in each unit group.")])
        }
        if hasCoverage {
            contents.append([.link("Coverage", DocLink(page: Self.coveragePage), code: false),
                             .text(": every field of each collection and the harmonised item that answers it, or why none does.")])
        }
        contents.append([.link("Provenance", DocLink(page: Self.provenancePage), code: false),
                         .text(": what was reconstructed, and the source and licence of every code set and map.")])
        if !exports.files.isEmpty {
            contents.append([.text("Exports: every code set as an HL7 FHIR R5 CodeSystem and every map as a FHIR ConceptMap and an SSSOM mapping set, linked from its page, for terminology servers and mapping tools; "),
                             .code("wds export fhir --out-dir DIR"), .text(" and "), .code("wds export sssom --out-dir DIR"), .text(" write them all.")])
        }
        contents.append([.text("Search: the HTML site searches items, code sets, roles, job titles, fields and codes offline.")])
        blocks.append(.bulletList(contents))

        blocks.append(.heading(level: 2, text: "How to read it", anchor: "how-to-read"))
        blocks.append(.bulletList([
            [.strong("Data items"), .text(" have a stable reference (an entity letter and three digits, e.g. "), item("S510", withName: true),
             .text("), a name, a definition and a description. Their "), .strong("class"),
             .text(" is universal (every collection), common (more than one) or sector-specific (one); their "), .strong("status"),
             .text(" is draft, proposed, approved or retired; their "), .strong("version"), .text(" rises when the definition changes meaning.")],
            [.strong("Where used"), .text(" on an item's page lists each collection field it answers, with the collection's element or column name, its format, its code set and the map from the item's domain to it.")],
            [.strong("Code sets"), .text(" are named "), .code("<family>.<name>"),
             .text(": "), .code("harmonised"), .text(" sets are the domains of the items; "), .code("swf"), .text(", "), .code("ascwds"), .text(", "),
             .code("csww"), .text(" and "), .code("lges"), .text(" sets are the collections' own lists, kept with the years each code is valid; "),
             .code("soc"), .text(" sets are the ONS classifications.")],
            [.strong("Maps"), .text(" are typed as in HL7 FHIR ConceptMap R5: equivalent, narrower (source-is-narrower-than-target), broader (source-is-broader-than-target), related, not related, or explicitly unmatched with the reason. ONS crosswalks carry shares: the part of the source group that falls in the target.")],
            [.strong("Roles"), .text(" are the job role code set: six major groups derived from SOC2000, sub-groups and roles. A role's page gives its code in every collection; a role outside a collection's scope says so.")],
            [.strong("Sources"), .text(": these pages are generated by "), .code("wds docs"), .text(" from "), .code("Standards/"), .text(" and "),
             .code("CodeSets/"), .text("; edit those files, not these pages, and run "), .code("swift run wds docs"), .text(" to regenerate them.")],
        ]))

        blocks.append(.heading(level: 2, text: "Collections", anchor: "collections"))
        blocks.append(.table(DocTable(columns: ["Collection", "Run by", "Fields", "Answered by an item"], rows: CollectionID.allCases.map { collection in
            let fields = registry.fields[collection] ?? []
            let answered = fields.filter { itemByField[collection]?[$0.field] != nil }.count
            let name: DocInline = hasCoverage && !fields.isEmpty
                ? .link(collection.title, DocLink(page: Self.coveragePage, anchor: collectionAnchor(collection)), code: false)
                : .text(collection.title)
            return [[name], [.text(collection.collector)], [.text("\(fields.count)")], [.text("\(answered)")]]
        })))

        if !registry.standard.basedOn.isEmpty {
            blocks.append(.heading(level: 2, text: "Based on", anchor: "based-on"))
            blocks.append(.bulletList(registry.standard.basedOn.map { [.text($0)] }))
        }
        return DocPage(id: .index, title: standard.name.isEmpty ? "Workforce data standards" : standard.name, blocks: blocks)
    }

    func collectionAnchor(_ collection: CollectionID) -> String { "collection-\(collection.rawValue)" }

    // MARK: - coverage

    func coveragePage() -> DocPage {
        var blocks: [DocBlock] = [
            .paragraph([.text("Every field of each collection's return, as the collection names it, and the harmonised item that answers it. A field is in scope (an item answers it), derived (the projection computes it from other items) or out of scope (with the reason).")]),
            .table(DocTable(columns: ["Collection", "Fields", "In scope", "Derived", "Out of scope"], rows: CollectionID.allCases.compactMap { collection in
                guard let fields = registry.fields[collection] else { return nil }
                func number(_ scope: FieldScope) -> DocText { [.text("\(fields.filter { $0.scope == scope }.count)")] }
                return [[.link(collection.title, DocLink(page: Self.coveragePage, anchor: collectionAnchor(collection)), code: false)],
                        [.text("\(fields.count)")], number(.inScope), number(.derived), number(.outOfScope)]
            })),
        ]
        for collection in CollectionID.allCases {
            guard let fields = registry.fields[collection] else { continue }
            blocks.append(.heading(level: 2, text: "\(collection.title) (\(collection.rawValue))", anchor: collectionAnchor(collection)))
            blocks.append(.paragraph([.text("Run by \(collection.collector). \(Self.count(fields.count, "field")), in the collection's order.")]))
            // Catalogues that say which collection years each field is asked for get a Years column.
            let byYear = fields.contains { $0.years != nil }
            let rows: [[DocText]] = fields.map { field in
                var answer: DocText
                if let answering = itemByField[collection]?[field.field] {
                    answer = [item(answering.ref, withName: true)]
                    if let usage = answering.usages.first(where: { $0.collection == collection && $0.field == field.field }), let map = usage.map {
                        answer += [.text(" via "), self.map(map)]
                    }
                } else {
                    answer = field.reason.map(linked) ?? []
                }
                let row: [DocText] = [[.text(field.position)],
                                      [.anchor(DocAnchor.make("f-\(collection.rawValue)", field.field)), .code(field.field)],
                                      Self.plain(field.name), Self.plain(field.format),
                                      field.codes.map { [codeSet($0)] } ?? [],
                                      [.text(field.scope.rawValue)], answer]
                return byYear ? row + [Self.plain(field.years)] : row
            }
            let columns = ["#", "Field", "Name", "Format", "Codes", "Scope", "Answered by, or why not"] + (byYear ? ["Years"] : [])
            blocks.append(.table(DocTable(columns: columns, rows: rows)))
        }
        return DocPage(id: Self.coveragePage, title: "Coverage of the collections", blocks: blocks)
    }

    // MARK: - provenance

    func provenancePage() -> DocPage {
        let standard = registry.standard
        var blocks: [DocBlock] = [
            .paragraph([.text("What this standard was rebuilt from, and the source, licence and years of every code set and map. Each code set's page repeats its notes in full.")]),
            .heading(level: 2, text: "What was reconstructed", anchor: "reconstructed"),
        ]
        blocks += standard.provenance.isEmpty ? [.note([.text("Standards/standard.txt gives no provenance statement.")])] : prose(standard.provenance)
        if !standard.basedOn.isEmpty {
            blocks.append(.heading(level: 2, text: "Based on", anchor: "based-on"))
            blocks.append(.bulletList(standard.basedOn.map { [.text($0)] }))
        }
        blocks.append(.heading(level: 2, text: "Code sets", anchor: "code-sets"))
        blocks.append(.table(DocTable(columns: ["Code set", "Title", "Years", "Version", "Source", "Licence"], rows: registry.codeSets.map { set in
            [[codeSet(set.id)], Self.plain(set.title), Self.plain(set.provenance.years), Self.plain(set.provenance.version),
             Self.plain(set.provenance.source), Self.plain(set.provenance.licence)]
        })))
        blocks.append(.heading(level: 2, text: "Maps", anchor: "maps"))
        blocks.append(.table(DocTable(columns: ["Map", "Target version", "Source", "Licence"], rows: registry.maps.map { map in
            [[self.map(map.id)], Self.plain(map.targetVersion), Self.plain(map.provenance.source), Self.plain(map.provenance.licence)]
        })))
        let sourced = registry.items.filter { !$0.sources.isEmpty }
        if !sourced.isEmpty {
            blocks.append(.heading(level: 2, text: "Sources of item definitions", anchor: "item-sources"))
            blocks.append(.table(DocTable(columns: ["Item", "Sources"], rows: sourced.map { item in
                [[self.item(item.ref, withName: true)], Self.joined(item.sources.map { [.text($0)] }, separator: "; ")]
            })))
        }
        return DocPage(id: Self.provenancePage, title: "Provenance", blocks: blocks)
    }

    // MARK: - search

    func searchPage() -> DocPage {
        DocPage(id: Self.searchPage, title: "Search",
                blocks: [.paragraph([.text("Search data items, code sets, roles, job titles, collection fields and codes. Every word must start a word of the entry; the search runs in the browser, offline.")]),
                         .searchPanel],
                isHTMLOnly: true)
    }
}
