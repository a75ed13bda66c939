// PostgreSQL beside SQLite (issue 12): ingest throughput of 1, 2 and 4 worker processes on the job
// queue against one PostgreSQL store, beside inline ingest into a SQLite file, with the whole
// engine; then the latency of a case's reaction matrix in a store of 100,000 reports on both.
// A throw-away PostgreSQL server is started for the run (scripts/local-postgres.mjs).
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { caseReactionMatrix, ingest, loadEngine, loadKnowledge, openStore } from "../dist/index.js";
import { enqueueIngest, openJobQueue } from "../dist/queue/index.js";
import { startLocalPostgres } from "../scripts/local-postgres.mjs";

const BIN = resolve(import.meta.dirname, "..", "bin", "crisisdesk.js");
const STATES = ["Iran", "Kuwait", "Qatar", "Egypt", "Jordan", "Turkey", "France", "Germany", "Oman", "Iraq"];

function report(i) {
  const a = STATES[i % STATES.length];
  const b = STATES[(i * 7 + 3) % STATES.length];
  return `Report ${i}: ${a} condemned the drone attack on convoy ${i} near Basra on Sunday.\n\n"This attack is unacceptable," the foreign ministry of ${a} said in a statement. ${b} called for restraint and urged an investigation into incident ${i}. Officials said ${i % 13} people were wounded.`;
}

function corpus(n) {
  const dir = join(tmpdir(), `crisisdesk-bench-queue-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `r-${String(i).padStart(6, "0")}.txt`), report(i));
  return dir;
}

async function database(server, name) {
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function scalar(url, sql) {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

/** Workers started and ready (knowledge base loaded) before the reports are queued, so that what is
 * timed is the queue's throughput, not process start-up. */
async function workersRun(server, dir, n, workers) {
  const url = await database(server, `bench_w${workers}`);
  await (await openStore(url)).close();
  const children = Array.from({ length: workers }, () =>
    spawn(process.execPath, [BIN, "--db", url, "worker", "--quiet", "--poll", "0.2"], {
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  await Promise.all(
    children.map(
      (c) =>
        new Promise((ready) => {
          let text = "";
          c.stderr.on("data", (d) => {
            text += d;
            if (text.includes("taking jobs")) ready();
          });
        }),
    ),
  );
  const queue = await openJobQueue(url);
  const t0 = performance.now();
  await enqueueIngest(queue, [dir]);
  await queue.close();
  while ((await scalar(url, "SELECT count(*) AS n FROM documents")) < n)
    await new Promise((r) => setTimeout(r, 100));
  const seconds = (performance.now() - t0) / 1000;
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => new Promise((r) => c.on("exit", r))));
  return { workers, seconds, docsPerSecond: n / seconds };
}

export async function benchQueue({ documents = 1000 } = {}) {
  const dir = corpus(documents);
  const server = await startLocalPostgres();
  try {
    const path = join(tmpdir(), `crisisdesk-bench-inline-${process.pid}.db`);
    const store = await openStore(path);
    const engine = await loadEngine(store);
    const t0 = performance.now();
    await ingest([dir], { store, analyse: engine.analyse, versions: engine.versions });
    const sqliteSeconds = (performance.now() - t0) / 1000;
    await store.close();
    for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
    const runs = [];
    for (const w of [1, 2, 4]) runs.push(await workersRun(server, dir, documents, w));
    return { documents, sqlite: { seconds: sqliteSeconds, docsPerSecond: documents / sqliteSeconds }, runs };
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fills a store with `copies` clones of each analysed template report (documents and their
 * reaction rows, new ids), in bulk SQL: the engine over 100,000 reports would take the bench an
 * hour, and what is measured is reading, not ingest. */
async function cloneSqlite(path, copies) {
  const db = new Database(path);
  db.exec("BEGIN");
  db.prepare(
    `WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
     INSERT INTO documents (id, title, author, published, source, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at)
     SELECT d.id || printf('%06d', k.n), title, author, published, source || '#' || k.n, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at
     FROM documents d, k`,
  ).run(copies);
  db.prepare(
    `WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
     INSERT INTO reactions (document_id, actor_id, actor_name, actor_kind, country, stance, event_id, sentence, start, end, confidence, item, review)
     SELECT r.document_id || printf('%06d', k.n), actor_id, actor_name, actor_kind, country, stance, event_id, sentence, start, end, confidence, item, review
     FROM reactions r JOIN documents d ON d.id = r.document_id AND length(d.id) = 64, k`,
  ).run(copies);
  db.exec("COMMIT");
  db.close();
}

async function clonePostgres(url, copies) {
  const c = new pg.Client(url);
  await c.connect();
  await c.query(
    `INSERT INTO documents (id, title, author, published, source, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at)
     SELECT d.id || lpad(k::text, 6, '0'), title, author, published, source || '#' || k, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at
     FROM documents d, generate_series(1, $1) k`,
    [copies],
  );
  await c.query(
    `INSERT INTO reactions (document_id, actor_id, actor_name, actor_kind, country, stance, event_id, sentence, start, "end", confidence, item, review)
     SELECT r.document_id || lpad(k::text, 6, '0'), actor_id, actor_name, actor_kind, country, stance, event_id, sentence, start, "end", confidence, item, review
     FROM reactions r, generate_series(1, $1) k WHERE length(r.document_id) = 64`,
    [copies],
  );
  await c.query("ANALYZE");
  await c.end();
}

async function matrixLatency(target, caseSize) {
  const store = await openStore(target);
  const ids = await store.documentIds();
  const step = Math.floor(ids.length / caseSize);
  await store.createCase({ id: "bench", title: "Bench case", anchorDate: "2021-11-07" });
  await store.addToCase("bench", ids.filter((_, i) => i % step === 0).slice(0, caseSize));
  const kb = await loadKnowledge(store);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await caseReactionMatrix(store, kb, "bench");
    times.push(performance.now() - t);
  }
  const actorTimes = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await store.listReactions({ actor: "Kuwait", limit: 100 });
    actorTimes.push(performance.now() - t);
  }
  const documents = (await store.stats()).documents;
  await store.close();
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { documents, matrixMs: median(times), listMs: median(actorTimes) };
}

export async function benchMatrix({ templates = 100, copies = 999, caseSize = 500 } = {}) {
  const dir = corpus(templates);
  const server = await startLocalPostgres();
  const path = join(tmpdir(), `crisisdesk-bench-matrix-${process.pid}.db`);
  try {
    const url = await database(server, "bench_matrix");
    for (const target of [path, url]) {
      const store = await openStore(target);
      const engine = await loadEngine(store);
      await ingest([dir], { store, analyse: engine.analyse, versions: engine.versions });
      await store.close();
    }
    await cloneSqlite(path, copies);
    await clonePostgres(url, copies);
    return {
      sqlite: await matrixLatency(path, caseSize),
      postgres: await matrixLatency(url, caseSize),
      caseSize,
    };
  } finally {
    server.stop();
    for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
