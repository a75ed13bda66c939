// Reactions: each actor's stance toward the report's main event, one entry per actor per stance.
// A stance cue ("denounced the heinous act", "urged restraint") is credited to whoever voices it:
// the speaker of the quotation it sits in, the subject before it, the agent of a passive, or the
// actor the context supplies (a pronoun, the heading above the paragraph).
import { type ActorRef, newActorId, type Reaction, type Stance } from "../domain/index.js";
import type { ContextMention } from "./context.js";
import type { Relational, StanceRule } from "./patterns.js";
import type { AttributedQuote } from "./quotes.js";
import {
  insideQuote,
  PREPOSITION_BEFORE,
  type QuoteSpan,
  type SentenceView,
  type SpeechFinder,
} from "./speech.js";

export interface ReactionInput {
  views: readonly SentenceView[];
  quotes: readonly QuoteSpan[];
  attributed: readonly AttributedQuote[];
  speech: SpeechFinder;
  rules: readonly StanceRule[];
  /** Relational collectives ("Trump supporters", "allies of Lebanon") hide the actor named in them. */
  relational?: Relational;
  /** Actors the main event was aimed at: they are its victims, not its commentators. */
  isTarget: (m: ContextMention) => boolean;
  headingActor: (view: SentenceView) => ContextMention | undefined;
  ref: (m: ContextMention) => ActorRef;
  eventId: string | null;
  text: string;
}

/** "No group has claimed", "did not condemn", "should be condemned if it really happened":
 * a cue that is denied or conditional is not a stance taken. */
export function negatedOrConditional(sentence: string, start: number, end: number, stance: string): boolean {
  const before = sentence.slice(Math.max(0, start - 40), start);
  const clause = before.split(/[,;:—]|\b(?:but|and|while)\b/).pop() ?? "";
  if (
    stance !== "deny" &&
    /\b(no|not|never|nobody|none|neither|nor|without|refused to|declined to|failed to|yet to)\b|n['’]t\b/i.test(
      clause,
    )
  )
    return true;
  const after = sentence.slice(end, end + 60);
  return /^[^,;.]{0,30}\bif\b/i.test(after) && /\b(should|would|could|might)\s+be\s*$/i.test(before);
}

