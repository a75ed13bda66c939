// Versioned schema for the PostgreSQL store, applied on connect under an advisory lock (several
// workers may connect at once). Schema versions are the store's, shared with SQLite: a PostgreSQL
// store starts at 7, the schema the SQLite file reached in seven steps; a later change appends the
// same version number to both lists.
//
// Item rows carry a serial (seq) standing for SQLite's rowid: lists break ties in the order rows
// were written, as they do there.
//
// Text columns compared or sorted are COLLATE "C" so that ids, ISO dates and names order as bytes,
// as they do in SQLite, whatever the database's locale. Analyses, blocks and item fields are
// jsonb; the overlay actors are json, since their text feeds the knowledge-base version hash and
// jsonb would reorder their keys.

const T = 'text COLLATE "C"';

export interface PostgresMigration {
  version: number;
  sql: string;
}

export const SCHEMA_VERSION = 8;

export const MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 7,
    sql: `
  CREATE EXTENSION IF NOT EXISTS unaccent;
  -- Words as SQLite's unicode61 tokenizer with remove_diacritics sees them: no stemming, case and
  -- accents folded.
  CREATE TEXT SEARCH CONFIGURATION crisisdesk (COPY = simple);
  ALTER TEXT SEARCH CONFIGURATION crisisdesk ALTER MAPPING FOR asciiword, word, numword, asciihword,
    hword, numhword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple;

  CREATE TABLE documents (
    id ${T} PRIMARY KEY,
    title ${T}, author ${T}, published ${T},
    source ${T} NOT NULL, url ${T}, format ${T} NOT NULL, language ${T} NOT NULL,
    words integer NOT NULL, sentence_count integer NOT NULL,
    text text NOT NULL, blocks jsonb NOT NULL, analysis jsonb NOT NULL,
    ingested_at ${T} NOT NULL,
    engine_analysis jsonb, engine_version ${T}, kb_version ${T}, analysed_at ${T},
    seq bigserial NOT NULL
  );
  CREATE INDEX documents_published ON documents(published);
  CREATE INDEX documents_order ON documents(ingested_at, id);

  CREATE TABLE sentences (
    id bigserial PRIMARY KEY,
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx integer NOT NULL, block integer NOT NULL,
    start integer NOT NULL, "end" integer NOT NULL, text text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('crisisdesk'::regconfig, text)) STORED,
    UNIQUE (document_id, idx)
  );
  CREATE INDEX sentences_tsv ON sentences USING gin (tsv);

  CREATE TABLE actors (id ${T} PRIMARY KEY, name ${T} NOT NULL, kind ${T} NOT NULL, country ${T});
  CREATE TABLE actor_aliases (
    actor_id ${T} NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias ${T} NOT NULL,
    PRIMARY KEY (actor_id, alias)
  );
  CREATE INDEX actor_aliases_alias ON actor_aliases(lower(alias));

  CREATE TABLE mentions (
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id ${T} NOT NULL REFERENCES actors(id),
    mentions integer NOT NULL,
    roles jsonb NOT NULL,
    PRIMARY KEY (document_id, actor_id)
  );
  CREATE INDEX mentions_actor ON mentions(actor_id);

  CREATE TABLE events (
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id ${T} NOT NULL,
    summary text NOT NULL, cameo ${T} NOT NULL, plover ${T} NOT NULL, mode ${T},
    date ${T}, location ${T}, location_country ${T},
    source_actor jsonb, target_actor jsonb, attempted boolean NOT NULL,
    sentence text NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    confidence double precision NOT NULL, item ${T}, review ${T}, seq bigserial NOT NULL,
    PRIMARY KEY (document_id, id)
  );
  CREATE INDEX events_date ON events(date);
  CREATE INDEX events_target ON events((target_actor->>'id'));
  CREATE INDEX events_item ON events(item);

  CREATE TABLE reactions (
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id ${T}, actor_name ${T} NOT NULL, actor_kind ${T} NOT NULL, country ${T},
    stance ${T} NOT NULL, event_id ${T},
    sentence text NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    confidence double precision NOT NULL, item ${T}, review ${T}, seq bigserial NOT NULL
  );
  CREATE INDEX reactions_document ON reactions(document_id);
  CREATE INDEX reactions_actor ON reactions(actor_name);
  CREATE INDEX reactions_item ON reactions(item);

  CREATE TABLE quotes (
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_id ${T}, speaker_name ${T}, speaker_kind ${T}, country ${T},
    text text NOT NULL, sentence text NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    item ${T}, review ${T}, seq bigserial NOT NULL
  );
  CREATE INDEX quotes_document ON quotes(document_id);
  CREATE INDEX quotes_item ON quotes(item);

  CREATE TABLE attributions (
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claimant ${T} NOT NULL, claimant_country ${T}, accused_id ${T}, accused_name ${T} NOT NULL,
    accused_country ${T}, event_id ${T}, evidence ${T},
    sentence text NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    confidence double precision NOT NULL, item ${T}, review ${T}, seq bigserial NOT NULL
  );
  CREATE INDEX attributions_document ON attributions(document_id);
  CREATE INDEX attributions_item ON attributions(item);

  CREATE TABLE overlay_actors (id ${T} PRIMARY KEY, data json NOT NULL, updated_at ${T} NOT NULL);
  CREATE TABLE affiliations (
    actor_id ${T} NOT NULL, type ${T} NOT NULL, target ${T} NOT NULL,
    start ${T}, "end" ${T}, note text, origin ${T} NOT NULL
  );
  CREATE INDEX affiliations_target ON affiliations(target, type);
  CREATE INDEX affiliations_actor ON affiliations(actor_id, type);

  CREATE TABLE cases (
    id ${T} PRIMARY KEY, title text NOT NULL, anchor_date ${T}, country ${T}, description text,
    created_at ${T} NOT NULL
  );
  CREATE TABLE case_documents (
    case_id ${T} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    added_by ${T} NOT NULL, added_at ${T} NOT NULL,
    PRIMARY KEY (case_id, document_id)
  );
  CREATE INDEX case_documents_document ON case_documents(document_id);
  CREATE TABLE case_state (
    case_id ${T} NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    key ${T} NOT NULL, value jsonb NOT NULL, updated_at ${T} NOT NULL,
    PRIMARY KEY (case_id, key)
  );
  CREATE TABLE store_meta (key ${T} PRIMARY KEY, value text NOT NULL);

  CREATE TABLE review_decisions (
    seq bigserial PRIMARY KEY,
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item ${T} NOT NULL, kind ${T} NOT NULL, action ${T} NOT NULL,
    data jsonb, "by" ${T} NOT NULL, at ${T} NOT NULL, note text
  );
  CREATE INDEX review_decisions_document ON review_decisions(document_id, seq);
  CREATE INDEX review_decisions_item ON review_decisions(item);
  CREATE TABLE item_history (
    seq bigserial PRIMARY KEY,
    document_id ${T} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item ${T} NOT NULL, kind ${T} NOT NULL, action ${T} NOT NULL,
    before jsonb, after jsonb, reason text NOT NULL, at ${T} NOT NULL
  );
  CREATE INDEX item_history_item ON item_history(item);
  CREATE TABLE sources (
    name ${T} NOT NULL, reliability ${T} NOT NULL, credibility integer, note text,
    "by" ${T} NOT NULL, at ${T} NOT NULL
  );
  CREATE UNIQUE INDEX sources_name ON sources(lower(name));
  CREATE TABLE actor_resolutions (
    actor ${T} PRIMARY KEY, name ${T} NOT NULL, action ${T} NOT NULL, target ${T}, alias ${T},
    "by" ${T} NOT NULL, at ${T} NOT NULL, note text
  );

  CREATE TABLE auth_users (
    name ${T} PRIMARY KEY,
    role ${T} NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    password_hash text NOT NULL, created_at ${T} NOT NULL
  );
  CREATE TABLE auth_tokens (
    id ${T} PRIMARY KEY,
    "user" ${T} NOT NULL REFERENCES auth_users(name) ON DELETE CASCADE,
    hash ${T} NOT NULL UNIQUE, label text, created_at ${T} NOT NULL
  );
  `,
  },
  {
    // 8: SQLite's 8 indexes reactions, quotes and attributions by document; a PostgreSQL store has
    // had those indexes since 7, so this step only records the version.
    version: 8,
    sql: "SELECT 1",
  },
];
