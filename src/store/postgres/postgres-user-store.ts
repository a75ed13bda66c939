// Users and API tokens in the PostgreSQL store's database (tables of the versioned schema), on the
// pool the composition root opened for them.
import type pg from "pg";
import { CrisisdeskError } from "../../domain/index.js";
import type { StoredUser, TokenRow, UserRow, UserStore } from "../user-store-port.js";

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

export class PostgresUserStore implements UserStore {
  private readonly pool: pg.Pool;

  /** Takes a pool on a database the store's schema has been migrated in (PostgresStore.open). */
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async countUsers(): Promise<number> {
    return (await this.pool.query("SELECT count(*)::int AS n FROM auth_users")).rows[0].n as number;
  }

  async listUsers(): Promise<UserRow[]> {
    const rows = (await this.pool.query("SELECT * FROM auth_users ORDER BY name")).rows as UserRecord[];
    return rows.map((r) => {
      const { passwordHash: _, ...row } = user(r);
      return row;
    });
  }

  async getUser(name: string): Promise<StoredUser | null> {
    const [r] = (await this.pool.query("SELECT * FROM auth_users WHERE name = $1", [name]))
      .rows as UserRecord[];
    return r ? user(r) : null;
  }

  async putUser(u: StoredUser, options: { replace?: boolean } = {}): Promise<void> {
    const sql = options.replace
      ? "INSERT INTO auth_users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash"
      : "INSERT INTO auth_users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)";
    try {
      await this.pool.query(sql, [u.name, u.role, u.passwordHash, u.createdAt]);
    } catch (cause) {
      if ((cause as { code?: string }).code === "23505")
        throw new CrisisdeskError("BAD_USAGE", "a user with this name exists", { where: u.name });
      throw cause;
    }
  }

  async removeUser(name: string): Promise<boolean> {
    return ((await this.pool.query("DELETE FROM auth_users WHERE name = $1", [name])).rowCount ?? 0) > 0;
  }

  async addToken(t: TokenRow & { hash: string }): Promise<void> {
    await this.pool.query(
      'INSERT INTO auth_tokens (id, "user", hash, label, created_at) VALUES ($1, $2, $3, $4, $5)',
      [t.id, t.user, t.hash, t.label, t.createdAt],
    );
  }

  async tokens(): Promise<(TokenRow & { hash: string })[]> {
    const rows = (await this.pool.query("SELECT * FROM auth_tokens ORDER BY created_at, id")).rows as {
      id: string;
      user: string;
      hash: string;
      label: string | null;
      created_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      user: r.user,
      hash: r.hash,
      label: r.label ?? null,
      createdAt: r.created_at,
    }));
  }

  async tokenUser(hash: string): Promise<StoredUser | null> {
    const [r] = (
      await this.pool.query(
        'SELECT u.* FROM auth_tokens t JOIN auth_users u ON u.name = t."user" WHERE t.hash = $1',
        [hash],
      )
    ).rows as UserRecord[];
    return r ? user(r) : null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
