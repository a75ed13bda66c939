// The shared store: PostgreSQL through a `pg` pool handed over open (see postgres-connection.ts),
// the schema migrated when the adapter takes it. It passes the same contract as the SQLite file
// (test/store/store-contract.ts): each document in one transaction, full-text search with
// bracketed snippets, the review layer. Several processes (workers, servers) may share one
// database, so writes that meet on a row (a document ingested twice at once, the same actor) are
// upserts taken in a fixed order.
import type pg from "pg";
import {
  type Actor,
  type ActorRef,
  type Analysis,
  CrisisdeskError,
  type Document,
  type ItemKind,
  itemIds,
  kindOfItemId,
} from "../../domain/index.js";
import type {
  ActorResolution,
  AnalysisVersions,
  Decision,
  EngineChange,
  ReviewStore,
  SourceGrade,
  StoredReport,
} from "../review-port.js";
import type {
  ActorRow,
  AffiliationRow,
  AnalysedDocument,
  CandidateQuery,
  CaseDocument,
  CaseInput,
  CaseRow,
  Clock,
  DocumentRow,
  ItemRow,
  KnowledgeGraph,
  ListQuery,
  SaveOutcome,
  SearchHit,
  Store,
  StoreStats,
} from "../store-port.js";
import type { CaseRecord, ReportRecord } from "../transfer-port.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";

type Row = Record<string, unknown>;
type Queryable = pg.Pool | pg.PoolClient;

/** Positional parameters for one statement: `p(value)` appends a value and gives its `$n`. */
class Params {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** INSERTs rows of equal width in batches (PostgreSQL binds at most 65,535 parameters). */
async function insertRows(
  db: Queryable,
  head: string,
  rows: readonly unknown[][],
  tail = "",
): Promise<number> {
  if (!rows.length) return 0;
  const width = rows[0]!.length;
  const per = Math.max(1, Math.floor(30_000 / width));
  let changed = 0;
  for (let i = 0; i < rows.length; i += per) {
    const batch = rows.slice(i, i + per);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const start = values.length;
      values.push(...row);
      return `(${row.map((_, j) => `$${start + j + 1}`).join(", ")})`;
    });
    const result = await db.query(`${head} VALUES ${tuples.join(", ")} ${tail}`, values);
    changed += result.rowCount ?? 0;
  }
  return changed;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function documentRow(r: Row): DocumentRow {
  return {
    id: r.id as string,
    title: (r.title as string) ?? null,
    author: (r.author as string) ?? null,
    published: (r.published as string) ?? null,
    source: r.source as string,
    url: (r.url as string) ?? null,
    format: r.format as string,
    words: r.words as number,
    sentences: r.sentence_count as number,
    ingestedAt: r.ingested_at as string,
  };
}

function caseRow(r: Row): CaseRow {
  return {
    id: r.id as string,
    title: r.title as string,
    anchorDate: (r.anchor_date as string) ?? null,
    country: (r.country as string) ?? null,
    description: (r.description as string) ?? null,
    createdAt: r.created_at as string,
    documents: (r.documents as number) ?? 0,
  };
}

const ROW_COLUMNS = "id, title, author, published, source, url, format, words, sentence_count, ingested_at";
const D_ROW_COLUMNS = ROW_COLUMNS.replace(/(\w+)/g, "d.$1");
const DOC_COLUMNS = "d.id AS document_id, d.title AS document_title, d.published AS published";

/** Sentences of at most this many words are shown whole in a search snippet, longer ones cut
 * around the words found, as SQLite's snippet() with 16 tokens does. */
const SNIPPET_WORDS = 16;

const UNIQUE_VIOLATION = "23505";

