// Workers on the PostgreSQL job queue, as separate processes: three of them share a queue of 2,000
// reports, one is killed with SIGKILL mid-run, and every report ends up stored exactly once, whole;
// a report that cannot be read is retried with backoff and then parked with its error.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../helpers.js";
import { describePostgres, freshDatabase, sql } from "../postgres.js";

const STATES = ["Iran", "Kuwait", "Qatar", "Egypt", "Jordan", "Turkey", "France", "Germany"];

/** A short reaction report, different for each i. */
function reportText(i: number): string {
  const a = STATES[i % STATES.length]!;
  const b = STATES[(i * 3 + 1) % STATES.length]!;
  return `Report ${i}: ${a} condemned the attack on convoy ${i} near Basra.\n\n"This attack number ${i} is unacceptable," the foreign ministry of ${a} said. ${b} called for restraint and an investigation into incident ${i}.`;
}

describePostgres("workers on the job queue", () => {
  const dir = tempDir("crisisdesk-workers-");
  const workers: ChildProcess[] = [];
  afterAll(() => {
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  });

  function startWorker(db: string): ChildProcess {
    const child = spawn(
      process.execPath,
      [BIN, "--db", db, "worker", "--quiet", "--poll", "0.2", "--maintenance", "1"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    child.stderr!.on("data", () => {});
    workers.push(child);
    return child;
  }

  async function count(db: string, text: string): Promise<number> {
    return Number((await sql(db, text)).rows[0].n);
  }

  async function waitFor(check: () => Promise<boolean>, what: string, seconds: number): Promise<void> {
    for (let waited = 0; waited < seconds * 1000; waited += 250) {
      if (await check()) return;
      await sleep(250);
    }
    throw new Error(`gave up waiting for ${what} after ${seconds} s`);
  }

  it("stores each of 2,000 queued reports exactly once though one of three workers is killed mid-run", async () => {
    const db = await freshDatabase("workers");
    const folder = join(dir, "reports");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(folder);
    for (let i = 0; i < 2000; i++)
      writeFileSync(join(folder, `report-${String(i).padStart(4, "0")}.txt`), reportText(i));
    // A short job timeout, so that the killed worker's job is handed out again within the test.
    const queued = await runCli([
      "--db",
      db,
      "ingest",
      "--queue",
      folder,
      "--job-timeout",
      "5",
      "--retry-delay",
      "1",
    ]);
    expect([queued.code, queued.stdout]).toEqual([0, "2000 queued, 0 failed\n"]);

    const [victim] = [startWorker(db), startWorker(db), startWorker(db)];
    const stored = () => count(db, "SELECT count(*) AS n FROM documents");
    await waitFor(async () => (await stored()) >= 300, "300 stored reports", 120);
    // Killed while it holds a job: paused first until one of its jobs is seen active well past the
    // time a job takes, then killed, so the test always exercises a job lost mid-run.
    const held = () =>
      count(
        db,
        "SELECT count(*) AS n FROM pgboss.job WHERE name = 'ingest' AND state = 'active' AND started_on < now() - interval '2 seconds'",
      );
    for (let attempt = 0; ; attempt++) {
      victim!.kill("SIGSTOP");
      await sleep(2500);
      if ((await held()) > 0 || attempt === 20) break;
      victim!.kill("SIGCONT");
      await sleep(100);
    }
    expect(await held()).toBeGreaterThan(0);
    victim!.kill("SIGKILL");
    const atKill = await stored();
    expect(atKill).toBeLessThan(2000);

    const pending = () =>
      count(
        db,
        "SELECT count(*) AS n FROM pgboss.job WHERE name = 'ingest' AND state IN ('created', 'retry', 'active')",
      );
    await waitFor(async () => (await pending()) === 0, "an empty queue", 240);

    expect(await stored()).toBe(2000);
    expect(await count(db, "SELECT count(DISTINCT source) AS n FROM documents")).toBe(2000);
    // Whole reports only: every stored report has all its sentences and its analysis's items.
    expect(
      await count(
        db,
        "SELECT count(*) AS n FROM documents d WHERE sentence_count <> (SELECT count(*) FROM sentences s WHERE s.document_id = d.id)",
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        "SELECT count(*) AS n FROM documents d WHERE jsonb_array_length(analysis->'reactions') <> (SELECT count(*) FROM reactions r WHERE r.document_id = d.id)",
      ),
    ).toBe(0);
    const jobs = JSON.parse((await runCli(["--db", db, "jobs", "--json"])).stdout);
    expect(jobs.queues.find((q: { queue: string }) => q.queue === "ingest")).toMatchObject({
      created: 0,
      retry: 0,
      active: 0,
      completed: 2000,
      failed: 0,
    });
    // The job the killed worker held came back: it was taken a second time.
    expect(
      await count(db, "SELECT count(*) AS n FROM pgboss.job WHERE name = 'ingest' AND retry_count > 0"),
    ).toBeGreaterThan(0);
    for (const w of workers.slice(1)) w.kill("SIGTERM");
    await Promise.all(
      workers.slice(1).map((w) => new Promise((r) => (w.exitCode === null ? w.on("exit", r) : r(null)))),
    );
    expect(workers.slice(1).map((w) => w.exitCode)).toEqual([0, 0]);
  }, 400_000);

  it("retries a report that cannot be read with backoff, then parks it with its error", async () => {
    const db = await freshDatabase("parked");
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    const queued = await runCli([
      "--db",
      db,
      "ingest",
      "--queue",
      empty,
      "--retries",
      "2",
      "--retry-delay",
      "1",
    ]);
    expect(queued.stdout).toBe("1 queued, 0 failed\n");
    startWorker(db);
    const failed = () => count(db, "SELECT count(*) AS n FROM pgboss.job WHERE state = 'failed'");
    await waitFor(async () => (await failed()) === 1, "the job to be parked", 60);
    const report = await runCli(["--db", db, "jobs"]);
    expect(report.stdout).toMatch(/ingest\s+0\s+0\s+0\s+0\s+1/);
    expect(report.stdout).toContain(`ingest ${empty} after 3 attempts: the file is empty`);
    expect(await count(db, "SELECT count(*) AS n FROM documents")).toBe(0);
  }, 120_000);

  it("says that the queue needs a PostgreSQL store", async () => {
    const r = await runCli(["--db", join(dir, "x.db"), "ingest", "--queue", "examples/"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringContaining("the job queue needs a PostgreSQL store"),
    ]);
  });
});
