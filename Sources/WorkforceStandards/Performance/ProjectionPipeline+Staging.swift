// The fast version of feeding a batch on one thread (`ProjectionPipeline.dispatchBatch` with
// one thread: read, check, project, write, one after another): the same stages on several
// threads, queued in input order, each waiting for the stage before it.
import Foundation

extension ProjectionPipeline {
    /// Reads, checks, projects and writes `rows` on the pipeline's queues: reading on any free
    /// core, the rules across records in input order, each projection on its own queue, the
    /// outputs in input order. At most a few batches are in flight (``inFlight``).
    func dispatchOnThreads(_ rows: Rows) {
        inFlight.wait()
        let job = BatchJob(projections: projections.count)
        nonisolated(unsafe) let pipeline = self
        // Every stage below is queued now, in input order; each waits for the stage before it.
        job.readDone.enter()
        reading.async {
            let reader = pipeline.takeReader()
            job.read = rows.read(with: reader, referenceDate: pipeline.settings.referenceDate)
            pipeline.giveBack(reader)
            job.readDone.leave()
        }
        ordering.async {
            job.readDone.wait()
            let checked = pipeline.check(rows, read: job.read)
            job.read = []
            for which in pipeline.projections.indices {
                job.projected.enter()
                // A projection that prepares its records does so on any free core first; its
                // own queue then takes the batch in order.
                let prepared = (pipeline.projections[which] as? any PreparingProjection).map { preparing in
                    Self.startPreparing(checked, with: preparing, on: pipeline.reading)
                }
                pipeline.projectionQueues[which].async {
                    prepared?.done.wait()
                    job.results.set(which, pipeline.results(of: pipeline.projections[which], for: checked, prepared: prepared?.values))
                    job.projected.leave()
                }
            }
            pipeline.writing.async {
                job.projected.wait()
                pipeline.write(BatchOutput(checked, results: (0..<pipeline.projections.count).map { job.results.take($0) ?? ProjectionResults(expected: 0) }))
                pipeline.inFlight.signal()
            }
        }
    }

    /// One batch under way, with what the stages have made of it so far. Each part is written
    /// by one stage and read by the next only after waiting on the group that stage leaves.
    final class BatchJob: @unchecked Sendable {
        var read: [ReadRow] = []
        let readDone = DispatchGroup()
        let results: ParallelSlots<ProjectionResults>
        let projected = DispatchGroup()

        init(projections: Int) { results = ParallelSlots(count: projections) }
    }

    /// A batch's records being prepared on another thread: the projection's queue waits for
    /// `done`, then finds the values in the typed box (``PreparedValues``).
    final class PreparedBatch: @unchecked Sendable {
        var values: AnyObject?
        let done = DispatchGroup()
    }

    /// Prepares `batch` for `projection` on `queue`, at once.
    static func startPreparing<P: PreparingProjection>(_ batch: CheckedBatch, with projection: P,
                                                                on queue: DispatchQueue) -> PreparedBatch {
        let box = PreparedBatch()
        box.done.enter()
        // `prepare` reads only the projection's settings (the protocol's contract).
        nonisolated(unsafe) let projection = projection
        queue.async {
            box.values = PreparedValues(prepare(batch, with: projection))
            box.done.leave()
        }
        return box
    }
}

// Each part of a checked batch is written once by the rules' stage, before any projection's
// queue reads it; then only read.
extension ProjectionPipeline.CheckedBatch: @unchecked Sendable {}
