// Opens a pool on a postgres:// URL the way the store wants it, and the URL as it may be shown
// (never with its password). Only the composition root (open-store.ts) and the worker call this;
// the adapters receive the open pool.
import pg from "pg";
import { CrisisdeskError } from "../../domain/index.js";

/** A postgres:// URL with its password masked, for messages and `stats`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

export async function openPostgresPool(url: string, options: { max?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4 });
  // An idle client that loses its server (a restart) must not crash the process: the next query
  // reports the error where it can be handled.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
    return pool;
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new CrisisdeskError("STORE", `cannot connect to the store (${(cause as Error).message})`, {
      where: redactUrl(url),
      cause,
    });
  }
}
