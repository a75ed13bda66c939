// Modality: whether a sentence reports something that happened or something that has not (or not
// surely) happened: a forecast ("will press for"), a hypothesis ("an attack ordered by X is
// unlikely", "may have been"), a condition ("if X ..., Y would ..."), a question, or any sentence of
// a scenario / outlook / "what next" section. Such sentences are kept out of the record (events,
// reactions, blame). A modal clause embedded in a fact ("Iran warned it would retaliate", "killed 12
// in an attack that will strain ties") leaves the sentence a fact and marks where the clause starts.
// The cue lists are data: data/patterns/modality.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Document } from "../domain/index.js";
import { DATA_DIR, validate } from "../knowledge/index.js";
import { findQuotes, insideQuote } from "./speech.js";

/** Why a sentence or clause is modal. `intent` (a reported "will" or "would": "Iran said it would
 * investigate") and `schedule` (the narrator's "will" with a fixed time: "will visit Baghdad next
 * week") are statements of intent or plan, and leave the sentence a fact. */
export type ModalityReason =
  | "scenario_section"
  | "conditional"
  | "forecast"
  | "hypothesis"
  | "question"
  | "intent"
  | "schedule";

export interface Modality {
  /** The sentence's own assertion is not a reported fact. */
  hypothetical: boolean;
  reason: ModalityReason | null;
  /** Offset within the sentence where the modal clause starts: 0 when it governs the whole
   * sentence, later when a fact embeds it ("X said it would ..."); null when there is none. */
  clauseStart: number | null;
}

const FACT: Modality = { hypothetical: false, reason: null, clauseStart: null };

const modalityFile = z.object({
  note: z.string().optional(),
  scenarioHeadings: z.array(z.string().min(1)),
  forecast: z.array(z.string().min(1)),
  hypothesis: z.array(z.string().min(1)),
  conditional: z.array(z.string().min(1)),
  notModal: z.array(z.string().min(1)),
  willNouns: z.array(z.string().min(1)),
  reporting: z.array(z.string().min(1)),
  pastForms: z.array(z.string().min(1)),
  objectStarts: z.array(z.string().min(1)),
  intentModals: z.array(z.string().min(1)),
  scheduleTimes: z.array(z.string().min(1)),
});

/** Phrases indexed by their first word, for a scan in one pass over a sentence's tokens. */
type PhraseTable = Map<string, string[][]>;

export interface ModalityCues {
  scenarioHeadings: PhraseTable;
  forecast: PhraseTable;
  hypothesis: PhraseTable;
  conditional: PhraseTable;
  notModal: PhraseTable;
  reporting: PhraseTable;
  intentModals: PhraseTable;
  scheduleTimes: PhraseTable;
  willNouns: Set<string>;
  pastForms: Set<string>;
  objectStarts: Set<string>;
}

function table(phrases: readonly string[]): PhraseTable {
  const out: PhraseTable = new Map();
  for (const p of phrases) {
    const words = p.toLowerCase().replace(/’/g, "'").split(/\s+/);
    const list = out.get(words[0]!) ?? [];
    list.push(words);
    out.set(words[0]!, list);
  }
  // Longer phrases first: "is likely to" before "is likely".
  for (const list of out.values()) list.sort((a, b) => b.length - a.length);
  return out;
}

export function loadModalityCues(dataDir: string = DATA_DIR): ModalityCues {
  const path = join(dataDir, "patterns", "modality.json");
  const file = validate(modalityFile, JSON.parse(readFileSync(path, "utf8")), "patterns/modality.json");
  return {
    scenarioHeadings: table(file.scenarioHeadings),
    forecast: table(file.forecast),
    hypothesis: table(file.hypothesis),
    conditional: table(file.conditional),
    notModal: table(file.notModal),
    reporting: table(file.reporting),
    intentModals: table(file.intentModals),
    scheduleTimes: table(file.scheduleTimes),
    willNouns: new Set(file.willNouns),
    pastForms: new Set(file.pastForms),
    objectStarts: new Set(file.objectStarts),
  };
}

let defaultCues: ModalityCues | undefined;
function cuesOrDefault(cues?: ModalityCues): ModalityCues {
  if (cues) return cues;
  defaultCues ??= loadModalityCues();
  return defaultCues;
}

