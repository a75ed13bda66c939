// A shallow parse of one sentence for dictionary coding, standing in for the Treebank parse PETRARCH
// reads: each token gets a class (name, determiner, preposition, verb ...), dictionary verbs are told
// from nouns by their left context ("an attack" is a noun, "to attack" a verb), and the remaining
// words form noun groups, which join into units: compounds ("Mordor, Rohan and Bree") and agents
// attached to the actors they belong to ("the ambassadors of Arnor", "soldiers from Gondor").
import type { FormClass, Lexicon, NamedThing, VerbForm } from "./lexicon.js";
import { type CoderToken, tokenizeSentence } from "./tokens.js";

export type TokenClass =
  | "name"
  | "det"
  | "pron"
  | "prep"
  | "sub"
  | "cc"
  | "aux"
  | "adv"
  | "punct"
  | "possessive"
  | "word"
  | "verb"
  | "verbal"
  | "ignored";

/** An actor or agent phrase found in the sentence; token indices, end exclusive. */
export interface NameMention {
  start: number;
  end: number;
  thing: NamedThing;
}

export interface VerbOccurrence {
  start: number;
  end: number;
  /** Every dictionary verb with this form (a form may belong to more than one group). */
  forms: VerbForm[];
  formClass: FormClass;
}

/** One member of a unit: a noun group, or groups joined by "of/in/from" to the actors they belong to. */
export interface Conjunct {
  start: number;
  end: number;
  mentions: NameMention[];
  /** "the ambassadors of [Arnor, Osgiliath and Gondor]": the unit the agents here belong to. */
  link?: Unit;
}

export interface Unit {
  start: number;
  end: number;
  conjuncts: Conjunct[];
  /** False for a unit inside another's link. */
  topLevel: boolean;
  /** The object of a preposition ("with Gondor"), which cannot be a clause's subject. */
  prepositional: boolean;
}

export interface SentenceAnalysis {
  text: string;
  tokens: CoderToken[];
  /** `tokens[i].norm`, kept apart because pattern matching reads little else. */
  norms: string[];
  classes: TokenClass[];
  verbs: VerbOccurrence[];
  /** Units that are not inside another, in order. */
  units: Unit[];
  /** Every unit, nested ones included, in order of start (outer before inner). */
  allUnits: Unit[];
}

const DETERMINERS = new Set(
  "a an the this these those its their his her our my your some any all every each another such no".split(
    " ",
  ),
);
const PRONOUNS = new Set("it he she they we i you him them me itself himself herself themselves".split(" "));
const PREPOSITIONS = new Set(
  (
    "of in on at by with for from to into onto against between among amid amongst over under about " +
    "during toward towards near without within through throughout across along around behind beyond " +
    "despite like upon via per than off out up down after before since until"
  ).split(" "),
);
/** Words that open a clause: a subject is not looked for across them. */
const SUBORDINATORS = new Set(
  (
    "that which who whom whose where when while whereas because although though if unless whether " +
    "after before until since as but"
  ).split(" "),
);
const CONJUNCTIONS = new Set(["and", "or", "nor"]);
const AUXILIARIES = new Set(
  (
    "is are was were be been being am has have had having do does did will would shall should can " +
    "could may might must wo ca nt not"
  ).split(" "),
);
export const BE_FORMS = new Set("is are was were be been being am".split(" "));
const ADVERBS = new Set(
  (
    "never ever even now again also still already just only soon then today yesterday tomorrow tonight " +
    "later earlier very most more really almost late here there too yet once further nearly"
  ).split(" "),
);
const NOT_ADVERBS = new Set(
  "supply family assembly anomaly monopoly italy rally reply apply ally july fly belly".split(" "),
);
/** Prepositions that attach an agent to the actor it belongs to. */
const LINKS = new Set(["of", "in", "from"]);

