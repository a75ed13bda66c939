// The overlay: the actors an analyst adds, edits or imports, kept in their store. It wins over a
// shipped entry with the same id and survives upgrades of crisisdesk. These are the operations the
// CLI (`crisisdesk actors add|edit|remove`) and the API share; each validates the whole entry
// before anything is written.
import { z } from "zod";
import {
  ACTOR_KINDS,
  type Actor,
  type Affiliation,
  CrisisdeskError,
  FieldError,
  type Role,
  UsageError,
} from "../domain/index.js";
import { findActors } from "./actor-lookup.js";
import { KnowledgeBase } from "./knowledge-base.js";
import { affiliationSchema, roleSchema } from "./schema.js";

/** What the overlay needs of a store (the store port has it; the knowledge base knows no store). */
export interface OverlayStore {
  overlayActors(): Promise<Actor[]>;
  putOverlayActors(actors: Actor[]): Promise<void>;
  removeOverlayActor(id: string): Promise<boolean>;
}

const ID_RULE = 'an id "prefix:slug" such as "person:jane-doe" or "group:my-militia"';

/** What an overlay entry may hold: the domain `Actor` shape for every kind. (The shipped data files
 * have one schema per file, in schema.ts.) */
export const overlayActorSchema = z.object({
  id: z.string().regex(/^[a-z][a-z_]*:[A-Za-z0-9][A-Za-z0-9._-]*$/, ID_RULE),
  name: z.string().trim().min(1, "a name"),
  kind: z.enum(ACTOR_KINDS),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code")
    .nullable()
    .default(null),
  aliases: z.array(z.string().trim().min(1)).default([]),
  roles: z.array(roleSchema).default([]),
  affiliations: z.array(affiliationSchema).default([]),
  cameo: z.string().min(1).optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/, "a Wikidata id such as Q79")
    .optional(),
  sources: z.string().optional(),
  uncertain: z.boolean().optional(),
  region: z.string().optional(),
  subregion: z.string().optional(),
  sector: z.string().optional(),
  members: z
    .array(z.looseObject({ state: z.string(), start: z.string().optional(), end: z.string().optional() }))
    .optional(),
});

export type EntryCheck<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** A value checked against a schema: the value, or the first problem's field path and message. */
export function checkEntry<T>(schema: z.ZodType<T>, value: unknown): EntryCheck<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, field: issue.path.map(String).join(".") || "(entry)", message: issue.message };
}

/** The knowledge base with the store's overlay applied, and the overlay itself. */
export async function overlayKnowledge(
  store: OverlayStore,
): Promise<{ kb: KnowledgeBase; overlay: Actor[] }> {
  const overlay = await store.overlayActors();
  return { kb: KnowledgeBase.load(overlay), overlay };
}

/** Changes to an actor: scalar fields replace (country "" or null clears it); aliases, roles and
 * affiliations are added to those the actor has. An affiliation's target may be an id or a name
 * the knowledge base knows ("Iran", "Hezbollah"). */
export interface ActorChanges {
  name?: string;
  kind?: string;
  country?: string | null;
  cameo?: string;
  wikidata?: string;
  sources?: string;
  uncertain?: boolean;
  aliases?: string[];
  roles?: Role[];
  affiliations?: Affiliation[];
}

/** Whether `changes` changes anything at all. */
export function hasActorChanges(changes: ActorChanges): boolean {
  return (
    [changes.name, changes.kind, changes.country, changes.cameo, changes.wikidata, changes.sources].some(
      (v) => v !== undefined,
    ) ||
    changes.uncertain !== undefined ||
    (changes.aliases?.length ?? 0) + (changes.roles?.length ?? 0) + (changes.affiliations?.length ?? 0) > 0
  );
}

/** The id of the actor an analyst names by id or by name; a FieldError at `field` when none or
 * several go by it. */
