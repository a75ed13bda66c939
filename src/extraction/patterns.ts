// The extraction engine's data files (data/patterns/, data/codebook/): stance cues, attribution
// cues, event patterns and the CAMEO codebook, validated on load. Analysts extend these files.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { STANCES, type Stance } from "../domain/index.js";
import { DATA_DIR, validate } from "../knowledge/index.js";
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
});

const attributionsFile = z.object({
  before: z.array(z.string()),
  after: z.array(z.string()),
  selfClaim: z.array(z.string()),
  evidence: z.array(z.string()),
  evidenceNouns: z.array(z.string()),
});

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

export interface Patterns {
  stances: StanceRule[];
  attribution: { before: RegExp; after: RegExp; selfClaim: RegExp; evidence: RegExp; evidenceNouns: RegExp };
  events: EventPattern[];
  cameo: Map<string, CameoEntry>;
  /** Cues of forecast, hypothesis, condition and scenario sections (patterns/modality.json). */
  modality: ModalityCues;
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
    attribution: {
      before: new RegExp(`\\b(?:${attribution.before.join("|")})\\b`, "gi"),
      after: new RegExp(`\\b(?:${attribution.after.join("|")})\\b`, "gi"),
      selfClaim: alternation(attribution.selfClaim),
      evidence: new RegExp(`\\b(?:${attribution.evidence.join("|")})\\b`, "i"),
      evidenceNouns: alternation(attribution.evidenceNouns),
    },
    events: events.map((e) => ({
      ...e,
      regexes: e.phrases.map(phraseRegex),
    })),
    cameo: new Map(cameo.map((c) => [c.code, c])),
    modality: loadModalityCues(dataDir),
  };
}
