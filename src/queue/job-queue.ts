// The job queue beside a PostgreSQL store: pg-boss 10 in the store's own database (schema
// `pgboss`), so that any number of workers on any number of machines share it with nothing more
// than the store's URL. A job that throws is retried with exponential backoff and, past its retry
// limit, parked as failed with its error; a job whose worker died is handed out again once its
// expiry passes (the queue's maintenance, run by every worker, finds it).
import PgBoss from "pg-boss";
import { CrisisdeskError, UsageError } from "../domain/index.js";
import { isPostgresTarget, redactUrl } from "../store/index.js";

/** What a worker does, by queue. */
export const QUEUES = ["ingest", "reanalyze"] as const;
export type QueueName = (typeof QUEUES)[number];

/** An ingest job: a report sent as bytes (a file read where it was queued), or a URL to fetch. */
export type IngestJob = { name: string; bytes: string } | { url: string };
/** A re-analysis job: reports by id. */
export interface ReanalyzeJob {
  documents: string[];
}

export interface QueueOptions {
  /** Attempts after the first before a job is parked as failed (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry, doubled for each next one (default 5). */
  retryDelaySeconds?: number;
  /** Seconds a job may run before it counts as lost and is handed out again (default 300). */
  jobTimeoutSeconds?: number;
  /** How often this process runs the queue's maintenance (expiry, retries), in seconds (default 30). */
  maintenanceSeconds?: number;
  /** Whether this process runs the queue's maintenance (workers do; default false). */
  supervise?: boolean;
}

export interface JobQueue {
  readonly boss: PgBoss;
  enqueue(queue: "ingest", jobs: IngestJob[]): Promise<number>;
  enqueue(queue: "reanalyze", jobs: ReanalyzeJob[]): Promise<number>;
  close(): Promise<void>;
}

/** Opens (creating on first use) the queue in the database a postgres:// URL names. */
export async function openJobQueue(url: string, options: QueueOptions = {}): Promise<JobQueue> {
  if (!isPostgresTarget(url))
    throw new UsageError("the job queue needs a PostgreSQL store (--db postgres://…)", { where: url });
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
    // Only workers look after the queue (expiry, retries); a process that only queues or reads does not.
    supervise: options.supervise ?? false,
    schedule: false,
  });
  const errors: Error[] = [];
  boss.on("error", (error) => errors.push(error));
  try {
    await boss.start();
    for (const name of QUEUES) {
      if (await boss.getQueue(name)) continue;
      await boss
        .createQueue(name, {
          name,
          retryLimit: options.retryLimit ?? 3,
          retryDelay: options.retryDelaySeconds ?? 5,
          retryBackoff: true,
          expireInSeconds: options.jobTimeoutSeconds ?? 300,
        })
        .catch(async (error) => {
          // Another process created it in the meantime.
          if (!(await boss.getQueue(name))) throw error;
        });
    }
  } catch (cause) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw new CrisisdeskError("STORE", `cannot open the job queue (${(cause as Error).message})`, {
      where: redactUrl(url),
      cause,
    });
  }
  return {
    boss,
    async enqueue(queue: QueueName, jobs: object[]): Promise<number> {
      // Options given here win over the queue's defaults for these jobs.
      const overrides = {
        ...(options.jobTimeoutSeconds === undefined ? {} : { expireInSeconds: options.jobTimeoutSeconds }),
        ...(options.retryLimit === undefined ? {} : { retryLimit: options.retryLimit }),
        ...(options.retryDelaySeconds === undefined
          ? {}
          : { retryDelay: options.retryDelaySeconds, retryBackoff: true }),
      };
      for (let i = 0; i < jobs.length; i += 500)
        await boss.insert(jobs.slice(i, i + 500).map((data) => ({ name: queue, data, ...overrides })));
      return jobs.length;
    },
    async close() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  } as JobQueue;
}
