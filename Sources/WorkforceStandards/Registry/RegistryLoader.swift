import Foundation

/// Reads the standard's source files into model values, reporting every problem with its
/// file and line. It keeps going past bad rows, so one run shows every problem.
struct RegistryLoader {
    var log = DiagnosticLog()
    /// Whether to check row order too. Off for the embedded copy, whose files the test suite
    /// has already checked: sorting is a property of the files, not something a reader needs.
    var checksOrder = true
    /// Whether code sets, maps and role profiles are read on first use rather than now. On for
    /// the embedded copy only: its files are checked by the test suite, so reading them now
    /// would find nothing to report, and most uses need only a few of them.
    var readsLazily = false
    /// Role profile files left unread (`readsLazily`).
    var unreadProfileFiles: [SourceFile] = []
    var standard: StandardInfo?
    var items: [DataItem] = []
    var groups: [RecordGroup] = []
    var codeSets: [CodeSet] = []
    var maps: [ConceptMap] = []
    var fields: [CollectionField] = []
    var profiles: [RoleProfile] = []
    var profileFiles: Set<String> = []
    /// Every example title of the role profiles read, with its role, file and line, for the
    /// check that no two roles share a title the coder reads the same way.
    var exampleTitles: [(role: String, title: String, file: String, line: Int)] = []
    /// Job-title index files (`CodeSets/indexes/*.csv`), kept as text: the title coder parses
    /// them on its own first use, so loading the registry stays cheap.
    var indexFiles: [SourceFile] = []

    static let codeSetColumns = ["code", "label", "status", "from", "to", "parent"]
    static let mapColumns = ["source", "relationship", "target", "share", "reverse_share", "comment"]
    static let fieldColumns = ["field", "position", "name", "format", "codes", "scope", "reason"]

    mutating func read(_ file: SourceFile) {
        let parts = file.path.split(separator: "/").map(String.init)
        switch (parts.first, parts.count) {
        case ("Standards", 2) where parts[1] == "standard.txt":
            readStandard(file)
        case ("Standards", 2) where parts[1] == "groups.txt":
            readGroups(file)
        case ("Standards", 3) where parts[1] == "items" && file.path.hasSuffix(".txt"):
            readItems(file)
        case ("Standards", 3) where parts[1] == "collections" && file.path.hasSuffix(".csv"):
            readCatalogue(file, collectionName: String(parts[2].dropLast(4)))
        case ("CodeSets", 3) where parts[1] == "maps" && file.path.hasSuffix(".csv"):
            if readsLazily { readMapLazily(file, name: String(parts[2].dropLast(4))) } else { readMap(file, name: String(parts[2].dropLast(4))) }
        case ("CodeSets", 3) where parts[1] == "indexes" && file.path.hasSuffix(".csv"):
            indexFiles.append(file)
        case ("CodeSets", 3) where file.path.hasSuffix("-profiles.txt"):
            if readsLazily {
                profileFiles.insert(file.path)
                unreadProfileFiles.append(file)
            } else {
                readProfiles(file)
            }
        case ("CodeSets", 3) where file.path.hasSuffix(".csv"):
            if readsLazily {
                readCodeSetLazily(file, familyName: parts[1], name: String(parts[2].dropLast(4)))
            } else {
                readCodeSet(file, familyName: parts[1], name: String(parts[2].dropLast(4)))
            }
        default:
            log.warning(file.path, nil, "file is not part of the standard and was ignored",
                        hint: "see Standards/README.md and CodeSets/README.md for where files go")
        }
    }

    // MARK: - standard.txt

    mutating func readStandard(_ file: SourceFile) {
        let parsed = RecordFileParser.parse(file.text)
        report(parsed.problems, in: file.path)
        guard let record = parsed.records.first else {
            log.error(file.path, nil, "no record", hint: "write name, short-name, version, status, publisher and provenance")
            return
        }
        func required(_ key: String) -> String {
            if let value = record.value(key), !value.isEmpty { return value }
            log.error(file.path, record.line, "missing `\(key)`")
            return ""
        }
        standard = StandardInfo(name: required("name"), shortName: required("short-name"), version: required("version"),
                                status: required("status"), publisher: required("publisher"),
                                basedOn: record.values("based-on"), provenance: required("provenance"))
    }

