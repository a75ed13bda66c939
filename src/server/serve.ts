// `crisisdesk serve`: the API over one store. On a loopback address with no users it is single-user
// mode (the one local analyst may do anything); any other address, or any store with users,
// requires a session or a token on every route.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { UsageError } from "../domain/index.js";
import type { Analyser } from "../extraction/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import { loadAnalyser, loadKnowledge } from "../pipeline/index.js";
import type { Store, UserStore } from "../store/index.js";
import { createApp } from "./app.js";
import { LoginLimiter, SessionTable } from "./auth/sessions.js";
import { JobTable } from "./jobs.js";
import type { ServerDeps } from "./route.js";

export interface ServeOptions {
  store: Store;
  users: UserStore;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxUploadBytes?: number;
  allowPrivateFetch?: boolean;
}

export interface RunningServer {
  url: string;
  singleUser: boolean;
  deps: ServerDeps;
  close(): Promise<void>;
}

export const DEFAULT_UPLOAD_BYTES = 25 * 1024 * 1024;

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The knowledge base and analyser, rebuilt only when the store's overlay differs from last time. */
function knowledgeCache(store: Store) {
  let key: string | null = null;
  let kb: Promise<KnowledgeBase> | null = null;
  let analyser: Promise<Analyser> | null = null;
  const fresh = async () => {
    const now = JSON.stringify(await store.overlayActors());
    if (now !== key) {
      key = now;
      kb = loadKnowledge(store);
      analyser = null;
    }
  };
  return {
    knowledge: async () => {
      await fresh();
      return kb!;
    },
    analyser: async () => {
      await fresh();
      analyser ??= loadAnalyser(store);
      return analyser;
    },
    overlayChanged: () => {
      key = null;
    },
  };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const users = await options.users.countUsers();
  if (users === 0 && !isLoopback(host))
    throw new UsageError(
      `serving on ${host} needs users: add one first with crisisdesk users add NAME --role admin`,
      { where: "--host" },
    );
  const deps: ServerDeps = {
    store: options.store,
    users: options.users,
    ...knowledgeCache(options.store),
    jobs: new JobTable(),
    singleUser: users === 0,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_UPLOAD_BYTES,
    allowPrivateFetch: options.allowPrivateFetch ?? false,
    sessions: new SessionTable(),
    logins: new LoginLimiter(),
  };
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    singleUser: deps.singleUser,
    deps,
    close: async () => {
      await deps.jobs.settle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
