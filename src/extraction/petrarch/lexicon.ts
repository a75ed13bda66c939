// PETRARCH dictionaries (as read by the knowledge base's PETRARCH-format import) compiled for coding:
// one longest-match index of actor and agent phrases, verb forms by first word (regular -S, -ED, -ING
// forms generated as PETRARCH does, irregular ones from the dictionary), verb patterns with their
// synsets expanded to word sequences, and discard phrases.
import {
  type ActorEntry,
  type AgentEntry,
  AliasIndex,
  type DiscardEntry,
  type Synset,
  type VerbDictionary,
  type VerbEntry,
  type VerbPattern,
} from "../../knowledge/index.js";
import { phraseNorms } from "./tokens.js";

export interface PetrarchDictionaries {
  actors: ActorEntry[];
  agents: AgentEntry[];
  verbs: VerbDictionary;
  discards: DiscardEntry[];
}

export type NamedThing =
  | { kind: "actor"; entry: ActorEntry }
  /** `code` without its `~`; `prefix` for codes written `NGO~`, which go before the actor's code. */
  | { kind: "agent"; entry: AgentEntry; code: string; prefix: boolean };

/** How a verb form reads: base ("restore"), third person ("restores"), past or participle, -ing. */
export type FormClass = "base" | "s" | "past" | "ing";

export interface VerbForm {
  norms: string[];
  entry: VerbEntry;
  formClass: FormClass;
}

export type PatternSlot = "$" | "+" | "%" | "^";

export type PatternElement =
  | { kind: "words"; alternatives: string[][] }
  | { kind: "slot"; slot: PatternSlot }
  | { kind: "verb" };

export interface CompiledPattern {
  elements: PatternElement[];
  /** `joins[i]` links elements i and i + 1: "_" adjacent, " " other words may come between. */
  joins: ("_" | " ")[];
  verbAt: number;
  code: string;
  line: number;
}

export interface DiscardPhrase {
  norms: string[];
  scope: "story" | "sentence";
  wholeWord: boolean;
}

export interface Lexicon {
  names: AliasIndex<NamedThing>;
  /** Verb forms by their first word, longest first. */
  verbs: Map<string, VerbForm[]>;
  patternsOf(entry: VerbEntry): CompiledPattern[];
  discards: DiscardPhrase[];
}

export function compileLexicon(dictionaries: PetrarchDictionaries): Lexicon {
  const names = new AliasIndex<NamedThing>();
  for (const entry of dictionaries.actors) {
    const value: NamedThing = { kind: "actor", entry };
    // Lower case: the index keeps short all-capital aliases ("US") case-sensitive, and every
    // PETRARCH phrase is written in capitals though PETRARCH matches without regard to case.
    for (const phrase of [entry.phrase, ...entry.synonyms]) names.add(phrase.toLowerCase(), value);
  }
  for (const entry of dictionaries.agents) {
    const prefix = entry.code.endsWith("~");
    const value: NamedThing = { kind: "agent", entry, code: entry.code.replace("~", ""), prefix };
    const plurals = entry.regularPlural ? [pluralOfPhrase(entry.phrase)] : entry.plurals;
    for (const phrase of [entry.phrase, ...plurals]) names.add(phrase.toLowerCase(), value);
  }

  const verbs = new Map<string, VerbForm[]>();
  for (const entry of dictionaries.verbs.verbs) {
    for (const form of verbForms(entry)) {
      const first = form.norms[0];
      if (!first) continue;
      const list = verbs.get(first) ?? [];
      list.push(form);
      verbs.set(first, list);
    }
  }
  for (const list of verbs.values()) list.sort((a, b) => b.norms.length - a.norms.length);

  const synsets = new Map(dictionaries.verbs.synsets.map((set) => [set.name, set]));
  const compiled = new Map<VerbPattern[], CompiledPattern[]>();
  const patternsOf = (entry: VerbEntry): CompiledPattern[] => {
    let list = compiled.get(entry.patterns);
    if (!list) {
      list = entry.patterns.map((pattern) => compilePattern(pattern, synsets));
      compiled.set(entry.patterns, list);
    }
    return list;
  };

  const discards = dictionaries.discards
    .map((entry) => ({ norms: phraseNorms(entry.phrase), scope: entry.scope, wholeWord: entry.wholeWord }))
    .filter((entry) => entry.norms.length > 0);

  return { names, verbs, patternsOf, discards };
}

// ---------------------------------------------------------------------------------------------
// Inflection, after PETRARCH's make_plural and verb-form rules, with doubled final consonants
// (BAN → BANNED) added as alternatives since the dictionary cannot say where the stress falls.

const CONSONANT_Y = /[^aeiou]y$/;
const SIBILANT = /(?:s|x|z|ch|sh)$/;
const DOUBLING = /(?:^|[^aeiou])[aeiou][^aeiouwxy]$/;

export function plural(word: string): string {
  if (CONSONANT_Y.test(word)) return `${word.slice(0, -1)}ies`;
  if (SIBILANT.test(word)) return `${word}es`;
  return `${word}s`;
}

function pluralOfPhrase(phrase: string): string {
  const words = phrase.split(" ");
  const last = words.pop() ?? "";
  return [...words, plural(last.toLowerCase())].join(" ");
}