    // MARK: - code sets

    mutating func readCodeSet(_ file: SourceFile, familyName: String, name: String) {
        guard let family = CodeSetFamily(rawValue: familyName) else {
            log.error(file.path, nil, "unknown code set folder \"\(familyName)\"",
                      hint: "valid: \(CodeSetFamily.allCases.map(\.rawValue).joined(separator: ", "))")
            return
        }
        let csv = MetadataCSV(text: file.text)
        report(csv.problems, in: file.path)
        guard checkHeader(csv, expected: Self.codeSetColumns, file: file.path) else { return }
        let provenance = readProvenance(csv, file: file.path)
        if let declared = csv.value("collection"), declared != familyName {
            log.error(file.path, csv.metadata.first { $0.key == "collection" }?.line,
                      "`collection: \(declared)` does not match the folder \"\(familyName)\"")
        }
        let title = requiredMetadata(csv, "title", file: file.path)
        let extras = Array(csv.header.dropFirst(Self.codeSetColumns.count))
        let codes = readCodes(csv, extras: extras, file: file)
        codeSets.append(CodeSet(id: CodeSetID("\(familyName).\(name)"), title: title, family: family,
                                element: csv.value("element"), provenance: provenance, codes: codes,
                                extraColumns: extras, file: file.path))
    }

    /// The codes of a code set file whose metadata and header have been read.
    mutating func readCodes(_ csv: MetadataCSV, extras: [String], file: SourceFile) -> [Code] {
        var codes: [Code] = []
        var firstLine: [String: Int] = [:]
        var previous: String?
        for row in csv.rows {
            guard row.fields.count == csv.header.count else {
                log.error(file.path, row.line, "\(row.fields.count) fields where the header has \(csv.header.count)",
                          hint: "quote fields that contain commas")
                continue
            }
            let f = row.fields
            let value = f[0]
            if value.isEmpty || value != value.trimmingSpaces() {
                log.error(file.path, row.line, "code \"\(value)\" is empty or has surrounding spaces")
                continue
            }
            if let first = firstLine[value] {
                log.error(file.path, row.line, "duplicate code \"\(value)\" (first defined on line \(first))",
                          hint: "each code appears once; give the second a different code or remove it")
                continue
            }
            firstLine[value] = row.line
            if checksOrder, let previous, NaturalOrder.compare(previous, value) > 0 {
                log.error(file.path, row.line, "code \"\(value)\" is out of order (it sorts before \"\(previous)\")",
                          hint: "rows are sorted by code in natural order")
            }
            previous = value
            if f[1].isEmpty { log.error(file.path, row.line, "code \"\(value)\" has no label") }
            guard let status = CodeStatus(rawValue: f[2]) else {
                log.error(file.path, row.line, "status \"\(f[2])\" of code \"\(value)\" is not valid", hint: "valid: current, retired")
                continue
            }
            let from = year(f[3], file: file.path, line: row.line, column: "from")
            let to = year(f[4], file: file.path, line: row.line, column: "to")
            if status == .retired && to == nil {
                log.error(file.path, row.line, "retired code \"\(value)\" has no `to` year", hint: "give the last collection year it was valid")
            }
            if let from, let to, from > to {
                log.error(file.path, row.line, "code \"\(value)\" is valid from \(from) to \(to)", hint: "`from` must not be after `to`")
            }
            var attributes: [String: String] = [:]
            for (offset, column) in extras.enumerated() where !f[6 + offset].isEmpty { attributes[column] = f[6 + offset] }
            codes.append(Code(value: value, label: f[1], status: status, validFrom: from, validTo: to,
                              parent: f[5].isEmpty ? nil : f[5], attributes: attributes, line: row.line))
        }
        for code in codes {
            if let parent = code.parent, firstLine[parent] == nil {
                log.error(file.path, code.line, "parent \"\(parent)\" of code \"\(code.value)\" is not a code of this set")
            }
        }
        return codes
    }

