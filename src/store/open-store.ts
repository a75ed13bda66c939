// The composition root of the store: the one place that reads a `--db` target, picks the adapter
// (a file path for SQLite, a postgres:// URL for PostgreSQL), opens its connection and hands it,
// with the clock, to the adapter. Everything else receives a Store (or one of its ports).

import { openPostgresPool, redactUrl } from "./postgres/postgres-connection.js";
import { PostgresStore } from "./postgres/postgres-store.js";
import { PostgresUserStore } from "./postgres/postgres-user-store.js";
import { openSqliteFile } from "./sqlite/sqlite-connection.js";
import { SqliteStore } from "./sqlite/sqlite-store.js";
import { SqliteUserStore } from "./sqlite/sqlite-user-store.js";
import type { Clock, Store } from "./store-port.js";
import type { UserStore } from "./user-store-port.js";

export const DEFAULT_DB = "crisisdesk.db";

export interface OpenStoreOptions {
  /** Stamps ingested/created/updated times; the system clock unless a test fixes it. */
  clock?: Clock;
}

/** Whether a `--db` target names a PostgreSQL server rather than a SQLite file. */
export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Opens the store a `--db` target names: `postgres://…` for PostgreSQL, anything else a SQLite file. */
export async function openStore(target: string = DEFAULT_DB, options: OpenStoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? (() => new Date());
  if (isPostgresTarget(target)) {
    const pool = await openPostgresPool(target);
    try {
      return await PostgresStore.open(pool, { path: redactUrl(target), clock });
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  const db = openSqliteFile(target);
  try {
    return new SqliteStore(db, { path: target, clock });
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The users and API tokens of the store a `--db` target names (who may use `crisisdesk serve`). */
export async function openUserStore(target: string = DEFAULT_DB): Promise<UserStore> {
  if (isPostgresTarget(target)) {
    // The users' tables belong to the store's schema: opening the store migrates it.
    await (await openStore(target)).close();
    const pool = await openPostgresPool(target, { max: 2 });
    return new PostgresUserStore(pool);
  }
  const db = openSqliteFile(target);
  try {
    return new SqliteUserStore(db, target);
  } catch (error) {
    db.close();
    throw error;
  }
}
