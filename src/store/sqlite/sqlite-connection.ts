// Opens a SQLite file the way the store wants it: WAL (readers never wait for the writer), foreign
// keys on, a busy timeout for a second process on the same file. Only the composition root
// (open-store.ts) calls this; the adapter receives the open database.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { CrisisdeskError } from "../../domain/index.js";

export function openSqliteFile(path: string): Database.Database {
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    return db;
  } catch (cause) {
    throw new CrisisdeskError("STORE", `cannot open the store (${(cause as Error).message})`, {
      where: path,
      cause,
    });
  }
}