    /// Reads a code set's metadata and header now and its codes on first use (see `readsLazily`);
    /// a file whose head is not plain is read now.
    mutating func readCodeSetLazily(_ file: SourceFile, familyName: String, name: String) {
        guard let family = CodeSetFamily(rawValue: familyName), let head = MetadataCSV.head(of: file.text),
              Array(head.header.prefix(Self.codeSetColumns.count)) == Self.codeSetColumns else {
            readCodeSet(file, familyName: familyName, name: name)
            return
        }
        let provenance = readProvenance(head, file: file.path)
        let title = requiredMetadata(head, "title", file: file.path)
        let extras = Array(head.header.dropFirst(Self.codeSetColumns.count))
        codeSets.append(CodeSet(id: CodeSetID("\(familyName).\(name)"), title: title, family: family,
                                element: head.value("element"), provenance: provenance, extraColumns: extras,
                                file: file.path, readCodes: {
            var loader = RegistryLoader()
            loader.checksOrder = false
            return loader.readCodes(MetadataCSV(text: file.text), extras: extras, file: file)
        }))
    }

    // MARK: - maps

    mutating func readMap(_ file: SourceFile, name: String) {
        let csv = MetadataCSV(text: file.text)
        report(csv.problems, in: file.path)
        guard checkHeader(csv, expected: Self.mapColumns, file: file.path, allowExtras: false) else { return }
        let provenance = readProvenance(csv, file: file.path)
        let title = requiredMetadata(csv, "title", file: file.path)
        let source = CodeSetID(requiredMetadata(csv, "source-set", file: file.path))
        let target = CodeSetID(requiredMetadata(csv, "target-set", file: file.path))
        let targetVersion = requiredMetadata(csv, "target-version", file: file.path)
        let id = ConceptMapID(source: source, target: target)
        if id.rawValue != name {
            log.error(file.path, nil, "the file name says map \"\(name)\" but the metadata say \"\(id.rawValue)\"",
                      hint: "name the file <source-set>--<target-set>.csv")
        }
        let elements = readElements(csv, file: file)
        maps.append(ConceptMap(id: id, title: title, sourceSet: source, targetSet: target, targetVersion: targetVersion,
                               provenance: provenance, elements: elements, file: file.path))
    }

