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
];