interface Token {
  lower: string;
  raw: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** Tokens with whether each stands inside quotation marks: by the document's quotation spans when
 * given (a quote may open in an earlier sentence), else by the marks within the sentence. */
function tokenize(text: string, quotedAt?: (offset: number) => boolean): Token[] {
  const tokens: Token[] = [];
  let quoted = false;
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*|["“”,;:—–()]/gu)) {
    const t = m[0];
    if (t === "“") quoted = true;
    else if (t === "”") quoted = false;
    else if (t === '"') quoted = !quoted;
    if (/^["“”]$/.test(t)) continue;
    tokens.push({
      lower: t.toLowerCase().replace(/’/g, "'"),
      raw: t,
      start: m.index,
      end: m.index + t.length,
      quoted: quotedAt ? quotedAt(m.index) : quoted,
    });
  }
  return tokens;
}

/** The length in tokens of the phrase of `phrases` that starts at token i, or 0. */
function phraseAt(tokens: readonly Token[], i: number, phrases: PhraseTable): number {
  const first = tokens[i]!.lower;
  const candidates = phrases.get(first) ?? (first.endsWith("'ll") ? phrases.get("'ll") : undefined);
  if (!candidates) return 0;
  if (first.endsWith("'ll") && !phrases.has(first)) return 1;
  for (const words of candidates) {
    if (words.every((w, k) => tokens[i + k]?.lower === w)) return words.length;
  }
  return 0;
}

const DETERMINERS = new Set(["the", "a", "an", "this", "that", "his", "her", "its", "their", "our"]);
const RELATIVES = new Set(["which", "who", "that", "whom", "whose", "where"]);
const COPULAS = new Set(["is", "are", "was", "were", "be", "been", "being"]);

/** A modal cue at token i that is really a modal, not "the will of", "in May", "the might of". */
function isModalAt(tokens: readonly Token[], i: number, cues: ModalityCues): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1]?.lower;
  if (t.lower === "will" && prev !== undefined && cues.willNouns.has(prev)) return false;
  if (t.lower === "might" && prev !== undefined && DETERMINERS.has(prev)) return false;
  if (t.lower === "may" && t.raw === "May") return false;
  if (phraseAt(tokens, i, cues.notModal)) return false;
  return true;
}

/** A finite verb of the past or of reporting: "killed the", "said", "was", "warned that". */
function isEmbeddingVerb(tokens: readonly Token[], i: number, cues: ModalityCues): boolean {
  const t = tokens[i]!;
  if (phraseAt(tokens, i, cues.reporting)) return true;
  if (cues.pastForms.has(t.lower)) return !DETERMINERS.has(tokens[i - 1]?.lower ?? "");
  if (t.lower.length > 4 && t.lower.endsWith("ed") && t.raw === t.lower) {
    const prev = tokens[i - 1]?.lower ?? "";
    const next = tokens[i + 1]?.lower ?? "";
    if (DETERMINERS.has(prev) || COPULAS.has(prev)) return false;
    return cues.objectStarts.has(next) || /^\d/.test(next);
  }
  return false;
}

/** The modality of one sentence, from its words alone (no section context). */
export function sentenceModality(
  text: string,
  cues?: ModalityCues,
  /** Whether an offset of the sentence stands inside a quotation (default: marks in the sentence). */
  quotedAt?: (offset: number) => boolean,
): Modality {
  const c = cuesOrDefault(cues);
  const trimmed = text.trimEnd();
  // A question the narrator asks; a quoted question is the speaker's.
  if (trimmed.endsWith("?") && !quotedAt?.(trimmed.length - 1)) {
    return { hypothetical: true, reason: "question", clauseStart: 0 };
  }
  const tokens = tokenize(text, quotedAt);
  // A leading condition ("If Iran attacks, ..."; "Should the talks fail, ...") runs to its comma;
  // its verbs are not the sentence's.
  let conditionEnd = -1;
  let conditional = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.quoted) continue;
    const n = phraseAt(tokens, i, c.conditional);
    const prev = tokens[i - 1]?.lower;
    if (n && prev !== "as" && tokens[i + 1]?.lower !== "any" && prev !== "asked" && prev !== "wondered") {
      conditional = true;
      if (i === 0 || prev === "," || prev === "but" || prev === "and") {
        const comma = tokens.findIndex((x, k) => k > i && x.lower === ",");
        conditionEnd = comma;
      }
    }
  }
  if (tokens[0]?.lower === "should" || (tokens[0]?.lower === "were" && /\bto\b/i.test(text))) {
    conditional = true;
    conditionEnd = tokens.findIndex((x) => x.lower === ",");
  }
  let modal = -1;
  let hypothesis = false;
  for (let i = 0; i < tokens.length && modal < 0; i++) {
    if (tokens[i]!.quoted || (i > 0 && i <= conditionEnd)) continue;
    if (phraseAt(tokens, i, c.hypothesis) && isModalAt(tokens, i, c)) {
      modal = i;
      hypothesis = true;
    } else if (phraseAt(tokens, i, c.forecast) && isModalAt(tokens, i, c)) modal = i;
  }
  if (modal < 0) return FACT;
  const intent = !conditional && !hypothesis && phraseAt(tokens, modal, c.intentModals) > 0;
  const reason: ModalityReason = conditional ? "conditional" : hypothesis ? "hypothesis" : "forecast";
  // The narrator's "will" with a fixed time is a plan reported, not a forecast.
  if (intent && tokens.some((_, i) => i > modal && phraseAt(tokens, i, c.scheduleTimes) > 0)) {
    return { hypothetical: false, reason: "schedule", clauseStart: null };
  }
  const clauseStart = conditionEnd >= 0 ? 0 : tokens[modal]!.start;
  // A relative clause ("..., which is likely to harm ...") is an aside of the sentence, not its claim.
  const before = tokens[modal - 1]?.lower;
  const relative = RELATIVES.has(before ?? "")
    ? modal - 1
    : COPULAS.has(before ?? "") && RELATIVES.has(tokens[modal - 2]?.lower ?? "")
      ? modal - 2
      : -1;
  if (relative > 0) return { hypothetical: false, reason, clauseStart: tokens[relative]!.start };
  // A fact before the modal embeds it: a statement ("warned that ... would"), a past act
  // ("killed 12 in an attack that will ..."). So does a reporting tail: "..., officials said."
  // The clause starts after the latest reporting verb when nothing breaks it on the way to the
  // modal ("said an attack could follow"), else at the modal ("said it was over and would ...").
  for (let i = modal - 1; i >= 0; i--) {
    if (tokens[i]!.quoted || (i <= conditionEnd && conditionEnd >= 0)) continue;
    if (!isEmbeddingVerb(tokens, i, c)) continue;
    const n = phraseAt(tokens, i, c.reporting);
    const between = tokens.slice(i + n, modal);
    const whole = n > 0 && !between.some((t) => /^[,;:—–(]$|^and$|^but$/.test(t.lower));
    // A reported "will" or "would" is the speaker's intent or threat, itself an event.
    if (n > 0 && intent) return { hypothetical: false, reason: "intent", clauseStart: null };
    const from = whole ? tokens[i + n - 1]!.end : tokens[modal]!.start;
    return { hypothetical: false, reason, clauseStart: from };
  }
  const lastComma = tokens.map((t) => t.lower).lastIndexOf(",");
  if (lastComma > modal) {
    for (let i = lastComma + 1; i < tokens.length; i++) {
      if (!tokens[i]!.quoted && phraseAt(tokens, i, c.reporting)) {
        if (intent) return { hypothetical: false, reason: "intent", clauseStart: null };
        return { hypothetical: false, reason, clauseStart: tokens[modal]!.start };
      }
    }
  }
  return { hypothetical: true, reason, clauseStart };
}

