// Whom an actor speaks for when it reacts or acts: a state (the state itself, one of its government
// bodies, or a person holding its office on the date), an international organisation (the body,
// one of its organs, or its head: António Guterres speaks for the UN, not for Portugal), or no
// one but itself (an armed group, a party, a private person). The reaction matrix groups by this,
// the silent list checks it, and the dyad trend matches country-level actors with it.
import { type ActorRef, heldOn, type Role } from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";

export type Voice =
  | {
      kind: "state";
      country: string;
      name: string;
      /** How the actor speaks for the state, in words. */
      via: string;
      /** An unresolved person the engine placed in this country: likely, not certain, an official. */
      inferred?: boolean;
    }
  | { kind: "igo"; id: string; name: string; via: string }
  | { kind: "non_state"; country: string | null; name: string; via: string };

const OFFICE_ORDER: Role["office"][] = [
  "head_of_state",
  "head_of_government",
  "foreign_minister",
  "igo_head",
  "minister",
  "other",
];

function stateVoice(kb: KnowledgeBase, country: string, via: string, inferred = false): Voice {
  return {
    kind: "state",
    country,
    name: kb.state(country)?.name ?? country,
    via,
    ...(inferred ? { inferred } : {}),
  };
}

function roleVoice(kb: KnowledgeBase, role: Role): Voice | null {
  const of = role.of;
  if (/^[A-Z]{3}$/.test(of)) return stateVoice(kb, of, role.title);
  if (of.startsWith("state:")) return stateVoice(kb, of.slice(6), role.title);
  if (of.startsWith("igo:")) return { kind: "igo", id: of, name: kb.actor(of)?.name ?? of, via: role.title };
  const group = kb.actor(of);
  if (group) return { kind: "non_state", country: group.country, name: group.name, via: role.title };
  return null;
}

/** Whom `ref` speaks for on `date` (YYYY-MM-DD; today when null). */
export function speaksFor(kb: KnowledgeBase, ref: ActorRef, date: string | null): Voice {
  const on = date ?? new Date().toISOString().slice(0, 10);
  const known = ref.id ? kb.actor(ref.id) : undefined;
  const country = ref.country ?? known?.country ?? null;
  switch (ref.kind) {
    case "state":
      return country
        ? stateVoice(kb, country, "the state")
        : { kind: "non_state", country: null, name: ref.name, via: "a state not in the knowledge base" };
    case "government_body":
      return country
        ? stateVoice(kb, country, ref.name)
        : { kind: "non_state", country: null, name: ref.name, via: "a body of no known state" };
    case "igo":
      return {
        kind: "igo",
        id: ref.id ?? `new:${ref.name.toLowerCase()}`,
        name: ref.name,
        via: "the organisation",
      };
    case "person": {
      if (!known)
        return country
          ? stateVoice(kb, country, `${ref.name} (not in the knowledge base; country from the report)`, true)
          : { kind: "non_state", country: null, name: ref.name, via: "a person of unknown affiliation" };
      const held = known.roles
        .filter((r) => heldOn(r, on))
        .sort((a, b) => OFFICE_ORDER.indexOf(a.office) - OFFICE_ORDER.indexOf(b.office));
      for (const role of held) {
        const voice = roleVoice(kb, role);
        if (voice) return voice;
      }
      return { kind: "non_state", country, name: ref.name, via: `no office held on ${on}` };
    }
    default:
      return { kind: "non_state", country, name: ref.name, via: ref.kind.replace(/_/g, " ") };
  }
}

/** An organisation and the organisations it is part of, nearest first: UN Security Council → UN. */
export function organisationChain(kb: KnowledgeBase, id: string): string[] {
  const chain = [id];
  for (let i = 0; i < 5; i++) {
    const parent = kb
      .actor(chain[chain.length - 1]!)
      ?.affiliations.find((a) => a.type === "part_of" && a.target.startsWith("igo:"))?.target;
    if (!parent || chain.includes(parent)) break;
    chain.push(parent);
  }
  return chain;
}

/** The key an actor's voice is grouped under: "state:IRQ", "igo:arab-league", or the actor itself. */
export function voiceKey(voice: Voice, ref: ActorRef): string {
  if (voice.kind === "state") return `state:${voice.country}`;
  if (voice.kind === "igo") return voice.id;
  return ref.id ?? `name:${ref.name.toLowerCase()}`;
}
