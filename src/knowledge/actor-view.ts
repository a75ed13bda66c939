// One actor as an analyst reads it on a date: its roles and affiliations, each marked as held or
// not on that date, and the links other actors have to it. Shared by `actors show` and the API.
import { type Actor, type Affiliation, heldOn, type Role } from "../domain/index.js";
import type { KnowledgeBase } from "./knowledge-base.js";

export interface ActorLink {
  type: Affiliation["type"];
  /** The other end: the target of an outgoing link, the source of an incoming one. */
  id: string;
  name: string | null;
  start?: string;
  end?: string;
  note?: string;
  uncertain?: boolean;
  held: boolean;
}

export interface ActorView {
  actor: Actor;
  on: string;
  origin: "overlay" | "shipped";
  roles: (Role & { held: boolean })[];
  affiliations: ActorLink[];
  affiliated: ActorLink[];
}

/** The view of `actor` on the date `on` (YYYY-MM-DD); `overlayIds` are the ids the store overlay holds. */
export function viewActor(kb: KnowledgeBase, actor: Actor, on: string, overlayIds: Set<string>): ActorView {
  const nameOf = (id: string) => kb.actor(id)?.name ?? null;
  const own: ActorLink[] = actor.affiliations.map((f) => ({
    type: f.type,
    id: f.target,
    name: nameOf(f.target),
    start: f.start,
    end: f.end,
    note: f.note,
    uncertain: f.uncertain,
    held: heldOn(f, on),
  }));
  // Memberships of organisations are recorded on the organisation's member list, not on the state.
  const memberships: ActorLink[] = kb
    .affiliationsOf(actor.id)
    .filter((e) => !actor.affiliations.some((f) => f.type === e.type && f.target === e.to))
    .map((e) => ({
      type: e.type,
      id: e.to,
      name: nameOf(e.to),
      start: e.start,
      end: e.end,
      held: heldOn(e, on),
    }));
  const affiliated: ActorLink[] = kb.affiliatedTo(actor.id).map((e) => ({
    type: e.type,
    id: e.from,
    name: nameOf(e.from),
    start: e.start,
    end: e.end,
    note: e.note,
    held: heldOn(e, on),
  }));
  return {
    actor,
    on,
    origin: overlayIds.has(actor.id) ? "overlay" : "shipped",
    roles: actor.roles.map((r) => ({ ...r, held: heldOn(r, on) })),
    affiliations: [...own, ...memberships],
    affiliated,
  };
}
