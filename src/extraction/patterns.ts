// The extraction engine's data files (data/patterns/, data/codebook/): stance cues, attribution
// cues, event patterns and the CAMEO codebook, validated on load. Analysts extend these files.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { STANCES, type Stance } from "../domain/index.js";
import { DATA_DIR, validate } from "../knowledge/index.js";
import { loadMainEventCues, type MainEventCues } from "./main-event.js";
import { loadModalityCues, type ModalityCues } from "./modality.js";

const stancesFile = z.object({
  stances: z.array(
    z.object({
      stance: z.enum(STANCES),
      weight: z.number().min(0).max(1),
      subsumedBy: z.array(z.enum(STANCES)).optional(),
      cues: z.array(z.string().min(1)),
    }),
  ),
  relationalNouns: z.array(z.string().min(1)).default([]),
  collectiveNouns: z.array(z.string().min(1)).default([]),
});

const cues = z.array(z.string().min(1));
const attributionsFile = z.object({
  before: cues,
  passive: cues.default([]),
  after: cues,
  selfClaim: cues,
  selfClaimPassive: cues.default([]),
  actNouns: cues.default([]),
  victimNouns: cues.default([]),
  groupActs: cues.default([]),
  instigatedBy: cues.default([]),
  reportingVerbs: cues.default([]),
  partyNouns: cues.default([]),
  instrumentNouns: cues.default([]),
  negation: cues.default([]),
  hypothesis: cues.default([]),
  actWords: cues.default([]),
  siteNouns: cues.default([]),
  notModifiers: cues.default([]),
  justifiedAct: cues.default([]),
  characterisedAsResponse: cues.default([]),
  evidence: cues,
  evidenceNouns: cues,
});

/** Attribution cues, compiled. Global expressions are scanned with exec; the rest are tests. */
export interface AttributionPatterns {
  before: RegExp;
  passive: RegExp;
  after: RegExp;
  selfClaim: RegExp;
  selfClaimPassive: RegExp;
  /** An act defended as the speaker's own: "was carried out in self-defence". */
  justifiedAct: RegExp;
  /** The speaker's own act named as a response: "called it a crushing response". */
  characterisedAsResponse: RegExp;
  /** "[modifier] [act noun]" at the start of the text after an actor: "'s dramatic retaliation". */
  actAfterModifier: RegExp;
  victimAfterModifier: RegExp;
  groupActAfterModifier: RegExp;
  instigatedBy: RegExp;
  /** The last reporting verb of a stretch of text. */
  reportingVerb: RegExp;
  /** A phrase ending in a noun for a party: "a mysterious rebel group", "Western intelligence services". */
  partyHead: RegExp;
  instrumentHead: RegExp;
  negation: RegExp;
  hypothesis: RegExp;
  /** Word stems of acts one can be accused of: "accused X of orchestrating", not "of corruption". */
  actWords: RegExp;
  /** A target noun among an act's modifiers: "mosque attacks" name the place, not the doer. */
  siteModifier: RegExp;
  evidence: RegExp;
  evidenceNouns: RegExp;
}

const eventPattern = z.object({
  id: z.string(),
  cameo: z.string().regex(/^\d{2,4}$/),
  attempted: z.boolean().optional(),
  phrases: z.array(z.string().min(1)),
  nouns: z.array(z.string()).default([]),
  mode: z.string().nullish(),
  note: z.string().optional(),
});

const cameoEntry = z.object({
  code: z.string().regex(/^\d{2,4}$/),
  name: z.string(),
  goldstein: z.number(),
  quad: z.string().optional(),
  plover: z.string(),
  mode: z.string().nullish(),
  context: z.string().nullish(),
});

export type StanceRule = { stance: Stance; weight: number; subsumedBy: Stance[]; pattern: RegExp };
export type EventPattern = z.infer<typeof eventPattern> & {
  regexes: RegExp[];
};
export type CameoEntry = z.infer<typeof cameoEntry>;

export interface Relational {
  /** Tested on the text after the actor's mention. */
  after: RegExp;
  /** Tested on the text before it. */
  before: RegExp;
  /** A sentence opening with an unnamed collective ("World leaders", "Close allies of X"). */
  opening: RegExp;
}

