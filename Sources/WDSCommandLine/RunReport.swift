import Foundation
import WorkforceStandards

/// Counts of the input's records by role group and contract type, for the run report's charts.
///
/// Given each row by the pipeline as it reads it (``ProjectionPipeline/rowObserver``), the
/// header first; reads two columns of each row and keeps one count per distinct value (a role
/// code or contract type is short enough that Swift keeps its string inline: no allocation
/// per record).
final class WorkforceCounter {
    private var roleColumn: Int?
    private var contractColumn: Int?
    private var sawHeader = false
    private(set) var roles: [String: Int] = [:]
    private(set) var contracts: [String: Int] = [:]
    private(set) var records = 0

    init() {}

    /// Takes one row (the header first).
    func take(_ row: CSVRawRow) {
        guard sawHeader else {
            sawHeader = true
            for index in 0..<row.count {
                let name = row.string(index).trimmingCharacters(in: .whitespaces)
                if name == "job_role" { roleColumn = index }
                if name == "contract_type" { contractColumn = index }
            }
            return
        }
        records += 1
        roles[value(row, roleColumn), default: 0] += 1
        contracts[value(row, contractColumn), default: 0] += 1
    }

    private func value(_ row: CSVRawRow, _ column: Int?) -> String {
        guard let column, column < row.count else { return "" }
        let field = row.field(column)
        return field.count > 15 ? "(other)" : String(decoding: field, as: UTF8.self)
    }
}

/// `report.html`: one self-contained page (no script, no network) that says what a run of
/// `wds project` did: the counts per collection, why records were out of scope or rejected,
/// the diagnostics grouped by rule with examples, what was left out or suppressed and why,
/// and charts (inline SVG) of the records by collection, role group and contract type.
struct RunReport {
    static let fileName = "report.html"
    var input: String
    var format: InputFormat
    var years: String
    var report: ReconciliationReport
    var collections: [CollectionID]
    var workforce: WorkforceCounter
    /// The staged diagnostics.csv and, when written, lges-aggregates.csv.
    var diagnosticsPath: String
    var lgesAggregatesPath: String?
    var registry: Registry = .embedded

    /// One rule's diagnostics.
    struct RuleGroup {
        var rule: String
        var collection: String
        var severity: String
        var count = 0
        var examples: [[String]] = []
    }

    /// Reads diagnostics.csv (a streaming pass) into groups by rule.
    func ruleGroups() -> [RuleGroup] {
        var groups: [String: RuleGroup] = [:]
        var columns: [String: Int] = [:]
        var parser = CSVParser(onRecord: { record in
            if columns.isEmpty {
                for (index, name) in record.fields.enumerated() { columns[name] = index }
                return
            }
            func field(_ name: String) -> String {
                guard let index = columns[name], index < record.fields.count else { return "" }
                return record.fields[index]
            }
            let rule = field("rule"), severity = field("severity")
            let key = severity + " " + rule
            if groups[key] == nil { groups[key] = RuleGroup(rule: rule, collection: field("collection"), severity: severity) }
            groups[key]!.count += 1
            if groups[key]!.examples.count < 3 {
                groups[key]!.examples.append([field("record"), field("line"), field("column"), field("value"), field("message")])
            }
        })
        try? readChunks(diagnosticsPath) { parser.feed(buffer: $0) }
        parser.finish()
        return groups.values.sorted { $0.severity != $1.severity ? $0.severity == "error" : $0.count != $1.count ? $0.count > $1.count : $0.rule < $1.rule }
    }

    /// How many LGES aggregate cells were suppressed (`c`), of how many.
    func suppressedCells() -> (suppressed: Int, cells: Int, rows: Int)? {
        guard let lgesAggregatesPath, FileManager.default.fileExists(atPath: lgesAggregatesPath) else { return nil }
        var suppressed = 0, cells = 0, rows = 0
        var header = true
        var parser = CSVParser(onRecord: { record in
            if header { header = false; return }
            guard record.fields.first == "cell" else { return }
            rows += 1
            if record.fields.contains(LGESAggregateTable.suppressedMark) { suppressed += 1 }
            cells += 1
        })
        try? readChunks(lgesAggregatesPath) { parser.feed(buffer: $0) }
        parser.finish()
        return (suppressed, cells, rows)
    }

    // MARK: - HTML

    /// Text made literal in HTML: the docs' one escaper.
    static func escape(_ text: String) -> String { HTMLRenderer.escape(text) }

