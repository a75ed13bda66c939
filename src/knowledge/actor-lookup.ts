// Finding actors the way an analyst names them: by id, name, alias, demonym, capital or ISO3 code.
// The CLI's `actors show` and the API's actor search share it.
import type { Actor } from "../domain/index.js";
import type { KnowledgeBase } from "./knowledge-base.js";

/** Actors known by this id, name, alias, demonym, capital or ISO3 code. */
export function findActors(kb: KnowledgeBase, name: string): Actor[] {
  const byId = kb.actor(name.trim());
  if (byId) return [byId];
  const found = new Map<string, Actor>();
  for (const a of kb.lookup(name)) found.set(a.id, a);
  if (found.size > 1) {
    // As in a text, a short acronym only counts in capitals: "Sadr" is not "SADR" (Western Sahara).
    const whole = kb.index
      .scan(name.trim())
      .filter((m) => m.start === 0 && m.end === name.trim().length)
      .flatMap((m) => m.values);
    const ids = new Set(
      whole.flatMap((l) =>
        l.type === "actor" ? [l.actor.id] : l.type === "demonym" || l.type === "capital" ? [l.state.id] : [],
      ),
    );
    if (ids.size > 0) for (const id of found.keys()) if (!ids.has(id)) found.delete(id);
  }
  const state = /^[A-Za-z]{3}$/.test(name.trim()) ? kb.state(name.trim()) : undefined;
  if (found.size === 0 && state) found.set(state.id, state);
  return [...found.values()];
}
