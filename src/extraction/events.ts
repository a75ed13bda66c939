// Events: what actors did, coded in CAMEO and PLOVER from verb and event-noun patterns, with
// source and target actors, the attempted flag, a date resolved against the publication date,
// and a location from the gazetteer. Later references to the same happening ("the attack",
// "the assassination attempt") join the first mention's event.
import * as chrono from "chrono-node";
import type { ActorRef, Event, Location } from "../domain/index.js";
import type { ContextMention } from "./context.js";
import type { EventPattern, Patterns } from "./patterns.js";
import type { PlaceMention } from "./resolve-actors.js";
import type { SentenceView, SpeechFinder } from "./speech.js";

export interface DetectedEvent extends Event {
  mentions: number;
  /** Found in a headline, and whether a report sentence has since been joined to it. */
  fromHeading?: boolean;
  joined?: boolean;
  targetMention: ContextMention | null;
}

export interface EventInput {
  views: readonly SentenceView[];
  places: readonly PlaceMention[];
  patterns: Patterns;
  speech: SpeechFinder;
  ref: (m: ContextMention) => ActorRef;
  published: string | null;
  text: string;
}

const ATTEMPT =
  /\b(attempt(ed|s)?|foiled|thwarted|failed|botched|plot(ted)?|tried to|survived|unhurt|unharmed|escaped|intercepted|shot down)\b/i;
const TARGET_CUE =
  /^\s*(?:on|against|at|targeting|targeted|of|aimed at|that targeted|which targeted|who targeted)?\s*(?:the\s+)?(?:(?:residence|home|house|convoy|office|motorcade|embassy|compound|headquarters|car|vehicle|life|lives)\s+of\s+(?:the\s+)?)?$/i;

const TARGET_ANYWHERE =
  /\b(targeted|targeting|targets|against|attacked|attacking|struck|hit|killed|wounded|shot|assassinated|ambushed|kidnapped|abducted)\s+(the\s+)?((residence|home|house|convoy|office|motorcade|car|vehicle|compound|headquarters|embassy|life|palace)\s+of\s+)?(the\s+)?$/i;

