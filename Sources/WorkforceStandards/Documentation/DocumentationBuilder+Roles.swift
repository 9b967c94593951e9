/// The role code set: the list of roles, a page per role, the role x collection matrix, the
/// job title index and the SOC2000 pages with their crosswalks.
extension DocumentationBuilder {
    /// The role code set's major groups (`G1`..`G6`), in code order.
    var majorGroups: [Code] { registry.roleGroups.filter { $0.parent == nil } }

    /// The collection code sets roles are mapped to, with the map, in display order.
    var roleMaps: [ConceptMap] {
        RoleCodeSet.collectionSets.compactMap { registry.map(from: RoleCodeSet.id, to: $0) }
    }

    func rolesPage() -> DocPage {
        let groups = registry.roleGroups
        var blocks: [DocBlock] = [
            .paragraph([.text("The harmonised job role code set: \(Self.count(roles.count, "role")) in \(Self.count(majorGroups.count, "major group")) derived from SOC2000. Hold one role code against a post; its page gives the role's code in every collection. The "),
                        .link("role matrix", DocLink(page: Self.roleMatrixPage), code: false), .text(" shows them all at once, and the "),
                        .link("job title index", DocLink(page: Self.jobTitlesPage), code: false), .text(" finds a role from a job title.")]),
        ]
        for major in majorGroups {
            blocks.append(.heading(level: 2, text: "\(major.value) \(major.label)", anchor: Self.groupAnchor(major.value)))
            let direct = roles.filter { $0.majorGroup.value == major.value && $0.subGroup.value == major.value }
            if !direct.isEmpty { blocks.append(.table(roleTable(direct))) }
            for sub in groups where sub.parent == major.value {
                blocks.append(.heading(level: 3, text: "\(sub.value) \(sub.label)", anchor: Self.groupAnchor(sub.value)))
                let members = roles.filter { $0.subGroup.value == sub.value }
                blocks.append(members.isEmpty ? .note([.text("No roles in this sub-group.")]) : .table(roleTable(members)))
            }
        }
        return DocPage(id: Self.rolesPage, title: "Roles", blocks: blocks)
    }

    private func roleTable(_ members: [Role]) -> DocTable {
        DocTable(columns: ["Role", "Title", "Status", "SOC2000", "SOC2010", "SOC2020", "Example titles"], rows: members.map { role in
            [[self.role(role.code)], Self.plain(role.title), [.text(role.status.rawValue)],
             role.soc2000.isEmpty ? [] : [code(role.soc2000, in: SOCVersion.soc2000.codeSetID)],
             role.soc2010.map { [code($0, in: SOCVersion.soc2010.codeSetID)] } ?? [],
             role.soc2020.map { [code($0, in: SOCVersion.soc2020.codeSetID)] } ?? [],
             Self.plain(role.profile.map { $0.exampleTitles.prefix(3).joined(separator: "; ") })]
        })
    }

    /// A SOC unit group with its title and, when given, the share that goes to it.
    private func socUnit(_ code: String?, _ version: SOCVersion, share: Double?) -> DocText {
        guard let code, !code.isEmpty else { return [.emphasis("not given")] }
        var text: DocText = [self.code(code, in: version.codeSetID)]
        if let title = registry.socGroup(SOCCode(code), version: version)?.title { text.append(.text(" \(title)")) }
        if let share { text.append(.text(" (\(Self.percent(share)) of the earlier unit group)")) }
        return text
    }

