// The job queue and its workers (PostgreSQL stores only): ingest and re-analysis distributed over
// any number of worker processes that share the store's database.

export { type EnqueueReport, enqueueIngest } from "./enqueue-ingest.js";
export {
  type IngestJob,
  type JobQueue,
  openJobQueue,
  QUEUES,
  type QueueName,
  type QueueOptions,
  type ReanalyzeJob,
} from "./job-queue.js";
export { type JobCounts, type JobsReport, jobsReport } from "./jobs-report.js";
export { type JobOutcome, type RunningWorker, startWorker, type WorkerOptions } from "./worker.js";