/** "the attack", "this incident", "Sunday's shooting": a definite reference to something already reported. */
const BACK_REFERENCE =
  /\b(the|this|that|these|those|its|his|her|their|[A-Z][a-z]+day['’]s)\s+((\w+|-)\s+){0,2}$/;

const REPORTING =
  /\b(said|says|condemn\w*|denounc\w*|deplor\w*|decr\w*|urg\w*|call\w*|offer\w*|welcom\w*|blam\w*|accus\w*|respond\w*|react\w*|report\w*|describ\w*|investigat\w*|vow\w*|warn\w*|express\w*|reject\w*|denied|deny|denies|dismiss\w*|claim\w*|announc\w*|confirm\w*|help\w*|assist\w*|support\w*|to)\b/i;
const DATELINE_AFTER = /^\s*(\/\s*[A-Z]+\s*)?[,(—–-]\s*(\(|[A-Z][a-z]{2,8}\.?\s+\d|\d)/;

function ploverOf(patterns: Patterns, cameo: string): { plover: string; mode: string | null } {
  for (let code = cameo; code.length >= 2; code = code.slice(0, -1)) {
    const entry = patterns.cameo.get(code);
    if (entry) return { plover: entry.plover, mode: entry.mode ?? null };
  }
  return { plover: "OTHER", mode: null };
}

function eventDate(sentence: string, published: string | null): string | null {
  const reference = published ? new Date(`${published}T12:00:00Z`) : undefined;
  const results = reference
    ? chrono.strict.parse(sentence, { instant: reference }, { forwardDate: false })
    : chrono.strict.parse(sentence);
  const casual = reference
    ? chrono.casual.parse(sentence, { instant: reference }, { forwardDate: false })
    : [];
  const hit =
    results[0] ??
    casual.find((r) =>
      /^(mon|tues|wednes|thurs|fri|satur|sun)day$|^(yesterday|today|last night|on (mon|tues|wednes|thurs|fri|satur|sun)day)$/i.test(
        r.text.trim(),
      ),
    );
  if (!hit) return null;
  const d = hit.start.date();
  if (reference && d.getTime() > reference.getTime() + 36 * 3600 * 1000) return null;
  return d.toISOString().slice(0, 10);
}

export function extractEvents(input: EventInput): DetectedEvent[] {
  const { views, patterns, speech, ref, text } = input;
  const events: DetectedEvent[] = [];
  for (const view of views) {
    if (view.heading && view.index > 0) continue;
    let match: { pattern: EventPattern; index: number; length: number } | null = null;
    // Only phrases whose first word occurs in the sentence are tried: a cheap filter that spares
    // running some 1,500 regular expressions on every sentence.
    const words = new Set(view.text.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? []);
    for (const pattern of patterns.events) {
      for (const [i, regex] of pattern.regexes.entries()) {
        const first = pattern.firstWords[i];
        if (first && !words.has(first)) continue;
        const m = regex.exec(view.text);
        if (m && (!match || m.index < match.index)) match = { pattern, index: m.index, length: m[0].length };
      }
      if (match) break;
    }
    if (!match) continue;
    const at = view.start + match.index;
    const end = at + match.length;
    // The target: the actor the cue acts on ("attack on X", "targeted the residence of X"), the
    // owner before it ("X's convoy was hit"), or the subject of a passive ("X was shot").
    const passiveCue = /\b(was|were|been|being|is|are)\s+(\w+ly\s+)?$/i.test(
      text.slice(Math.max(view.start, at - 30), at),
    );
    const targetMention =
      view.mentions.find(
        (x) =>
          x.start >= end &&
          x.via !== "pronoun" &&
          TARGET_CUE.test(text.slice(end, x.start)) &&
          text.slice(end, x.start).length < 60,
      ) ??
      view.mentions.find((x) => x.end <= at && /^['’]s\s*$/.test(text.slice(x.end, at))) ??
      view.mentions.find(
        (x) =>
          x.via !== "pronoun" &&
          TARGET_ANYWHERE.test(text.slice(Math.max(view.start, x.start - 60), x.start)),
      ) ??
      (passiveCue ? speech.subjectBefore(view, at) : undefined) ??
      null;
    const passive = speech.agentAfter(view, end);
    const subject = passiveCue ? undefined : speech.subjectBefore(view, at, (x) => x === targetMention);
    // "Iran condemns attack on Kadhimi": a subject that only speaks of the event did not do it.
    const speaksOfIt = (m: ContextMention) => REPORTING.test(text.slice(m.end, at));
    const sourceMention =
      (passive && passive.actor.id !== targetMention?.actor.id ? passive : undefined) ??
      (subject && subject.actor.id !== targetMention?.actor.id && !speaksOfIt(subject) ? subject : undefined);
    // A dateline ("TEHRAN, Nov 8 (Reuters) —") says where the report was filed, not where it happened.
    const place =
      input.places.find(
        (p) =>
          p.sentence === view.index &&
          !(p.start - view.start < 2 && DATELINE_AFTER.test(text.slice(p.end, p.end + 30))),
      ) ?? null;
    const location: Location | null = place ? { name: place.name, country: place.country } : null;
    const { plover, mode } = ploverOf(patterns, match.pattern.cameo);
    // Only acts of force are attempted or accomplished; "rejected any attempt" is no attempt.
    const attempted =
      Boolean(match.pattern.attempted) ||
      (Number(match.pattern.cameo.slice(0, 2)) >= 14 && ATTEMPT.test(view.text));
    const target = targetMention ? ref(targetMention) : null;
    // A definite reference ("condemned the attack") joins the conflict event already reported; a
    // later report of the same family and target joins it too.
    const root = match.pattern.cameo.slice(0, 2);
    const conflict = events.find((e) => Number(e.cameo.slice(0, 2)) >= 18);
    if (conflict && Number(root) >= 18 && BACK_REFERENCE.test(view.text.slice(0, match.index))) {
      conflict.mentions++;
      continue;
    }
    const same = events.find(
      (e) =>
        e.cameo.slice(0, 2) === root &&
        (!target ||
          !e.target_actor ||
          (e.target_actor.id ?? e.target_actor.name) === (target.id ?? target.name)),
    );
    // A headline announces the event its first report sentence then describes: they are one,
    // and the sentence (more precise than the headline) supplies the code and the details.
    const headline = events[0]?.fromHeading && events.length === 1 ? events[0] : undefined;
    if (headline && Number(root) >= 18 && Number(headline.cameo.slice(0, 2)) >= 18 && !headline.joined) {
      headline.joined = true;
      headline.mentions++;
      Object.assign(headline, {
        cameo: match.pattern.cameo,
        plover: ploverOf(patterns, match.pattern.cameo).plover,
        mode: match.pattern.mode ?? ploverOf(patterns, match.pattern.cameo).mode,
        sentence: view.text,
        offset: [view.start, view.end],
      });
      headline.target_actor ??= target;
      headline.targetMention ??= targetMention;
      headline.location ??= location;
      headline.date = eventDate(view.text, input.published) ?? headline.date;
      headline.source_actor ??= sourceMention ? ref(sourceMention) : null;
      headline.attempted ||= attempted;
      continue;
    }
    if (same) {
      same.mentions++;
      same.target_actor ??= target;
      same.targetMention ??= targetMention;
      same.location ??= location;
      same.date ??= eventDate(view.text, input.published);
      same.source_actor ??= sourceMention ? ref(sourceMention) : null;
      same.attempted ||= attempted;
      continue;
    }
    events.push({
      id: `ev${events.length + 1}`,
      summary: view.text.length > 200 ? `${view.text.slice(0, 197)}…` : view.text,
      cameo: match.pattern.cameo,
      plover,
      mode: match.pattern.mode ?? mode,
      date: eventDate(view.text, input.published),
      location,
      source_actor: sourceMention ? ref(sourceMention) : null,
      target_actor: target,
      attempted,
      sentence: view.text,
      offset: [view.start, view.end],
      confidence: 0.7,
      mentions: 1,
      fromHeading: view.heading,
      targetMention,
    });
  }
  return events;
}

/** The report's main event: the most often mentioned act of material conflict, else the first event. */
export function mainEvent(events: readonly DetectedEvent[]): DetectedEvent | undefined {
  const conflict = events.filter((e) => Number(e.cameo.slice(0, 2)) >= 14);
  const pool = conflict.length ? conflict : events;
  return [...pool].sort(
    (a, b) => b.mentions - a.mentions || Number(a.id.slice(2)) - Number(b.id.slice(2)),
  )[0];
}