    func rolePage(_ role: Role) -> DocPage {
        var properties = [
            DocProperty("Code", [.code(role.code)]),
            DocProperty("Title", Self.plain(role.title)),
            DocProperty("Status", [.text(role.status.rawValue)]),
            DocProperty("Major group", [.link("\(role.majorGroup.value) \(role.majorGroup.label)", DocLink(page: Self.rolesPage, anchor: Self.groupAnchor(role.majorGroup.value)), code: false)]),
        ]
        if role.subGroup.value != role.majorGroup.value {
            properties.append(DocProperty("Sub-group", [.link("\(role.subGroup.value) \(role.subGroup.label)", DocLink(page: Self.rolesPage, anchor: Self.groupAnchor(role.subGroup.value)), code: false)]))
        }
        properties += [
            DocProperty("SOC2000", socUnit(role.soc2000, .soc2000, share: nil)),
            DocProperty("SOC2010", socUnit(role.soc2010, .soc2010, share: role.soc2010Share)),
            DocProperty("SOC2020", socUnit(role.soc2020, .soc2020, share: role.soc2020Share)),
        ]
        if let profile = role.profile, let registration = profile.registration {
            properties.append(DocProperty("Registration", Self.plain(registration)))
        }
        var blocks: [DocBlock] = []
        if let profile = role.profile { blocks.append(.paragraph([.text(profile.definition)])) }
        blocks.append(.properties(properties))

        blocks.append(.heading(level: 2, text: "Profile", anchor: "profile"))
        if let profile = role.profile {
            blocks.append(.heading(level: 3, text: "Typical tasks", anchor: "tasks"))
            blocks.append(.bulletList(profile.tasks.map { [.text($0)] }))
            blocks.append(.heading(level: 3, text: "Qualifications", anchor: "qualifications"))
            blocks.append(.bulletList(profile.qualifications.map { [.text($0)] }))
            blocks.append(.heading(level: 3, text: "Example job titles", anchor: "example-titles"))
            blocks.append(.bulletList(profile.exampleTitles.map { [.text($0)] }))
            blocks.append(.heading(level: 3, text: "Why these SOC codes", anchor: "soc-note"))
            blocks += prose(profile.socNote)
        } else {
            blocks.append(.note([.text("No profile has been written for this role yet.")]))
        }

        blocks.append(.heading(level: 2, text: "Code in each collection", anchor: "collections"))
        let translations = registry.collectionCodes(forRole: RoleCode(role.code))
        if translations.isEmpty {
            blocks.append(.note([.text("No map from the role code set to a collection exists yet.")]))
        } else {
            var rows: [[DocText]] = []
            for translation in translations {
                let set: DocText = [codeSet(translation.targetSet)]
                if translation.matches.isEmpty {
                    let reason = translation.unmatchedReason
                    rows.append([set, Self.plain(translation.targetVersion), [.emphasis(Self.isOutOfScope(reason) ? "out of scope" : "unmatched")],
                                 [], [.text(MapRelationship.unmatched.rawValue)], [], Self.plain(reason)])
                    continue
                }
                for match in translation.matches {
                    rows.append([set, Self.plain(translation.targetVersion), [code(match.code, in: translation.targetSet)], Self.plain(match.label),
                                 [.text(match.relationship.rawValue)], Self.plain(match.share.map(Self.percent)), Self.plain(match.comment)])
                }
            }
            blocks.append(.table(DocTable(columns: ["Code set", "Valid for", "Code", "Label", "Relationship", "Share", "Comment"], rows: rows)))
        }

        if !role.soc2000.isEmpty && hasSOC2000 {
            blocks.append(.heading(level: 2, text: "SOC crosswalk", anchor: "soc-crosswalk"))
            blocks.append(.paragraph([.text("Where the role's SOC2000 unit group "), code(role.soc2000, in: SOCVersion.soc2000.codeSetID),
                                      .text(" goes in the later classifications, with the ONS estimate of the share of the unit group that goes to each; SOC2020 is reached through SOC2010.")]))
            var rows: [[DocText]] = []
            for version in [SOCVersion.soc2010, .soc2020] {
                let chosenCode = version == .soc2010 ? role.soc2010 : role.soc2020
                let links = registry.socLinks(SOCCode(role.soc2000), from: .soc2000, to: version)
                // Small flows are counted, not listed, unless the role's own code is one of them.
                let listed = links.filter { ($0.share ?? 1) >= Self.smallestListedShare || $0.code == chosenCode }
                for link in listed {
                    rows.append([[.text(version.title)], [code(link.code, in: version.codeSetID)], Self.plain(link.title),
                                 [.text(link.relationship.rawValue)], Self.plain(link.share.map(Self.percent)),
                                 link.code == chosenCode ? [.strong("chosen")] : []])
                }
                if listed.count < links.count {
                    rows.append([[.text(version.title)], [.emphasis("\(links.count - listed.count) more")],
                                 [.text("each under \(Self.percent(Self.smallestListedShare))")], [], [], []])
                }
            }
            blocks.append(.table(DocTable(columns: ["Version", "Unit group", "Title", "Relationship", "Share", "Role's code"], rows: rows)))
        }
        return DocPage(id: Self.rolePage(role.code), title: "\(role.code) \(role.title)", trail: trail(rolesTrail), blocks: blocks)
    }

