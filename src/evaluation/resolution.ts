// How many of the gold files' reacting actors the engine resolved to a knowledge-base entry (not a
// `new:` actor, not missed): the knowledge base's own figure of merit on annotated reports.
import type { Gold } from "./gold.js";
import { sameActor } from "./same-actor.js";
import type { Prediction } from "./score.js";

export interface Resolution {
  resolved: number;
  total: number;
  share: number | null;
  misses: { file: string; actor: string; found: string | null }[];
}

export function resolution(
  pairs: readonly { name: string; gold: Gold; prediction: Prediction }[],
): Resolution {
  const misses: Resolution["misses"] = [];
  let resolved = 0;
  let total = 0;
  for (const { name, gold, prediction } of pairs) {
    const seen: { name: string; kind: string; country: string | null }[] = [];
    for (const r of gold.reactions) {
      const actor = { name: r.actor, kind: r.actor_kind, country: r.country ?? null };
      if (seen.some((s) => sameActor(s, actor))) continue;
      seen.push(actor);
      total++;
      const found = prediction.reactions.map((p) => p.actor).find((p) => sameActor(actor, p));
      const id = (found as { id?: string } | undefined)?.id;
      if (found && id && !id.startsWith("new:")) resolved++;
      else
        misses.push({ file: name, actor: r.actor, found: found ? `${found.name} (${id ?? "no id"})` : null });
    }
  }
  return { resolved, total, share: total ? resolved / total : null, misses };
}