export function resolveActorRef(kb: KnowledgeBase, ref: string, field: string): string {
  if (!ref || kb.actor(ref)) return ref;
  const found = findActors(kb, ref);
  if (found.length !== 1)
    throw new FieldError(
      field,
      found.length
        ? `"${ref}" is ambiguous (${found.map((a) => a.id).join(", ")}); give an id`
        : `no actor with the id or name "${ref}"`,
    );
  return found[0]!.id;
}

/** `base` with `changes` applied, validated whole: a FieldError names the first bad field
 * ("roles.2.office" counts the actor's roles before the new ones). */
export function applyActorChanges(kb: KnowledgeBase, base: Actor, changes: ActorChanges): Actor {
  const affiliations = (changes.affiliations ?? []).map((f, i) => ({
    ...f,
    target: resolveActorRef(kb, f.target, `affiliations.${i}.target`),
  }));
  const roles = changes.roles ?? [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const candidate = {
    ...base,
    name: changes.name ?? base.name,
    kind: changes.kind ?? base.kind,
    country: changes.country === undefined ? base.country : (changes.country ?? "").toUpperCase() || null,
    cameo: changes.cameo ?? base.cameo,
    wikidata: changes.wikidata ?? base.wikidata,
    sources: changes.sources ?? base.sources,
    uncertain: changes.uncertain ?? base.uncertain,
    aliases: [...new Set([...base.aliases, ...(changes.aliases ?? [])])],
    roles: [...base.roles, ...roles.filter((r) => !base.roles.some((b) => same(b, r)))],
    affiliations: [
      ...base.affiliations,
      ...affiliations.filter((f) => !base.affiliations.some((b) => same(b, f))),
    ],
  };
  const result = checkEntry(overlayActorSchema, candidate);
  if (!result.ok) throw new FieldError(result.field, result.message);
  return result.value;
}

/** Adds a new actor to the overlay; its id must be new to the overlay and to the shipped base. */
export async function addOverlayActor(
  store: OverlayStore,
  id: string,
  changes: ActorChanges,
): Promise<Actor> {
  const { kb, overlay } = await overlayKnowledge(store);
  if (overlay.some((a) => a.id === id) || kb.actor(id))
    throw new UsageError(
      `already ${overlay.some((a) => a.id === id) ? "in the overlay" : "in the shipped knowledge base"}; change it with "crisisdesk actors edit ${id}"`,
      { where: id },
    );
  const empty: Actor = {
    id,
    name: "",
    kind: "other",
    country: null,
    aliases: [],
    roles: [],
    affiliations: [],
  };
  const actor = applyActorChanges(kb, empty, { ...changes, country: changes.country ?? "" });
  await store.putOverlayActors([actor]);
  return actor;
}

/** Changes an actor; a shipped actor is copied to the overlay first. */
export async function editOverlayActor(
  store: OverlayStore,
  id: string,
  changes: ActorChanges,
): Promise<Actor> {
  if (!hasActorChanges(changes))
    throw new UsageError(
      "nothing to change: give --name, --kind, --country, --alias, --role or --affiliation",
    );
  const { kb, overlay } = await overlayKnowledge(store);
  const base = overlay.find((a) => a.id === id) ?? kb.actor(id);
  if (!base)
    throw new CrisisdeskError("NOT_FOUND", "no actor with this id (see crisisdesk actors show NAME)", {
      where: id,
    });
  const actor = applyActorChanges(kb, base, changes);
  await store.putOverlayActors([actor]);
  return actor;
}

/** Removes an actor from the overlay (the shipped entry, if any, applies again). */
export async function removeOverlayActor(store: OverlayStore, id: string): Promise<void> {
  if (await store.removeOverlayActor(id)) return;
  const shipped = KnowledgeBase.load().actor(id);
  throw new CrisisdeskError(
    "NOT_FOUND",
    shipped
      ? "not in the overlay; shipped entries cannot be removed, only overridden with actors edit"
      : "no overlay actor with this id",
    { where: id },
  );
}