export function analyseSentence(text: string, lexicon: Lexicon): SentenceAnalysis {
  const tokens = tokenizeSentence(text);
  const norms = tokens.map((token) => token.norm);
  const classes: TokenClass[] = new Array(tokens.length).fill("word");

  // AliasIndex.scan treats every period between two tokens as a sentence break, even inside "K.U.";
  // the same text with abbreviation periods masked (offsets unchanged) keeps those names whole.
  const masked = text.replace(/\.(?=[\p{L}\p{N}])/gu, "\u00b7");
  const mentions = lexicon.names.scan(masked, tokens).map<NameMention>((match) => ({
    start: match.tokens[0],
    end: match.tokens[1],
    thing: match.values[0]!,
  }));
  const mentionAt = new Map<number, NameMention>();
  for (const mention of mentions) {
    for (let i = mention.start; i < mention.end; i++) mentionAt.set(i, mention);
  }
  markParentheses(norms, classes);

  const verbs: VerbOccurrence[] = [];
  const previous = (i: number): number => {
    let j = i - 1;
    while (j >= 0 && (classes[j] === "adv" || classes[j] === "ignored")) j--;
    return j;
  };
  let groupHasDeterminer = false;
  for (let i = 0; i < tokens.length; i++) {
    if (classes[i] === "ignored") continue;
    const token = tokens[i]!;
    if (mentionAt.has(i)) {
      classes[i] = "name";
    } else if (token.kind !== "word") {
      classes[i] = token.kind === "possessive" ? "possessive" : "punct";
    } else {
      const form = verbAt(i, norms, lexicon, mentionAt);
      if (form && isVerbHere(previous(i), form.formClass, norms, classes, groupHasDeterminer)) {
        for (let j = i; j < i + form.length; j++) classes[j] = "verb";
        verbs.push({ start: i, end: i + form.length, forms: form.forms, formClass: form.formClass });
        i += form.length - 1;
        groupHasDeterminer = false;
        continue;
      }
      classes[i] = lexicalClass(token.norm, text.slice(token.start, token.end));
      if (classes[i] === "word") classes[i] = wordOrVerbal(token.norm, previous(i), norms, classes);
    }
    const cls = classes[i]!;
    if (cls === "det") groupHasDeterminer = true;
    else if (cls !== "word" && cls !== "name" && cls !== "possessive") groupHasDeterminer = false;
  }

  const units = buildUnits(groupsOf(classes, mentions), norms, classes);
  const allUnits: Unit[] = [];
  const collect = (unit: Unit) => {
    allUnits.push(unit);
    for (const conjunct of unit.conjuncts) if (conjunct.link) collect(conjunct.link);
  };
  for (const unit of units) {
    const before = previous(unit.start);
    unit.prepositional = before >= 0 && classes[before] === "prep";
    collect(unit);
  }
  return { text, tokens, norms, classes, verbs, units, allUnits };
}

/** Tokens inside (...) are an aside, invisible to phrase structure: "the European Union (EU) agree". */
function markParentheses(norms: string[], classes: TokenClass[]): void {
  for (let i = 0; i < norms.length; i++) {
    if (norms[i] !== "(") continue;
    const close = norms.indexOf(")", i + 1);
    if (close < 0) return;
    for (let j = i; j <= close; j++) classes[j] = "ignored";
    i = close;
  }
}

/** The longest dictionary verb form starting at token i that does not run into a name. */
function verbAt(
  i: number,
  norms: readonly string[],
  lexicon: Lexicon,
  mentionAt: ReadonlyMap<number, NameMention>,
): { length: number; forms: VerbForm[]; formClass: FormClass } | null {
  const candidates = lexicon.verbs.get(norms[i]!);
  if (!candidates) return null;
  for (const candidate of candidates) {
    const length = candidate.norms.length;
    let fits = i + length <= norms.length;
    for (let k = 0; fits && k < length; k++) {
      fits = norms[i + k] === candidate.norms[k] && !mentionAt.has(i + k);
    }
    if (!fits) continue;
    const forms = candidates.filter(
      (other) => other.norms.length === length && other.norms.every((norm, k) => norm === candidate.norms[k]),
    );
    return { length, forms: forms.map((form) => form), formClass: candidate.formClass };
  }
  return null;
}

