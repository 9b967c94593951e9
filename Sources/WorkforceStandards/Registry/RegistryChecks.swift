import Foundation

/// Checks across files: references that must resolve, maps that must cover their source set,
/// collection fields that must be answered. Run after every file has been read.
extension RegistryLoader {
    mutating func checkAcrossFiles() {
        let sets = Dictionary(codeSets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mapsByID = Dictionary(maps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        if standard == nil {
            log.error("Standards/standard.txt", nil, "the standard has no standard.txt", hint: "see Standards/README.md")
        }
        checkMaps(sets)
        checkItems(sets, mapsByID)
        checkRecordModel()
        checkCatalogues(sets)
        checkProfiles(sets)
        checkIndexes(sets)
    }

    /// The names `wds generate` makes the record model from: unique columns and Swift names,
    /// and groups that exist and start with an item every entry can be keyed by.
    private mutating func checkRecordModel() {
        var columns: [String: ItemReference] = [:], names: [String: ItemReference] = [:]
        let groupsByID = Dictionary(groups.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for group in groups where groupsByID[group.id]?.line != group.line {
            log.error(group.file, group.line, "group \(group.id) is declared twice")
        }
        for item in items.sorted(by: { $0.ref < $1.ref }) {
            if let column = item.column {
                if let other = columns[column] { log.error(item.file, item.line, "column \(column) of \(item.ref) is also \(other)'s") }
                columns[column] = columns[column] ?? item.ref
            }
            guard let swiftName = item.swiftName else { continue }
            let scope: String
            if let id = item.group {
                guard let group = groupsByID[id] else {
                    log.error(item.file, item.line, "item \(item.ref) is in group \(id), which Standards/groups.txt does not declare")
                    continue
                }
                scope = group.typeName + "."
            } else {
                scope = ""
            }
            if let other = names[scope + swiftName] { log.error(item.file, item.line, "swift name \(scope + swiftName) of \(item.ref) is also \(other)'s") }
            names[scope + swiftName] = names[scope + swiftName] ?? item.ref
        }
        let repeating = groups.filter { $0.kind == .repeating }
        if repeating.count > RecordModelGenerator.mostRepeatingGroups, let last = repeating.last {
            log.error(last.file, last.line, "\(repeating.count) repeating groups; the exchange-format reader counts at most \(RecordModelGenerator.mostRepeatingGroups)")
        }
        for group in groups {
            if let other = names[group.swiftName] { log.error(group.file, group.line, "swift name \(group.swiftName) of group \(group.id) is also \(other)'s") }
            let members = items.filter { $0.group == group.id }.sorted { $0.ref < $1.ref }
            guard let key = members.first else {
                log.error(group.file, group.line, "group \(group.id) has no items", hint: "give its items `group: \(group.id)`")
                continue
            }
            if ![.text, .code, .identifier].contains(key.format.type) {
                log.error(key.file, key.line, "item \(key.ref) keys group \(group.id) (its lowest reference) but is not text, a code or an identifier")
            }
        }
    }

    static let indexColumns = ["recno", "title", "indexocc", "add", "ind", "see", "soc2000", "soc2010", "soc2020", "flag"]

    /// A job-title index: every SOC code must be a unit group of its version.
    private mutating func checkIndexes(_ sets: [CodeSetID: CodeSet]) {
        for file in indexFiles {
            let csv = MetadataCSV(text: file.text)
            guard csv.header == Self.indexColumns else {
                log.error(file.path, csv.headerLine, "header is \(csv.header.joined(separator: ","))", hint: "it must be \(Self.indexColumns.joined(separator: ","))")
                continue
            }
            _ = readProvenance(csv, file: file.path)
            let versions: [(Int, CodeSetID)] = [(6, "soc.soc2000"), (7, "soc.soc2010"), (8, "soc.soc2020")]
            for row in csv.rows {
                guard row.fields.count == csv.header.count else {
                    log.error(file.path, row.line, "\(row.fields.count) fields where the header has \(csv.header.count)")
                    continue
                }
                if row.fields[1].isEmpty { log.error(file.path, row.line, "index entry without a title") }
                for (column, set) in versions where !row.fields[column].isEmpty {
                    if let codes = sets[set], !(codes.code(row.fields[column]).map { codes.isLeaf($0.value) } ?? false) {
                        log.error(file.path, row.line, "\(csv.header[column]) \"\(row.fields[column])\" is not a unit group of \(set)")
                    }
                }
            }
        }
    }

    private mutating func checkMaps(_ sets: [CodeSetID: CodeSet]) {
        for map in maps {
            let source = sets[map.sourceSet], target = sets[map.targetSet]
            if source == nil {
                log.error(map.file, nil, "source set \"\(map.sourceSet)\" does not exist", hint: "add CodeSets/\(map.sourceSet.rawValue.replacingOccurrences(of: ".", with: "/")).csv or fix `source-set`")
            }
            if target == nil {
                log.error(map.file, nil, "target set \"\(map.targetSet)\" does not exist", hint: "add CodeSets/\(map.targetSet.rawValue.replacingOccurrences(of: ".", with: "/")).csv or fix `target-set`")
            }
            for element in map.elements {
                if let source, source.code(element.source) == nil {
                    log.error(map.file, element.line, "source code \"\(element.source)\" is not in \(map.sourceSet)")
                }
                if let target, let code = element.target, target.code(code) == nil {
                    log.error(map.file, element.line, "map target \"\(code)\" is not in \(map.targetSet)",
                              hint: "valid codes are in \(target.file)")
                }
            }
            // A code is either mapped or unmatched: FHIR's noMap and SSSOM's NoTermFound say
            // "nothing fits", which a match on another row would contradict.
            var matched = Set<String>()
            for element in map.elements where element.relationship != .unmatched { matched.insert(element.source) }
            for element in map.elements where element.relationship == .unmatched && matched.contains(element.source) {
                log.error(map.file, element.line, "source code \"\(element.source)\" has an unmatched row and a match",
                          hint: "remove the unmatched row, or the rows that map it")
            }
            if let source {
                let covered = map.sourceCodes
                for code in source.leafCodes where code.status == .current && !covered.contains(code.value) {
                    log.error(map.file, nil, "source code \"\(code.value)\" (\(code.label)) has no row",
                              hint: "map it, or add an `unmatched` row with a comment saying why")
                }
            }
        }
    }

    private mutating func checkItems(_ sets: [CodeSetID: CodeSet], _ mapsByID: [ConceptMapID: ConceptMap]) {
        var firstRef: [ItemReference: DataItem] = [:]
        let fieldKeys = Set(fields.map { "\($0.collection.rawValue) \($0.field)" })
        for item in items {
            if let first = firstRef[item.ref] {
                log.error(item.file, item.line, "duplicate item reference \(item.ref) (first defined at \(first.file):\(first.line))")
                continue
            }
            firstRef[item.ref] = item
        }
        for item in items {
            if item.status == .retired {
                if let next = item.supersededBy {
                    if firstRef[next] == nil { log.error(item.file, item.line, "item \(item.ref) is superseded by \(next), which does not exist") }
                } else {
                    log.error(item.file, item.line, "retired item \(item.ref) has no `superseded-by`", hint: "name the item that replaces it")
                }
            }
            if item.format.type == .code {
                if let domain = item.domain {
                    if let set = sets[domain] {
                        if set.family != .harmonised {
                            log.error(item.file, item.line, "item \(item.ref) has domain \(domain), a \(set.family.rawValue) set",
                                      hint: "an item's domain is a harmonised code set; the collection's set goes in `used-in ... codes=`")
                        }
                    } else {
                        log.error(item.file, item.line, "domain \"\(domain)\" of item \(item.ref) is not a code set")
                    }
                } else {
                    log.error(item.file, item.line, "coded item \(item.ref) has no `domain`", hint: "name its harmonised code set")
                }
            }
            for usage in item.usages {
                if !fieldKeys.contains("\(usage.collection.rawValue) \(usage.field)") {
                    log.error(item.file, usage.line, "\(usage.collection.rawValue) field \"\(usage.field)\" is not in Standards/collections/\(usage.collection.rawValue).csv",
                              hint: "check the spelling, or add the field to the catalogue")
                }
                if let codes = usage.codes, sets[codes] == nil {
                    log.error(item.file, usage.line, "code set \"\(codes)\" does not exist")
                }
                if let mapID = usage.map {
                    if let map = mapsByID[mapID] {
                        if let domain = item.domain, map.sourceSet != domain {
                            log.error(item.file, usage.line, "map \(mapID) starts from \(map.sourceSet), not the item's domain \(domain)")
                        }
                        if let codes = usage.codes, map.targetSet != codes {
                            log.error(item.file, usage.line, "map \(mapID) goes to \(map.targetSet), not \(codes)")
                        }
                    } else {
                        log.error(item.file, usage.line, "map \"\(mapID)\" does not exist",
                                  hint: "add CodeSets/maps/\(mapID.rawValue).csv")
                    }
                } else if item.domain != nil, usage.codes != nil {
                    log.error(item.file, usage.line, "coded usage \(usage.collection.rawValue) \(usage.field) has no `map=`",
                              hint: "name the map from \(item.domain!) to \(usage.codes!)")
                }
            }
        }
    }

    private mutating func checkCatalogues(_ sets: [CodeSetID: CodeSet]) {
        var usedBy: [String: [DataItem]] = [:]
        for item in items {
            for usage in item.usages { usedBy["\(usage.collection.rawValue) \(usage.field)", default: []].append(item) }
        }
        for field in fields {
            let file = "Standards/collections/\(field.collection.rawValue).csv"
            let users = usedBy["\(field.collection.rawValue) \(field.field)"] ?? []
            switch field.scope {
            case .inScope where users.isEmpty:
                log.error(file, field.line, "in-scope field \"\(field.field)\" is not named by any item's used-in",
                          hint: "add `used-in: \(field.collection.rawValue) \(field.field)` to the item that answers it, or mark it derived or out-of-scope with a reason")
            case .inScope where users.count > 1:
                log.error(file, field.line, "field \"\(field.field)\" is answered by \(users.count) items: \(users.map(\.ref.rawValue).joined(separator: ", "))",
                          hint: "exactly one item answers each field")
            case .derived, .outOfScope:
                if !users.isEmpty {
                    log.error(file, field.line, "field \"\(field.field)\" is \(field.scope.rawValue) but item \(users[0].ref) names it in used-in",
                              hint: "mark it in-scope, or drop the used-in")
                }
            default: break
            }
            if let codes = field.codes, sets[codes] == nil {
                log.error(file, field.line, "code set \"\(codes)\" of field \"\(field.field)\" does not exist")
            }
        }
    }

    private mutating func checkProfiles(_ sets: [CodeSetID: CodeSet]) {
        guard !profiles.isEmpty || sets["harmonised.role"] != nil else { return }
        guard let roles = sets["harmonised.role"] else {
            log.error(profileFiles.sorted().first ?? "CodeSets/harmonised", nil, "role profiles exist but CodeSets/harmonised/role.csv does not")
            return
        }
        var seen: [String: Int] = [:]
        for profile in profiles {
            let file = profileFiles.sorted().first ?? "CodeSets/harmonised/role-profiles.txt"
            if seen[profile.code] != nil {
                log.error(file, profile.line, "a second profile for role \(profile.code) (first on line \(seen[profile.code]!))")
            }
            seen[profile.code] = profile.line
            if roles.code(profile.code) == nil {
                log.error(file, profile.line, "profile for \(profile.code), which is not a code of harmonised.role")
            }
        }
        for role in roles.leafCodes where seen[role.value] == nil {
            log.error(roles.file, role.line, "role \(role.value) (\(role.label)) has no profile",
                      hint: "add a record with `code: \(role.value)` to a role profiles file")
        }
        checkExampleTitlesBelongToOneRole()
    }

    /// An example title is the title coder's evidence for its role, so a title that reads the
    /// same in two roles (after the coder's own normalisation) is a tie the coder cannot break
    /// and a contradiction a reader of the profiles cannot either. Within one role it is only a
    /// repeat, which costs nothing.
    private mutating func checkExampleTitlesBelongToOneRole() {
        var firstRoleOf: [String: (role: String, title: String, line: Int)] = [:]
        for example in exampleTitles {
            // The key a council's override table matches on: the coder's words, folded.
            let reading = TitleOverrides.key(example.title)
            guard !reading.isEmpty else { continue }
            guard let first = firstRoleOf[reading] else {
                firstRoleOf[reading] = (example.role, example.title, example.line)
                continue
            }
            if first.role != example.role {
                log.error(example.file, example.line,
                          "example title \"\(example.title)\" of role \(example.role) reads the same as \"\(first.title)\" of role \(first.role) (line \(first.line))",
                          hint: "keep the title in the one role whose profile names the work, or add the word that tells the two roles apart")
            }
        }
    }
}