    // MARK: - matrix

    func roleMatrixPage() -> DocPage {
        let maps = roleMaps
        var blocks: [DocBlock] = [
            .paragraph([.text("Every role against the role code set of each collection. A cell gives the collection's code; the relationship follows when it is not equivalent (narrower: the role is one of several in the collection's code; broader: the role spans several codes). Out of scope means the collection does not count the role.")]),
        ]
        if maps.isEmpty { blocks.append(.note([.text("No map from the role code set to a collection exists yet.")])) }
        for major in majorGroups {
            let members = roles.filter { $0.majorGroup.value == major.value }
            guard !members.isEmpty else { continue }
            blocks.append(.heading(level: 2, text: "\(major.value) \(major.label)", anchor: Self.groupAnchor(major.value)))
            blocks.append(.table(DocTable(columns: ["Role", "Title"] + maps.map(\.targetSet.rawValue), rows: members.map { role in
                [[self.role(role.code)], Self.plain(role.title)] + maps.map { targets($0.elements(forSource: role.code), in: $0.targetSet) }
            })))
        }
        return DocPage(id: Self.roleMatrixPage, title: "Role x collection matrix", trail: trail(rolesTrail), blocks: blocks)
    }

    // MARK: - job titles

    func jobTitlesPage() -> DocPage {
        struct Entry { var title: String; var key: String; var role: Role }
        var entries: [Entry] = []
        for role in roles {
            for title in role.profile?.exampleTitles ?? [] {
                entries.append(Entry(title: title, key: title.lowercased(), role: role))
            }
        }
        entries.sort { $0.key != $1.key ? $0.key < $1.key : ($0.title != $1.title ? $0.title < $1.title : $0.role.code < $1.role.code) }
        var blocks: [DocBlock] = [
            .paragraph([.text("The job role index: \(Self.count(entries.count, "job title")) as they appear in council HR and payroll systems, alphabetically, each with the role it is coded to. It stands in for Volume 2 of the 2010 standard, which was never published.")]),
        ]
        var letters: [(String, [Entry])] = []
        for entry in entries {
            let first = entry.title.first.map { $0.isLetter ? String($0).uppercased() : "#" } ?? "#"
            if letters.last?.0 == first { letters[letters.count - 1].1.append(entry) } else { letters.append((first, [entry])) }
        }
        if letters.count > 1 {
            blocks.append(.paragraph(Self.joined(letters.map { [.link($0.0, DocLink(page: Self.jobTitlesPage, anchor: DocAnchor.make("letter", $0.0)), code: false)] }, separator: " ")))
        }
        for (letter, group) in letters {
            blocks.append(.heading(level: 2, text: letter, anchor: DocAnchor.make("letter", letter)))
            blocks.append(.table(DocTable(columns: ["Job title", "Role", "Major group"], rows: group.map { entry in
                [Self.plain(entry.title), [role(entry.role.code, withTitle: true)], Self.plain(entry.role.majorGroup.label)]
            })))
        }
        if entries.isEmpty { blocks.append(.note([.text("No role profile gives example titles yet.")])) }
        return DocPage(id: Self.jobTitlesPage, title: "Job title index", trail: trail(rolesTrail), blocks: blocks)
    }

    // MARK: - SOC2000

    var soc2000MajorGroups: [Code] {
        registry.codeSet(SOCVersion.soc2000.codeSetID)?.codes.filter { $0.parent == nil } ?? []
    }

