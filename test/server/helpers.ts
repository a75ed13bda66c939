// The server in-process on a free port over a real SQLite file, and fetch() against it.
import { join } from "node:path";
import { afterAll } from "vitest";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { openStore, openUserStore } from "../../src/store/index.js";
import { tempDir } from "../helpers.js";

export interface TestServer {
  server: RunningServer;
  url: string;
  db: string;
  /** fetch() on a path of the server, JSON bodies encoded. */
  call(
    method: string,
    path: string,
    options?: { json?: unknown; headers?: Record<string, string>; body?: BodyInit },
  ): Promise<Response>;
}

export async function testServer(
  options: { setup?: (db: string) => Promise<void>; maxUploadBytes?: number; dir?: string } = {},
): Promise<TestServer> {
  const db = join(options.dir ?? tempDir("crisisdesk-api-"), "store.db");
  await options.setup?.(db);
  const store = await openStore(db);
  const users = await openUserStore(db);
  const server = await startServer({
    store,
    users,
    host: "127.0.0.1",
    port: 0,
    maxUploadBytes: options.maxUploadBytes,
    allowPrivateFetch: true,
  });
  afterAll(async () => {
    await server.close();
    await users.close();
    await store.close();
  });
  return {
    server,
    url: server.url,
    db,
    call: (method, path, o = {}) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { ...(o.json !== undefined ? { "content-type": "application/json" } : {}), ...o.headers },
        body: o.json !== undefined ? JSON.stringify(o.json) : o.body,
      }),
  };
}
