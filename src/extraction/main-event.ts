// The report's main event: the act of force (attack, killing, coup, storming) its headline and lead
// report, not an event of a reaction paragraph or a background sentence. Its place comes from the
// lead (not the dateline's city), its day from the lead's date expressions, its target from the
// words the act is done to ("the attack on two mosques", "X was shot", "X's assassination"), a
// thing when no actor is named. Later mentions of the same act join it. Runs after extractEvents.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { ActorRef, Location } from "../domain/index.js";
import { DATA_DIR, validate } from "../knowledge/index.js";
import { dayInSentence } from "../text/index.js";
import {
  ATTEMPT,
  type Cue,
  DATELINE,
  DATELINE_AFTER,
  type DetectedEvent,
  type EventInput,
  ploverOf,
  readSentence,
} from "./events.js";
import type { EventPattern } from "./patterns.js";
import { findQuotes, insideQuote, type SentenceView } from "./speech.js";

const mainEventFile = z.object({
  note: z.string().optional(),
  incidentRoots: z.array(z.string().regex(/^\d{2}$/)),
  incidentPatterns: z.array(z.string()),
  targetPrepositions: z.array(z.string().min(1)),
  ownerOfTarget: z.array(z.string().min(1)),
  phraseStops: z.array(z.string().min(1)),
  victimVerbs: z.array(z.string().min(1)),
  laterVictimVerbs: z.array(z.string().min(1)),
  placePrepositions: z.array(z.string().min(1)),
  headEnds: z.array(z.string().min(1)),
  relationNouns: z.array(z.string().min(1)),
  coupPatterns: z.array(z.string()),
  placeTargetModes: z.array(z.string()),
  regionOf: z.record(z.string(), z.string().regex(/^[A-Z]{3}$/)),
  note_regionOf: z.string().optional(),
  leadParagraphs: z.number().int().positive(),
  reactionDayFollowers: z.array(z.string().min(1)),
  note_reactionDayFollowers: z.string().optional(),
});

export interface MainEventCues {
  incidentRoots: Set<string>;
  incidentPatterns: Set<string>;
  /** "on", "against", "targeting", "that killed": what may stand between an act and its target. */
  targetBridge: RegExp;
  /** Determiners and "the residence of" before a target when the cue itself ends in its preposition. */
  targetOpening: RegExp;
  /** "... that killed X", "... killing X" later in the act's clause. */
  laterVictim: RegExp;
  /** "in Sudan": a state named after these is where the act happened. */
  placeBefore: RegExp;
  /** Words that end a target's head: "two mosques | in Christchurch", "President X | at a rally". */
  headEnds: Set<string>;
  /** "the daughter of X": the relative, not X, was struck. */
  relationNouns: Set<string>;
  /** Coups strike the government of the state they happen in. */
  coupPatterns: Set<string>;
  /** Explosions and shelling strike where they happen: the place is their target when nothing else is. */
  placeTargetModes: Set<string>;
  /** Sub-national entries of the state list and the state they belong to. */
  regionOf: Record<string, string>;
  ownerOfTarget: RegExp;
  phraseStops: Set<string>;
  /** "X was shot", "X suffered", "X survived": the victim stands before these. */
  victimAfter: RegExp;
  leadParagraphs: number;
  /** "expressed concern Sunday over": a day that dates the reaction to the act, not the act. */
  reactionDay: RegExp;
}

const alternation = (list: readonly string[]) =>
  list
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"))
    .sort((a, b) => b.length - a.length)
    .join("|");