function thirdPerson(word: string): string[] {
  if (CONSONANT_Y.test(word)) return [`${word.slice(0, -1)}ies`];
  if (SIBILANT.test(word)) return [`${word}es`];
  return [`${word}s`];
}

function pastForms(word: string): string[] {
  if (word.endsWith("e")) return [`${word}d`];
  if (CONSONANT_Y.test(word)) return [`${word.slice(0, -1)}ied`];
  const forms = [`${word}ed`];
  if (DOUBLING.test(word)) forms.push(`${word}${word.at(-1)}ed`);
  return forms;
}

function ingForms(word: string): string[] {
  if (word.endsWith("ie")) return [`${word.slice(0, -2)}ying`];
  if (/[^eoy]e$/.test(word)) return [`${word.slice(0, -1)}ing`];
  const forms = [`${word}ing`];
  if (DOUBLING.test(word)) forms.push(`${word}${word.at(-1)}ing`);
  return forms;
}

/** Common irregular past forms: a dictionary verb written in such a form ("SAID") reads as past. */
const IRREGULAR_PAST = new Set(
  (
    "said told made held met left found shot sank fought lent began begun won broke broken brought came " +
    "went gone took taken gave given sent spent paid led fled struck stood saw seen knew known thought " +
    "sought drew drawn drove wrote written spoke spoken chose chosen rose risen fell fallen kept lost " +
    "meant sold bought caught taught built felt heard laid ran sat stole swore threw thrown tore wore " +
    "forgave forgiven overcame withdrew withdrawn withheld"
  ).split(" "),
);

function classOf(head: string, base: string): FormClass {
  if (head === base) return head.endsWith("ed") || IRREGULAR_PAST.has(head) ? "past" : "base";
  if (head.endsWith("ing")) return "ing";
  if (head.endsWith("s") && !base.endsWith("s")) return "s";
  return "past";
}

/** Every surface form of a verb entry, as token norms, with the head word inflected in place. */
function verbForms(entry: VerbEntry): VerbForm[] {
  const words = entry.verb.split(" ").map((word) => phraseNorms(word));
  const headIndex = Math.max(0, entry.verb.split(" ").indexOf(entry.head));
  const headNorms = words[headIndex] ?? [];
  const base = headNorms.at(-1) ?? "";
  const flat = (replaced: string[] | null) =>
    words.flatMap((norms, i) => (i === headIndex && replaced ? replaced : norms));
  const forms: VerbForm[] = [{ norms: flat(null), entry, formClass: classOf(base, base) }];
  const seen = new Set([forms[0]!.norms.join(" ")]);
  const add = (norms: string[], formClass: FormClass) => {
    const key = norms.join(" ");
    if (norms.length === 0 || seen.has(key)) return;
    seen.add(key);
    forms.push({ norms, entry, formClass });
  };
  if (entry.regularForms) {
    const inflect = (word: string) => [...headNorms.slice(0, -1), word];
    for (const word of thirdPerson(base)) add(flat(inflect(word)), "s");
    for (const word of pastForms(base)) add(flat(inflect(word)), "past");
    for (const word of ingForms(base)) add(flat(inflect(word)), "ing");
  } else {
    for (const form of entry.forms) {
      const norms = phraseNorms(form);
      // A listed form names the whole verb ("BROKEN DOWN") or only its head ("BROKE").
      const full = norms.length >= words.flat().length ? norms : flat(norms);
      const head = full[Math.min(full.length - 1, headIndex)] ?? "";
      add(full, classOf(head, base));
    }
  }
  return forms;
}

// ---------------------------------------------------------------------------------------------
// Patterns and synsets

function compilePattern(pattern: VerbPattern, synsets: ReadonlyMap<string, Synset>): CompiledPattern {
  const elements: PatternElement[] = [];
  const joins: ("_" | " ")[] = [];
  pattern.words.forEach((word, i) => {
    let element: PatternElement | null;
    if (word === "*") element = { kind: "verb" };
    else if (word === "$" || word === "+" || word === "%" || word === "^")
      element = { kind: "slot", slot: word };
    else if (word.startsWith("&")) element = { kind: "words", alternatives: synsetPhrases(word, synsets) };
    else {
      const norms = phraseNorms(word);
      element = norms.length > 0 ? { kind: "words", alternatives: [norms] } : null;
    }
    if (!element) return;
    if (elements.length > 0) joins.push(pattern.joins[i - 1] ?? " ");
    elements.push(element);
  });
  return {
    elements,
    joins,
    verbAt: elements.findIndex((element) => element.kind === "verb"),
    code: pattern.code,
    line: pattern.line,
  };
}

/** The word sequences a synset stands for, members naming other synsets expanded, plurals added. */
function synsetPhrases(
  name: string,
  synsets: ReadonlyMap<string, Synset>,
  visiting: Set<string> = new Set(),
): string[][] {
  const set = synsets.get(name);
  if (!set || visiting.has(name)) return [];
  visiting.add(name);
  const phrases: string[][] = [];
  for (const member of set.members) {
    if (member.startsWith("&")) {
      phrases.push(...synsetPhrases(member, synsets, visiting));
      continue;
    }
    const norms = phraseNorms(member);
    if (norms.length === 0) continue;
    phrases.push(norms);
    if (set.pluralize && !set.noPlural.includes(member)) {
      phrases.push([...norms.slice(0, -1), plural(norms.at(-1)!)]);
    }
  }
  visiting.delete(name);
  return phrases;
}
