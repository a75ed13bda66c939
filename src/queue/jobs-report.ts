// What the queue holds and did: jobs per queue and state, and the failed ones with their errors
// (`crisisdesk jobs`, and the server's UI).
import type { JobQueue } from "./job-queue.js";

export interface JobCounts {
  queue: string;
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface JobsReport {
  queues: JobCounts[];
  /** The latest jobs parked as failed, newest first, with the error they failed with. */
  failed: { id: string; queue: string; input: string | null; attempts: number; error: string; at: string }[];
}

const STATES = ["created", "retry", "active", "completed", "failed", "cancelled"] as const;

export async function jobsReport(
  queue: JobQueue,
  options: { failedLimit?: number } = {},
): Promise<JobsReport> {
  const db = queue.boss.getDb();
  // Jobs live in pgboss.job until archived (completed after a while), then in pgboss.archive.
  const counts = await db.executeSql(
    `SELECT name, state, count(*)::int AS n FROM (
       SELECT name, state FROM pgboss.job UNION ALL SELECT name, state FROM pgboss.archive
     ) j WHERE name NOT LIKE '\\_\\_%' GROUP BY name, state ORDER BY name`,
    [],
  );
  const byQueue = new Map<string, JobCounts>();
  for (const name of (await queue.boss.getQueues()).map((q) => q.name))
    byQueue.set(name, {
      queue: name,
      created: 0,
      retry: 0,
      active: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    });
  for (const r of counts.rows as { name: string; state: (typeof STATES)[number]; n: number }[]) {
    const row = byQueue.get(r.name) ?? {
      queue: r.name,
      created: 0,
      retry: 0,
      active: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    };
    row[r.state] = r.n;
    byQueue.set(r.name, row);
  }
  const failed = await db.executeSql(
    `SELECT id, name, COALESCE(data->>'url', data->>'name', data->>'documents') AS input, retry_count, output, completed_on
     FROM (SELECT id, name, data, retry_count, output, completed_on, state FROM pgboss.job
           UNION ALL SELECT id, name, data, retry_count, output, completed_on, state FROM pgboss.archive) j
     WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $1`,
    [options.failedLimit ?? 20],
  );
  return {
    queues: [...byQueue.values()],
    failed: (failed.rows as Record<string, unknown>[]).map((r) => ({
      id: String(r.id),
      queue: r.name as string,
      input: (r.input as string) ?? null,
      attempts: Number(r.retry_count) + 1,
      error: String((r.output as { message?: string } | null)?.message ?? JSON.stringify(r.output)),
      at: r.completed_on instanceof Date ? r.completed_on.toISOString() : String(r.completed_on),
    })),
  };
}
