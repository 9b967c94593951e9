import WorkforceStandards

/// `wds item REF`: one data item in full.
enum ItemCommand: Command {
    static let name = "item"
    static let summary = "show a data item: definition, format, domain and where each collection uses it"
    static let help = """
    Usage: wds item REF|NAME [--format table|csv|json]

    Shows the harmonised data item with reference REF (e.g. S510) or with that name
    (case-insensitive), and every collection field it answers with the code map used.
    """

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        let query = try arguments.expectPositional("REF")[0]
        let registry = Registry.embedded
        guard let item = registry.lookupItem(query) else {
            let suggestions = registry.search(query, limit: 5).filter { $0.kind == .item }.map { "\($0.owner) \($0.title)" }
            throw DataProblem("no item \"\(query)\"" + (suggestions.isEmpty ? "" : "; did you mean: \(suggestions.joined(separator: ", "))"))
        }
        var fields: [(String, String)] = [
            ("ref", item.ref.rawValue), ("name", item.name), ("entity", item.entity.rawValue), ("kind", item.kind.rawValue),
            ("class", item.itemClass.rawValue), ("status", item.status.rawValue), ("version", String(item.version)),
        ]
        if let next = item.supersededBy { fields.append(("superseded-by", next.rawValue)) }
        fields.append(("definition", item.definition))
        if let description = item.description { fields.append(("description", description)) }
        fields.append(("format", item.format.summary))
        if let domain = item.domain {
            let title = registry.codeSet(domain)?.title ?? "?"
            fields.append(("domain", "\(domain) (\(title))"))
        }
        for source in item.sources { fields.append(("source", source)) }
        let usage = Table(title: "used-in", columns: ["collection", "field", "name", "format", "codes", "map"],
                          rows: item.usages.map { usage in
                              [usage.collection.rawValue, usage.field, registry.field(usage.field, in: usage.collection)?.name ?? "",
                               usage.format ?? "", usage.codes?.rawValue ?? "", usage.map?.rawValue ?? ""]
                          })
        var sections = [usage]
        if let domain = item.domain, let set = registry.codeSet(domain) {
            var rows: [[String]] = []
            for code in set.leafCodes {
                var row = [code.value, code.label]
                for usage in item.usages {
                    guard let mapID = usage.map, let map = registry.map(mapID) else { row.append(""); continue }
                    row.append(map.elements(forSource: code.value).map { element in
                        element.target.map { "\($0) (\(element.relationship.rawValue))" } ?? "unmatched"
                    }.joined(separator: "; "))
                }
                rows.append(row)
            }
            let columns = ["code", "label"] + item.usages.map { "\($0.collection.rawValue) \($0.field)" }
            sections.append(Table(title: "code map", columns: columns, rows: rows))
        }
        console.out(Report.record(fields: fields, sections: sections, lists: ["source"]).rendered(as: try arguments.format()))
        return 0
    }
}

/// `wds items`: the data items, filtered.
enum ItemsCommand: Command {
    static let name = "items"
    static let summary = "list data items, by entity or collection"
    static let help = """
    Usage: wds items [--entity ENTITY] [--collection swf|ascwds|csww|lges] [--format table|csv|json]

    Entities: \(Entity.allCases.map(\.rawValue).joined(separator: ", ")).
    """
    static let options: Set<String> = ["--format", "--entity", "--collection"]

    static func run(_ arguments: Arguments, console: Console) throws -> Int32 {
        _ = try arguments.expectPositional()
        let entity = try arguments.option("--entity").map { text -> Entity in
            guard let entity = Entity(rawValue: text) else {
                throw UsageError("--entity \(text) is not an entity (valid: \(Entity.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return entity
        }
        let collection = try arguments.option("--collection").map(parseCollection)
        let items = Registry.embedded.items(entity: entity, collection: collection)
        let table = Table(columns: ["ref", "name", "entity", "class", "status", "type", "domain", "collections"],
                          rows: items.map { item in
                              [item.ref.rawValue, item.name, item.entity.rawValue, item.itemClass.rawValue, item.status.rawValue,
                               item.format.type.rawValue, item.domain?.rawValue ?? "",
                               item.collections.map(\.rawValue).joined(separator: " ")]
                          })
        console.out(Report.table(table).rendered(as: try arguments.format()))
        return 0
    }
}

func parseCollection(_ text: String) throws -> CollectionID {
    guard let collection = CollectionID(rawValue: text.lowercased()) else {
        throw UsageError("\(text) is not a collection (valid: \(CollectionID.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    return collection
}

func parseYear(_ text: String?) throws -> Int? {
    guard let text else { return nil }
    guard text.count == 4, let year = Int(text) else { throw UsageError("--year \(text) is not a year (YYYY)") }
    return year
}

/// Formats a share (0...1) as a percentage with one decimal, or empty.
func percent(_ share: Double?) -> String {
    guard let share else { return "" }
    let tenths = (share * 1000).rounded() / 10
    return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
}
