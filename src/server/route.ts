// A route as data: method, path, the least role that may call it, the zod schemas of its query and
// body, and a handler that calls one library function. The same table validates requests, builds
// the OpenAPI document and drives the test that every mutating route refuses anonymous callers
// and viewers.
import type { z } from "zod";
import type { Analyser } from "../extraction/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { Store, UserStore } from "../store/index.js";
import type { LoginLimiter, Session, SessionTable } from "./auth/sessions.js";
import type { JobTable } from "./jobs.js";

export const ROLES = ["viewer", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` may do what `needed` allows. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface Caller {
  name: string;
  role: Role;
  via: "session" | "token" | "single-user";
}

/** What the routes work with; the composition root (the serve command, a test) builds it. */
export interface ServerDeps {
  store: Store;
  users: UserStore;
  /** The knowledge base with the store's overlay, reloaded when the overlay changes. */
  knowledge(): Promise<KnowledgeBase>;
  /** The extraction engine over that knowledge base. */
  analyser(): Promise<Analyser>;
  /** Tells the cached knowledge base and analyser that the overlay changed. */
  overlayChanged(): void;
  jobs: JobTable;
  /** Loopback with no users: every caller acts as the one local analyst (an admin). */
  singleUser: boolean;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** Let URL ingest reach private addresses (tests serve feeds from loopback). */
  allowPrivateFetch: boolean;
  sessions: SessionTable;
  logins: LoginLimiter;
}

export interface RouteContext<Q, B> {
  params: Record<string, string>;
  query: Q;
  body: B;
  caller: Caller;
  deps: ServerDeps;
  request: Request;
  /** The client's address, for rate limits. */
  client: string;
  /** The session the caller came with, if they came with one. */
  session: Session | null;
}

export type Method = "get" | "post" | "put" | "patch" | "delete";

export interface Route<Q = unknown, B = unknown> {
  method: Method;
  /** Hono's syntax: /api/cases/:id */
  path: string;
  summary: string;
  tag: string;
  /** The least role allowed; "public" needs no caller at all. */
  role: Role | "public";
  query?: z.ZodType<Q>;
  /** A JSON body, or "upload": a report as a raw body (?filename=) or multipart/form-data `file`. */
  body?: z.ZodType<B> | "upload";
  /** 201 for routes that create. */
  status?: 200 | 201 | 202;
  handle(context: RouteContext<Q, B>): Promise<unknown>;
}

/** Declares a route with its types inferred from its schemas. */
export function route<Q = Record<string, never>, B = undefined>(r: Route<Q, B>): Route {
  return r as unknown as Route;
}
