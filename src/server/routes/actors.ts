// Actors: search the knowledge base (with the store's overlay), one actor with its dated roles and
// affiliations, and the overlay edits `crisisdesk actors add|edit|remove` make.
import { z } from "zod";
import { ACTOR_KINDS, CrisisdeskError } from "../../domain/index.js";
import {
  addOverlayActor,
  affiliationSchema,
  editOverlayActor,
  findActors,
  removeOverlayActor,
  roleSchema,
  viewActor,
} from "../../knowledge/index.js";
import { type Route, route } from "../route.js";

const onDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .optional();

const changesSchema = z.strictObject({
  name: z.string().trim().min(1).optional(),
  kind: z.enum(ACTOR_KINDS).optional(),
  country: z.string().nullable().optional(),
  cameo: z.string().min(1).optional(),
  wikidata: z.string().optional(),
  sources: z.string().optional(),
  uncertain: z.boolean().optional(),
  aliases: z.array(z.string().trim().min(1)).optional(),
  roles: z.array(roleSchema).optional(),
  /** A target may be an id or a name the knowledge base knows. */
  affiliations: z.array(affiliationSchema).optional(),
});

const today = () => new Date().toISOString().slice(0, 10);

export const actorRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/actors",
    tag: "actors",
    summary:
      "With q: actors of the knowledge base known by this id, name, alias, demonym, capital or ISO3 code. Without: the actors the stored reports name",
    role: "viewer",
    query: z.object({
      q: z.string().trim().min(1).optional(),
      limit: z.coerce.number().int().min(1).max(10_000).optional(),
    }),
    handle: async ({ deps, query }) => {
      if (!query.q) return deps.store.listActors({ limit: query.limit });
      return findActors(await deps.knowledge(), query.q)
        .slice(0, query.limit ?? 100)
        .map((a) => ({ id: a.id, name: a.name, kind: a.kind, country: a.country }));
    },
  }),
  route({
    method: "get",
    path: "/api/actors/:id",
    tag: "actors",
    summary: "One actor with its roles and affiliations, each marked as held or not on a date",
    role: "viewer",
    query: z.object({ on: onDate }),
    handle: async ({ deps, params, query }) => {
      const kb = await deps.knowledge();
      const actor = kb.actor(params.id!);
      if (!actor) throw new CrisisdeskError("NOT_FOUND", "no actor with this id", { where: params.id });
      const overlay = new Set((await deps.store.overlayActors()).map((a) => a.id));
      return viewActor(kb, actor, query.on ?? today(), overlay);
    },
  }),
  route({
    method: "post",
    path: "/api/actors",
    tag: "actors",
    summary: "Add an actor to the store's overlay",
    role: "analyst",
    body: changesSchema.extend({ id: z.string(), name: z.string().trim().min(1), kind: z.enum(ACTOR_KINDS) }),
    status: 201,
    handle: async ({ deps, body }) => {
      const { id, ...changes } = body;
      const actor = await addOverlayActor(deps.store, id, changes);
      deps.overlayChanged();
      return actor;
    },
  }),
  route({
    method: "patch",
    path: "/api/actors/:id",
    tag: "actors",
    summary:
      "Change an actor: name, kind, country ... replace; aliases, roles, affiliations add. A shipped actor is copied to the overlay first",
    role: "analyst",
    body: changesSchema,
    handle: async ({ deps, params, body }) => {
      const actor = await editOverlayActor(deps.store, params.id!, body);
      deps.overlayChanged();
      return actor;
    },
  }),
  route({
    method: "delete",
    path: "/api/actors/:id",
    tag: "actors",
    summary: "Remove an actor from the overlay (the shipped entry, if any, applies again)",
    role: "analyst",
    handle: async ({ deps, params }) => {
      await removeOverlayActor(deps.store, params.id!);
      deps.overlayChanged();
      return { removed: params.id };
    },
  }),
];
