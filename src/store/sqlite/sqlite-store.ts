// The embedded store: one SQLite file through better-sqlite3, handed over open (see
// sqlite-connection.ts), the schema migrated when the adapter takes it. Each document is written
// in one transaction, so a crash mid-ingest leaves the file as it was before that document.
import type Database from "better-sqlite3";
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
import { MIGRATIONS } from "./migrations.js";

type Row = Record<string, unknown>;

/** Brings the file's schema up to date; returns the version it was at. */
function migrate(db: Database.Database): number {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new CrisisdeskError(
      "STORE",
      `the store was written by a newer crisisdesk (schema ${version}); upgrade crisisdesk to open it`,
    );
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return version;
}

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

/** The columns of a DocumentRow: never the text, blocks or analysis unless asked for. */
const ROW_COLUMNS = "id, title, author, published, source, url, format, words, sentence_count, ingested_at";

/** SQLite binds at most 32,766 parameters; chunks keep IN lists well under it. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
/** The schema version that gave items their content ids (migration 5). */
const REVIEW_SCHEMA = 5;

const DOC_COLUMNS = "d.id AS document_id, d.title AS document_title, d.published AS published";

export class SqliteStore implements Store, ReviewStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per store. */
  private sql(source: string): Database.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  private readonly clock: Clock;

  /** Takes an open database (migrating it to the current schema) and the clock rows are stamped by. */
  constructor(db: Database.Database, options: { path: string; clock: Clock }) {
    this.db = db;
    this.path = options.path;
    this.clock = options.clock;
    try {
      const from = migrate(this.db);
      if (from > 0 && from < REVIEW_SCHEMA) this.backfillItemIds();
    } catch (cause) {
      if (cause instanceof CrisisdeskError) throw cause;
      throw new CrisisdeskError("STORE", `cannot open the store (${(cause as Error).message})`, {
        where: this.path,
        cause,
      });
    }
  }

  /** A store written before items had ids gets them from each stored analysis, one transaction per
   * document, so that a migrated file can be reviewed at once. */
  private backfillItemIds(): void {
    const ids = (this.db.prepare("SELECT id FROM documents").all() as Row[]).map((r) => r.id as string);
    const read = this.db.prepare("SELECT analysis FROM documents WHERE id = ?");
    for (const id of ids) {
      this.db.transaction(() => {
        const analysis = JSON.parse((read.get(id) as Row).analysis as string) as Analysis;
        this.deleteItems(id);
        this.writeItems(id, analysis);
      })();
    }
  }

  async hasDocument(id: string): Promise<boolean> {
    return this.sql("SELECT 1 FROM documents WHERE id = ?").get(id) !== undefined;
  }

  async saveDocument(
    document: Document,
    analysis: Analysis,
    versions?: AnalysisVersions,
  ): Promise<SaveOutcome> {
    const db = this.db;
    const ingestedAt = this.clock().toISOString();
    const save = db.transaction((): SaveOutcome => {
      if (this.sql("SELECT 1 FROM documents WHERE id = ?").get(document.id)) return "duplicate";
      this.sql(
        `INSERT INTO documents (id, title, author, published, source, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
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
      );
      const sentence = this.sql(
        "INSERT INTO sentences (document_id, idx, block, start, end, text) VALUES (?, ?, ?, ?, ?, ?)",
      );
      for (const s of document.sentences)
        sentence.run(document.id, s.index, s.block, s.span[0], s.span[1], s.text);

      this.writeItems(document.id, analysis);
      if (versions) this.stampVersions(document.id, versions, ingestedAt);
      return "added";
    });
    try {
      return save.immediate();
    } catch (cause) {
      throw new CrisisdeskError(
        "STORE",
        `could not save the document (${(cause as Error).message}); the store is unchanged`,
        { where: document.source, cause },
      );
    }
  }

  /** Writes a document's mentions and item rows from an analysis (inside the caller's transaction). */
  private writeItems(documentId: string, analysis: Analysis): void {
    const actor = this.sql(
      "INSERT INTO actors (id, name, kind, country) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
    );
    const mention = this.sql(
      "INSERT INTO mentions (document_id, actor_id, mentions, roles) VALUES (?, ?, ?, ?)",
    );
    const alias = this.sql("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)");
    const ensureActor = (ref: ActorRef | null): string | null => {
      if (!ref) return null;
      const id = ref.id ?? `new:${ref.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
      actor.run(id, ref.name, ref.kind, ref.country);
      alias.run(id, ref.name);
      return id;
    };
    for (const a of analysis.actors) {
      ensureActor(a);
      mention.run(documentId, a.id, a.mentions, JSON.stringify(a.roles));
    }
    const event = this.sql(
      `INSERT INTO events (document_id, id, summary, cameo, plover, mode, date, location, location_country, source_actor, target_actor, attempted, sentence, start, end, confidence, item, review)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const eventIds = itemIds(documentId, "event", analysis.events);
    for (const [i, e] of analysis.events.entries()) {
      event.run(
        documentId,
        e.id,
        e.summary,
        e.cameo,
        e.plover,
        e.mode,
        e.date,
        e.location?.name ?? null,
        e.location?.country ?? null,
        e.source_actor ? JSON.stringify(e.source_actor) : null,
        e.target_actor ? JSON.stringify(e.target_actor) : null,
        e.attempted ? 1 : 0,
        e.sentence,
        e.offset[0],
        e.offset[1],
        e.confidence,
        e.review?.item ?? eventIds[i],
        e.review?.status ?? null,
      );
    }
    const reaction = this.sql(
      `INSERT INTO reactions (document_id, actor_id, actor_name, actor_kind, country, stance, event_id, sentence, start, end, confidence, item, review)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const reactionIds = itemIds(documentId, "reaction", analysis.reactions);
    for (const [i, r] of analysis.reactions.entries()) {
      reaction.run(
        documentId,
        ensureActor(r.actor),
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
      );
    }
    const quote = this.sql(
      `INSERT INTO quotes (document_id, speaker_id, speaker_name, speaker_kind, country, text, sentence, start, end, item, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const quoteIds = itemIds(documentId, "quote", analysis.quotes);
    for (const [i, q] of analysis.quotes.entries()) {
      quote.run(
        documentId,
        ensureActor(q.speaker),
        q.speaker?.name ?? null,
        q.speaker?.kind ?? null,
        q.speaker?.country ?? null,
        q.text,
        q.sentence,
        q.offset[0],
        q.offset[1],
        q.review?.item ?? quoteIds[i],
        q.review?.status ?? null,
      );
    }
    const attribution = this.sql(
      `INSERT INTO attributions (document_id, claimant, claimant_country, accused_id, accused_name, accused_country, event_id, evidence, sentence, start, end, confidence, item, review)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const attributionIds = itemIds(documentId, "attribution", analysis.attributions);
    for (const [i, a] of analysis.attributions.entries()) {
      const claimant = a.claimant === "author" ? "author" : a.claimant.name;
      const claimantCountry = a.claimant === "author" ? null : a.claimant.country;
      if (a.claimant !== "author") ensureActor(a.claimant);
      attribution.run(
        documentId,
        claimant,
        claimantCountry,
        ensureActor(a.accused),
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
      );
    }
  }

  /** Deletes a document's mentions and item rows (inside the caller's transaction). */
  private deleteItems(documentId: string): void {
    for (const table of ["mentions", "events", "reactions", "quotes", "attributions"])
      this.sql(`DELETE FROM ${table} WHERE document_id = ?`).run(documentId);
  }

  private stampVersions(documentId: string, versions: AnalysisVersions, at: string): void {
    this.sql("UPDATE documents SET engine_version = ?, kb_version = ?, analysed_at = ? WHERE id = ?").run(
      versions.engine,
      versions.kb,
      at,
      documentId,
    );
  }

  async getDocument(id: string) {
    const r = this.sql(`SELECT ${ROW_COLUMNS}, text, analysis FROM documents WHERE id = ?`).get(id) as
      | Row
      | undefined;
    if (!r) return null;
    return {
      ...documentRow(r),
      text: r.text as string,
      analysis: JSON.parse(r.analysis as string) as Analysis,
    };
  }

  async documentIdsByPrefix(prefix: string, limit = 2): Promise<string[]> {
    const p = prefix.toLowerCase();
    if (!p) return [];
    // A range on the primary key, not LIKE: LIKE with a parameter cannot use the index.
    return (
      this.sql("SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT ?").all(
        p,
        `${p}\uffff`,
        limit,
      ) as Row[]
    ).map((r) => r.id as string);
  }

  async getAnalyses(ids: readonly string[]): Promise<AnalysedDocument[]> {
    const out: AnalysedDocument[] = [];
    for (const chunk of chunks(ids)) {
      const rows = this.db
        .prepare(
          `SELECT ${ROW_COLUMNS}, analysis FROM documents WHERE id IN (${chunk.map(() => "?").join(",")})`,
        )
        .all(...chunk) as Row[];
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      for (const id of chunk) {
        const r = byId.get(id);
        if (r) out.push({ ...documentRow(r), analysis: JSON.parse(r.analysis as string) as Analysis });
      }
    }
    return out;
  }

  async documentTexts(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks(ids)) {
      const rows = this.db
        .prepare(`SELECT id, text FROM documents WHERE id IN (${chunk.map(() => "?").join(",")})`)
        .all(...chunk) as Row[];
      for (const r of rows) out.set(r.id as string, r.text as string);
    }
    return out;
  }

  async candidateDocuments(query: CandidateQuery): Promise<string[]> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (query.eventDays) {
      // Dates are stored as ISO text ("2021-11-07", sometimes with a time): a range on the index.
      parts.push("SELECT document_id AS id FROM events WHERE date >= ? AND date < ?");
      params.push(query.eventDays.from, `${query.eventDays.to}\uffff`);
    }
    if (query.published) {
      parts.push("SELECT id FROM documents WHERE published >= ? AND published < ?");
      params.push(query.published.from, `${query.published.to}\uffff`);
    }
    if (query.targets?.length) {
      parts.push(
        `SELECT document_id AS id FROM events WHERE json_extract(target_actor, '$.id') IN (${query.targets.map(() => "?").join(",")})`,
      );
      params.push(...query.targets);
    }
    if (query.actors?.length) {
      parts.push(
        `SELECT document_id AS id FROM mentions WHERE actor_id IN (${query.actors.map(() => "?").join(",")})`,
      );
      params.push(...query.actors);
    }
    if (!parts.length) return [];
    return (this.db.prepare(`${parts.join(" UNION ")} ORDER BY id`).all(...params) as Row[]).map(
      (r) => r.id as string,
    );
  }

  private filters(query: ListQuery, actorColumns: string[]): { where: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (query.since) {
      clauses.push("COALESCE(d.published, substr(d.ingested_at, 1, 10)) >= ?");
      params.push(query.since);
    }
    if (query.actor && actorColumns.length) {
      const needle = query.actor.toLowerCase();
      const ids = this.db
        .prepare(
          "SELECT DISTINCT actor_id FROM actor_aliases WHERE lower(alias) = ? UNION SELECT id FROM actors WHERE lower(id) = ? OR lower(name) = ?",
        )
        .all(needle, needle, needle)
        .map((r) => (r as Row).actor_id as string);
      const countryCode = /^[a-z]{3}$/.test(needle) ? needle.toUpperCase() : null;
      const ors = actorColumns.map((c) => `lower(${c}) LIKE ?`);
      params.push(...actorColumns.map(() => `%${needle}%`));
      clauses.push(
        `(${ors.join(" OR ")}${ids.length ? ` OR ${actorColumns[0]} IN (SELECT name FROM actors WHERE id IN (${ids.map(() => "?").join(",")}))` : ""}${countryCode ? " OR country = ?" : ""})`,
      );
      params.push(...ids);
      if (countryCode) params.push(countryCode);
    }
    return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
  }

  async listDocuments(query: ListQuery = {}): Promise<DocumentRow[]> {
    const { where, params } = this.filters(query, []);
    const actorJoin = query.actor
      ? "AND d.id IN (SELECT document_id FROM mentions m JOIN actor_aliases a ON a.actor_id = m.actor_id WHERE lower(a.alias) LIKE ?)"
      : "";
    const sql = `SELECT ${ROW_COLUMNS.replace(/(\w+)/g, "d.$1")} FROM documents d ${where || "WHERE 1=1"} ${actorJoin} ORDER BY COALESCE(d.published, d.ingested_at) DESC, d.title LIMIT ?`;
    const extra = query.actor ? [`%${query.actor.toLowerCase()}%`] : [];
    return (this.db.prepare(sql).all(...params, ...extra, query.limit ?? -1) as Row[]).map(documentRow);
  }

  async listActors(query: ListQuery = {}): Promise<ActorRow[]> {
    const { where, params } = this.filters(query, ["a.name"]);
    const sql = `SELECT a.id, a.name, a.kind, a.country, COUNT(DISTINCT m.document_id) AS documents, SUM(m.mentions) AS mentions
      FROM mentions m JOIN actors a ON a.id = m.actor_id JOIN documents d ON d.id = m.document_id
      ${where.replace("country =", "a.country =")} GROUP BY a.id ORDER BY mentions DESC, a.name LIMIT ?`;
    return this.db.prepare(sql).all(...params, query.limit ?? -1) as ActorRow[];
  }

  private items(
    table: string,
    columns: string,
    actorColumns: string[],
    order: string,
    query: ListQuery,
  ): ItemRow[] {
    const { where, params } = this.filters(query, actorColumns);
    const sql = `SELECT ${DOC_COLUMNS}, ${columns} FROM ${table} t JOIN documents d ON d.id = t.document_id ${where.replace(/\bcountry =/, "t.country =")} ORDER BY ${order} LIMIT ?`;
    return (this.db.prepare(sql).all(...params, query.limit ?? -1) as Row[]).map((r) => {
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
    const rows = this.items(
      "events",
      "t.id, t.summary, t.cameo, t.plover, t.mode, t.date, t.location, t.location_country, t.source_actor, t.target_actor, t.attempted, t.sentence, t.confidence, t.item, t.review",
      ["t.source_actor", "t.target_actor"],
      "COALESCE(t.date, d.published) DESC, t.start, t.rowid",
      query,
    );
    return rows.map((r) => ({
      ...r,
      attempted: r.attempted === 1,
      source_actor: r.source_actor ? JSON.parse(r.source_actor as string) : null,
      target_actor: r.target_actor ? JSON.parse(r.target_actor as string) : null,
    }));
  }

  async listReactions(query: ListQuery = {}): Promise<ItemRow[]> {
    return this.items(
      "reactions",
      "t.actor_id, t.actor_name, t.actor_kind, t.country, t.stance, t.event_id, t.sentence, t.confidence, t.item, t.review",
      ["t.actor_name"],
      "d.published DESC, t.start, t.rowid",
      query,
    );
  }

  async listQuotes(query: ListQuery = {}): Promise<ItemRow[]> {
    return this.items(
      "quotes",
      "t.speaker_id, t.speaker_name, t.speaker_kind, t.country, t.text, t.sentence, t.item, t.review",
      ["t.speaker_name"],
      "d.published DESC, t.start, t.rowid",
      query,
    );
  }

  async listAttributions(query: ListQuery = {}): Promise<ItemRow[]> {
    return this.items(
      "attributions",
      "t.claimant, t.accused_name, t.accused_country, t.event_id, t.evidence, t.sentence, t.confidence, t.item, t.review",
      ["t.claimant", "t.accused_name"],
      "d.published DESC, t.start, t.rowid",
      query,
    );
  }

  /** Indexes the sentences stored since the last search, in one transaction. */
  private syncSearchIndex(): void {
    this.db
      .transaction(() => {
        const { upto } = this.db.prepare("SELECT indexed_upto AS upto FROM search_index_state").get() as {
          upto: number;
        };
        const { last } = this.db.prepare("SELECT COALESCE(MAX(rowid), 0) AS last FROM sentences").get() as {
          last: number;
        };
        if (last <= upto) return;
        this.db
          .prepare("INSERT INTO sentences_fts(rowid, text) SELECT rowid, text FROM sentences WHERE rowid > ?")
          .run(upto);
        this.db.prepare("UPDATE search_index_state SET indexed_upto = ?").run(last);
      })
      .immediate();
  }

  async search(words: string, limit = 20): Promise<SearchHit[]> {
    this.syncSearchIndex();
    // Each word becomes a quoted FTS5 term, so user punctuation can never be read as query syntax.
    const terms = words.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (terms.length === 0) return [];
    const match = terms.map((t) => `"${t}"`).join(" ");
    const rows = this.db
      .prepare(
        `SELECT s.document_id, d.title, s.idx, s.start, s.end, snippet(sentences_fts, 0, '[', ']', '…', 16) AS snippet
         FROM sentences_fts f JOIN sentences s ON s.rowid = f.rowid JOIN documents d ON d.id = s.document_id
         WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(match, limit) as Row[];
    return rows.map((r) => ({
      documentId: r.document_id as string,
      documentTitle: (r.title as string) ?? null,
      sentence: r.idx as number,
      snippet: r.snippet as string,
      offset: [r.start as number, r.end as number],
    }));
  }

  async stats(): Promise<StoreStats> {
    const count = (sql: string) => ((this.db.prepare(sql).get() as Row).n as number) ?? 0;
    return {
      documents: count("SELECT COUNT(*) n FROM documents"),
      sentences: count("SELECT COUNT(*) n FROM sentences"),
      words: count("SELECT COALESCE(SUM(words), 0) n FROM documents"),
      actors: count("SELECT COUNT(DISTINCT actor_id) n FROM mentions"),
      mentions: count("SELECT COALESCE(SUM(mentions), 0) n FROM mentions"),
      events: count("SELECT COUNT(*) n FROM events"),
      reactions: count("SELECT COUNT(*) n FROM reactions"),
      quotes: count("SELECT COUNT(*) n FROM quotes"),
      attributions: count("SELECT COUNT(*) n FROM attributions"),
      overlayActors: count("SELECT COUNT(*) n FROM overlay_actors"),
      path: this.path,
      schemaVersion: this.db.pragma("user_version", { simple: true }) as number,
    };
  }

  async overlayActors(): Promise<Actor[]> {
    return (this.db.prepare("SELECT data FROM overlay_actors ORDER BY id").all() as Row[]).map(
      (r) => JSON.parse(r.data as string) as Actor,
    );
  }

  async putOverlayActors(actors: Actor[]): Promise<void> {
    const put = this.db.prepare(
      "INSERT INTO overlay_actors (id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    );
    const dropAffiliations = this.db.prepare(
      "DELETE FROM affiliations WHERE actor_id = ? AND origin = 'overlay'",
    );
    const affiliation = this.db.prepare(
      "INSERT INTO affiliations (actor_id, type, target, start, end, note, origin) VALUES (?, ?, ?, ?, ?, ?, 'overlay')",
    );
    this.db
      .transaction(() => {
        const now = this.clock().toISOString();
        for (const a of actors) {
          put.run(a.id, JSON.stringify(a), now);
          dropAffiliations.run(a.id);
          for (const f of a.affiliations)
            affiliation.run(a.id, f.type, f.target, f.start ?? null, f.end ?? null, f.note ?? null);
        }
      })
      .immediate();
  }

  async removeOverlayActor(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare("DELETE FROM affiliations WHERE actor_id = ? AND origin = 'overlay'").run(id);
      return this.db.prepare("DELETE FROM overlay_actors WHERE id = ?").run(id).changes > 0;
    })();
  }

  async createCase(input: CaseInput): Promise<CaseRow> {
    try {
      this.sql(
        "INSERT INTO cases (id, title, anchor_date, country, description, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(
        input.id,
        input.title,
        input.anchorDate ?? null,
        input.country ?? null,
        input.description ?? null,
        this.clock().toISOString(),
      );
    } catch (cause) {
      if (/UNIQUE/.test((cause as Error).message)) {
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
    const row = this.sql(
      "SELECT c.*, (SELECT COUNT(*) FROM case_documents d WHERE d.case_id = c.id) AS documents FROM cases c WHERE c.id = ?",
    ).get(id) as Row | undefined;
    return row ? caseRow(row) : null;
  }

  async listCases(): Promise<CaseRow[]> {
    return (
      this.sql(
        "SELECT c.*, (SELECT COUNT(*) FROM case_documents d WHERE d.case_id = c.id) AS documents FROM cases c ORDER BY c.created_at",
      ).all() as Row[]
    ).map(caseRow);
  }

  async addToCase(
    caseId: string,
    documentIds: readonly string[],
    addedBy: "analyst" | "auto" = "analyst",
  ): Promise<number> {
    const insert = this.sql(
      "INSERT OR IGNORE INTO case_documents (case_id, document_id, added_by, added_at) VALUES (?, ?, ?, ?)",
    );
    return this.db.transaction(() => {
      let added = 0;
      const now = this.clock().toISOString();
      for (const id of documentIds) added += insert.run(caseId, id, addedBy, now).changes;
      return added;
    })();
  }

  async removeFromCase(caseId: string, documentIds: readonly string[]): Promise<number> {
    const remove = this.sql("DELETE FROM case_documents WHERE case_id = ? AND document_id = ?");
    return this.db.transaction(() => {
      let removed = 0;
      for (const id of documentIds) removed += remove.run(caseId, id).changes;
      return removed;
    })();
  }

  async caseMembers(caseId: string): Promise<{ id: string; addedBy: string }[]> {
    return (
      this.sql("SELECT document_id, added_by FROM case_documents WHERE case_id = ? ORDER BY document_id").all(
        caseId,
      ) as Row[]
    ).map((r) => ({ id: r.document_id as string, addedBy: r.added_by as string }));
  }

  async caseDocuments(caseId: string): Promise<CaseDocument[]> {
    // The text is not read: most case commands need the analyses only (documentTexts has it).
    const rows = this.sql(
      `SELECT ${ROW_COLUMNS.replace(/(\w+)/g, "d.$1")}, d.analysis, cd.added_by FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY COALESCE(d.published, d.ingested_at), d.id`,
    ).all(caseId) as Row[];
    return rows.map((r) => ({
      ...documentRow(r),
      analysis: JSON.parse(r.analysis as string) as Analysis,
      addedBy: r.added_by as string,
    }));
  }

  async getCaseState<T>(caseId: string, key: string): Promise<T | null> {
    const row = this.sql("SELECT value FROM case_state WHERE case_id = ? AND key = ?").get(caseId, key) as
      | Row
      | undefined;
    return row ? (JSON.parse(row.value as string) as T) : null;
  }

  async putCaseState(caseId: string, key: string, value: unknown): Promise<void> {
    this.sql(
      "INSERT INTO case_state (case_id, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(case_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    ).run(caseId, key, JSON.stringify(value), this.clock().toISOString());
  }

  async syncKnowledgeGraph(graph: KnowledgeGraph): Promise<boolean> {
    const current = this.sql("SELECT value FROM store_meta WHERE key = 'knowledge_graph'").get() as
      | Row
      | undefined;
    if (current?.value === graph.version) return false;
    const actor = this.sql(
      "INSERT INTO actors (id, name, kind, country) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country",
    );
    const edge = this.sql(
      "INSERT INTO affiliations (actor_id, type, target, start, end, note, origin) VALUES (?, ?, ?, ?, ?, ?, 'kb')",
    );
    this.db
      .transaction(() => {
        this.sql("DELETE FROM affiliations WHERE origin = 'kb'").run();
        for (const a of graph.actors) actor.run(a.id, a.name, a.kind, a.country);
        for (const e of graph.edges)
          edge.run(e.from, e.type, e.to, e.start ?? null, e.end ?? null, e.note ?? null);
        this.sql(
          "INSERT INTO store_meta (key, value) VALUES ('knowledge_graph', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        ).run(graph.version);
      })
      .immediate();
    return true;
  }

  async listAffiliations(
    query: { actor?: string; target?: string; type?: string; limit?: number } = {},
  ): Promise<AffiliationRow[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const byName = (column: string, value: string) => {
      clauses.push(
        `(${column} = ? OR ${column} IN (SELECT actor_id FROM actor_aliases WHERE lower(alias) = lower(?)) OR ${column} IN (SELECT id FROM actors WHERE lower(name) = lower(?)))`,
      );
      params.push(value, value, value);
    };
    if (query.actor) byName("f.actor_id", query.actor);
    if (query.target) byName("f.target", query.target);
    if (query.type) {
      clauses.push("f.type = ?");
      params.push(query.type);
    }
    const rows = this.db
      .prepare(
        `SELECT f.*, a.name AS from_name, t.name AS to_name FROM affiliations f
         LEFT JOIN actors a ON a.id = f.actor_id LEFT JOIN actors t ON t.id = f.target
         ${clauses.length ? `WHERE ${clauses.join(" AND ")}` : ""} ORDER BY f.target, f.type, f.actor_id LIMIT ?`,
      )
      .all(...params, query.limit ?? -1) as Row[];
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
      ? this.sql(
          "SELECT d.id FROM case_documents cd JOIN documents d ON d.id = cd.document_id WHERE cd.case_id = ? ORDER BY d.ingested_at, d.id",
        ).all(query.caseId)
      : this.sql("SELECT id FROM documents ORDER BY ingested_at, id").all();
    return (rows as Row[]).map((r) => r.id as string);
  }

  async loadReport(documentId: string): Promise<StoredReport | null> {
    const r = this.sql("SELECT * FROM documents WHERE id = ?").get(documentId) as Row | undefined;
    if (!r) return null;
    const sentences = (
      this.sql("SELECT idx, block, start, end, text FROM sentences WHERE document_id = ? ORDER BY idx").all(
        documentId,
      ) as Row[]
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
      blocks: JSON.parse(r.blocks as string),
      sentences,
      words: r.words as number,
    };
    const analysis = JSON.parse(r.analysis as string) as Analysis;
    return {
      document,
      engine: r.engine_analysis ? (JSON.parse(r.engine_analysis as string) as Analysis) : analysis,
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
  private writeAnalyses(documentId: string, engine: Analysis, analysis: Analysis): void {
    const effective = JSON.stringify(analysis);
    const own = JSON.stringify(engine);
    this.sql("UPDATE documents SET analysis = ?, engine_analysis = ? WHERE id = ?").run(
      effective,
      own === effective ? null : own,
      documentId,
    );
    this.deleteItems(documentId);
    this.writeItems(documentId, analysis);
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
    const change = this.sql(
      "INSERT INTO item_history (document_id, item, kind, action, before, after, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.db
      .transaction(() => {
        this.writeAnalyses(documentId, update.engine, update.analysis);
        this.stampVersions(documentId, update.versions, update.at);
        for (const c of update.changes)
          change.run(
            c.documentId,
            c.item,
            c.kind,
            c.action,
            c.before === null ? null : JSON.stringify(c.before),
            c.after === null ? null : JSON.stringify(c.after),
            c.reason,
            c.at,
          );
      })
      .immediate();
  }

  async markAnalysed(documentId: string, versions: AnalysisVersions, at: string): Promise<void> {
    this.stampVersions(documentId, versions, at);
  }

  async addDecision(decision: Decision, analysis: Analysis): Promise<void> {
    this.db
      .transaction(() => {
        const row = this.sql("SELECT analysis, engine_analysis FROM documents WHERE id = ?").get(
          decision.documentId,
        ) as Row | undefined;
        if (!row) throw new CrisisdeskError("NOT_FOUND", `no stored document ${decision.documentId}`);
        const engine = JSON.parse((row.engine_analysis ?? row.analysis) as string) as Analysis;
        this.sql(
          "INSERT INTO review_decisions (document_id, item, kind, action, data, by, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ).run(
          decision.documentId,
          decision.item,
          decision.kind,
          decision.action,
          decision.data === null ? null : JSON.stringify(decision.data),
          decision.by,
          decision.at,
          decision.note,
        );
        this.writeAnalyses(decision.documentId, engine, analysis);
      })
      .immediate();
  }

  private decisionRows(where: string, value: string): Decision[] {
    return (
      this.sql(`SELECT * FROM review_decisions WHERE ${where} = ? ORDER BY seq`).all(value) as Row[]
    ).map((r) => ({
      documentId: r.document_id as string,
      item: r.item as string,
      kind: r.kind as ItemKind,
      action: r.action as Decision["action"],
      data: r.data === null ? null : JSON.parse(r.data as string),
      by: r.by as string,
      at: r.at as string,
      note: (r.note as string) ?? null,
    }));
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

  private historyRows(where: "item" | "document_id", value: string): EngineChange[] {
    return (this.sql(`SELECT * FROM item_history WHERE ${where} = ? ORDER BY seq`).all(value) as Row[]).map(
      (r) => ({
        documentId: r.document_id as string,
        item: r.item as string,
        kind: r.kind as ItemKind,
        action: r.action as EngineChange["action"],
        before: r.before === null ? null : JSON.parse(r.before as string),
        after: r.after === null ? null : JSON.parse(r.after as string),
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
    for (const r of this.db
      .prepare(
        `SELECT item, document_id FROM ${table} WHERE item LIKE @n UNION SELECT item, document_id FROM review_decisions WHERE item LIKE @n
         UNION SELECT item, document_id FROM item_history WHERE item LIKE @n LIMIT 3`,
      )
      .all({ n: `${needle}%` }) as Row[])
      found.set(r.item as string, r.document_id as string);
    if (found.size !== 1) return null;
    const [item, documentId] = [...found][0]!;
    return { item, documentId, kind };
  }

  async countStale(versions: AnalysisVersions): Promise<number> {
    const row = this.sql(
      "SELECT COUNT(*) n FROM documents WHERE engine_version IS NULL OR engine_version != ? OR kb_version IS NULL OR kb_version != ?",
    ).get(versions.engine, versions.kb) as Row;
    return row.n as number;
  }

  async putSource(grade: SourceGrade): Promise<void> {
    this.sql(
      "INSERT INTO sources (name, reliability, credibility, note, by, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name, reliability = excluded.reliability, credibility = excluded.credibility, note = excluded.note, by = excluded.by, at = excluded.at",
    ).run(grade.name, grade.reliability, grade.credibility, grade.note, grade.by, grade.at);
  }

  async removeSource(name: string): Promise<boolean> {
    return this.sql("DELETE FROM sources WHERE name = ?").run(name).changes > 0;
  }

  async listSources(): Promise<SourceGrade[]> {
    return (this.sql("SELECT * FROM sources ORDER BY name").all() as Row[]).map((r) => ({
      name: r.name as string,
      reliability: r.reliability as SourceGrade["reliability"],
      credibility: (r.credibility as SourceGrade["credibility"]) ?? null,
      note: (r.note as string) ?? null,
      by: r.by as string,
      at: r.at as string,
    }));
  }

  async putActorResolution(r: ActorResolution): Promise<void> {
    this.sql(
      "INSERT OR REPLACE INTO actor_resolutions (actor, name, action, target, alias, by, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(r.actor, r.name, r.action, r.target, r.alias, r.by, r.at, r.note);
  }

  async removeActorResolution(actor: string): Promise<boolean> {
    return this.sql("DELETE FROM actor_resolutions WHERE actor = ?").run(actor).changes > 0;
  }

  async actorResolutions(): Promise<ActorResolution[]> {
    return (this.sql("SELECT * FROM actor_resolutions ORDER BY at, actor").all() as Row[]).map((r) => ({
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
      decisions: this.decisionRows("document_id", documentId),
      changes: this.historyRows("document_id", documentId),
    };
  }

  async importReport(record: ReportRecord): Promise<SaveOutcome> {
    const d = record.document;
    const effective = JSON.stringify(record.analysis);
    const engine = JSON.stringify(record.engine);
    const save = this.db.transaction((): SaveOutcome => {
      if (this.sql("SELECT 1 FROM documents WHERE id = ?").get(d.id)) return "duplicate";
      this.sql(
        `INSERT INTO documents (id, title, author, published, source, url, format, language, words, sentence_count, text, blocks, analysis, ingested_at, engine_analysis, engine_version, kb_version, analysed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
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
      );
      const sentence = this.sql(
        "INSERT INTO sentences (document_id, idx, block, start, end, text) VALUES (?, ?, ?, ?, ?, ?)",
      );
      for (const s of d.sentences) sentence.run(d.id, s.index, s.block, s.span[0], s.span[1], s.text);
      this.writeItems(d.id, record.analysis);
      const decision = this.sql(
        "INSERT INTO review_decisions (document_id, item, kind, action, data, by, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      );
      for (const x of record.decisions)
        decision.run(
          x.documentId,
          x.item,
          x.kind,
          x.action,
          x.data === null ? null : JSON.stringify(x.data),
          x.by,
          x.at,
          x.note,
        );
      const change = this.sql(
        "INSERT INTO item_history (document_id, item, kind, action, before, after, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      );
      for (const c of record.changes)
        change.run(
          c.documentId,
          c.item,
          c.kind,
          c.action,
          c.before === null ? null : JSON.stringify(c.before),
          c.after === null ? null : JSON.stringify(c.after),
          c.reason,
          c.at,
        );
      return "added";
    });
    try {
      return save.immediate();
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
    return (this.sql("SELECT * FROM cases ORDER BY created_at, id").all() as Row[]).map((c) => ({
      id: c.id as string,
      title: c.title as string,
      anchorDate: (c.anchor_date as string) ?? null,
      country: (c.country as string) ?? null,
      description: (c.description as string) ?? null,
      createdAt: c.created_at as string,
      members: (
        this.sql(
          "SELECT document_id, added_by, added_at FROM case_documents WHERE case_id = ? ORDER BY document_id",
        ).all(c.id) as Row[]
      ).map((m) => ({
        id: m.document_id as string,
        addedBy: m.added_by as string,
        addedAt: m.added_at as string,
      })),
      state: (
        this.sql("SELECT key, value, updated_at FROM case_state WHERE case_id = ? ORDER BY key").all(
          c.id,
        ) as Row[]
      ).map((x) => ({
        key: x.key as string,
        value: JSON.parse(x.value as string),
        updatedAt: x.updated_at as string,
      })),
    }));
  }

  async importCase(record: CaseRecord): Promise<void> {
    this.db
      .transaction(() => {
        this.sql(
          "INSERT OR IGNORE INTO cases (id, title, anchor_date, country, description, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        ).run(
          record.id,
          record.title,
          record.anchorDate,
          record.country,
          record.description,
          record.createdAt,
        );
        const member = this.sql(
          "INSERT OR IGNORE INTO case_documents (case_id, document_id, added_by, added_at) VALUES (?, ?, ?, ?)",
        );
        for (const m of record.members) member.run(record.id, m.id, m.addedBy, m.addedAt);
        const state = this.sql(
          "INSERT OR IGNORE INTO case_state (case_id, key, value, updated_at) VALUES (?, ?, ?, ?)",
        );
        for (const x of record.state) state.run(record.id, x.key, JSON.stringify(x.value), x.updatedAt);
      })
      .immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
