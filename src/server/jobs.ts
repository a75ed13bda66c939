// Long work (a folder or feed ingest, a PDF brief) as background jobs: the request that starts one
// gets its id at once, and the job's progress and result are fetched from /api/jobs/:id. The table
// is in-process, which is right for one server on a SQLite file; a queue shared by several servers
// belongs with the PostgreSQL store.
import { randomSecret } from "./auth/passwords.js";

export type JobState = "running" | "done" | "failed";

export interface JobResult {
  /** A JSON value, or bytes with their media type (a PDF). */
  json?: unknown;
  bytes?: Uint8Array;
  contentType?: string;
  filename?: string;
}

export interface Job {
  id: string;
  kind: string;
  owner: string;
  state: JobState;
  progress: { done: number; total: number | null; note?: string };
  startedAt: string;
  finishedAt: string | null;
  error: { code: string; message: string } | null;
  result: JobResult | null;
}

export interface JobView extends Omit<Job, "result"> {
  resultUrl: string | null;
}

export type Progress = (done: number, total: number | null, note?: string) => void;

export class JobTable {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Set<Promise<void>>();

  /** Starts `work` in the background and returns the job at once. */
  start(
    kind: string,
    owner: string,
    work: (progress: Progress) => Promise<JobResult>,
    describe: (error: unknown) => { code: string; message: string },
  ): Job {
    const job: Job = {
      id: randomSecret(9),
      kind,
      owner,
      state: "running",
      progress: { done: 0, total: null },
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
      result: null,
    };
    this.jobs.set(job.id, job);
    const run = (async () => {
      try {
        job.result = await work((done, total, note) => {
          job.progress = { done, total, ...(note ? { note } : {}) };
        });
        job.state = "done";
      } catch (error) {
        job.state = "failed";
        job.error = describe(error);
      } finally {
        job.finishedAt = new Date().toISOString();
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return job;
  }

  get(id: string): Job | null {
    return this.jobs.get(id) ?? null;
  }

  view(job: Job): JobView {
    const { result, ...rest } = job;
    return { ...rest, resultUrl: job.state === "done" ? `/api/jobs/${job.id}/result` : null };
  }

  /** Waits for every running job (the server's close). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
