// The HTTP application: every route of the table behind the same gate (who is calling, may they,
// is the request well formed), then one library call. Errors leave as {error: {code, message,
// field?}} with their status.
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import type { z } from "zod";
import type { Upload } from "../ingestion/index.js";
import { tokenHash } from "./auth/passwords.js";
import { SESSION_COOKIE, type Session } from "./auth/sessions.js";
import { errorResponse, HttpError } from "./http-error.js";
import { openApiDocument } from "./openapi.js";
import { allows, type Caller, type Route, type ServerDeps } from "./route.js";
import { actorRoutes } from "./routes/actors.js";
import { caseRoutes } from "./routes/cases.js";
import { documentRoutes } from "./routes/documents.js";
import { jobRoutes } from "./routes/jobs.js";
import { reviewRoutes } from "./routes/review.js";
import { sessionRoutes } from "./routes/session.js";
import { userRoutes } from "./routes/users.js";

export const VERSION = "0.1.0";

/** Every route of the API, in the order the OpenAPI document lists them. */
export const ROUTES: readonly Route[] = [
  ...sessionRoutes,
  ...documentRoutes,
  ...actorRoutes,
  ...caseRoutes,
  ...reviewRoutes,
  ...jobRoutes,
  ...userRoutes,
];

const SINGLE_USER: Caller = { name: "local", role: "admin", via: "single-user" };
const LOOPBACK_HOSTS = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/** The first problem of a zod result as a 400 naming the field. */
function invalid(error: z.ZodError, where: "query" | "body"): HttpError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join(".") || where;
  return new HttpError(400, "BAD_REQUEST", `${where} field "${field}": ${issue.message}`, field);
}

async function callerOf(
  c: Context,
  deps: ServerDeps,
): Promise<{ caller: Caller | null; session: Session | null }> {
  if (deps.singleUser) return { caller: SINGLE_USER, session: null };
  const auth = c.req.header("authorization");
  if (auth) {
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const user = token ? await deps.users.tokenUser(tokenHash(token)) : null;
    if (!user) throw new HttpError(401, "UNAUTHENTICATED", "the API token is not valid");
    return { caller: { name: user.name, role: user.role, via: "token" }, session: null };
  }
  const session = deps.sessions.get(getCookie(c, SESSION_COOKIE));
  if (!session) return { caller: null, session: null };
  return { caller: { name: session.name, role: session.role, via: "session" }, session };
}

/** A request that changes something must come from this site: a cookie (or the loopback's trust
 * in single-user mode) is sent by the browser whatever page asks, so cross-site requests are
 * refused by Origin, and session requests must echo the session's CSRF token. */
function checkSameSite(c: Context, deps: ServerDeps, session: Session | null): void {
  const origin = c.req.header("origin");
  if (origin && origin !== "null") {
    const host = c.req.header("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {}
    if (originHost !== host) throw new HttpError(403, "CSRF", "cross-site request refused");
  } else if (origin === "null") throw new HttpError(403, "CSRF", "cross-site request refused");
  if (session && c.req.header("x-csrf-token") !== session.csrf)
    throw new HttpError(403, "CSRF", "missing or wrong X-CSRF-Token header for this session");
  if (deps.singleUser && !LOOPBACK_HOSTS.test(c.req.header("host") ?? ""))
    throw new HttpError(403, "CSRF", "single-user mode answers loopback host names only");
}

async function uploadOf(c: Context): Promise<Upload> {
  const type = c.req.header("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File))
      throw new HttpError(400, "BAD_REQUEST", 'a multipart field "file" with the report', "file");
    return { name: file.name || "upload", bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  const name = c.req.query("filename");
  if (!name)
    throw new HttpError(
      400,
      "BAD_REQUEST",
      "a raw upload needs ?filename= (its extension names the format)",
      "filename",
    );
  return { name: name.replace(/^.*[\\/]/, ""), bytes: new Uint8Array(await c.req.arrayBuffer()) };
}

async function bodyOf(c: Context, r: Route): Promise<unknown> {
  if (r.body === "upload") return uploadOf(c);
  if (!r.body) return undefined;
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(400, "BAD_JSON", "the body is not valid JSON");
    }
  }
  const parsed = r.body.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error, "body");
  return parsed.data;
}

function clientOf(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}

export function createApp(deps: ServerDeps): Hono {
  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    c.header("x-content-type-options", "nosniff");
    c.header("referrer-policy", "no-referrer");
    c.header("x-frame-options", "DENY");
    if (!c.res.headers.has("content-security-policy"))
      c.header("content-security-policy", "default-src 'none'");
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: deps.maxUploadBytes,
      onError: (c) =>
        c.json(
          { error: { code: "TOO_LARGE", message: `the body is larger than ${deps.maxUploadBytes} bytes` } },
          413,
        ),
    }),
  );
  app.get("/openapi.json", (c) => c.json(openApiDocument(ROUTES, VERSION)));
  app.get("/api/health", (c) => c.json({ ok: true, singleUser: deps.singleUser }));
  for (const r of ROUTES) {
    app.on(r.method.toUpperCase(), r.path, async (c) => {
      try {
        const { caller, session } =
          r.role === "public" ? { caller: null, session: null } : await callerOf(c, deps);
        if (r.method !== "get") checkSameSite(c, deps, session);
        if (r.role !== "public") {
          if (!caller) throw new HttpError(401, "UNAUTHENTICATED", "log in or give an API token");
          if (!allows(caller.role, r.role))
            throw new HttpError(
              403,
              "FORBIDDEN",
              `this needs the ${r.role} role; ${caller.name} is a ${caller.role}`,
            );
        }
        let query: unknown = {};
        if (r.query) {
          const parsed = r.query.safeParse(c.req.query());
          if (!parsed.success) throw invalid(parsed.error, "query");
          query = parsed.data;
        }
        const body = await bodyOf(c, r);
        const result = await r.handle({
          params: c.req.param() as Record<string, string>,
          query,
          body,
          caller: caller ?? { name: "anonymous", role: "viewer", via: "session" },
          session,
          deps,
          request: c.req.raw,
          client: clientOf(c),
        });
        if (result instanceof Response) return result;
        return c.json(result ?? null, r.status ?? 200);
      } catch (error) {
        const { status, body } = errorResponse(error);
        if (status >= 500) console.error(error);
        return c.json(body, status as 400);
      }
    });
  }
  app.notFound((c) =>
    c.json({ error: { code: "NOT_FOUND", message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  return app;
}