export interface Patterns {
  stances: StanceRule[];
  /** Nouns naming others by their relation to an actor ("Trump supporters", "allies of Lebanon"):
   * such a phrase is an unnamed collective, not the actor (patterns/stances.json). */
  relational: Relational;
  attribution: AttributionPatterns;
  events: EventPattern[];
  cameo: Map<string, CameoEntry>;
  /** Cues of forecast, hypothesis, condition and scenario sections (patterns/modality.json). */
  modality: ModalityCues;
  /** What makes an act the report's main event and how its target reads (patterns/main-event.json). */
  mainEvent: MainEventCues;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

const alternation = (cues: string[]) => new RegExp(`\\b(?:${cues.join("|")})\\b`, "i");

/** A phrase of lowercase words, with * for up to three words, as a regular expression. */
export function phraseRegex(phrase: string): RegExp {
  const words = phrase.trim().split(/\s+/);
  let source = "";
  words.forEach((word, i) => {
    if (word === "*") source += "(?:\\S+\\s+){0,3}?";
    else source += word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + (i < words.length - 1 ? "\\s+" : "");
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, "iu");
}

function compileAttribution(a: z.infer<typeof attributionsFile>): AttributionPatterns {
  const scan = (list: string[]) => new RegExp(`\\b(?:${list.join("|")})\\b`, "gi");
  const join = (list: string[]) => list.join("|");
  // Between an actor and its act: a possessive, then up to three modifiers ("US drone strike",
  // "Houthi rebel attack", "Iran's dramatic retaliation"), none of them a function word.
  // Not a determiner, preposition, auxiliary, adverb (-ly), past (-ed) or present (-s) verb:
  // "Israel strongly condemns this attack" names no perpetrator.
  const modifiers =
    "(?:['’]s)?(?:\\s+(?!(?:and|or|but|the|a|an|this|that|these|those|its|his|her|their|our|any|every|all|some|no|of|to|in|on|at|for|with|by|from|which|who|is|was|were|are|has|had|have|said|says|will|would|could|may|might|must|should" +
    (a.notModifiers.length ? `|${a.notModifiers.join("|")}` : "") +
    ")\\b)(?![\\p{L}-]*(?:ly|ed|[^s\\s]s)\\b)[\\p{L}-]+){0,2}?\\s+";
  const actAfter = (list: string[], tail = "") =>
    new RegExp(`^${modifiers}(?:${join(list)})\\b${tail}`, "iu");
  return {
    before: scan(a.before),
    passive: scan(a.passive),
    after: scan(a.after),
    selfClaim: scan(a.selfClaim),
    selfClaimPassive: scan(a.selfClaimPassive),
    justifiedAct: scan(a.justifiedAct),
    characterisedAsResponse: scan(a.characterisedAsResponse),
    actAfterModifier: actAfter(a.actNouns),
    victimAfterModifier: actAfter(a.victimNouns, "(?=\\s+of\\b)"),
    groupActAfterModifier: actAfter(a.groupActs),
    instigatedBy: new RegExp(`^-(?:${join(a.instigatedBy)})\\b`, "i"),
    reportingVerb: new RegExp(`\\b(?:${join(a.reportingVerbs)})\\b(?:\\s+that\\b)?`, "gi"),
    partyHead: new RegExp(`\\b(?:${join(a.partyNouns)})$`, "i"),
    instrumentHead: new RegExp(`\\b(?:${join(a.instrumentNouns)})$`, "i"),
    negation: new RegExp(`(?:\\b(?:${join(a.negation.filter((n) => /^\w/.test(n)))})\\b|n['’]t\\b)`, "i"),
    hypothesis: new RegExp(`\\b(?:${join(a.hypothesis)})\\b`, "i"),
    actWords: new RegExp(`\\b(?:${join(a.actWords)})`, "i"),
    siteModifier: new RegExp(
      `^(?:['’]s)?(?:\\s+[\\p{L}-]+){0,2}?\\s+(?:${join(a.siteNouns)})\\s+(?:${join(a.actNouns)})\\b`,
      "iu",
    ),
    evidence: new RegExp(`\\b(?:${join(a.evidence)})\\b`, "i"),
    evidenceNouns: alternation(a.evidenceNouns),
  };
}

/** "Trump supporters", "Trump's supporters", "US allies": the relational noun follows the actor;
 * "allies and adversaries of Lebanon": it comes before "of". */
function relationalPattern(nouns: readonly string[], collectives: readonly string[]): Relational {
  const list = nouns.length ? nouns.join("|") : "(?!)";
  const all = [...nouns, ...collectives].join("|") || "(?!)";
  return {
    opening: new RegExp(
      `^\\W{0,3}(?:(?:the|some|many|several|other|close)\\s+)?(?:[\\p{L}-]+\\s+){0,2}?(?:${all})\\b(?!['’])`,
      "iu",
    ),
    after: new RegExp(`^(?:['’]s?)?\\s+(?:\\p{Ll}+\\s+)?(?:${list})\\b`, "u"),
    before: new RegExp(`\\b(?:${list})\\s+(?:of|for)\\s+(?:the\\s+)?$`, "iu"),
  };
}

export function loadPatterns(dataDir: string = DATA_DIR): Patterns {
  const dir = join(dataDir, "patterns");
  const stances = validate(stancesFile, readJson(join(dir, "stances.json")), "patterns/stances.json");
  const attribution = validate(
    attributionsFile,
    readJson(join(dir, "attributions.json")),
    "patterns/attributions.json",
  );
  const eventsPath = join(dir, "events.json");
  const events = existsSync(eventsPath)
    ? validate(z.array(eventPattern), readJson(eventsPath), "patterns/events.json")
    : [];
  const cameoPath = join(dataDir, "codebook", "cameo.json");
  const cameo = existsSync(cameoPath)
    ? validate(z.array(cameoEntry), readJson(cameoPath), "codebook/cameo.json")
    : [];
  return {
    stances: stances.stances.map((s) => ({
      stance: s.stance,
      weight: s.weight,
      subsumedBy: s.subsumedBy ?? [],
      pattern: new RegExp(`\\b(?:${s.cues.join("|")})\\b`, "gi"),
    })),
    relational: relationalPattern(stances.relationalNouns, stances.collectiveNouns),
    attribution: compileAttribution(attribution),
    events: events.map((e) => ({
      ...e,
      regexes: e.phrases.map(phraseRegex),
    })),
    cameo: new Map(cameo.map((c) => [c.code, c])),
    modality: loadModalityCues(dataDir),
    mainEvent: loadMainEventCues(dataDir),
  };
}