    func soc2000Page() -> DocPage {
        let set = registry.codeSet(SOCVersion.soc2000.codeSetID)!
        let units = set.leafCodes
        var blocks: [DocBlock] = [
            .paragraph([.text("The ONS Standard Occupational Classification 2000, which the 2010 standard's role code set was derived from: \(Self.count(units.count, "unit group")) in \(Self.count(soc2000MajorGroups.count, "major group")). Each major group's page lists its unit groups with where they went in SOC2010 and SOC2020, the ONS estimate of the share that went to each, and the harmonised roles in them.")]),
            .paragraph([.text("SOC2000 is superseded: SOC2010 and SOC2020 are in "), codeSet(SOCVersion.soc2010.codeSetID), .text(" and "),
                        codeSet(SOCVersion.soc2020.codeSetID), .text(", and the crosswalks in "),
                        map(ConceptMapID(source: SOCVersion.soc2000.codeSetID, target: SOCVersion.soc2010.codeSetID)), .text(" and "),
                        map(ConceptMapID(source: SOCVersion.soc2010.codeSetID, target: SOCVersion.soc2020.codeSetID)),
                        .text(". The shares are estimates from dual-coded samples, not one-to-one maps.")]),
            .table(DocTable(columns: ["Major group", "Title", "Unit groups", "Roles"], rows: soc2000MajorGroups.map { major in
                let members = units.filter { set.ancestors(of: $0.value).last?.value == major.value }
                let roleCount = members.reduce(0) { $0 + (rolesBySOC2000[$1.value]?.count ?? 0) }
                return [[.link(major.value, DocLink(page: Self.soc2000MajorPage(major.value)), code: false)], Self.plain(major.label),
                        [.text("\(members.count)")], [.text("\(roleCount)")]]
            })),
        ]
        if !hasRoles { blocks.append(.note([.text("The role code set is not in this version of the standard, so no roles are shown.")])) }
        return DocPage(id: Self.soc2000Page, title: "SOC2000 and its crosswalks", blocks: blocks)
    }

    /// Below this share a later unit group is counted, not listed: the SOC2020 chain can fan a
    /// unit group out over dozens of small flows.
    static let smallestListedShare = 0.01

    func soc2000MajorPage(_ major: Code) -> DocPage {
        let set = registry.codeSet(SOCVersion.soc2000.codeSetID)!
        var blocks: [DocBlock] = [
            .paragraph([.text("Unit groups of SOC2000 major group \(major.value), with the SOC2010 and SOC2020 unit groups they went to (share of the SOC2000 unit group in brackets; flows under \(Self.percent(Self.smallestListedShare)) are counted, not listed) and the harmonised roles coded to them.")]),
        ]
        func crosswalk(_ unit: String, _ version: SOCVersion) -> DocText {
            let links = registry.socLinks(SOCCode(unit), from: .soc2000, to: version)
            let listed = links.filter { ($0.share ?? 1) >= Self.smallestListedShare }
            var text: DocText = []
            for link in listed {
                if !text.isEmpty { text.append(.lineBreak) }
                text += [code(link.code, in: version.codeSetID), .text(" \(link.title)" + (link.share.map { " (\(Self.percent($0)))" } ?? ""))]
            }
            if listed.count < links.count {
                if !text.isEmpty { text.append(.lineBreak) }
                text.append(.emphasis("and \(links.count - listed.count) smaller"))
            }
            return text
        }
        let columns = ["Unit group", "Title", "SOC2010", "SOC2020", "Harmonised roles"]
        // Walks the hierarchy instead of assuming major > sub-major > minor > unit, so a
        // group whose units hang one level higher still gets every unit an anchor.
        func describe(_ group: Code, level: Int) {
            let children = set.children(of: group.value)
            let leaves = children.filter { set.isLeaf($0.value) }
            if !leaves.isEmpty {
                blocks.append(.table(DocTable(columns: columns, rows: leaves.map { unit in
                    [[.anchor(Self.groupAnchor(unit.value)), .code(unit.value)], Self.plain(unit.label),
                     crosswalk(unit.value, .soc2010), crosswalk(unit.value, .soc2020),
                     Self.joined((rolesBySOC2000[unit.value] ?? []).map { [role($0.code, withTitle: true)] }, separator: "; ")]
                })))
            }
            for child in children where !set.isLeaf(child.value) {
                blocks.append(.heading(level: min(level, 6), text: "\(child.value) \(child.label)", anchor: Self.groupAnchor(child.value)))
                describe(child, level: level + 1)
            }
        }
        describe(major, level: 2)
        return DocPage(id: Self.soc2000MajorPage(major.value), title: "SOC2000 \(major.value) \(major.label)", trail: trail(soc2000Trail), blocks: blocks)
    }
}
