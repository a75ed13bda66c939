// Logging in and out of the browser UI. A session is an HttpOnly, Secure, SameSite=Strict cookie;
// the CSRF token that comes with it is returned in the body for the UI to echo on every change.
import { z } from "zod";
import { hashPassword, verifyPassword } from "../auth/passwords.js";
import { SESSION_COOKIE } from "../auth/sessions.js";
import { HttpError } from "../http-error.js";
import { type Route, route } from "../route.js";

const cookie = (value: string, maxAge: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAge}`;

/** A hash to compare against when the user does not exist, so both failures take as long. */
let decoy: Promise<string> | undefined;

export const sessionRoutes: Route[] = [
  route({
    method: "post",
    path: "/api/session",
    tag: "session",
    summary: "Log in: sets the session cookie and returns the CSRF token",
    role: "public",
    body: z.strictObject({ name: z.string().min(1), password: z.string().min(1) }),
    handle: async ({ deps, body, client }) => {
      const keys = [`user:${body.name}`, `client:${client}`];
      const wait = deps.logins.retryAfter(keys);
      if (wait > 0)
        throw new HttpError(429, "RATE_LIMITED", `too many failed logins; try again in ${wait} s`);
      const user = await deps.users.getUser(body.name);
      decoy ??= hashPassword("not a password");
      const ok = await verifyPassword(body.password, user?.passwordHash ?? (await decoy));
      if (!user || !ok) {
        deps.logins.fail(keys);
        throw new HttpError(401, "BAD_LOGIN", "wrong user name or password");
      }
      deps.logins.succeed(keys);
      const session = deps.sessions.open(user.name, user.role);
      return new Response(JSON.stringify({ name: user.name, role: user.role, csrf: session.csrf }), {
        headers: { "content-type": "application/json", "set-cookie": cookie(session.id, 12 * 3600) },
      });
    },
  }),
  route({
    method: "get",
    path: "/api/session",
    tag: "session",
    summary: "Who the caller is, their role, and (for a session) its CSRF token",
    role: "viewer",
    handle: async ({ caller, session, deps }) => ({
      name: caller.name,
      role: caller.role,
      via: caller.via,
      singleUser: deps.singleUser,
      ...(session ? { csrf: session.csrf } : {}),
    }),
  }),
  route({
    method: "delete",
    path: "/api/session",
    tag: "session",
    summary: "Log out",
    role: "viewer",
    handle: async ({ deps, session }) => {
      if (session) deps.sessions.close(session.id);
      return new Response(JSON.stringify({ loggedOut: true }), {
        headers: { "content-type": "application/json", "set-cookie": cookie("", 0) },
      });
    },
  }),
];