/** Nothing but an adverb or two between a subject and its verb ("Jordan strongly condemns"). */
const ADJACENT_SUBJECT = /^(?:['’]s)?\s+(?:\p{Ll}+ly\s+){0,2}(?:also\s+|has\s+|have\s+)?$/u;

const LIST_GAP = /^\s*(,|and|or|as well as|, and|, as well as)\s*$/i;
const ATTACHED = /^\s+(of|for)\s+(the\s+)?$/i;

/** The actors listed together with `agent` ("Egypt, Jordan and Qatar"; "King Abdullah II of Jordan,
 * President Emmanuel Macron of France and ..."), of the same broad kind. */
export function coordinated(view: SentenceView, agent: ContextMention, text: string): ContextMention[] {
  const mentions = view.mentions.filter((m) => m.via !== "pronoun");
  const at = mentions.indexOf(agent);
  if (at < 0) return [agent];
  const person = agent.actor.kind === "person";
  const sameKind = (m: ContextMention) => (m.actor.kind === "person") === person;
  const out = [agent];
  // Walk right: list separators join, "of [state]" stays attached to the element before it.
  let previous = agent;
  for (let i = at + 1; i < mentions.length; i++) {
    const m = mentions[i]!;
    const gap = text.slice(previous.end, m.start);
    if (ATTACHED.test(gap) && !sameKind(m)) {
      previous = m;
      continue;
    }
    if (!LIST_GAP.test(gap.replace(/\bthe\s*$/i, "").replace(/^\s*,?\s*the\b/i, ","))) break;
    if (!sameKind(m)) break;
    if (!out.some((o) => o.actor.id === m.actor.id)) out.push(m);
    previous = m;
  }
  // Walk left likewise.
  let next = agent;
  for (let i = at - 1; i >= 0; i--) {
    const m = mentions[i]!;
    const gap = text.slice(m.end, next.start);
    if (ATTACHED.test(text.slice(m.end, next.start)) && !sameKind(next) && next !== agent) {
      next = m;
      continue;
    }
    if (!LIST_GAP.test(gap.replace(/\bthe\s*$/i, ""))) break;
    if (!sameKind(m)) break;
    // "Following the mutiny within the army, ECOWAS condemned": an opening phrase is no list.
    if (/^\s*,\s*$/.test(gap) && PREPOSITION_BEFORE.test(text.slice(view.start, m.start))) break;
    if (!out.some((o) => o.actor.id === m.actor.id)) out.unshift(m);
    next = m;
  }
  return out;
}

const GROUP_SUBJECT =
  /^\s*(?:(?:the|some|several|many|rival|local|armed)\s+)?((?:[\p{L}'’-]+\s+){0,3}?(militias?|factions?|groups?|rebels?|insurgents?|militants?|protesters|demonstrators|parties|opposition|clerics|tribes|tribal leaders|lawmakers|residents))\b/iu;

/** A subject noun phrase opening the clause before a cue that names a group the knowledge base
 * does not know ("Iran-aligned factions"), with a guessed kind. */
function unnamedSubject(
  before: string,
): { name: string; start: number; kind: "armed_group" | "party" | "other" } | null {
  const m = GROUP_SUBJECT.exec(before);
  if (!m) return null;
  const name = m[1]!.trim();
  const kind = /militia|faction|rebel|insurgent|militant/i.test(m[2]!)
    ? "armed_group"
    : /part(y|ies)|opposition/i.test(m[2]!)
      ? "party"
      : "other";
  return { name, start: before.indexOf(m[1]!), kind };
}

/** The actor names others by their relation to it: "Trump supporters", "adversaries of Lebanon". */
function inCollective(agent: ContextMention, view: SentenceView, input: ReactionInput): boolean {
  const relational = input.relational;
  if (!relational) return false;
  const after = input.text.slice(agent.end, Math.min(view.end, agent.end + 30));
  const before = input.text.slice(Math.max(view.start, agent.start - 40), agent.start);
  return relational.after.test(after) || relational.before.test(before);
}

/** X's "thoughts are with ...": the actor whose words a quotation is, whoever relays them. */
function ownerOf(view: SentenceView, quote: QuoteSpan, text: string): ContextMention | undefined {
  return view.mentions.find(
    (x) => x.end <= quote.start && /^['’]s?\s*["“]?$/.test(text.slice(x.end, quote.start)),
  );
}

const VIA_CONFIDENCE: Record<string, number> = {
  quote: 0.95,
  subject: 1,
  passive: 0.95,
  frame: 0.95,
  pronoun: 0.85,
  heading: 0.85,
  previous: 0.7,
  own: 0.85,
};

/** A forecast, hypothesis, condition or scenario ("they will press for de-escalation") is no stance
 * taken. A modal clause inside a reported fact stays: "X hinted that spies could have staged it"
 * is X's stance. */
function notTaken(view: SentenceView): boolean {
  return view.modality?.hypothetical === true;
}

const FOR_BODY_BEFORE =
  /^(?:['’]s?)?\s+(?:[\p{L}-]+\s+){0,3}?(?:spokes\w+|official|representative|envoy)\s*,?\s*$/u;
const FOR_BODY_AFTER =
  /^\s*,\s+(?:the\s+|a\s+)?(?:[\p{L}-]+\s+){0,2}?(?:spokes\w+|official|representative|envoy)\s+(?:of|for)\s+(?:the\s+)?$/u;

/** A spokesperson or official speaks for the body the text names them by ("Kata'ib Hezbollah's
 * security official X", "X, the spokesman of Iran's Foreign Ministry"): the body reacts. */
function principal(
  view: SentenceView,
  speaker: ContextMention,
  text: string,
  known: Map<string, ContextMention>,
): ContextMention {
  if (speaker.actor.kind !== "person") return speaker;
  const body = view.mentions.find(
    (m) =>
      m.actor.kind !== "person" &&
      (m.via !== "pronoun" || /^(?:its|their)$/i.test(m.surface)) &&
      ((m.end <= speaker.start && FOR_BODY_BEFORE.test(text.slice(m.end, speaker.start))) ||
        (m.start >= speaker.end && FOR_BODY_AFTER.test(text.slice(speaker.end, m.start)))),
  );
  // Once named as a body's spokesperson, the person speaks for it through the report.
  if (body) known.set(speaker.actor.id, body);
  const theirs = known.get(speaker.actor.id);
  return theirs ? { ...theirs, start: speaker.start, end: speaker.end, sentence: speaker.sentence } : speaker;
}

/** A state and its ministries are one voice: the foreign ministry's condemnation subsumes the
 * state's expression of solidarity. */
function voiceOf(a: ActorRef): string {
  return (a.kind === "state" || a.kind === "government_body") && a.country
    ? `country:${a.country}`
    : (a.id ?? a.name);
}

/** Who can react by speaking: the press reports, it does not react. */
const SPEAKER_KINDS = new Set(["person", "state", "government_body", "igo", "armed_group", "party", "other"]);
const SPOKEN_CONFIDENCE = 0.5;

export function extractReactions(input: ReactionInput): Reaction[] {
  const { views, quotes, attributed, speech, rules, isTarget, ref } = input;
  // Each reaction remembers the cue groups that found it: a group may be subsumed ("condolences"
  // by a condemnation) while another group of the same stance ("concern") stands.
  const found = new Map<string, Reaction & { order: number; sources: Set<StanceRule> }>();
  const principals = new Map<string, ContextMention>();
  // Who speaks for whom is settled where the text says so, before any stance is read.
  for (const view of views)
    for (const m of view.mentions)
      if (m.actor.kind === "person" && m.via !== "pronoun" && !principals.has(m.actor.id))
        principal(view, m, input.text, principals);
  let previous: { mention: ContextMention; block: number } | null = null;
  let order = 0;
  for (const view of views) {
    if (view.heading) continue;
    const frames = speech.speakers(view);
    let sentenceAgent: ContextMention | undefined;
    for (const rule of rules) {
      rule.pattern.lastIndex = 0;
      for (let m = rule.pattern.exec(view.text); m !== null; m = rule.pattern.exec(view.text)) {
        const at = view.start + m.index;
        if (negatedOrConditional(view.text, m.index, m.index + m[0].length, rule.stance)) continue;
        if (notTaken(view)) continue;
        let agent: ContextMention | undefined;
        let via = "subject";
        const quote = insideQuote(quotes, at);
        if (quote) {
          // X's "thoughts are with ...": the words are X's, whoever relays them.
          const owner = ownerOf(view, quote, input.text);
          // "The Emirate strongly condemns ...," he said: a subject the quotation names itself is
          // the one who takes the stance; the speaker relays it.
          const named = [...view.mentions]
            .reverse()
            .find(
              (x) =>
                x.start >= quote.start &&
                x.end <= at &&
                x.via !== "pronoun" &&
                x.actor.kind !== "person" &&
                ADJACENT_SUBJECT.test(input.text.slice(x.end, at)),
            );
          const speaker = attributed.find((q) => q.span === quote)?.speakerMention ?? undefined;
          agent = owner ?? named ?? (speaker ? principal(view, speaker, input.text, principals) : undefined);
          via = "quote";
        }
        if (!agent) {
          agent = speech.agentAfter(view, at + m[0].length, m[0]);
          via = "passive";
        }
        if (!agent) {
          agent = speech.subjectBefore(view, at, isTarget);
          via = agent?.via === "pronoun" ? "pronoun" : "subject";
        }
        if (!agent) {
          agent = frames.find((f) => !isTarget(f.mention))?.mention;
          via = "frame";
        }
        if (!agent) {
          // "The UAE has stated that it reserves the right to respond": the victim stating its own
          // stance in a frame before the cue reacts in its own words.
          agent = frames.find(
            (f) => isTarget(f.mention) && f.verb < at && f.mention.via !== "pronoun",
          )?.mention;
          via = "own";
        }
        if (!agent) {
          // "Iran-aligned factions suspected of involvement deny any role": a subject the knowledge
          // base does not know is still the subject; it becomes a new actor, not the last one named.
          const group = unnamedSubject(input.text.slice(view.start, at));
          if (group) {
            agent = {
              actor: {
                id: newActorId(group.name),
                name: group.name,
                kind: group.kind,
                country: null,
                aliases: [],
                roles: [],
                affiliations: [],
              },
              sentence: view.index,
              start: view.start + group.start,
              end: view.start + group.start + group.name.length,
              surface: group.name,
              via: "new",
            };
            via = "subject";
          }
        }
        if (!agent) {
          agent = input.headingActor(view);
          via = "heading";
        }
        if (!agent && previous && previous.block === view.block) {
          agent = previous.mention;
          via = "previous";
        }
        // "Trump supporters stormed ...", "allies of Lebanon offered help": an unnamed collective
        // the actor is only named in does not make the actor the one who reacts.
        if (agent && via === "subject" && agent.via !== "pronoun" && inCollective(agent, view, input))
          continue;
        // "World leaders voiced shock": an unnamed collective subject is no one's voice, not the
        // heading's actor's nor the last one named.
        if (
          agent &&
          (via === "heading" || via === "previous") &&
          input.relational?.opening.test(input.text.slice(view.start, at))
        )
          continue;
        if (agent && via !== "quote") agent = principal(view, agent, input.text, principals);
        // The victim reacting in its own words counts; a fallback never picks the victim.
        if (!agent || (isTarget(agent) && via !== "subject" && via !== "quote" && via !== "own")) continue;
        sentenceAgent ??= agent;
        // "Saudi Arabia, the UAE and Qatar condemned": every actor of a list shares the cue.
        const agents = agent.group
          ? agent.group.map((actor) => ({ ...agent, actor, group: undefined }))
          : via === "subject" || via === "passive"
            ? coordinated(view, agent, input.text)
            : [agent];
        for (const each of agents) {
          if (each !== agent && each.actor !== agent.actor && isTarget(each)) continue;
          // An analyst the report quotes judges the event; he is no party reacting to it.
          if (each.actor.commentator) continue;
          const actor = ref(each);
          const key = `${actor.id ?? actor.name}|${rule.stance}`;
          const confidence =
            Math.round(
              rule.weight *
                (VIA_CONFIDENCE[via] ?? 0.8) *
                (each === agent || each.actor === agent.actor ? 1 : 0.95) *
                100,
            ) / 100;
          const existing = found.get(key);
          existing?.sources.add(rule);
          if (!existing || existing.confidence < confidence) {
            found.set(key, {
              actor,
              stance: rule.stance,
              event_id: input.eventId,
              sentence: view.text,
              offset: [view.start, view.end],
              confidence,
              order: existing?.order ?? order++,
              sources: existing?.sources ?? new Set([rule]),
            });
          }
        }
      }
    }
    if (sentenceAgent) previous = { mention: sentenceAgent, block: view.block };
  }
  // An actor quoted on the event without any cue of a stance still reacted: its stance is `other`
  // (the annotation conventions). A bare "X said" is not enough: officials, police and agencies
  // report facts that way.
  const voiced = new Set([...found.values()].map((r) => voiceOf(r.actor)));
  const spoken = (m: ContextMention, view: SentenceView) => {
    if (!SPEAKER_KINDS.has(m.actor.kind) || isTarget(m) || m.actor.commentator) return;
    const actor = ref(m);
    const id = voiceOf(actor);
    if (voiced.has(id)) return;
    voiced.add(id);
    found.set(`${actor.id ?? actor.name}|other`, {
      actor,
      stance: "other",
      event_id: input.eventId,
      sentence: view.text,
      offset: [view.start, view.end],
      confidence: SPOKEN_CONFIDENCE,
      order: order++,
      sources: new Set(),
    });
  };
  const quoted = new Map<number, AttributedQuote[]>();
  for (const q of attributed) {
    if (!quoted.has(q.sentenceIndex)) quoted.set(q.sentenceIndex, []);
    quoted.get(q.sentenceIndex)!.push(q);
  }
  for (const view of views) {
    if (view.heading || notTaken(view)) continue;
    for (const q of quoted.get(view.index) ?? [])
      if (q.speakerMention) {
        // Guterres's "thoughts are with ...," his spokesman said: the spokesman only relays.
        const owner = ownerOf(view, q.span, input.text);
        spoken(owner ?? principal(view, q.speakerMention, input.text, principals), view);
      }
  }
  const all = [...found.values()];
  const voice = voiceOf;
  const stancesOf = new Map<string, Set<Stance>>();
  for (const r of all) {
    const id = voice(r.actor);
    if (!stancesOf.has(id)) stancesOf.set(id, new Set());
    stancesOf.get(id)!.add(r.stance);
  }
  const kept = all.filter((r) => {
    const others = stancesOf.get(voice(r.actor))!;
    if (!r.sources.size) return true;
    return [...r.sources].some((rule) => !rule.subsumedBy.some((s) => others.has(s)));
  });
  // One reaction per voice and stance: a state and its ministry calling for restraint in two
  // sentences are one call, the state's (the annotation convention), else the first body's.
  const byVoice = new Map<string, (typeof kept)[number]>();
  for (const r of kept) {
    const id = `${voice(r.actor)}|${r.stance}`;
    const held = byVoice.get(id);
    if (!held) byVoice.set(id, r);
    else if (r.actor.kind === "state" && held.actor.kind !== "state")
      byVoice.set(id, { ...r, order: Math.min(r.order, held.order) });
  }
  return [...byVoice.values()]
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, sources: _sources, ...r }) => r);
}
