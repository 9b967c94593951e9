/// What projecting records held in memory gave: every output's text, every diagnostic as a
/// value, and the reconciliation.
public struct ProjectionRun: Sendable {
    /// Each output's text by its name (`ascwds-workers.csv`, `swf/999-4017.xml` ...).
    public var outputs: [String: String]
    /// Every diagnostic, in input order, as ``ProjectionPipeline`` writes them to `diagnostics.csv`
    /// (``RecordDiagnostic/csv(_:)`` renders them so).
    public var diagnostics: [RecordDiagnostic]
    /// What happened to every record, per collection; `report.addsUp` holds.
    public var report: ReconciliationReport
    /// The reconciliation lines (`reconciliation.csv`): each record's outcome in each collection.
    public var reconciliation: String
}

extension ProjectionPipeline {
    /// Validates `records` (built in memory) and projects the valid ones onto each collection of
    /// `collections`, on the caller's thread, keeping every output in memory.
    ///
    /// Each record gets exactly the checks and the projection a row of an exchange-format file
    /// gets (``ProjectionPipeline/feed(_:)-(Sequence<PostRecord>)``): a record with an error is projected nowhere.
    ///
    /// ```swift
    /// let settings = ProjectionSettings(collection: .ascwds, year: 2025)
    /// let run = try ProjectionPipeline.project(records, to: [.ascwds], settings: settings)
    /// print(run.outputs["ascwds-workers.csv"] ?? "")
    /// ```
    public static func project(_ records: some Sequence<PostRecord>, to collections: [CollectionID],
                               settings: ProjectionSettings) throws -> ProjectionRun {
        let outputs = MemoryOutputSinks()
        let projections = try ProjectionCatalogue.make(collections, settings: settings) { outputs.make($0) }
        let reconciliation = MemorySink()
        var diagnostics: [RecordDiagnostic] = []
        let pipeline = ProjectionPipeline(settings: settings, projections: projections, reconciliation: reconciliation, threads: 1)
        pipeline.diagnosticHandler = { diagnostics.append($0) }
        pipeline.feed(records)
        let report = try pipeline.finish()
        return ProjectionRun(outputs: outputs.sinks.mapValues(\.text), diagnostics: diagnostics, report: report,
                             reconciliation: reconciliation.text)
    }
}

/// The sinks of a run kept in memory, by output name.
private final class MemoryOutputSinks {
    var sinks: [String: MemorySink] = [:]
    func make(_ name: String) -> TextSink {
        let sink = MemorySink()
        sinks[name] = sink
        return sink
    }
}
