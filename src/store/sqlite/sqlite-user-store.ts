// Users and API tokens in the store's SQLite file, on a connection of their own (opened by the
// composition root, open-store.ts). The tables are
// created on open (IF NOT EXISTS) outside the versioned report schema, so serving a store never
// changes what the report tables are.
import type Database from "better-sqlite3";
import { CrisisdeskError } from "../../domain/index.js";
import type { StoredUser, TokenRow, UserRow, UserStore } from "../user-store-port.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS auth_users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_tokens (
  id TEXT PRIMARY KEY,
  user TEXT NOT NULL REFERENCES auth_users(name) ON DELETE CASCADE,
  hash TEXT NOT NULL UNIQUE,
  label TEXT,
  created_at TEXT NOT NULL
);`;

interface UserRecord {
  name: string;
  role: UserRow["role"];
  password_hash: string;
  created_at: string;
}

const user = (r: UserRecord): StoredUser => ({
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
});

export class SqliteUserStore implements UserStore {
  private readonly db: Database.Database;

  constructor(db: Database.Database, where = "the store") {
    this.db = db;
    try {
      this.db.exec(SCHEMA);
    } catch (cause) {
      throw new CrisisdeskError("STORE", `cannot open the users of the store (${(cause as Error).message})`, {
        where,
        cause,
      });
    }
  }

  async countUsers(): Promise<number> {
    return (this.db.prepare("SELECT count(*) AS n FROM auth_users").get() as { n: number }).n;
  }

  async listUsers(): Promise<UserRow[]> {
    return (this.db.prepare("SELECT * FROM auth_users ORDER BY name").all() as UserRecord[]).map((r) => {
      const { passwordHash: _, ...row } = user(r);
      return row;
    });
  }

  async getUser(name: string): Promise<StoredUser | null> {
    const r = this.db.prepare("SELECT * FROM auth_users WHERE name = ?").get(name) as UserRecord | undefined;
    return r ? user(r) : null;
  }

  async putUser(u: StoredUser, options: { replace?: boolean } = {}): Promise<void> {
    const sql = options.replace
      ? "INSERT INTO auth_users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash"
      : "INSERT INTO auth_users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)";
    try {
      this.db.prepare(sql).run(u.name, u.role, u.passwordHash, u.createdAt);
    } catch (cause) {
      if ((cause as { code?: string }).code === "SQLITE_CONSTRAINT_PRIMARYKEY")
        throw new CrisisdeskError("BAD_USAGE", "a user with this name exists", { where: u.name });
      throw cause;
    }
  }

  async removeUser(name: string): Promise<boolean> {
    return this.db.prepare("DELETE FROM auth_users WHERE name = ?").run(name).changes > 0;
  }

  async addToken(t: TokenRow & { hash: string }): Promise<void> {
    this.db
      .prepare("INSERT INTO auth_tokens (id, user, hash, label, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(t.id, t.user, t.hash, t.label, t.createdAt);
  }

  async tokens(): Promise<(TokenRow & { hash: string })[]> {
    return (
      this.db.prepare("SELECT * FROM auth_tokens ORDER BY created_at, id").all() as {
        id: string;
        user: string;
        hash: string;
        label: string | null;
        created_at: string;
      }[]
    ).map((r) => ({ id: r.id, user: r.user, hash: r.hash, label: r.label ?? null, createdAt: r.created_at }));
  }

  async tokenUser(hash: string): Promise<StoredUser | null> {
    const r = this.db
      .prepare("SELECT u.* FROM auth_tokens t JOIN auth_users u ON u.name = t.user WHERE t.hash = ?")
      .get(hash) as UserRecord | undefined;
    return r ? user(r) : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