    /// The rows of a map file whose metadata and header have been read.
    mutating func readElements(_ csv: MetadataCSV, file: SourceFile) -> [MapElement] {
        var elements: [MapElement] = []
        var previous: (source: String, share: Double, target: String)?
        for row in csv.rows {
            guard row.fields.count == csv.header.count else {
                log.error(file.path, row.line, "\(row.fields.count) fields where the header has \(csv.header.count)",
                          hint: "quote fields that contain commas")
                continue
            }
            let f = row.fields
            guard let relationship = MapRelationship(rawValue: f[1]) else {
                log.error(file.path, row.line, "relationship \"\(f[1])\" is not valid",
                          hint: "valid: \(MapRelationship.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if f[0].isEmpty { log.error(file.path, row.line, "no source code"); continue }
            if relationship == .unmatched {
                if !f[2].isEmpty { log.error(file.path, row.line, "an unmatched row names target \"\(f[2])\"", hint: "leave `target` empty, or give a relationship") }
                if f[5].isEmpty { log.error(file.path, row.line, "unmatched source \"\(f[0])\" has no comment", hint: "say why nothing in the target set fits") }
            } else if f[2].isEmpty {
                log.error(file.path, row.line, "source \"\(f[0])\" is \(relationship.rawValue) to an empty target",
                          hint: "name the target code, or use `unmatched`")
                continue
            }
            let share = fraction(f[3], file: file.path, line: row.line, column: "share")
            let reverse = fraction(f[4], file: file.path, line: row.line, column: "reverse_share")
            let sortKey = (source: f[0], share: share ?? 0, target: f[2])
            if checksOrder, let previous {
                let order = NaturalOrder.compare(previous.source, sortKey.source)
                let outOfOrder = order > 0 || (order == 0 && (previous.share < sortKey.share
                    || (previous.share == sortKey.share && NaturalOrder.compare(previous.target, sortKey.target) > 0)))
                if outOfOrder {
                    log.error(file.path, row.line, "row \(f[0]) -> \(f[2].isEmpty ? "(unmatched)" : f[2]) is out of order",
                              hint: "sort by source (natural order), then share descending, then target")
                }
            }
            previous = sortKey
            elements.append(MapElement(source: f[0], relationship: relationship, target: f[2].isEmpty ? nil : f[2],
                                       share: share, reverseShare: reverse, comment: f[5].isEmpty ? nil : f[5], line: row.line))
        }
        return elements
    }

    /// Reads a map's metadata and header now and its rows on first use (see `readsLazily`); a
    /// file whose head is not plain is read now.
    mutating func readMapLazily(_ file: SourceFile, name: String) {
        guard let head = MetadataCSV.head(of: file.text), head.header == Self.mapColumns else {
            readMap(file, name: name)
            return
        }
        let provenance = readProvenance(head, file: file.path)
        let title = requiredMetadata(head, "title", file: file.path)
        let source = CodeSetID(requiredMetadata(head, "source-set", file: file.path))
        let target = CodeSetID(requiredMetadata(head, "target-set", file: file.path))
        let targetVersion = requiredMetadata(head, "target-version", file: file.path)
        maps.append(ConceptMap(id: ConceptMapID(source: source, target: target), title: title, sourceSet: source, targetSet: target,
                               targetVersion: targetVersion, provenance: provenance, file: file.path, readElements: {
            var loader = RegistryLoader()
            loader.checksOrder = false
            return loader.readElements(MetadataCSV(text: file.text), file: file)
        }))
    }

    // MARK: - collection catalogues

    mutating func readCatalogue(_ file: SourceFile, collectionName: String) {
        guard let collection = CollectionID(rawValue: collectionName) else {
            log.error(file.path, nil, "\"\(collectionName)\" is not a collection",
                      hint: "valid: \(CollectionID.allCases.map(\.rawValue).joined(separator: ", "))")
            return
        }
        let csv = MetadataCSV(text: file.text)
        report(csv.problems, in: file.path)
        guard checkHeader(csv, expected: Self.fieldColumns, file: file.path, allowExtras: true) else { return }
        _ = requiredMetadata(csv, "title", file: file.path)
        _ = readProvenance(csv, file: file.path)
        var seen: [String: Int] = [:]
        // The catalogue's years, and the optional `years` column of a field added or removed within them.
        let catalogueYears = csv.value("years").flatMap { Self.yearRange($0, within: nil) }
        if let text = csv.value("years"), catalogueYears == nil {
            log.error(file.path, nil, "`# years: \(text)` is not a year or a range of years", hint: "YYYY or YYYY-YYYY")
        }
        let yearsColumn = csv.header.firstIndex(of: "years")
        for row in csv.rows {
            guard row.fields.count == csv.header.count else {
                log.error(file.path, row.line, "\(row.fields.count) fields where the header has \(csv.header.count)")
                continue
            }
            let f = row.fields
            var years = catalogueYears
            var ownYears = false
            if let yearsColumn, !f[yearsColumn].isEmpty {
                if let own = Self.yearRange(f[yearsColumn], within: catalogueYears) {
                    years = own
                    ownYears = true
                } else {
                    log.error(file.path, row.line, "years \"\(f[yearsColumn])\" of field \"\(f[0])\" is not a range of years within the catalogue's",
                              hint: "YYYY, YYYY-YYYY, YYYY- (to the catalogue's last year) or -YYYY (from its first), within `# years:`")
                }
            }
            if let first = seen[f[0]] {
                log.error(file.path, row.line, "duplicate field \"\(f[0])\" (first on line \(first))")
                continue
            }
            seen[f[0]] = row.line
            guard let scope = FieldScope(rawValue: f[5]) else {
                log.error(file.path, row.line, "scope \"\(f[5])\" of field \"\(f[0])\" is not valid",
                          hint: "valid: \(FieldScope.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if scope != .inScope && f[6].isEmpty {
                log.error(file.path, row.line, "field \"\(f[0])\" is \(scope.rawValue) without a reason", hint: "say why in `reason`")
            }
            fields.append(CollectionField(collection: collection, field: f[0], position: f[1], name: f[2],
                                          format: f[3].isEmpty ? nil : f[3], codes: f[4].isEmpty ? nil : CodeSetID(f[4]),
                                          scope: scope, reason: f[6].isEmpty ? nil : f[6], line: row.line, years: years, hasOwnYears: ownYears))
        }
    }

    /// `YYYY`, `YYYY-YYYY`, `YYYY-` or `-YYYY` (an open side takes the side of `catalogue`),
    /// within `catalogue` when given; nil when malformed.
    static func yearRange(_ text: String, within catalogue: ClosedRange<Int>?) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func year(_ part: String) -> Int? { part.count == 4 ? Int(part) : nil }
        let range: ClosedRange<Int>?
        switch parts.count {
        case 1: range = year(parts[0]).map { $0...$0 }
        case 2:
            guard !(parts[0].isEmpty && parts[1].isEmpty), let from = parts[0].isEmpty ? catalogue?.lowerBound : year(parts[0]),
                  let to = parts[1].isEmpty ? catalogue?.upperBound : year(parts[1]), from <= to else { return nil }
            range = from...to
        default: range = nil
        }
        guard let range else { return nil }
        if let catalogue, !catalogue.contains(range.lowerBound) || !catalogue.contains(range.upperBound) { return nil }
        return range
    }

    // MARK: - items

    mutating func readItems(_ file: SourceFile) {
        let parsed = RecordFileParser.parse(file.text)
        report(parsed.problems, in: file.path)
        for record in parsed.records { readItem(record, file: file.path) }
    }

    private static let itemKeys: Set<String> = ["ref", "name", "entity", "kind", "class", "status", "superseded-by", "version",
                                                "definition", "description", "type", "length", "pattern", "range", "unit",
                                                "multiplicity", "domain", "used-in", "source", "column", "swift", "group", "storage", "record"]

    mutating func readItem(_ record: TextRecord, file: String) {
        for field in record.fields where !Self.itemKeys.contains(field.key) {
            log.error(file, field.line, "unknown key `\(field.key)`", hint: "valid keys are listed in Standards/README.md")
        }
        func required(_ key: String) -> String? {
            guard let value = record.value(key), !value.isEmpty else {
                log.error(file, record.line, "item \(record.value("ref") ?? "?") has no `\(key)`")
                return nil
            }
            return value
        }
        func parsed<T: RawRepresentable>(_ key: String, as type: T.Type, default fallback: T? = nil) -> T? where T.RawValue == String, T: CaseIterable {
            guard let text = record.value(key) else {
                if fallback == nil { log.error(file, record.line, "item \(record.value("ref") ?? "?") has no `\(key)`") }
                return fallback
            }
            guard let value = T(rawValue: text) else {
                log.error(file, record.line(of: key), "\(key) \"\(text)\" is not valid",
                          hint: "valid: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return value
        }
        guard let refText = required("ref") else { return }
        let ref = ItemReference(refText)
        if !ref.isWellFormed {
            log.error(file, record.line(of: "ref"), "reference \"\(refText)\" is not one capital letter and three digits", hint: "e.g. S510")
        }
        let name = required("name")
        let definition = required("definition")
        let entity = parsed("entity", as: Entity.self)
        let kind = parsed("kind", as: ItemKind.self, default: .dataItem)
        let itemClass = parsed("class", as: ItemClass.self)
        let status = parsed("status", as: ItemStatus.self)
        let type = parsed("type", as: ValueType.self)
        let versionText = required("version")
        let version = versionText.flatMap { Int($0) }
        if versionText != nil && version == nil {
            log.error(file, record.line(of: "version"), "version \"\(versionText!)\" is not a whole number")
        }
        var format = ValueFormat(type: type ?? .text, length: record.value("length"), pattern: record.value("pattern"),
                                 minimum: nil, maximum: nil, unit: record.value("unit"), isMultiple: false)
        if let pattern = format.pattern {
            do { _ = try Pattern(pattern) } catch {
                log.error(file, record.line(of: "pattern"), "pattern \(pattern) is not supported: \(error)",
                          hint: "patterns use ^ $ . [...] \\d \\s \\S \\w ( ) (?: ) (?! ) | * + ? {n,m}")
            }
        }
        if let range = record.value("range") {
            let bounds = range.components(separatedBy: "..")
            if bounds.count != 2 || (!bounds[0].isEmpty && Double(bounds[0]) == nil) || (!bounds[1].isEmpty && Double(bounds[1]) == nil) {
                log.error(file, record.line(of: "range"), "range \"\(range)\" is not `min..max`", hint: "e.g. 0..100, or 0.. for no upper bound")
            } else {
                format.minimum = Double(bounds[0])
                format.maximum = Double(bounds[1])
            }
        }
        switch record.value("multiplicity") {
        case nil, "single": break
        case "multiple": format.isMultiple = true
        case let other?: log.error(file, record.line(of: "multiplicity"), "multiplicity \"\(other)\" is not valid", hint: "valid: single, multiple")
        }
        var usages: [ItemUsage] = []
        for field in record.fields where field.key == "used-in" {
            if let usage = parseUsage(field, file: file) { usages.append(usage) }
        }
        // The exchange column and the Swift name are written out, never derived from the
        // display name: renaming an item must not rename a column or a property.
        let column = record.value("column")
        if let column, !Self.isColumnName(column) {
            log.error(file, record.line(of: "column"), "column \"\(column)\" is not a column name", hint: "lower-case letters, digits and _, starting with a letter: date_of_birth")
        }
        if kind == .dataItem && column == nil {
            log.error(file, record.line, "item \(refText) has no `column`", hint: "every data item names its exchange-format column, e.g. `column: date_of_birth`")
        }
        let swiftName = record.value("swift")
        if let swiftName, !Self.isSwiftName(swiftName) {
            log.error(file, record.line(of: "swift"), "swift \"\(swiftName)\" is not a Swift property name", hint: "lowerCamelCase letters and digits: dateOfBirth")
        }
        if record.value("group") != nil && swiftName == nil {
            log.error(file, record.line(of: "group"), "item \(refText) is in a group but has no `swift` name")
        }
        // `record:` names the records holding the item; without it, the post record holds the
        // items with a `swift` name. The post record's items are those with a `swift` name.
        var inOrganisationRecord = false
        if let records = record.value("record") {
            let names = records.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for name in names where name != "post" && name != "organisation" {
                log.error(file, record.line(of: "record"), "record \"\(name)\" is not a record", hint: "valid: post, organisation (or both: post, organisation)")
            }
            inOrganisationRecord = names.contains("organisation")
            if names.contains("post") != (swiftName != nil) {
                log.error(file, record.line(of: "record"), names.contains("post") ? "item \(refText) is held per post but has no `swift` name" : "item \(refText) has a `swift` name but its `record` does not name post",
                          hint: "the post record's items are those with a `swift` name")
            }
        }
        switch record.value("storage") {
        case nil, "first": break
        case let other?: log.error(file, record.line(of: "storage"), "storage \"\(other)\" is not valid", hint: "valid: first")
        }
        guard let name, let definition, let entity, let kind, let itemClass, let status, let type, let version else { return }
        var item = DataItem(ref: ref, name: name, entity: entity, kind: kind, itemClass: itemClass, status: status,
                            supersededBy: record.value("superseded-by").map(ItemReference.init(rawValue:)), version: version,
                            definition: definition, description: record.value("description"), format: format,
                            domain: record.value("domain").map(CodeSetID.init(rawValue:)), usages: usages,
                            sources: record.values("source"), file: file, line: record.line)
        item.column = column
        item.swiftName = swiftName
        item.group = record.value("group")
        item.isStoredFirst = record.value("storage") == "first"
        item.isInOrganisationRecord = inOrganisationRecord
        items.append(item)
        _ = type
    }

    static func isColumnName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func isSwiftName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    // MARK: - groups

    private static let groupKeys: Set<String> = ["group", "kind", "swift", "type", "definition", "storage"]

    /// Reads `Standards/groups.txt`: the groups of items a post record holds together.
    mutating func readGroups(_ file: SourceFile) {
        let parsed = RecordFileParser.parse(file.text)
        report(parsed.problems, in: file.path)
        for record in parsed.records {
            for field in record.fields where !Self.groupKeys.contains(field.key) {
                log.error(file.path, field.line, "unknown key `\(field.key)`", hint: "valid keys are listed in Standards/README.md")
            }
            var missing = false
            for key in ["group", "kind", "swift", "type", "definition"] where (record.value(key) ?? "").isEmpty {
                log.error(file.path, record.line, "group \(record.value("group") ?? "?") has no `\(key)`")
                missing = true
            }
            guard !missing, let kind = RecordGroup.Kind(rawValue: record.value("kind")!) else {
                if !missing { log.error(file.path, record.line(of: "kind"), "kind \"\(record.value("kind")!)\" is not valid", hint: "valid: repeating, optional") }
                continue
            }
            let swiftName = record.value("swift")!, typeName = record.value("type")!
            if !Self.isSwiftName(swiftName) {
                log.error(file.path, record.line(of: "swift"), "swift \"\(swiftName)\" is not a Swift property name", hint: "lowerCamelCase: payItems")
            }
            if let first = typeName.unicodeScalars.first, !("A"..."Z").contains(first) || !Self.isSwiftName(typeName.lowercased()) {
                log.error(file.path, record.line(of: "type"), "type \"\(typeName)\" is not a Swift type name", hint: "UpperCamelCase: PayItem")
            }
            groups.append(RecordGroup(id: record.value("group")!, kind: kind, swiftName: swiftName, typeName: typeName,
                                      definition: record.value("definition")!, isStoredFirst: record.value("storage") == "first",
                                      file: file.path, line: record.line))
        }
    }

    /// Parses `swf Sex; format=A(1); codes=swf.sex; map=harmonised.sex--swf.sex`.
    mutating func parseUsage(_ field: TextRecord.Field, file: String) -> ItemUsage? {
        // Split on the byte, as `components(separatedBy: ";")` does (not on characters).
        let parts = field.value.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self).trimmingSpaces() }
        let head = parts[0].split(separator: " ", maxSplits: 1).map(String.init)
        guard head.count == 2, let collection = CollectionID(rawValue: head[0]) else {
            log.error(file, field.line, "used-in \"\(parts[0])\" does not start with a collection and a field",
                      hint: "e.g. `used-in: ascwds GENDER; codes=ascwds.gender; map=harmonised.sex--ascwds.gender`; collections: \(CollectionID.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        var usage = ItemUsage(collection: collection, field: head[1].trimmingSpaces(), format: nil, codes: nil, map: nil, note: nil, line: field.line)
        for part in parts.dropFirst() where !part.isEmpty {
            guard let equals = part.firstIndex(of: "=") else {
                log.error(file, field.line, "used-in attribute \"\(part)\" is not key=value")
                continue
            }
            let key = String(part[..<equals]).trimmingSpaces(), value = String(part[part.index(after: equals)...]).trimmingSpaces()
            switch key {
            case "format": usage.format = value
            case "codes": usage.codes = CodeSetID(value)
            case "map": usage.map = ConceptMapID(rawValue: value)
            case "note": usage.note = value
            default: log.error(file, field.line, "used-in attribute \"\(key)\" is not known", hint: "valid: format, codes, map, note")
            }
        }
        return usage
    }

    // MARK: - role profiles

    mutating func readProfiles(_ file: SourceFile) {
        profileFiles.insert(file.path)
        let parsed = RecordFileParser.parse(file.text)
        report(parsed.problems, in: file.path)
        let known: Set<String> = ["code", "definition", "task", "qualification", "registration", "example-title", "soc-note"]
        for record in parsed.records {
            for field in record.fields where !known.contains(field.key) {
                log.error(file.path, field.line, "unknown key `\(field.key)` in a role profile", hint: "valid: \(known.sorted().joined(separator: ", "))")
            }
            guard let code = record.value("code") else {
                log.error(file.path, record.line, "role profile has no `code`")
                continue
            }
            let profile = RoleProfile(code: code, definition: record.value("definition") ?? "", tasks: record.values("task"),
                                      qualifications: record.values("qualification"), registration: record.value("registration"),
                                      exampleTitles: record.values("example-title"), socNote: record.value("soc-note") ?? "",
                                      line: record.line)
            if profile.definition.isEmpty { log.error(file.path, record.line, "role \(code) has no definition") }
            if profile.tasks.count < 3 { log.error(file.path, record.line, "role \(code) has \(profile.tasks.count) tasks", hint: "give three or more `task:` lines") }
            if profile.exampleTitles.count < 3 {
                log.error(file.path, record.line, "role \(code) has \(profile.exampleTitles.count) example titles", hint: "give three or more `example-title:` lines")
            }
            if profile.qualifications.isEmpty { log.error(file.path, record.line, "role \(code) has no `qualification`") }
            if profile.socNote.isEmpty { log.error(file.path, record.line, "role \(code) has no `soc-note`") }
            for field in record.fields where field.key == "example-title" {
                exampleTitles.append((code, field.value, file.path, field.line))
            }
            profiles.append(profile)
        }
    }

    // MARK: - helpers

    private mutating func report(_ problems: [CSVProblem], in file: String) {
        for problem in problems {
            log.error(file, problem.line, problem.description.replacingOccurrences(of: "line \(problem.line): ", with: ""))
        }
    }

    private mutating func report(_ problems: [RecordFileParser.Problem], in file: String) {
        for problem in problems { log.error(file, problem.line, problem.message, hint: "see Standards/README.md for the record syntax") }
    }

    private mutating func checkHeader(_ csv: MetadataCSV, expected: [String], file: String, allowExtras: Bool = true) -> Bool {
        guard !csv.header.isEmpty else {
            log.error(file, nil, "no header row", hint: "the first line after the metadata is: \(expected.joined(separator: ","))")
            return false
        }
        let prefix = Array(csv.header.prefix(expected.count))
        if prefix != expected || (!allowExtras && csv.header.count != expected.count) {
            log.error(file, csv.headerLine, "header is \(csv.header.joined(separator: ","))",
                      hint: "it must be \(expected.joined(separator: ","))\(allowExtras ? " then any extra columns" : "")")
            return false
        }
        return true
    }

    private mutating func requiredMetadata(_ csv: MetadataCSV, _ key: String, file: String) -> String {
        if let value = csv.value(key), !value.isEmpty { return value }
        log.error(file, nil, "missing metadata `# \(key): ...`", hint: "see CodeSets/README.md")
        return ""
    }

    mutating func readProvenance(_ csv: MetadataCSV, file: String) -> Provenance {
        Provenance(source: requiredMetadata(csv, "source", file: file), licence: requiredMetadata(csv, "licence", file: file),
                   years: csv.value("years"), version: csv.value("version"), notes: csv.values("note"))
    }

    private mutating func year(_ text: String, file: String, line: Int, column: String) -> Int? {
        guard !text.isEmpty else { return nil }
        guard text.utf8.count == 4, let value = Int(text), value >= 1900, value <= 2100 else {
            log.error(file, line, "`\(column)` \"\(text)\" is not a year", hint: "write YYYY, or leave it empty")
            return nil
        }
        return value
    }

    private mutating func fraction(_ text: String, file: String, line: Int, column: String) -> Double? {
        guard !text.isEmpty else { return nil }
        guard let value = Double(text), value >= 0, value <= 1 else {
            log.error(file, line, "`\(column)` \"\(text)\" is not a fraction between 0 and 1")
            return nil
        }
        return value
    }
}