/** Whether a heading opens a scenario, outlook or "what next" section. */
export function isScenarioHeading(text: string, cues?: ModalityCues): boolean {
  const c = cuesOrDefault(cues);
  const tokens = tokenize(text);
  return tokens.some((_, i) => phraseAt(tokens, i, c.scenarioHeadings) > 0);
}

/**
 * The modality of every sentence of a document, by sentence index. A scenario / outlook heading
 * makes its whole section hypothetical, up to the next heading of the same or a higher level that
 * does not itself name a scenario ("Scenario 2: escalation" continues the section).
 */
export function documentModality(document: Document, cues?: ModalityCues): Modality[] {
  const c = cuesOrDefault(cues);
  const scenarioBlocks = new Set<number>();
  let scope: number | null = null;
  document.blocks.forEach((block, i) => {
    if (block.kind === "heading") {
      const text = document.text.slice(block.span[0], block.span[1]);
      if (isScenarioHeading(text, c)) {
        if (scope === null || block.level <= scope) scope = block.level;
        scenarioBlocks.add(i);
        return;
      }
      if (scope !== null && block.level <= scope) scope = null;
    }
    if (scope !== null) scenarioBlocks.add(i);
  });
  const quotes = document.blocks.flatMap((b) =>
    b.kind === "paragraph" ? findQuotes(document.text, b.span[0], b.span[1]) : [],
  );
  return document.sentences.map((s) => {
    if (scenarioBlocks.has(s.block))
      return { hypothetical: true, reason: "scenario_section", clauseStart: 0 };
    const inSentence = quotes.filter((q) => q.start < s.span[1] && s.span[0] < q.end);
    const quotedAt = (offset: number) => insideQuote(inSentence, s.span[0] + offset) !== undefined;
    return sentenceModality(s.text, c, quotedAt);
  });
}