/**
 * Whether a dictionary verb form is used as a verb, from the token before it (adverbs skipped):
 * after a name, pronoun, auxiliary or "to" it is a verb; after a determiner, possessive or
 * preposition a noun ("an attack", "his march", "for meetings"); after a plain word a plural or
 * -ing form is a compound noun's head ("artillery shells"), and so is a base form in a group that
 * opened with a determiner ("a brief private visit").
 */
function isVerbHere(
  before: number,
  formClass: FormClass,
  norms: readonly string[],
  classes: readonly TokenClass[],
  groupHasDeterminer: boolean,
): boolean {
  if (before < 0) return true;
  const cls = classes[before];
  if (norms[before] === "to" || AUXILIARIES.has(norms[before]!) || cls === "name" || cls === "pron")
    return true;
  if (cls === "det" || cls === "possessive" || cls === "prep") return false;
  if (cls === "verb") return formClass === "past" || formClass === "ing";
  if (cls === "word") {
    if (formClass === "s" || formClass === "ing") return false;
    if (formClass === "base" && groupHasDeterminer) return false;
  }
  return true;
}

function lexicalClass(norm: string, raw: string): TokenClass {
  if (DETERMINERS.has(norm)) return "det";
  if (PRONOUNS.has(norm) || raw === "us") return "pron";
  if (SUBORDINATORS.has(norm)) return "sub";
  if (PREPOSITIONS.has(norm)) return "prep";
  if (CONJUNCTIONS.has(norm)) return "cc";
  if (AUXILIARIES.has(norm)) return "aux";
  if (ADVERBS.has(norm) || (norm.length >= 6 && norm.endsWith("ly") && !NOT_ADVERBS.has(norm))) return "adv";
  return "word";
}

/**
 * A word that is not in the dictionaries but acts as a verb, so it ends a noun group: a word right
 * after an auxiliary or "to" ("was seen", "to supply"), or an -ed word right after a noun
 * ("crowds trashed").
 */
function wordOrVerbal(
  norm: string,
  before: number,
  norms: readonly string[],
  classes: readonly TokenClass[],
): TokenClass {
  if (before < 0) return "word";
  const cls = classes[before];
  if (AUXILIARIES.has(norms[before]!) || norms[before] === "to") return /^\d/.test(norm) ? "word" : "verbal";
  if (norm.length > 4 && norm.endsWith("ed") && (cls === "word" || cls === "name" || cls === "possessive")) {
    return "verbal";
  }
  return "word";
}

interface Group {
  start: number;
  end: number;
  mentions: NameMention[];
}

/** Runs of names, plain words and possessives; a determiner opens a new group, a pronoun is one. */
function groupsOf(classes: readonly TokenClass[], mentions: readonly NameMention[]): Group[] {
  const groups: Group[] = [];
  let open = false;
  const nextClass = (i: number) => {
    let j = i + 1;
    while (j < classes.length && (classes[j] === "adv" || classes[j] === "ignored")) j++;
    return classes[j];
  };
  for (let i = 0; i < classes.length; i++) {
    const cls = classes[i];
    const current = open ? groups.at(-1) : undefined;
    if (cls === "ignored") continue;
    if (cls === "adv" && current && classes[current.end - 1] !== "name") {
      // An adverb inside a noun phrase ("a clearly inebriated official") does not end it.
      const following = nextClass(i);
      if (following === "word" || following === "name") continue;
    }
    if (cls === "det" || cls === "pron") {
      groups.push({ start: i, end: i + 1, mentions: [] });
      open = cls === "det";
    } else if (cls === "name" || cls === "word" || cls === "possessive") {
      if (current) current.end = i + 1;
      else groups.push({ start: i, end: i + 1, mentions: [] });
      open = true;
    } else {
      open = false;
    }
  }
  for (const group of groups) {
    group.mentions = mentions.filter((mention) => mention.start >= group.start && mention.start < group.end);
  }
  return groups;
}

function hasActor(mentions: readonly NameMention[]): boolean {
  return mentions.some((mention) => mention.thing.kind === "actor");
}

function unitHasActor(unit: Unit): boolean {
  return unit.conjuncts.some(
    (conjunct) => hasActor(conjunct.mentions) || (conjunct.link && unitHasActor(conjunct.link)),
  );
}