    /// A horizontal bar chart, inline SVG, with its values written beside the bars.
    static func barChart(id: String, title: String, bars: [(label: String, value: Int)], colour: String = "#2b6cb0") -> String {
        let height = 26, labelWidth = 440, barWidth = 380, top = 8
        let most = max(1, bars.map(\.value).max() ?? 1)
        var svg = "<figure class=\"chart\" id=\"\(id)\"><figcaption>\(escape(title))</figcaption>"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(escape(title))\" width=\"\(labelWidth + barWidth + 80)\" height=\"\(top * 2 + height * max(1, bars.count))\">"
        for (index, bar) in bars.enumerated() {
            let y = top + index * height
            let width = bar.value == 0 ? 0 : max(2, barWidth * bar.value / most)
            svg += "<g class=\"bar\" data-label=\"\(escape(bar.label))\" data-value=\"\(bar.value)\">"
            // A long label is shortened to fit; the bar's tooltip has it whole.
            let shown = bar.label.count > 58 ? String(bar.label.prefix(56)) + "…" : bar.label
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(escape(shown))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(width)\" height=\"\(height - 8)\" fill=\"\(colour)\"><title>\(escape(bar.label)): \(bar.value)</title></rect>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 17)\">\(bar.value)</text></g>"
        }
        if bars.isEmpty { svg += "<text x=\"10\" y=\"24\">no records</text>" }
        return svg + "</svg></figure>\n"
    }