export function loadMainEventCues(dataDir: string = DATA_DIR): MainEventCues {
  const path = join(dataDir, "patterns", "main-event.json");
  const file = validate(mainEventFile, JSON.parse(readFileSync(path, "utf8")), "patterns/main-event.json");
  return {
    incidentRoots: new Set(file.incidentRoots),
    incidentPatterns: new Set(file.incidentPatterns),
    targetBridge: new RegExp(
      `^\\s*["”’']?\\s*(?:attempts?\\s+)?(?:${alternation(file.targetPrepositions)})\\s+(?:the\\s+)?(?:(?:${alternation(file.ownerOfTarget)})\\s+of\\s+)?`,
      "i",
    ),
    targetOpening: new RegExp(
      `^\\s*["”’']?\\s*(?:(?:the|a|an)\\s+)?(?:(?:${alternation(file.ownerOfTarget)})\\s+of\\s+(?:the\\s+)?)?`,
      "i",
    ),
    laterVictim: new RegExp(
      `^[^,;.]{0,80}?\\b(?:${alternation(file.laterVictimVerbs)})\\s+(?:the\\s+)?`,
      "i",
    ),
    placeBefore: new RegExp(
      `\\b(?:${alternation(file.placePrepositions)})\\s+(?:the\\s+)?(?:[A-Z][\\w'’-]+(?:\\s[A-Z][\\w'’-]+)?,\\s*)?$`,
    ),
    headEnds: new Set(file.headEnds),
    relationNouns: new Set(file.relationNouns),
    coupPatterns: new Set(file.coupPatterns),
    placeTargetModes: new Set(file.placeTargetModes),
    regionOf: file.regionOf,
    ownerOfTarget: new RegExp(`^(?:${alternation(file.ownerOfTarget)})$`, "i"),
    phraseStops: new Set(file.phraseStops),
    victimAfter: new RegExp(`^\\s*(?:,[^,]{0,80},\\s*)?(?:${alternation(file.victimVerbs)})\\b`, "i"),
    leadParagraphs: file.leadParagraphs,
    reactionDay: new RegExp(
      `\\b(?:on\\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?=\\s+(?:${alternation(file.reactionDayFollowers)})\\b)`,
      "gi",
    ),
  };
}

interface Incident {
  view: SentenceView;
  cue: Cue;
}

const root = (cameo: string) => cameo.slice(0, 2);
/** "the attack", "this incident": a definite reference back to an act, with nothing more said of it. */
const BARE_REFERENCE = /\b(?:the|this|that|these|those)\s+$/i;
const VICTIM_KINDS = new Set(["person", "state", "government_body", "igo", "party", "armed_group", "other"]);

/** The title and the first paragraphs: where a report states its event. */
function leadViews(views: readonly SentenceView[], paragraphs: number): SentenceView[] {
  const out: SentenceView[] = [];
  const blocks: number[] = [];
  for (const v of views) {
    if (v.heading) {
      if (!blocks.length) out.push(v);
      continue;
    }
    if (!blocks.includes(v.block)) {
      if (blocks.length >= paragraphs) break;
      blocks.push(v.block);
    }
    out.push(v);
  }
  // Paragraphs first: they state the act in full; the title compresses it.
  return [...out.filter((v) => !v.heading), ...out.filter((v) => v.heading)];
}

/** Acts of force a sentence reports: not threatened, promised or asked for ("threatened to
 * blockade"), not a condition, and outside what the sentence only forecasts or supposes. */
function incidentsIn(view: SentenceView, input: EventInput, cues: MainEventCues): Incident[] {
  const m = view.modality;
  // A forecast's subject is real ("the strikes may offer a way out"); a hypothesis's is not.
  const limit =
    !m.hypothetical || m.reason === "forecast"
      ? (m.clauseStart ?? view.text.length)
      : m.reason === "scenario_section" || m.reason === "question"
        ? -1
        : 0;
  const read = readSentence(view.text, input.patterns);
  if (!read) return [];
  return [read.reading, ...read.others]
    .filter(
      (r) =>
        !r.frame &&
        r.aside !== "condition" &&
        r.cue.start < limit &&
        (cues.incidentRoots.has(root(r.cameo)) || cues.incidentPatterns.has(r.cue.pattern.id)),
    )
    .sort((a, b) => a.cue.start - b.cue.start)
    .map((r) => ({ view, cue: r.cue }));
}

/** The words an act is done to: "on two mosques in Christchurch", "targeting former President X",
 * "stormed the Capitol", "... that killed X". */
