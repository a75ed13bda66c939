// Versioned schema for the SQLite store, applied on open. PRAGMA user_version records how far a
// file has come; a migration never changes once released, a new one is appended.
export const MIGRATIONS: readonly string[] = [
  // 1: documents, sentences with a full-text index, and the extracted items
  `
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT, author TEXT, published TEXT,
    source TEXT NOT NULL, url TEXT, format TEXT NOT NULL, language TEXT NOT NULL,
    words INTEGER NOT NULL, sentence_count INTEGER NOT NULL,
    text TEXT NOT NULL, blocks TEXT NOT NULL, analysis TEXT NOT NULL,
    ingested_at TEXT NOT NULL
  );
  CREATE INDEX documents_published ON documents(published);

  CREATE TABLE sentences (
    rowid INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, block INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    UNIQUE (document_id, idx)
  );
  -- The full-text index is brought up to date in bulk before each search rather than row by row
  -- during ingest: indexing is most of the cost of storing a sentence, and bulk is faster.
  CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
  CREATE TABLE search_index_state (indexed_upto INTEGER NOT NULL);
  INSERT INTO search_index_state VALUES (0);
  CREATE TRIGGER sentences_ad AFTER DELETE ON sentences
  WHEN old.rowid <= (SELECT indexed_upto FROM search_index_state) BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  END;

  CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT
  );
  CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
  );
  CREATE INDEX actor_aliases_alias ON actor_aliases(alias COLLATE NOCASE);

  CREATE TABLE mentions (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    mentions INTEGER NOT NULL,
    roles TEXT NOT NULL,
    PRIMARY KEY (document_id, actor_id)
  );

  CREATE TABLE events (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    summary TEXT NOT NULL, cameo TEXT NOT NULL, plover TEXT NOT NULL, mode TEXT,
    date TEXT, location TEXT, location_country TEXT,
    source_actor TEXT, target_actor TEXT, attempted INTEGER NOT NULL,
    sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, confidence REAL NOT NULL,
    PRIMARY KEY (document_id, id)
  );

  CREATE TABLE reactions (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT, actor_name TEXT NOT NULL, actor_kind TEXT NOT NULL, country TEXT,
    stance TEXT NOT NULL, event_id TEXT,
    sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, confidence REAL NOT NULL
  );
  CREATE INDEX reactions_actor ON reactions(actor_name);

  CREATE TABLE quotes (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_id TEXT, speaker_name TEXT, speaker_kind TEXT, country TEXT,
    text TEXT NOT NULL, sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL
  );

  CREATE TABLE attributions (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claimant TEXT NOT NULL, claimant_country TEXT, accused_id TEXT, accused_name TEXT NOT NULL, accused_country TEXT,
    event_id TEXT, evidence TEXT,
    sentence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, confidence REAL NOT NULL
  );

  CREATE TABLE overlay_actors (
    id TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL
  );
  CREATE TABLE affiliations (
    actor_id TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL,
    start TEXT, end TEXT, note TEXT, origin TEXT NOT NULL
  );
  CREATE INDEX affiliations_target ON affiliations(target, type);
  `,
  // 2: cases (documents grouped by crisis) and the analyst's per-case state (ACH, scenarios)
  `
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    anchor_date TEXT,
    country TEXT,
    description TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE case_documents (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (case_id, document_id)
  );
  CREATE TABLE case_state (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (case_id, key)
  );
  `,
  // 3: a record of what the store holds beyond reports (the knowledge graph's version)
  `
  CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE INDEX affiliations_actor ON affiliations(actor_id, type);
  `,
  // 4: indexes a case's candidate reports are found through (event day, event target, actor
  // mentioned), so that \`case auto\` reads the reports near its anchor instead of the whole store
  `
  CREATE INDEX events_date ON events(date);
  CREATE INDEX events_target ON events(json_extract(target_actor, '$.id'));
  CREATE INDEX mentions_actor ON mentions(actor_id);
  CREATE INDEX case_documents_document ON case_documents(document_id);
  `,
  // 5: the analyst's review layer. The engine's own analysis is kept beside the effective one
  // (engine output with the analyst's decisions applied) when they differ; each analysis records
  // the engine and knowledge-base versions that made it; items carry their content id.
  `
  ALTER TABLE documents ADD COLUMN engine_analysis TEXT;
  ALTER TABLE documents ADD COLUMN engine_version TEXT;
  ALTER TABLE documents ADD COLUMN kb_version TEXT;
  ALTER TABLE documents ADD COLUMN analysed_at TEXT;
  ALTER TABLE events ADD COLUMN item TEXT;
  ALTER TABLE events ADD COLUMN review TEXT;
  ALTER TABLE reactions ADD COLUMN item TEXT;
  ALTER TABLE reactions ADD COLUMN review TEXT;
  ALTER TABLE quotes ADD COLUMN item TEXT;
  ALTER TABLE quotes ADD COLUMN review TEXT;
  ALTER TABLE attributions ADD COLUMN item TEXT;
  ALTER TABLE attributions ADD COLUMN review TEXT;
  CREATE INDEX events_item ON events(item);
  CREATE INDEX reactions_item ON reactions(item);
  CREATE INDEX quotes_item ON quotes(item);
  CREATE INDEX attributions_item ON attributions(item);

  CREATE TABLE review_decisions (
    seq INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item TEXT NOT NULL, kind TEXT NOT NULL, action TEXT NOT NULL,
    data TEXT, by TEXT NOT NULL, at TEXT NOT NULL, note TEXT
  );
  CREATE INDEX review_decisions_document ON review_decisions(document_id, seq);
  CREATE INDEX review_decisions_item ON review_decisions(item);

  CREATE TABLE item_history (
    seq INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item TEXT NOT NULL, kind TEXT NOT NULL, action TEXT NOT NULL,
    before TEXT, after TEXT, reason TEXT NOT NULL, at TEXT NOT NULL
  );
  CREATE INDEX item_history_item ON item_history(item);

  CREATE TABLE sources (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    reliability TEXT NOT NULL, note TEXT, by TEXT NOT NULL, at TEXT NOT NULL
  );
  `,
  // 6: an outlet's default information credibility (Admiralty 1–6) beside its reliability
  `
  ALTER TABLE sources ADD COLUMN credibility INTEGER;
  `,
  // 7: the analyst's resolutions of actors the engine minted (new: ids), kept to be undone
  `
  CREATE TABLE actor_resolutions (
    actor TEXT PRIMARY KEY, name TEXT NOT NULL, action TEXT NOT NULL, target TEXT, alias TEXT,
    by TEXT NOT NULL, at TEXT NOT NULL, note TEXT
  );
  `,
  // 8: a report's reactions, quotes and attributions found by its id: re-analysis deletes and
  // rewrites them per report, which scanned each whole table (quadratic over a store)
  `
  CREATE INDEX reactions_document ON reactions(document_id);
  CREATE INDEX quotes_document ON quotes(document_id);
  CREATE INDEX attributions_document ON attributions(document_id);
  `,
];