/**
 * Joins noun groups into units. "X and Y", "X, Y and Z" and "X nor Y" are compounds; a comma list
 * with no closing "and" is an apposition ("Osgiliath, the state's fiercest foe,"), so it stops at
 * the first comma. A group with no actor takes the actors after "of", "in" or "from" ("soldiers
 * from Gondor"). After a possessive, "and" joins modifiers, not actors ("Ithilen's awful and evil
 * minister").
 */
function buildUnits(
  groups: readonly Group[],
  norms: readonly string[],
  classes: readonly TokenClass[],
): Unit[] {
  const next = (i: number) => {
    let j = i;
    while (j < classes.length && classes[j] === "ignored") j++;
    return j;
  };
  const separator = (from: number, to: number): string[] => {
    const between: string[] = [];
    for (let i = from; i < to; i++) if (classes[i] !== "ignored") between.push(norms[i]!);
    return between;
  };
  const isConjunction = (sep: readonly string[]) =>
    (sep.length === 1 && CONJUNCTIONS.has(sep[0]!)) ||
    (sep.length === 2 && sep[0] === "," && CONJUNCTIONS.has(sep[1]!));
  const isComma = (sep: readonly string[]) => sep.length === 1 && sep[0] === ",";
  const possessiveOpen = (conjunct: Conjunct) => {
    const last = conjunct.mentions.at(-1);
    if (!last) return false;
    for (let i = last.end; i < conjunct.end; i++) if (classes[i] === "possessive") return true;
    return false;
  };

  const parseConjunct = (gi: number): { conjunct: Conjunct; next: number } => {
    const group = groups[gi]!;
    const conjunct: Conjunct = { start: group.start, end: group.end, mentions: [...group.mentions] };
    let after = gi + 1;
    const link = next(group.end);
    const following = groups[after];
    if (
      !hasActor(conjunct.mentions) &&
      LINKS.has(norms[link] ?? "") &&
      following &&
      following.start === next(link + 1)
    ) {
      const inner = parseUnit(after);
      if (unitHasActor(inner.unit)) {
        inner.unit.topLevel = false;
        conjunct.link = inner.unit;
        conjunct.end = inner.unit.end;
        after = inner.next;
      }
    }
    return { conjunct, next: after };
  };

  const parseUnit = (gi: number): { unit: Unit; next: number } => {
    const first = parseConjunct(gi);
    const conjuncts = [first.conjunct];
    let after = first.next;
    while (after < groups.length) {
      const last = conjuncts.at(-1)!;
      const sep = separator(last.end, groups[after]!.start);
      if (isConjunction(sep)) {
        if (possessiveOpen(last) && sep.length === 1 && !last.link) {
          const group = groups[after]!;
          last.mentions.push(...group.mentions);
          last.end = group.end;
          after += 1;
          continue;
        }
        const parsed = parseConjunct(after);
        conjuncts.push(parsed.conjunct);
        after = parsed.next;
        continue;
      }
      if (!isComma(sep)) break;
      // A comma list is a compound only when it closes with "and"/"or".
      const tentative: Conjunct[] = [];
      let probe = after;
      let closed = false;
      while (probe < groups.length) {
        const parsed = parseConjunct(probe);
        tentative.push(parsed.conjunct);
        probe = parsed.next;
        if (probe >= groups.length) break;
        const more = separator(parsed.conjunct.end, groups[probe]!.start);
        if (isConjunction(more)) {
          const final = parseConjunct(probe);
          tentative.push(final.conjunct);
          probe = final.next;
          closed = true;
          break;
        }
        if (!isComma(more)) break;
      }
      if (!closed) break;
      conjuncts.push(...tentative);
      after = probe;
    }
    const unit: Unit = {
      start: conjuncts[0]!.start,
      end: conjuncts.at(-1)!.end,
      conjuncts,
      topLevel: true,
      prepositional: false,
    };
    return { unit, next: after };
  };

  const units: Unit[] = [];
  let gi = 0;
  while (gi < groups.length) {
    const parsed = parseUnit(gi);
    units.push(parsed.unit);
    gi = parsed.next;
  }
  return units;
}