function targetAfter(incident: Incident, input: EventInput, cues: MainEventCues): ActorRef | null {
  const { view, cue } = incident;
  const rest = view.text.slice(cue.end);
  const cueText = view.text.slice(cue.start, cue.end);
  // A cue that ends in its preposition ("attack on", "assassination of") or a verb ("stormed") takes
  // its object directly.
  const direct = /\b(?:on|of|against|targeting|at|upon)$/i.test(cueText) || /ed$/i.test(cueText);
  const bridge =
    cues.targetBridge.exec(rest) ??
    (direct ? cues.targetOpening.exec(rest) : null) ??
    cues.laterVictim.exec(rest);
  if (!bridge) return null;
  return phraseAt(view, view.start + cue.end + bridge[0].length, input, cues);
}

/** The target phrase starting at an offset: the person it names, an organisation that is its head,
 * else its words (a thing, a crowd, a place). */
function phraseAt(view: SentenceView, from: number, input: EventInput, cues: MainEventCues): ActorRef | null {
  const words = [
    ...input.text.slice(from, view.end).matchAll(/[\p{L}\p{N}][\p{L}\p{N}.'’-]*|[^\s\p{L}\p{N}]/gu),
  ];
  let end = from;
  let headEnd = -1;
  let count = 0;
  let previous = "";
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const t = w[0];
    const lower = t.toLowerCase();
    // "a", "an" open a new phrase ("the bridge a terrorist act"), except after a preposition ("at a church").
    const opensPhrase =
      (lower === "a" || lower === "an") && !cues.headEnds.has(previous) && previous !== "of";
    // "Sergei and Yulia Skripal": "and" between names joins them.
    const joinsNames =
      lower === "and" && /^\p{Lu}/u.test(words[k - 1]?.[0] ?? "") && /^\p{Lu}/u.test(words[k + 1]?.[0] ?? "");
    const stop =
      count > 0 &&
      cues.phraseStops.has(lower) &&
      !joinsNames &&
      (opensPhrase || (lower !== "a" && lower !== "an"));
    if (/^[,.;:()"“”!?—–]$/.test(t) || stop || count >= 10) break;
    previous = lower;
    if (/^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i.test(t)) break;
    if (count > 0 && headEnd < 0 && cues.headEnds.has(lower)) headEnd = end;
    end = from + w.index + t.length;
    count++;
  }
  if (end <= from) return null;
  const head = headEnd > 0 ? headEnd : end;
  // "targeted his residence": the owner of the residence, named by the pronoun, is the target.
  const owner = view.mentions.find(
    (x) =>
      x.start === from &&
      x.actor.kind === "person" &&
      cues.ownerOfTarget.test(input.text.slice(x.end, head).trim().split(/\s+/)[0] ?? ""),
  );
  if (owner) return input.ref(owner);
  const relative = [words[0]?.[0], words[1]?.[0]].some((w) =>
    cues.relationNouns.has((w ?? "").toLowerCase()),
  );
  const inHead = relative
    ? []
    : view.mentions.filter((x) => x.via !== "pronoun" && x.start >= from && x.end <= head + 1);
  const person = inHead.find((x) => x.actor.kind === "person");
  if (person) return input.ref(person);
  const last = inHead.at(-1);
  const tail = last ? input.text.slice(last.end, head).replace(/^\W+/, "") : "";
  if (last && !tail && last.actor.kind !== "state") return input.ref(last);
  const name = input.text
    .slice(from, end)
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/['’]s?$/, "")
    .replace(/\.+$/, "");
  if (!/\p{L}{3}/u.test(name) || /^(?:him|her|them|it|us|me|this|that|his|its|their)$/i.test(name))
    return null;
  return { name, kind: "other", country: last?.actor.country ?? null };
}

/** The victim named before the act: "X was shot", "X suffered wounds", "X's assassination". */
function targetBefore(incident: Incident, input: EventInput, cues: MainEventCues): ActorRef | null {
  const { view, cue } = incident;
  const at = view.start + cue.start;
  const owner = view.mentions.find(
    (x) => x.end <= at && /^['’]s?\s+(?:[\p{L}-]+\s+){0,2}$/u.test(input.text.slice(x.end, at)),
  );
  if (owner && VICTIM_KINDS.has(owner.actor.kind)) return input.ref(owner);
  const victim = view.mentions.find(
    (x) =>
      x.via !== "pronoun" &&
      x.actor.kind === "person" &&
      cues.victimAfter.test(input.text.slice(x.end, view.end)),
  );
  return victim ? input.ref(victim) : null;
}

/** A place of the act: after its cue in its sentence, else anywhere in the sentence but the dateline. */
function placeOf(incident: Incident, input: EventInput, cues: MainEventCues): Location | null {
  const { view, cue } = incident;
  // A dateline ("BAGHDAD/DUBAI, Nov 7 (Wire) —", "JAKARTA:") says where the report was filed.
  const dateline = DATELINE.exec(view.text)?.[0].length ?? 0;
  const inSentence = input.places.filter(
    (p) =>
      p.sentence === view.index &&
      p.start - view.start >= dateline &&
      !(p.start - view.start < 2 && DATELINE_AFTER.test(input.text.slice(p.end, p.end + 30))),
  );
  const near = (start: number) => start >= view.start + cue.start;
  const after =
    inSentence.find((p) => near(p.start)) ?? inSentence.find((p) => p.start < view.start + cue.start);
  if (after) return { name: after.name, country: after.country };
  // "the coup in Sudan": a state named after "in" is the place.
  const state = view.mentions.find(
    (x) =>
      x.actor.kind === "state" &&
      x.via !== "pronoun" &&
      (x.start < view.start + cue.start || x.start - (view.start + cue.end) <= 90) &&
      cues.placeBefore.test(input.text.slice(Math.max(view.start, x.start - 12), x.start)),
  );
  return state ? { name: state.actor.name, country: state.actor.country } : null;
}

/**
 * Picks (or makes) the report's main event among the detected events and fills its place, day,
 * target and attempt from the lead. Returns the events, those merged into the main one removed.
 */
export function chooseMainEvent(
  detected: DetectedEvent[],
  input: EventInput,
  cues: MainEventCues,
  /** A state's name by its ISO3 code, for "government of Mali". */
  stateName: (iso3: string) => string | undefined = () => undefined,
): {
  events: DetectedEvent[];
  main: DetectedEvent | undefined;
  /** The lead dates only the reaction to the act: the act keeps no day rather than the report's. */
  reactionDated?: boolean;
} {
  const lead = leadViews(input.views, cues.leadParagraphs);
  const incidents = lead.flatMap((v) => incidentsIn(v, input, cues));
  if (!incidents.length) return { events: detected, main: fallbackMain(detected) };
  // The first sentence that names an act of force; in it, the most specific cue.
  // The lead's statement of the act, not a passing reference to it ("on the day of the attack"):
  // the first incident that names its target or is a verb, else the first.
  const stated = incidents.find(
    (i) => !BARE_REFERENCE.test(i.view.text.slice(0, i.cue.start)) || targetAfter(i, input, cues) !== null,
  );
  const firstView = (stated ?? incidents[0]!).view;
  const chosen = incidents
    .filter((i) => i.view === firstView)
    .sort((a, b) => a.cue.order - b.cue.order || a.cue.start - b.cue.start)[0]!;
  const code = chosen.cue.pattern.cameo;
  let main = detected.find((e) => e.offset[0] === firstView.start && Number(root(e.cameo)) >= 14);
  if (!main) {
    const { plover, mode } = ploverOf(input.patterns, code);
    const id = `ev${detected.reduce((n, e) => Math.max(n, Number(e.id.slice(2)) || 0), 0) + 1}`;
    main = {
      id,
      summary: firstView.text.length > 200 ? `${firstView.text.slice(0, 197)}…` : firstView.text,
      cameo: code,
      plover,
      mode,
      date: null,
      location: null,
      source_actor: null,
      target_actor: null,
      attempted: false,
      sentence: firstView.text,
      offset: [firstView.start, firstView.end],
      confidence: 0.7,
      instrument: chosen.cue.pattern.mode ?? null,
      mentions: 0,
      targetMention: null,
    };
  }
  // Other reports of the same act (same CAMEO root, no other target) join it.
  const rest: DetectedEvent[] = [];
  let absorbedPlace: Location | null = null;
  for (const e of detected) {
    if (e === main) continue;
    const sameAct =
      root(e.cameo) === root(main.cameo) &&
      (!e.target_actor || !main.target_actor || e.target_actor.name === main.target_actor.name);
    if (sameAct) {
      main.mentions += e.mentions;
      main.source_actor ??= e.source_actor;
      absorbedPlace ??= e.location;
      // "an assassination attempt" joined by "the shooting": the means come from the other report.
      main.mode ??= e.mode;
      main.instrument ??= e.instrument;
      if (!main.target_actor && e.target_actor) main.target_actor = e.target_actor;
    } else rest.push(e);
  }
  main.mentions += incidents.length;
  // Target: what the lead says the act struck, the victim it names, else what the events found.
  const ordered = [chosen, ...incidents.filter((i) => i !== chosen)];
  const target =
    first(ordered, (i) => targetBefore(i, input, cues) ?? targetAfter(i, input, cues)) ?? main.target_actor;
  const place = first(ordered, (i) => placeOf(i, input, cues));
  // A coup is made by a state's own forces: "the Malian military", "Sudanese soldiers".
  const coup = cues.coupPatterns.has(chosen.cue.pattern.id);
  const forces = coup
    ? first(ordered, (i) =>
        i.view.mentions.find(
          (x) =>
            x.via !== "pronoun" &&
            (x.actor.kind === "government_body" || x.actor.kind === "state") &&
            x.actor.country,
        ),
      )
    : undefined;
  // "launched at the territory of Israel": an act on a state's territory is placed in that state.
  const territory =
    target && /\b(?:territor(?:y|ies)|soil)\b/i.test(target.name) ? countryOf(target, stateName) : null;
  const location =
    (territory && place?.country !== territory.country ? territory : null) ??
    place ??
    main.location ??
    absorbedPlace ??
    countryOf(target, stateName) ??
    (forces?.actor.country
      ? { name: stateName(forces.actor.country) ?? forces.actor.country, country: forces.actor.country }
      : null);
  // A lead that names only the state leaves the dateline's city, when it is in that state, as the
  // most precise place the report gives ("BAGHDAD — ... an attack on Iraq's prime minister").
  const stateLevel = location?.country && location.name === (stateName(location.country) ?? location.country);
  const filedIn = stateLevel
    ? input.places.find(
        (p) =>
          p.country === location!.country &&
          lead.some(
            (v) => p.sentence === v.index && p.start - v.start < (DATELINE.exec(v.text)?.[0].length ?? 0),
          ),
      )
    : undefined;
  const precise = filedIn ? { name: filedIn.name, country: filedIn.country } : location;
  main.location = precise ? { ...precise, country: regionState(precise.country, cues) } : null;
  const mode = chosen.cue.pattern.mode ?? ploverOf(input.patterns, chosen.cue.pattern.cameo).mode ?? "";
  main.target_actor =
    target ??
    // A coup strikes the government of its state; an explosion or shelling the place it hits.
    (coup && main.location?.country
      ? {
          name: `government of ${stateName(main.location.country) ?? main.location.name}`,
          kind: "government_body",
          country: main.location.country,
        }
      : null) ??
    (place && cues.placeTargetModes.has(mode)
      ? { name: place.name, kind: "other", country: place.country }
      : null);
  // The act's own day: a day the sentence gives its reaction to the act, before the act's cue
  // ("leaders expressed concern Sunday over an assassination attempt"), does not date the act.
  const actDays = new Map<SentenceView, string>();
  let reactionDated = false;
  for (const i of ordered) {
    if (actDays.has(i.view)) continue;
    // '"The bombing was a crime," the governor said on Tuesday': a day beside a quotation dates
    // the speaking.
    if (insideQuote(findQuotes(input.text, i.view.start, i.view.end), i.view.start + i.cue.start)) continue;
    const before = i.view.text.slice(0, i.cue.start);
    const own = /day\s/i.test(before)
      ? before.replace(cues.reactionDay, (d) => " ".repeat(d.length))
      : before;
    reactionDated ||= own !== before;
    actDays.set(i.view, own + i.view.text.slice(i.cue.start));
  }
  // The events stage dated the act from the whole sentence, the reaction's day included.
  const ownDay = first([...actDays.values()], (text) =>
    dayInSentence(text, input.reference, input.reference.dayFirst),
  );
  main.date = ownDay ?? (reactionDated ? null : main.date) ?? null;
  // With no day of its own in the lead, the act is no later than what followed it: that day is
  // nearer the truth than the report's own (which the caller would give it).
  if (!ownDay) {
    const bound = dayBound(input);
    const latest = main.date ?? input.reference.date;
    if (bound && (!latest || bound < latest)) main.date = bound;
  }
  main.attempted ||= Boolean(chosen.cue.pattern.attempted) || ATTEMPT.test(firstView.text);
  // The events keep their order (a made main event comes last): ids stay stable.
  return {
    events: detected
      .filter((e) => e === main || rest.includes(e))
      .concat(detected.includes(main) ? [] : [main]),
    main,
    reactionDated,
  };
}

/** "after the explosion", "following Saturday's bombing": an action that came after an act of
 * force (CAMEO 18-20), named by one of its event nouns. Compiled once per pattern list. */
const afterActCache = new WeakMap<readonly EventPattern[], RegExp>();
function afterActPattern(events: readonly EventPattern[]): RegExp {
  let pattern = afterActCache.get(events);
  if (!pattern) {
    const nouns = [
      ...new Set(
        events
          .filter((e) => Number(e.cameo.slice(0, 2)) >= 18)
          .flatMap((e) => e.nouns.filter((n) => !n.includes("*"))),
      ),
    ]
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"))
      .sort((a, b) => b.length - a.length);
    pattern = new RegExp(
      `\\b(?:after|following|since|in the wake of)\\s+(?:the|this|that|these|those|\\p{Lu}\\p{Ll}+day['’]s)\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${nouns.join("|") || "(?!)"})\\b`,
      "iu",
    );
    afterActCache.set(events, pattern);
  }
  return pattern;
}

/** The earliest day the report gives something done after the act ("Putin signed a decree late on
 * Saturday ... after the explosion"): the act took place that day at the latest. */
function dayBound(input: EventInput): string | null {
  const after = afterActPattern(input.patterns.events);
  let bound: string | null = null;
  for (const view of input.views) {
    if (view.modality.hypothetical || !after.test(view.text)) continue;
    const day = dayInSentence(view.text, input.reference, input.reference.dayFirst);
    if (day && (!bound || day < bound)) bound = day;
  }
  return bound;
}

function first<T, R>(items: readonly T[], pick: (item: T) => R | null | undefined): R | undefined {
  for (const item of items) {
    const found = pick(item);
    if (found) return found;
  }
  return undefined;
}

/** Where a person or a state was struck, when the lead names no place: their own country. */
function countryOf(
  target: ActorRef | null | undefined,
  stateName: (iso3: string) => string | undefined,
): Location | null {
  return target?.country
    ? { name: stateName(target.country) ?? target.country, country: target.country }
    : null;
}

function regionState(country: string | null, cues: MainEventCues): string | null {
  return country ? (cues.regionOf[country] ?? country) : null;
}

/** With no act of force in the lead: the most often mentioned act of material conflict, else the first. */
function fallbackMain(events: readonly DetectedEvent[]): DetectedEvent | undefined {
  const conflict = events.filter((e) => Number(root(e.cameo)) >= 14);
  const pool = conflict.length ? conflict : events;
  return [...pool].sort(
    (a, b) => b.mentions - a.mentions || Number(a.id.slice(2)) - Number(b.id.slice(2)),
  )[0];
}