    /// Why records were rejected, for the run's summary: the error rules by collection, most first.
    static func rejectionSummary(_ groups: [RuleGroup]) -> String {
        var byCollection: [String: [RuleGroup]] = [:]
        for group in groups where group.severity == "error" { byCollection[group.collection, default: []].append(group) }
        guard !byCollection.isEmpty else { return "" }
        var lines = ["why records were rejected (errors by rule):"]
        for collection in byCollection.keys.sorted(by: { ($0 == "all" ? "" : $0) < ($1 == "all" ? "" : $1) }) {
            let rules = byCollection[collection]!
            let shown = rules.prefix(6).map { "\($0.rule) \($0.count)" }.joined(separator: ", ")
            lines.append("    \(collection == "all" ? "the standard (every collection)" : collection): \(shown)" + (rules.count > 6 ? " and \(rules.count - 6) more rules" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func html(groups: [RuleGroup]? = nil) -> String {
        let groups = groups ?? ruleGroups()
        var page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>wds project: run report</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#1a202c;line-height:1.45}
        h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #cbd5e0;padding-bottom:.2em}
        table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #cbd5e0;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#edf2f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .ok{color:#276749}.bad{color:#9b2c2c}.muted{color:#4a5568;font-size:.92em}
        figure.chart{margin:.8em 0}figure.chart figcaption{font-weight:600;margin-bottom:.3em}
        svg text{font-size:13px;fill:#1a202c}code{background:#edf2f7;padding:0 .25em;border-radius:3px}
        details{margin:.2em 0}summary{cursor:pointer}
        </style></head><body>
        <h1>Run report</h1>
        <p class="muted">What <code>wds project</code> did with <code>\(Self.escape(input))</code>: \(Self.escape(format.summary)); collection years: \(Self.escape(years)). Written beside the returns; it needs no network.</p>

        """
        // The counts.
        page += "<h2 id=\"counts\">Counts</h2>\n<table id=\"totals\"><tr><th>records read</th><th>rejected against the standard</th><th>valid</th><th>errors</th><th>queries</th></tr>"
        page += "<tr><td class=\"n\" id=\"records-read\">\(report.input)</td><td class=\"n\">\(report.rejected)</td><td class=\"n\">\(report.valid)</td><td class=\"n\">\(report.errors)</td><td class=\"n\">\(report.queries)</td></tr></table>\n"
        page += "<table id=\"collections\"><tr><th>collection</th><th>projected</th><th>out of scope</th><th>rejected</th><th>of valid records</th></tr>"
        for collection in collections {
            guard let counts = report.collections[collection] else { continue }
            page += "<tr data-collection=\"\(collection.rawValue)\"><td>\(collection.rawValue)</td><td class=\"n\">\(counts.projected)</td><td class=\"n\">\(counts.outOfScope)</td><td class=\"n\">\(counts.rejected)</td><td class=\"n\">\(counts.projected + counts.outOfScope + counts.rejected) of \(report.valid)</td></tr>"
        }
        page += "</table>\n<p class=\"\(report.addsUp ? "ok" : "bad")\">" + (report.addsUp ? "Every record is accounted for: each is projected, out of scope with a reason, or rejected, in each collection." : "The counts do not add up: see reconciliation.csv.") + "</p>\n"

        // Charts.
        page += "<h2 id=\"charts\">The records</h2>\n"
        page += Self.barChart(id: "chart-collections", title: "Records projected into each collection",
                              bars: collections.map { ($0.rawValue, report.collections[$0]?.projected ?? 0) })
        page += Self.barChart(id: "chart-role-groups", title: "Records by role group (the six major groups of 2010)", bars: roleGroupBars(), colour: "#2f855a")
        page += Self.barChart(id: "chart-contract-types", title: "Records by contract type", bars: contractBars(), colour: "#b7791f")

        // Out of scope and rejected.
        page += "<h2 id=\"out-of-scope\">Why records are out of scope</h2>\n"
        for collection in collections {
            guard let counts = report.collections[collection], !counts.outOfScopeReasons.isEmpty else { continue }
            page += "<details open><summary>\(collection.rawValue): \(counts.outOfScope) out of scope</summary><table><tr><th>records</th><th>reason</th></tr>"
            for (reason, count) in counts.outOfScopeReasons.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                page += "<tr><td class=\"n\">\(count)</td><td>\(Self.escape(reason))</td></tr>"
            }
            page += "</table></details>\n"
        }
        page += "<h2 id=\"rejected\">Why records are rejected</h2>\n<p class=\"muted\">Errors by rule: a record with an error against the standard (collection <code>all</code>) goes into no collection; an error of one collection's rules keeps it out of that collection only. A record may have several.</p>\n"
        let errors = groups.filter { $0.severity == "error" }
        if errors.isEmpty { page += "<p class=\"ok\">No record was rejected.</p>\n" } else {
            page += "<table id=\"rejected-rules\"><tr><th>collection</th><th>rule</th><th>errors</th></tr>"
            for group in errors { page += "<tr><td>\(Self.escape(group.collection))</td><td><a href=\"#rule-\(Self.escape(group.rule))\"><code>\(Self.escape(group.rule))</code></a></td><td class=\"n\">\(group.count)</td></tr>" }
            page += "</table>\n"
        }

        // Every rule with examples.
        page += "<h2 id=\"diagnostics\">Diagnostics by rule</h2>\n<p class=\"muted\">Every diagnostic is in diagnostics.csv; here each rule with up to three examples.</p>\n"
        for group in groups {
            page += "<details id=\"rule-\(Self.escape(group.rule))\" class=\"rule\"><summary><code>\(Self.escape(group.rule))</code> (\(Self.escape(group.severity)), \(Self.escape(group.collection))): \(group.count)</summary>"
            page += "<table><tr><th>record</th><th>line</th><th>column</th><th>value</th><th>message</th></tr>"
            for example in group.examples { page += "<tr>" + example.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>" }
            page += "</table></details>\n"
        }

        // What was left out and suppressed.
        page += "<h2 id=\"suppression\">What was left out or suppressed, and why</h2>\n<ul>"
        page += "<li>Diagnostics: at most \(ProjectionPipeline.diagnosticsPerRule) of one rule are listed for one record; "
            + (report.diagnosticsLeftOut > 0 ? "\(report.diagnosticsLeftOut) more were left out, each counted in an \"and N more\" line." : "none was left out in this run.") + "</li>"
        if let cells = suppressedCells() {
            page += "<li id=\"lges-suppression\">LGES aggregates: <span id=\"lges-suppressed\">\(cells.suppressed)</span> of \(cells.cells) cells have figures written <code>\(LGESAggregateTable.suppressedMark)</code> (suppressed, the ONS convention): a cell of fewer than \(LGESAggregateTable.minimumPeople) people is not shown, nor pay figures that fewer than \(LGESAggregateTable.minimumPeople) people give, so that no person's pay can be told from the table; no totals are written, so a suppressed cell cannot be recovered by subtraction.</li>"
        }
        page += "</ul>\n<p class=\"muted\">Written by wds, standard data \(Self.escape(registry.standard.version)).</p>\n</body></html>\n"
        return page
    }

    /// Records by the major group of their role, in group order; no role and unknown codes last.
    func roleGroupBars() -> [(label: String, value: Int)] {
        var byGroup: [String: Int] = [:]
        var titles: [String: String] = [:]
        var other = 0, none = 0
        for (code, count) in workforce.roles {
            if code.isEmpty { none += count; continue }
            guard let role = registry.role(RoleCode(code)) else { other += count; continue }
            byGroup[role.majorGroup.value, default: 0] += count
            titles[role.majorGroup.value] = role.majorGroup.label
        }
        var bars = byGroup.keys.sorted().map { ("\($0) \(titles[$0] ?? "")", byGroup[$0]!) }
        if other > 0 { bars.append(("not a role code", other)) }
        if none > 0 { bars.append(("no role (vacancies and gaps)", none)) }
        return bars
    }

    /// Records by contract type, with the harmonised label.
    func contractBars() -> [(label: String, value: Int)] {
        let set = registry.codeSet("harmonised.contract-type")
        return workforce.contracts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { code, count in
            if code.isEmpty { return ("none given", count) }
            let label = set?.code(code)?.label ?? "(not a code)"
            return ("\(code) \(label.split(separator: ":").first.map(String.init) ?? label)", count)
        }
    }
}
