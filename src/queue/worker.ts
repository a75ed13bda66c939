// A worker: takes jobs from the queue and runs them against the store, one at a time per slot.
// Each report is stored in one transaction and a stored report is recognised by its id, so a job
// run twice (its first worker died after storing, before saying so) stores it once.
//
// The loop is ours (fetch, run, complete or fail) rather than pg-boss's work(), which waits a full
// polling interval after every job: here a slot takes the next job at once and waits only when
// the queues are empty.
import { setTimeout as sleep } from "node:timers/promises";
import { CrisisdeskError } from "../domain/index.js";
import { type Engine, ingest, loadEngine } from "../pipeline/index.js";
import { reanalyze } from "../review/index.js";
import type { Store } from "../store/index.js";
import type { IngestJob, JobQueue, QueueName, ReanalyzeJob } from "./job-queue.js";

export interface JobOutcome {
  queue: QueueName;
  id: string;
  input: string;
  outcome: string;
}

export interface WorkerOptions {
  /** Jobs run at once by this process (default 1: the engine is CPU-bound, one per core). */
  concurrency?: number;
  /** Seconds between polls of empty queues (default 1). */
  pollSeconds?: number;
  allowPrivate?: boolean;
  onJob?: (outcome: JobOutcome) => void;
}

export interface RunningWorker {
  /** Stops taking jobs and resolves once the running ones are done. */
  stop(): Promise<void>;
}

type Handler = (data: unknown) => Promise<{ input: string; outcome: string; output: object }>;

export async function startWorker(
  queue: JobQueue,
  store: Store,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  let engine: Engine = await loadEngine(store);
  let overlay = JSON.stringify(await store.overlayActors());
  // A knowledge-base edit while the worker runs (an analyst's overlay change) is picked up at the
  // next job, as a new CLI process would. Compared as the overlay's text: hashing the shipped data
  // for the version on every job would cost more than most jobs.
  const freshEngine = async (): Promise<Engine> => {
    const now = JSON.stringify(await store.overlayActors());
    if (now !== overlay) {
      engine = await loadEngine(store);
      overlay = now;
    }
    return engine;
  };

  const handlers: Record<QueueName, Handler> = {
    ingest: async (data) => {
      const job = data as IngestJob;
      const name = "url" in job ? job.url : job.name;
      const input = "url" in job ? job.url : { name: job.name, bytes: Buffer.from(job.bytes, "base64") };
      const { analyse, versions } = await freshEngine();
      const report = await ingest([input], {
        store,
        analyse,
        versions,
        read: { allowPrivate: options.allowPrivate },
      });
      const failed = report.failed[0];
      if (failed)
        throw new CrisisdeskError(failed.code as CrisisdeskError["code"], failed.reason, {
          where: failed.input,
        });
      return {
        input: name,
        outcome: `${report.added.length} added, ${report.duplicates.length} duplicate`,
        output: { added: report.added.map((a) => a.id), duplicates: report.duplicates.map((d) => d.id) },
      };
    },
    reanalyze: async (data) => {
      const job = data as ReanalyzeJob;
      const { analyse, versions } = await freshEngine();
      const report = await reanalyze({ documents: job.documents }, { store, analyse, versions });
      return {
        input: job.documents.join(","),
        outcome: `${report.changed} changed of ${report.documents}`,
        output: { documents: report.documents, changed: report.changed },
      };
    },
  };

  let stopping = false;
  const pollMs = (options.pollSeconds ?? 1) * 1000;
  const names = Object.keys(handlers) as QueueName[];

  /** Takes one job from the first queue that has one and runs it; false when all were empty. */
  const runOne = async (): Promise<boolean> => {
    for (const name of names) {
      const [job] = await queue.boss.fetch<unknown>(name, { batchSize: 1 });
      if (!job) continue;
      try {
        const done = await handlers[name](job.data);
        await queue.boss.complete(name, job.id, done.output);
        options.onJob?.({ queue: name, id: job.id, input: done.input, outcome: done.outcome });
      } catch (error) {
        const e = error as Error & { where?: string };
        // pg-boss retries a failed job with backoff until its retry limit, then parks it failed.
        await queue.boss.fail(name, job.id, { message: e.message, where: e.where ?? null });
        options.onJob?.({
          queue: name,
          id: job.id,
          input: e.where ?? job.id,
          outcome: `failed: ${e.message}`,
        });
      }
      return true;
    }
    return false;
  };

  const slot = async (): Promise<void> => {
    while (!stopping) {
      let worked = false;
      try {
        worked = await runOne();
      } catch (error) {
        // The database went away for a moment: wait and try again.
        process.emitWarning(`worker: ${(error as Error).message}`);
      }
      if (!worked && !stopping) await sleep(pollMs);
    }
  };
  const slots = Array.from({ length: Math.max(1, options.concurrency ?? 1) }, () => slot());
  return {
    async stop() {
      stopping = true;
      await Promise.all(slots);
    },
  };
}