/** Brings the database's schema up to date under an advisory lock; returns the version now. */
async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('crisisdesk schema'))");
    await client.query("CREATE TABLE IF NOT EXISTS crisisdesk_schema (version integer NOT NULL)");
    const found = (await client.query("SELECT version FROM crisisdesk_schema")).rows[0] as
      | { version: number }
      | undefined;
    const version = found?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new CrisisdeskError(
        "STORE",
        `the store was written by a newer crisisdesk (schema ${version}); upgrade crisisdesk to open it`,
      );
    }
    for (const m of MIGRATIONS) if (m.version > version) await client.query(m.sql);
    if (!found) await client.query("INSERT INTO crisisdesk_schema VALUES ($1)", [SCHEMA_VERSION]);
    else if (version < SCHEMA_VERSION)
      await client.query("UPDATE crisisdesk_schema SET version = $1", [SCHEMA_VERSION]);
    await client.query("COMMIT");
    return SCHEMA_VERSION;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export class PostgresStore implements Store, ReviewStore {
  readonly path: string;
  private readonly pool: pg.Pool;
  private readonly clock: Clock;

  private constructor(pool: pg.Pool, options: { path: string; clock: Clock }) {
    this.pool = pool;
    this.path = options.path;
    this.clock = options.clock;
  }

  /** Takes an open pool (migrating its database to the current schema) and the clock rows are
   * stamped by. `path` is how the store is named to the user (a URL without its password). */
  static async open(pool: pg.Pool, options: { path: string; clock: Clock }): Promise<PostgresStore> {
    try {
      await migrate(pool);
    } catch (cause) {
      if (cause instanceof CrisisdeskError) throw cause;
      throw new CrisisdeskError("STORE", `cannot open the store (${(cause as Error).message})`, {
        where: options.path,
        cause,
      });
    }
    return new PostgresStore(pool, options);
  }

  /** Runs `work` in one transaction on one connection: all of it is committed, or none. */
  private async transaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async rows(sql: string, values: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, values)).rows as Row[];
  }

  async hasDocument(id: string): Promise<boolean> {
    return (await this.rows("SELECT 1 FROM documents WHERE id = $1", [id])).length > 0;
  }

  async saveDocument(
    document: Document,
    analysis: Analysis,
    versions?: AnalysisVersions,
  ): Promise<SaveOutcome> {
    const ingestedAt = this.clock().toISOString();
    try {
      return await this.transaction(async (db) => {
        // Two workers saving the same report at once: the second waits on the first's row and
        // then finds it there, so the report is stored once and the second says "duplicate".
        const inserted = await db.query(
          `INSERT INTO documents (id, title, author, published, source, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`,
          [
            document.id,
            document.title,
            document.author,
            document.published,
            document.source,
            document.url,
            document.format,
            document.language,
            document.words,
            document.sentences.length,
            document.text,
            JSON.stringify(document.blocks),
            JSON.stringify(analysis),
            ingestedAt,
          ],
        );
        if (inserted.rowCount === 0) return "duplicate";
        await insertRows(
          db,
          'INSERT INTO sentences (document_id, idx, block, start, "end", text)',
          document.sentences.map((s) => [document.id, s.index, s.block, s.span[0], s.span[1], s.text]),
        );
        await this.writeItems(db, document.id, analysis);
        if (versions) await this.stampVersions(db, document.id, versions, ingestedAt);
        return "added";
      });
    } catch (cause) {
      throw new CrisisdeskError(
        "STORE",
        `could not save the document (${(cause as Error).message}); the store is unchanged`,
        { where: document.source, cause },
      );
    }
  }

  /** Writes a document's mentions and item rows from an analysis (inside the caller's transaction). */
  private async writeItems(db: pg.PoolClient, documentId: string, analysis: Analysis): Promise<void> {
    const actors = new Map<string, ActorRef>();
    const actorId = (ref: ActorRef | null): string | null => {
      if (!ref) return null;
      const id = ref.id ?? `new:${ref.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
      if (!actors.has(id)) actors.set(id, ref);
      return id;
    };
    for (const a of analysis.actors) actorId(a);
    const events = analysis.events;
    const eventIds = itemIds(documentId, "event", events);
    const eventRows = events.map((e, i) => [
      documentId,
      e.id,
      e.summary,
      e.cameo,
      e.plover,
      e.mode,
      e.date,
      e.location?.name ?? null,
      e.location?.country ?? null,
      json(e.source_actor),
      json(e.target_actor),
      Boolean(e.attempted),
      e.sentence,
      e.offset[0],
      e.offset[1],
      e.confidence,
      e.review?.item ?? eventIds[i],
      e.review?.status ?? null,
    ]);
    const reactionIds = itemIds(documentId, "reaction", analysis.reactions);
    const reactionRows = analysis.reactions.map((r, i) => [
      documentId,
      actorId(r.actor),
      r.actor.name,
      r.actor.kind,
      r.actor.country,
      r.stance,
      r.event_id,
      r.sentence,
      r.offset[0],
      r.offset[1],
      r.confidence,
      r.review?.item ?? reactionIds[i],
      r.review?.status ?? null,
    ]);
    const quoteIds = itemIds(documentId, "quote", analysis.quotes);
    const quoteRows = analysis.quotes.map((q, i) => [
      documentId,
      actorId(q.speaker),
      q.speaker?.name ?? null,
      q.speaker?.kind ?? null,
      q.speaker?.country ?? null,
      q.text,
      q.sentence,
      q.offset[0],
      q.offset[1],
      q.review?.item ?? quoteIds[i],
      q.review?.status ?? null,
    ]);
    const attributionIds = itemIds(documentId, "attribution", analysis.attributions);
    const attributionRows = analysis.attributions.map((a, i) => {
      if (a.claimant !== "author") actorId(a.claimant);
      return [
        documentId,
        a.claimant === "author" ? "author" : a.claimant.name,
        a.claimant === "author" ? null : a.claimant.country,
        actorId(a.accused),
        a.accused.name,
        a.accused.country,
        a.event_id,
        a.evidence,
        a.sentence,
        a.offset[0],
        a.offset[1],
        a.confidence,
        a.review?.item ?? attributionIds[i],
        a.review?.status ?? null,
      ];
    });
    // Actors in id order, so that two transactions adding the same actors never wait on each
    // other in a cycle.
    const sorted = [...actors].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    await insertRows(
      db,
      "INSERT INTO actors (id, name, kind, country)",
      sorted.map(([id, ref]) => [id, ref.name, ref.kind, ref.country]),
      "ON CONFLICT (id) DO NOTHING",
    );
    await insertRows(
      db,
      "INSERT INTO actor_aliases (actor_id, alias)",
      sorted.map(([id, ref]) => [id, ref.name]),
      "ON CONFLICT DO NOTHING",
    );
    await insertRows(
      db,
      "INSERT INTO mentions (document_id, actor_id, mentions, roles)",
      analysis.actors.map((a) => [documentId, a.id, a.mentions, JSON.stringify(a.roles)]),
    );
    await insertRows(
      db,
      'INSERT INTO events (document_id, id, summary, cameo, plover, mode, date, location, location_country, source_actor, target_actor, attempted, sentence, start, "end", confidence, item, review)',
      eventRows,
    );
    await insertRows(
      db,
      'INSERT INTO reactions (document_id, actor_id, actor_name, actor_kind, country, stance, event_id, sentence, start, "end", confidence, item, review)',
      reactionRows,
    );
    await insertRows(
      db,
      'INSERT INTO quotes (document_id, speaker_id, speaker_name, speaker_kind, country, text, sentence, start, "end", item, review)',
      quoteRows,
    );
    await insertRows(
      db,
      'INSERT INTO attributions (document_id, claimant, claimant_country, accused_id, accused_name, accused_country, event_id, evidence, sentence, start, "end", confidence, item, review)',
      attributionRows,
    );
  }

  private async deleteItems(db: pg.PoolClient, documentId: string): Promise<void> {
    for (const table of ["mentions", "events", "reactions", "quotes", "attributions"])
      await db.query(`DELETE FROM ${table} WHERE document_id = $1`, [documentId]);
  }

  private async stampVersions(
    db: Queryable,
    documentId: string,
    versions: AnalysisVersions,
    at: string,
  ): Promise<void> {
    await db.query(
      "UPDATE documents SET engine_version = $1, kb_version = $2, analysed_at = $3 WHERE id = $4",
      [versions.engine, versions.kb, at, documentId],
    );
  }

  async getDocument(id: string) {
    const [r] = await this.rows(`SELECT ${ROW_COLUMNS}, text, analysis FROM documents WHERE id = $1`, [id]);
    if (!r) return null;
    return { ...documentRow(r), text: r.text as string, analysis: r.analysis as Analysis };
  }

  async documentIdsByPrefix(prefix: string, limit = 2): Promise<string[]> {
    const p = prefix.toLowerCase();
    if (!p) return [];
    // A range on the primary key (ids collate as bytes), as the SQLite store does.
    const rows = await this.rows("SELECT id FROM documents WHERE id >= $1 AND id < $2 ORDER BY id LIMIT $3", [
      p,
      `${p}\uffff`,
      limit,
    ]);
    return rows.map((r) => r.id as string);
  }

  async getAnalyses(ids: readonly string[]): Promise<AnalysedDocument[]> {
    if (!ids.length) return [];
    const rows = await this.rows(`SELECT ${ROW_COLUMNS}, analysis FROM documents WHERE id = ANY($1)`, [
      [...ids],
    ]);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    const out: AnalysedDocument[] = [];
    for (const id of ids) {
      const r = byId.get(id);
      if (r) out.push({ ...documentRow(r), analysis: r.analysis as Analysis });
    }
    return out;
  }

  async documentTexts(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!ids.length) return out;
    for (const r of await this.rows("SELECT id, text FROM documents WHERE id = ANY($1)", [[...ids]]))
      out.set(r.id as string, r.text as string);
    return out;
  }

  async candidateDocuments(query: CandidateQuery): Promise<string[]> {
    const parts: string[] = [];
    const q = new Params();
    if (query.eventDays) {
      parts.push(
        `SELECT document_id AS id FROM events WHERE date >= ${q.p(query.eventDays.from)} AND date < ${q.p(`${query.eventDays.to}\uffff`)}`,
      );
    }
    if (query.published) {
      parts.push(
        `SELECT id FROM documents WHERE published >= ${q.p(query.published.from)} AND published < ${q.p(`${query.published.to}\uffff`)}`,
      );
    }
    if (query.targets?.length)
      parts.push(
        `SELECT document_id AS id FROM events WHERE target_actor->>'id' = ANY(${q.p([...query.targets])})`,
      );
    if (query.actors?.length)
      parts.push(`SELECT document_id AS id FROM mentions WHERE actor_id = ANY(${q.p([...query.actors])})`);
    if (!parts.length) return [];
    return (await this.rows(`${parts.join(" UNION ")} ORDER BY id`, q.values)).map((r) => r.id as string);
  }

  /** The WHERE clause of a list: since a date, and an actor named by name, alias, id or country
   * code (matched as the SQLite store matches it). */
  private async filters(
    query: ListQuery,
    actorColumns: string[],
    q: Params,
    countryColumn: string | null,
  ): Promise<string> {
    const clauses: string[] = [];
    if (query.since)
      clauses.push(`COALESCE(d.published, substr(d.ingested_at, 1, 10)) >= ${q.p(query.since)}`);
    if (query.actor && actorColumns.length) {
      const needle = query.actor.toLowerCase();
      const ids = (
        await this.rows(
          "SELECT DISTINCT actor_id FROM actor_aliases WHERE lower(alias) = $1 UNION SELECT id FROM actors WHERE lower(id) = $1 OR lower(name) = $1",
          [needle],
        )
      ).map((r) => r.actor_id as string);
      const countryCode = /^[a-z]{3}$/.test(needle) ? needle.toUpperCase() : null;
      const ors = actorColumns.map((c) => `lower(${c}) LIKE ${q.p(`%${needle}%`)}`);
      if (ids.length) ors.push(`${actorColumns[0]} IN (SELECT name FROM actors WHERE id = ANY(${q.p(ids)}))`);
      if (countryCode && countryColumn) ors.push(`${countryColumn} = ${q.p(countryCode)}`);
      clauses.push(`(${ors.join(" OR ")})`);
    }
    return clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
  }

  async listDocuments(query: ListQuery = {}): Promise<DocumentRow[]> {
    const q = new Params();
    const clauses: string[] = [];
    if (query.since)
      clauses.push(`COALESCE(d.published, substr(d.ingested_at, 1, 10)) >= ${q.p(query.since)}`);
    if (query.actor)
      clauses.push(
        `d.id IN (SELECT document_id FROM mentions m JOIN actor_aliases a ON a.actor_id = m.actor_id WHERE lower(a.alias) LIKE ${q.p(`%${query.actor.toLowerCase()}%`)})`,
      );
    const sql = `SELECT ${D_ROW_COLUMNS} FROM documents d ${clauses.length ? `WHERE ${clauses.join(" AND ")}` : ""}
      ORDER BY COALESCE(d.published, d.ingested_at) DESC, d.title NULLS FIRST LIMIT ${q.p(query.limit ?? null)}`;
    return (await this.rows(sql, q.values)).map(documentRow);
  }

  async listActors(query: ListQuery = {}): Promise<ActorRow[]> {
    const q = new Params();
    const where = await this.filters(query, ["a.name"], q, "a.country");
    const sql = `SELECT a.id, a.name, a.kind, a.country, COUNT(DISTINCT m.document_id)::int AS documents, SUM(m.mentions)::int AS mentions
      FROM mentions m JOIN actors a ON a.id = m.actor_id JOIN documents d ON d.id = m.document_id
      ${where} GROUP BY a.id ORDER BY mentions DESC, a.name LIMIT ${q.p(query.limit ?? null)}`;
    return (await this.rows(sql, q.values)) as unknown as ActorRow[];
  }

  private async items(
    table: string,
    columns: string,
    actorColumns: string[],
    countryColumn: string | null,
    order: string,
    query: ListQuery,
  ): Promise<ItemRow[]> {
    const q = new Params();
    const where = await this.filters(query, actorColumns, q, countryColumn);
    const sql = `SELECT ${DOC_COLUMNS}, ${columns} FROM ${table} t JOIN documents d ON d.id = t.document_id ${where} ORDER BY ${order} LIMIT ${q.p(query.limit ?? null)}`;
    return (await this.rows(sql, q.values)).map((r) => {
      const { document_id, document_title, published, ...rest } = r;
      return {
        documentId: document_id as string,
        documentTitle: (document_title as string) ?? null,
        published: (published as string) ?? null,
        ...rest,
      };
    });
  }

  async listEvents(query: ListQuery = {}): Promise<ItemRow[]> {
    return this.items(
      "events",
      "t.id, t.summary, t.cameo, t.plover, t.mode, t.date, t.location, t.location_country, t.source_actor, t.target_actor, t.attempted, t.sentence, t.confidence, t.item, t.review",
      ["t.source_actor::text", "t.target_actor::text"],
      null,
      "COALESCE(t.date, d.published) DESC NULLS LAST, t.start, t.seq",
      query,
    );
  }

  async listReactions(query: ListQuery = {}): Promise<ItemRow[]> {
    return this.items(
      "reactions",
      "t.actor_id, t.actor_name, t.actor_kind, t.country, t.stance, t.event_id, t.sentence, t.confidence, t.item, t.review",
      ["t.actor_name"],
      "t.country",
      "d.published DESC NULLS LAST, t.start, t.seq",
      query,
    );
  }

  async listQuotes(query: ListQuery = {}): Promise<ItemRow[]> {
    return this.items(
      "quotes",
      "t.speaker_id, t.speaker_name, t.speaker_kind, t.country, t.text, t.sentence, t.item, t.review",
      ["t.speaker_name"],
      "t.country",
      "d.published DESC NULLS LAST, t.start, t.seq",
      query,
    );
  }

  async listAttributions(query: ListQuery = {}): Promise<ItemRow[]> {
    return this.items(
      "attributions",
      "t.claimant, t.accused_name, t.accused_country, t.event_id, t.evidence, t.sentence, t.confidence, t.item, t.review",
      ["t.claimant", "t.accused_name"],
      null,
      "d.published DESC NULLS LAST, t.start, t.seq",
      query,
    );
  }

  async search(words: string, limit = 20): Promise<SearchHit[]> {
    // The words are handed to plainto_tsquery as plain text (their AND), so user punctuation is
    // never query syntax.
    const terms = words.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (terms.length === 0) return [];
    const rows = await this.rows(
      `WITH q AS (SELECT plainto_tsquery('crisisdesk', $1) AS query)
       SELECT s.document_id, d.title, s.idx, s.start, s."end", s.text,
              ts_headline('crisisdesk', s.text, q.query, 'StartSel=[, StopSel=], HighlightAll=true') AS whole,
              ts_headline('crisisdesk', s.text, q.query, 'StartSel=[, StopSel=], MaxFragments=1, MaxWords=${SNIPPET_WORDS}, MinWords=8, ShortWord=0, FragmentDelimiter=" … "') AS fragment
       FROM q, sentences s JOIN documents d ON d.id = s.document_id
       WHERE s.tsv @@ q.query
       ORDER BY ts_rank(s.tsv, q.query) DESC, s.id LIMIT $2`,
      [terms.join(" "), limit],
    );
    return rows.map((r) => ({
      documentId: r.document_id as string,
      documentTitle: (r.title as string) ?? null,
      sentence: r.idx as number,
      snippet: snippet(r.text as string, r.whole as string, r.fragment as string),
      offset: [r.start as number, r.end as number],
    }));
  }

  async stats(): Promise<StoreStats> {
    const [r] = await this.rows(`SELECT
      (SELECT COUNT(*) FROM documents)::int AS documents,
      (SELECT COUNT(*) FROM sentences)::int AS sentences,
      (SELECT COALESCE(SUM(words), 0) FROM documents)::bigint AS words,
      (SELECT COUNT(DISTINCT actor_id) FROM mentions)::int AS actors,
      (SELECT COALESCE(SUM(mentions), 0) FROM mentions)::bigint AS mentions,
      (SELECT COUNT(*) FROM events)::int AS events,
      (SELECT COUNT(*) FROM reactions)::int AS reactions,
      (SELECT COUNT(*) FROM quotes)::int AS quotes,
      (SELECT COUNT(*) FROM attributions)::int AS attributions,
      (SELECT COUNT(*) FROM overlay_actors)::int AS overlay_actors,
      (SELECT version FROM crisisdesk_schema) AS schema_version`);
    return {
      documents: r!.documents as number,
      sentences: r!.sentences as number,
      words: Number(r!.words),
      actors: r!.actors as number,
      mentions: Number(r!.mentions),
      events: r!.events as number,
      reactions: r!.reactions as number,
      quotes: r!.quotes as number,
      attributions: r!.attributions as number,
      overlayActors: r!.overlay_actors as number,
      path: this.path,
      schemaVersion: r!.schema_version as number,
    };
  }

  async overlayActors(): Promise<Actor[]> {
    return (await this.rows("SELECT data FROM overlay_actors ORDER BY id")).map((r) => r.data as Actor);
  }

  async putOverlayActors(actors: Actor[]): Promise<void> {
    await this.transaction(async (db) => {
      const now = this.clock().toISOString();
      for (const a of actors) {
        await db.query(
          "INSERT INTO overlay_actors (id, data, updated_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
          [a.id, JSON.stringify(a), now],
        );
        await db.query("DELETE FROM affiliations WHERE actor_id = $1 AND origin = 'overlay'", [a.id]);
        await insertRows(
          db,
          'INSERT INTO affiliations (actor_id, type, target, start, "end", note, origin)',
          a.affiliations.map((f) => [
            a.id,
            f.type,
            f.target,
            f.start ?? null,
            f.end ?? null,
            f.note ?? null,
            "overlay",
          ]),
        );
      }
    });
  }

  async removeOverlayActor(id: string): Promise<boolean> {
    return this.transaction(async (db) => {
      await db.query("DELETE FROM affiliations WHERE actor_id = $1 AND origin = 'overlay'", [id]);
      return ((await db.query("DELETE FROM overlay_actors WHERE id = $1", [id])).rowCount ?? 0) > 0;
    });
  }

  async createCase(input: CaseInput): Promise<CaseRow> {
    try {
      await this.pool.query(
        "INSERT INTO cases (id, title, anchor_date, country, description, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        [
          input.id,
          input.title,
          input.anchorDate ?? null,
          input.country ?? null,
          input.description ?? null,
          this.clock().toISOString(),
        ],
      );
    } catch (cause) {
      if ((cause as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new CrisisdeskError("BAD_USAGE", `a case with id "${input.id}" already exists`, {
          where: input.id,
          cause,
        });
      }
      throw cause;
    }
    return (await this.getCase(input.id))!;
  }

  async getCase(id: string): Promise<CaseRow | null> {
    const [row] = await this.rows(
      "SELECT c.*, (SELECT COUNT(*) FROM case_documents d WHERE d.case_id = c.id)::int AS documents FROM cases c WHERE c.id = $1",
      [id],
    );
    return row ? caseRow(row) : null;
  }

  async listCases(): Promise<CaseRow[]> {
    return (
      await this.rows(
        "SELECT c.*, (SELECT COUNT(*) FROM case_documents d WHERE d.case_id = c.id)::int AS documents FROM cases c ORDER BY c.created_at, c.id",
      )
    ).map(caseRow);
  }

  async addToCase(
    caseId: string,
    documentIds: readonly string[],
    addedBy: "analyst" | "auto" = "analyst",
  ): Promise<number> {
    const now = this.clock().toISOString();
    return this.transaction((db) =>
      insertRows(
        db,
        "INSERT INTO case_documents (case_id, document_id, added_by, added_at)",
        [...new Set(documentIds)].map((id) => [caseId, id, addedBy, now]),
        "ON CONFLICT DO NOTHING",
      ),
    );
  }

  async removeFromCase(caseId: string, documentIds: readonly string[]): Promise<number> {
    const result = await this.pool.query(
      "DELETE FROM case_documents WHERE case_id = $1 AND document_id = ANY($2)",
      [caseId, [...documentIds]],
    );
    return result.rowCount ?? 0;
  }

  async caseMembers(caseId: string): Promise<{ id: string; addedBy: string }[]> {
    return (
      await this.rows(
        "SELECT document_id, added_by FROM case_documents WHERE case_id = $1 ORDER BY document_id",
        [caseId],
      )
    ).map((r) => ({ id: r.document_id as string, addedBy: r.added_by as string }));
  }

  async caseDocuments(caseId: string): Promise<CaseDocument[]> {
    const rows = await this.rows(
      `SELECT ${D_ROW_COLUMNS}, d.analysis, cd.added_by FROM case_documents cd JOIN documents d ON d.id = cd.document_id
       WHERE cd.case_id = $1 ORDER BY COALESCE(d.published, d.ingested_at), d.id`,
      [caseId],
    );
    return rows.map((r) => ({
      ...documentRow(r),
      analysis: r.analysis as Analysis,
      addedBy: r.added_by as string,
    }));
  }

  async getCaseState<T>(caseId: string, key: string): Promise<T | null> {
    const [row] = await this.rows("SELECT value FROM case_state WHERE case_id = $1 AND key = $2", [
      caseId,
      key,
    ]);
    return row ? (row.value as T) : null;
  }

  async putCaseState(caseId: string, key: string, value: unknown): Promise<void> {
    await this.pool.query(
      "INSERT INTO case_state (case_id, key, value, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      [caseId, key, JSON.stringify(value), this.clock().toISOString()],
    );
  }

  async syncKnowledgeGraph(graph: KnowledgeGraph): Promise<boolean> {
    const current = async (db: Queryable) =>
      (
        (await db.query("SELECT value FROM store_meta WHERE key = 'knowledge_graph'")).rows[0] as
          | Row
          | undefined
      )?.value;
    if ((await current(this.pool)) === graph.version) return false;
    return this.transaction(async (db) => {
      // Workers starting together would each mirror the graph: one does, the others find it done.
      await db.query("SELECT pg_advisory_xact_lock(hashtext('crisisdesk knowledge graph'))");
      if ((await current(db)) === graph.version) return false;
      await db.query("DELETE FROM affiliations WHERE origin = 'kb'");
      const actors = [...graph.actors].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      await insertRows(
        db,
        "INSERT INTO actors (id, name, kind, country)",
        [...new Map(actors.map((a) => [a.id, a])).values()].map((a) => [a.id, a.name, a.kind, a.country]),
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country",
      );
      await insertRows(
        db,
        'INSERT INTO affiliations (actor_id, type, target, start, "end", note, origin)',
        graph.edges.map((e) => [e.from, e.type, e.to, e.start ?? null, e.end ?? null, e.note ?? null, "kb"]),
      );
      await db.query(
        "INSERT INTO store_meta (key, value) VALUES ('knowledge_graph', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [graph.version],
      );
      return true;
    });
  }

  async listAffiliations(
    query: { actor?: string; target?: string; type?: string; limit?: number } = {},
  ): Promise<AffiliationRow[]> {
    const q = new Params();
    const clauses: string[] = [];
    const byName = (column: string, value: string) => {
      const v = q.p(value);
      clauses.push(
        `(${column} = ${v} OR ${column} IN (SELECT actor_id FROM actor_aliases WHERE lower(alias) = lower(${v})) OR ${column} IN (SELECT id FROM actors WHERE lower(name) = lower(${v})))`,
      );
    };
    if (query.actor) byName("f.actor_id", query.actor);
    if (query.target) byName("f.target", query.target);
    if (query.type) clauses.push(`f.type = ${q.p(query.type)}`);
    const rows = await this.rows(
      `SELECT f.*, a.name AS from_name, t.name AS to_name FROM affiliations f
       LEFT JOIN actors a ON a.id = f.actor_id LEFT JOIN actors t ON t.id = f.target
       ${clauses.length ? `WHERE ${clauses.join(" AND ")}` : ""} ORDER BY f.target, f.type, f.actor_id LIMIT ${q.p(query.limit ?? null)}`,
      q.values,
    );
    return rows.map((r) => ({
      from: r.actor_id as string,
      type: r.type as string,
      to: r.target as string,
      ...(r.start ? { start: r.start as string } : {}),
      ...(r.end ? { end: r.end as string } : {}),
      ...(r.note ? { note: r.note as string } : {}),
      fromName: (r.from_name as string) ?? null,
      toName: (r.to_name as string) ?? null,
      origin: r.origin as string,
    }));
  }

  // ---- the review port ----

  async documentIds(query: { caseId?: string } = {}): Promise<string[]> {
    const rows = query.caseId
      ? await this.rows(
          "SELECT d.id FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = $1 ORDER BY d.ingested_at, d.id",
          [query.caseId],
        )
      : await this.rows("SELECT id FROM documents ORDER BY ingested_at, id");
    return rows.map((r) => r.id as string);
  }

  async loadReport(documentId: string): Promise<StoredReport | null> {
    const [r] = await this.rows("SELECT * FROM documents WHERE id = $1", [documentId]);
    if (!r) return null;
    const sentences = (
      await this.rows(
        'SELECT idx, block, start, "end", text FROM sentences WHERE document_id = $1 ORDER BY idx',
        [documentId],
      )
    ).map((s) => ({
      index: s.idx as number,
      block: s.block as number,
      span: [s.start as number, s.end as number] as const,
      text: s.text as string,
    }));
    const document: Document = {
      id: r.id as string,
      title: (r.title as string) ?? null,
      author: (r.author as string) ?? null,
      published: (r.published as string) ?? null,
      source: r.source as string,
      url: (r.url as string) ?? null,
      format: r.format as string,
      language: r.language as string,
      text: r.text as string,
      blocks: r.blocks as Document["blocks"],
      sentences,
      words: r.words as number,
    };
    const analysis = r.analysis as Analysis;
    return {
      document,
      engine: (r.engine_analysis as Analysis | null) ?? analysis,
      analysis,
      versions:
        r.engine_version && r.kb_version
          ? { engine: r.engine_version as string, kb: r.kb_version as string }
          : null,
      ingestedAt: r.ingested_at as string,
      analysedAt: (r.analysed_at as string) ?? null,
    };
  }

  /** Stores the effective record, and the engine's output beside it only when the two differ. */
  private async writeAnalyses(
    db: pg.PoolClient,
    documentId: string,
    engine: Analysis,
    analysis: Analysis,
  ): Promise<void> {
    const effective = JSON.stringify(analysis);
    const own = JSON.stringify(engine);
    await db.query("UPDATE documents SET analysis = $1, engine_analysis = $2 WHERE id = $3", [
      effective,
      own === effective ? null : own,
      documentId,
    ]);
    await this.deleteItems(db, documentId);
    await this.writeItems(db, documentId, analysis);
  }

  async replaceAnalysis(
    documentId: string,
    update: {
      engine: Analysis;
      analysis: Analysis;
      versions: AnalysisVersions;
      at: string;
      changes: EngineChange[];
    },
  ): Promise<void> {
    await this.transaction(async (db) => {
      await this.writeAnalyses(db, documentId, update.engine, update.analysis);
      await this.stampVersions(db, documentId, update.versions, update.at);
      await insertRows(
        db,
        "INSERT INTO item_history (document_id, item, kind, action, before, after, reason, at)",
        update.changes.map((c) => [
          c.documentId,
          c.item,
          c.kind,
          c.action,
          json(c.before),
          json(c.after),
          c.reason,
          c.at,
        ]),
      );
    });
  }

  async markAnalysed(documentId: string, versions: AnalysisVersions, at: string): Promise<void> {
    await this.stampVersions(this.pool, documentId, versions, at);
  }

  async addDecision(decision: Decision, analysis: Analysis): Promise<void> {
    await this.transaction(async (db) => {
      const row = (
        await db.query("SELECT analysis, engine_analysis FROM documents WHERE id = $1 FOR UPDATE", [
          decision.documentId,
        ])
      ).rows[0] as Row | undefined;
      if (!row) throw new CrisisdeskError("NOT_FOUND", `no stored document ${decision.documentId}`);
      const engine = (row.engine_analysis ?? row.analysis) as Analysis;
      await db.query(
        'INSERT INTO review_decisions (document_id, item, kind, action, data, "by", at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          decision.documentId,
          decision.item,
          decision.kind,
          decision.action,
          json(decision.data),
          decision.by,
          decision.at,
          decision.note,
        ],
      );
      await this.writeAnalyses(db, decision.documentId, engine, analysis);
    });
  }

  private async decisionRows(column: "document_id" | "item", value: string): Promise<Decision[]> {
    return (await this.rows(`SELECT * FROM review_decisions WHERE ${column} = $1 ORDER BY seq`, [value])).map(
      (r) => ({
        documentId: r.document_id as string,
        item: r.item as string,
        kind: r.kind as ItemKind,
        action: r.action as Decision["action"],
        data: (r.data as unknown) ?? null,
        by: r.by as string,
        at: r.at as string,
        note: (r.note as string) ?? null,
      }),
    );
  }

  async decisions(documentId: string): Promise<Decision[]> {
    return this.decisionRows("document_id", documentId);
  }

  async itemDecisions(item: string): Promise<Decision[]> {
    return this.decisionRows("item", item);
  }

  async itemChanges(item: string): Promise<EngineChange[]> {
    return this.historyRows("item", item);
  }

  private async historyRows(column: "item" | "document_id", value: string): Promise<EngineChange[]> {
    return (await this.rows(`SELECT * FROM item_history WHERE ${column} = $1 ORDER BY seq`, [value])).map(
      (r) => ({
        documentId: r.document_id as string,
        item: r.item as string,
        kind: r.kind as ItemKind,
        action: r.action as EngineChange["action"],
        before: (r.before as unknown) ?? null,
        after: (r.after as unknown) ?? null,
        reason: r.reason as string,
        at: r.at as string,
      }),
    );
  }

  async findItem(id: string) {
    const needle = id.trim().toLowerCase();
    const kind = /^[erqa]-[0-9a-f]{4,12}$/.test(needle) ? kindOfItemId(needle.padEnd(14, "0")) : null;
    if (!kind) return null;
    const table = `${kind === "reaction" ? "reactions" : `${kind}s`}`;
    const found = new Map<string, string>();
    for (const r of await this.rows(
      `SELECT item, document_id FROM ${table} WHERE item LIKE $1 UNION SELECT item, document_id FROM review_decisions WHERE item LIKE $1
       UNION SELECT item, document_id FROM item_history WHERE item LIKE $1 LIMIT 3`,
      [`${needle}%`],
    ))
      found.set(r.item as string, r.document_id as string);
    if (found.size !== 1) return null;
    const [item, documentId] = [...found][0]!;
    return { item, documentId, kind };
  }

  async countStale(versions: AnalysisVersions): Promise<number> {
    const [row] = await this.rows(
      "SELECT COUNT(*)::int AS n FROM documents WHERE engine_version IS DISTINCT FROM $1 OR kb_version IS DISTINCT FROM $2",
      [versions.engine, versions.kb],
    );
    return row!.n as number;
  }

  async putSource(grade: SourceGrade): Promise<void> {
    await this.pool.query(
      'INSERT INTO sources (name, reliability, credibility, note, "by", at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ((lower(name))) DO UPDATE SET name = excluded.name, reliability = excluded.reliability, credibility = excluded.credibility, note = excluded.note, "by" = excluded."by", at = excluded.at',
      [grade.name, grade.reliability, grade.credibility, grade.note, grade.by, grade.at],
    );
  }

  async removeSource(name: string): Promise<boolean> {
    return (
      ((await this.pool.query("DELETE FROM sources WHERE lower(name) = lower($1)", [name])).rowCount ?? 0) > 0
    );
  }

  async listSources(): Promise<SourceGrade[]> {
    return (await this.rows("SELECT * FROM sources ORDER BY lower(name), name")).map((r) => ({
      name: r.name as string,
      reliability: r.reliability as SourceGrade["reliability"],
      credibility: (r.credibility as SourceGrade["credibility"]) ?? null,
      note: (r.note as string) ?? null,
      by: r.by as string,
      at: r.at as string,
    }));
  }

  async putActorResolution(r: ActorResolution): Promise<void> {
    await this.pool.query(
      `INSERT INTO actor_resolutions (actor, name, action, target, alias, "by", at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (actor) DO UPDATE SET name = excluded.name, action = excluded.action, target = excluded.target,
       alias = excluded.alias, "by" = excluded."by", at = excluded.at, note = excluded.note`,
      [r.actor, r.name, r.action, r.target, r.alias, r.by, r.at, r.note],
    );
  }

  async removeActorResolution(actor: string): Promise<boolean> {
    return (
      ((await this.pool.query("DELETE FROM actor_resolutions WHERE actor = $1", [actor])).rowCount ?? 0) > 0
    );
  }

  async actorResolutions(): Promise<ActorResolution[]> {
    return (await this.rows("SELECT * FROM actor_resolutions ORDER BY at, actor")).map((r) => ({
      actor: r.actor as string,
      name: r.name as string,
      action: r.action as ActorResolution["action"],
      target: (r.target as string) ?? null,
      alias: (r.alias as string) ?? null,
      by: r.by as string,
      at: r.at as string,
      note: (r.note as string) ?? null,
    }));
  }

  // ---- the transfer port ----

  async exportReport(documentId: string): Promise<ReportRecord | null> {
    const report = await this.loadReport(documentId);
    if (!report) return null;
    return {
      ...report,
      decisions: await this.decisionRows("document_id", documentId),
      changes: await this.historyRows("document_id", documentId),
    };
  }

  async importReport(record: ReportRecord): Promise<SaveOutcome> {
    const d = record.document;
    const effective = JSON.stringify(record.analysis);
    const engine = JSON.stringify(record.engine);
    try {
      return await this.transaction(async (db) => {
        const inserted = await db.query(
          `INSERT INTO documents (id, title, author, published, source, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at, engine_analysis, engine_version, kb_version, analysed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT (id) DO NOTHING`,
          [
            d.id,
            d.title,
            d.author,
            d.published,
            d.source,
            d.url,
            d.format,
            d.language,
            d.words,
            d.sentences.length,
            d.text,
            JSON.stringify(d.blocks),
            effective,
            record.ingestedAt,
            engine === effective ? null : engine,
            record.versions?.engine ?? null,
            record.versions?.kb ?? null,
            record.analysedAt,
          ],
        );
        if (inserted.rowCount === 0) return "duplicate";
        await insertRows(
          db,
          'INSERT INTO sentences (document_id, idx, block, start, "end", text)',
          d.sentences.map((s) => [d.id, s.index, s.block, s.span[0], s.span[1], s.text]),
        );
        await this.writeItems(db, d.id, record.analysis);
        await insertRows(
          db,
          'INSERT INTO review_decisions (document_id, item, kind, action, data, "by", at, note)',
          record.decisions.map((x) => [
            x.documentId,
            x.item,
            x.kind,
            x.action,
            json(x.data),
            x.by,
            x.at,
            x.note,
          ]),
        );
        await insertRows(
          db,
          "INSERT INTO item_history (document_id, item, kind, action, before, after, reason, at)",
          record.changes.map((c) => [
            c.documentId,
            c.item,
            c.kind,
            c.action,
            json(c.before),
            json(c.after),
            c.reason,
            c.at,
          ]),
        );
        return "added";
      });
    } catch (cause) {
      throw new CrisisdeskError(
        "STORE",
        `could not save the document (${(cause as Error).message}); the store is unchanged`,
        {
          where: d.source,
          cause,
        },
      );
    }
  }

  async exportCases(): Promise<CaseRecord[]> {
    const out: CaseRecord[] = [];
    for (const c of await this.rows("SELECT * FROM cases ORDER BY created_at, id")) {
      const members = await this.rows(
        "SELECT document_id, added_by, added_at FROM case_documents WHERE case_id = $1 ORDER BY document_id",
        [c.id],
      );
      const state = await this.rows(
        "SELECT key, value, updated_at FROM case_state WHERE case_id = $1 ORDER BY key",
        [c.id],
      );
      out.push({
        id: c.id as string,
        title: c.title as string,
        anchorDate: (c.anchor_date as string) ?? null,
        country: (c.country as string) ?? null,
        description: (c.description as string) ?? null,
        createdAt: c.created_at as string,
        members: members.map((m) => ({
          id: m.document_id as string,
          addedBy: m.added_by as string,
          addedAt: m.added_at as string,
        })),
        state: state.map((x) => ({
          key: x.key as string,
          value: x.value,
          updatedAt: x.updated_at as string,
        })),
      });
    }
    return out;
  }

  async importCase(record: CaseRecord): Promise<void> {
    await this.transaction(async (db) => {
      await db.query(
        "INSERT INTO cases (id, title, anchor_date, country, description, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
        [record.id, record.title, record.anchorDate, record.country, record.description, record.createdAt],
      );
      await insertRows(
        db,
        "INSERT INTO case_documents (case_id, document_id, added_by, added_at)",
        record.members.map((m) => [record.id, m.id, m.addedBy, m.addedAt]),
        "ON CONFLICT DO NOTHING",
      );
      await insertRows(
        db,
        "INSERT INTO case_state (case_id, key, value, updated_at)",
        record.state.map((x) => [record.id, x.key, JSON.stringify(x.value), x.updatedAt]),
        "ON CONFLICT DO NOTHING",
      );
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A search snippet as the SQLite store gives it: a short sentence whole, a long one cut around
 * the words found with "…" where it was cut. */
function snippet(text: string, whole: string, fragment: string): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length <= SNIPPET_WORDS) return whole;
  const shown = fragment.replace(/[[\]]/g, "");
  const at = text.indexOf(shown);
  if (at < 0) return fragment;
  const before = /[\p{L}\p{N}]/u.test(text.slice(0, at));
  const after = /[\p{L}\p{N}]/u.test(text.slice(at + shown.length));
  return `${before ? "…" : ""}${fragment}${after ? "…" : ""}`;
}
