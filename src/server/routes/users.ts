// Sessions (log in, who am I, log out) and, for admins, the users of the store and their tokens.
import { z } from "zod";
import { addUser, createToken, removeUser, USER_ROLES } from "../auth/accounts.js";
import { type Route, route } from "../route.js";

export const userRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/users",
    tag: "users",
    summary: "The users of the store",
    role: "admin",
    handle: ({ deps }) => deps.users.listUsers(),
  }),
  route({
    method: "post",
    path: "/api/users",
    tag: "users",
    summary: "Add a user",
    role: "admin",
    status: 201,
    body: z.strictObject({
      name: z.string(),
      password: z.string(),
      role: z.enum(USER_ROLES as ["viewer", "analyst", "admin"]),
    }),
    handle: ({ deps, body }) => addUser(deps.users, body),
  }),
  route({
    method: "delete",
    path: "/api/users/:name",
    tag: "users",
    summary: "Remove a user, their tokens and their sessions",
    role: "admin",
    handle: async ({ deps, params }) => {
      await removeUser(deps.users, params.name!);
      deps.sessions.closeAll(params.name!);
      return { removed: params.name };
    },
  }),
  route({
    method: "post",
    path: "/api/users/:name/tokens",
    tag: "users",
    summary: "A new API token for a user (shown once)",
    role: "admin",
    status: 201,
    body: z.strictObject({ label: z.string().optional() }),
    handle: ({ deps, params, body }) => createToken(deps.users, params.name!, body.label ?? null),
  }),
];
