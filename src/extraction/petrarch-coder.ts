// A dictionary-driven event coder in the manner of PETRARCH/TABARI, for analysts who bring their
// own PETRARCH dictionaries (read with the knowledge base's PETRARCH-format import). It codes a
// sentence's text alone, with no parse given: a shallow parse (./petrarch/sentence.ts) finds actor
// and agent phrases, dictionary verbs and noun-phrase units; each verb's patterns are tried in
// dictionary order; source and target default to the clause's subject and the verb's nearest coded
// object. It stands beside the engine's own event coder (events.ts), which uses data/patterns/.
import {
  type CompiledPattern,
  compileLexicon,
  type Lexicon,
  type PetrarchDictionaries,
} from "./petrarch/lexicon.js";
import {
  analyseSentence,
  BE_FORMS,
  type Conjunct,
  type SentenceAnalysis,
  type Unit,
  type VerbOccurrence,
} from "./petrarch/sentence.js";
import { tokenizeSentence } from "./petrarch/tokens.js";
import { matchPattern, type PatternMatch } from "./petrarch/verb-patterns.js";

export type { PetrarchDictionaries } from "./petrarch/lexicon.js";

export interface PetrarchEvent {
  /** Actor code with agent codes joined on, e.g. "ARNGOVFRM"; "---GOV" for an agent of no known
   * actor; "---" for a missing side (only when `requireDyad` is false). */
  source: string;
  target: string;
  /** The code as the dictionary writes it, e.g. "064", "1717", "174K". */
  code: string;
  /** The verb as written in the sentence. */
  verb: string;
  /** Line of the verb's dictionary pattern that set the code, or of the verb itself. */
  line: number;
}

export interface PetrarchCoding {
  events: PetrarchEvent[];
  /** A discard phrase was found: the whole story's ("story") or this sentence's ("sentence"). */
  discarded?: "story" | "sentence";
  /** The text opens with a dateline ("CEBU CITY: --"), which PETRARCH declines to code. */
  error?: "dateline";
}

export interface PetrarchCodeOptions {
  /** Code only events with both a source and a target (PETRARCH's require_dyad); default true. */
  requireDyad?: boolean;
}

export interface PetrarchCoder {
  /** Codes one sentence. `date` (YYYY-MM-DD or YYYYMMDD) picks each actor's dated code. */
  code(sentence: string, date: string, options?: PetrarchCodeOptions): PetrarchCoding;
  /** Codes a story's sentences; a story-level discard anywhere suppresses every sentence. */
  codeStory(sentences: readonly string[], date: string, options?: PetrarchCodeOptions): PetrarchCoding[];
}

export function createPetrarchCoder(dictionaries: PetrarchDictionaries): PetrarchCoder {
  const lexicon = compileLexicon(dictionaries);
  const code = (sentence: string, date: string, options: PetrarchCodeOptions = {}): PetrarchCoding => {
    const discarded = discardIn(sentence, lexicon);
    if (discarded) return { events: [], discarded };
    if (DATELINE.test(sentence)) return { events: [], error: "dateline" };
    return { events: codeSentence(analyseSentence(sentence, lexicon), isoDate(date), lexicon, options) };
  };
  return {
    code,
    codeStory(sentences, date, options) {
      if (sentences.some((sentence) => discardIn(sentence, lexicon) === "story")) {
        return sentences.map(() => ({ events: [], discarded: "story" as const }));
      }
      return sentences.map((sentence) => code(sentence, date, options));
    },
  };
}

/** A wire-service dateline opening the text: capitals, then a colon or a dash ("CEBU CITY: --"). */
const DATELINE = /^\s*[A-Z][A-Z0-9.'&-]*(?: [A-Z][A-Z0-9.'&-]*){0,4}\s*(?::|--|—)/;

function isoDate(date: string): string {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  return compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : date.trim().slice(0, 10);
}

function discardIn(sentence: string, lexicon: Lexicon): "story" | "sentence" | undefined {
  const norms = tokenizeSentence(sentence).map((token) => token.norm);
  let found: "story" | "sentence" | undefined;
  for (const discard of lexicon.discards) {
    const last = discard.norms.length - 1;
    for (let i = 0; i + last < norms.length; i++) {
      const hit = discard.norms.every((word, k) =>
        k === last && !discard.wholeWord ? norms[i + k]!.startsWith(word) : norms[i + k] === word,
      );
      if (!hit) continue;
      if (discard.scope === "story") return "story";
      found = "sentence";
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Codes of units

/** Actor codes valid on a date: the first dated restriction that covers it, else the default. */
function actorCodes(
  codes: readonly { code: string; start: string | null; end: string | null }[],
  date: string,
) {
  const restricted = codes.find(
    (c) => (c.start !== null || c.end !== null) && (c.start ?? "") <= date && date <= (c.end ?? "9999"),
  );
  const chosen = restricted ?? codes.find((c) => c.start === null && c.end === null);
  if (!chosen || chosen.code === "---") return [];
  // TABARI's FRO/BIL/SAM: the phrase names several actors at once.
  return chosen.code
    .toUpperCase()
    .split("/")
    .filter((code) => code.length > 0 && code !== "---");
}

const chunks = (code: string) => (code.length % 3 === 0 ? (code.match(/.{3}/g) ?? [code]) : [code]);

/** Joins agent codes onto an actor code, skipping any three-letter part it already has
 * ("USAGOV" + "GOV" stays "USAGOV"; "GMWGOV" + "WGO" becomes "GMWGOVWGO"). */
function withAgents(code: string, agents: readonly { code: string; prefix: boolean }[]): string {
  let result = code;
  for (const agent of agents) {
    const have = new Set(chunks(result));
    const parts = chunks(agent.code.toUpperCase()).filter((part) => !have.has(part));
    if (parts.length === 0) continue;
    result = agent.prefix ? parts.join("") + result : result + parts.join("");
  }
  return result;
}

function unitCoder(date: string) {
  const cache = new Map<Unit, string[][]>();
  const agentsOf = (conjunct: Conjunct) =>
    conjunct.mentions.flatMap((mention) =>
      mention.thing.kind === "agent" ? [{ code: mention.thing.code, prefix: mention.thing.prefix }] : [],
    );
  const ownActor = (conjunct: Conjunct): string[] => {
    for (const mention of conjunct.mentions) {
      if (mention.thing.kind !== "actor") continue;
      const codes = actorCodes(mention.thing.entry.codes, date);
      if (codes.length > 0) return codes;
    }
    return [];
  };
  const members = (unit: Unit): string[][] => {
    const cached = cache.get(unit);
    if (cached) return cached;
    const result: string[][] = [];
    unit.conjuncts.forEach((conjunct) => {
      const agents = agentsOf(conjunct);
      let actors = ownActor(conjunct);
      let shared: { code: string; prefix: boolean }[] = [];
      if (actors.length === 0 && conjunct.link) actors = members(conjunct.link).flat();
      if (actors.length === 0 && agents.length > 0) {
        // "lawmakers and officials in Fornost and Gondor", "Danish media and government": an agent
        // with no actor of its own takes a sibling's, with the modifiers they share.
        const linked = unit.conjuncts.find((other) => other !== conjunct && other.link);
        const donor = unit.conjuncts.find(
          (other) => other !== conjunct && ownActor(other).length > 0 && agentsOf(other).length > 0,
        );
        if (linked?.link) actors = members(linked.link).flat();
        else if (donor) {
          actors = ownActor(donor);
          shared = agentsOf(donor).slice(0, -1);
        }
      }
      if (actors.length === 0 && agents.length > 0) actors = ["---"];
      const codes = [...new Set(actors.map((actor) => withAgents(actor, [...shared, ...agents])))];
      if (codes.length > 0) result.push(codes);
    });
    cache.set(unit, result);
    return result;
  };
  return {
    members,
    codes: (unit: Unit | null | undefined) => (unit ? [...new Set(members(unit).flat())] : []),
  };
}

// ---------------------------------------------------------------------------------------------
// Sources and targets

const SOURCE_BOUNDARY = new Set([";", ":", "--", "."]);
/** Clauses a verb takes as its object ("said that ...", "question whether ..."): the object search
 * goes on into them, but not into adverbial clauses ("after ...", "when ..."). */
const COMPLEMENTIZERS = new Set(["that", "whether"]);

function roleFinder(sentence: SentenceAnalysis, coded: (unit: Unit) => boolean) {
  const { classes, norms, units } = sentence;
  const unitAt = (i: number) => units.find((unit) => unit.start <= i && i < unit.end);
  const skipBack = (i: number, skip: (cls: string) => boolean) => {
    let j = i;
    while (j >= 0 && skip(classes[j]!)) j--;
    return j;
  };
  const skipForward = (i: number, skip: (cls: string) => boolean) => {
    let j = i;
    while (j < classes.length && skip(classes[j]!)) j++;
    return j;
  };
  return {
    /** The clause's subject before token `before`: the nearest unit that is not a preposition's
     * object, without crossing into another clause. It may have no code (then there is no source). */
    subject(before: number, excluded: ReadonlySet<Unit>): Unit | null {
      for (let i = before - 1; i >= 0; i--) {
        if (classes[i] === "ignored") continue;
        if (classes[i] === "sub" || SOURCE_BOUNDARY.has(norms[i]!)) return null;
        const unit = unitAt(i);
        if (!unit) continue;
        if (!unit.prepositional && !excluded.has(unit)) return unit;
        i = unit.start;
      }
      return null;
    },
    /** The verb's object: the nearest unit with a code after it, up to the end of the clause. A
     * unit after a comma or "and" with a verb of its own starts a new clause ("..., officials said"). */
    object(after: number, excluded: ReadonlySet<Unit>): Unit | null {
      for (let i = after; i < classes.length; i++) {
        if (classes[i] === "ignored") continue;
        if ((classes[i] === "sub" && !COMPLEMENTIZERS.has(norms[i]!)) || SOURCE_BOUNDARY.has(norms[i]!)) {
          return null;
        }
        const unit = unitAt(i);
        if (!unit) continue;
        const before = skipBack(unit.start - 1, (cls) => cls === "ignored");
        const next = skipForward(unit.end, (cls) => cls === "adv" || cls === "aux" || cls === "ignored");
        if ((norms[before] === "," || classes[before] === "cc") && classes[next] === "verb") return null;
        if (coded(unit) && !excluded.has(unit)) return unit;
        i = unit.end - 1;
      }
      return null;
    },
    /** "was opposed by Osgiliath", "Rebuked by Eriador, ...": the agent of a passive verb. PETRARCH
     * reverses the roles only when the agent is named, and so does this coder. */
    passiveAgent(verb: VerbOccurrence): Unit | null | undefined {
      if (verb.formClass !== "past") return undefined;
      const before = skipBack(verb.start - 1, (cls) => cls === "adv" || cls === "ignored");
      const passive = before < 0 || norms[before] === "," || BE_FORMS.has(norms[before] ?? "");
      if (!passive) return undefined;
      for (let j = verb.end; j < Math.min(classes.length, verb.end + 3); j++) {
        if (norms[j] === "by") return sentence.allUnits.find((unit) => unit.start === j + 1) ?? null;
        if (classes[j] !== "adv" && classes[j] !== "word") return undefined;
      }
      return undefined;
    },
    /** "condemned the attack ... and promised aid": a verb right after "and" shares the subject. */
    coordinated(verb: VerbOccurrence): boolean {
      const before = skipBack(verb.start - 1, (cls) => cls === "adv" || cls === "aux" || cls === "ignored");
      return before >= 0 && classes[before] === "cc";
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Coding

function codeSentence(
  sentence: SentenceAnalysis,
  date: string,
  lexicon: Lexicon,
  options: PetrarchCodeOptions,
): PetrarchEvent[] {
  const requireDyad = options.requireDyad ?? true;
  const units = unitCoder(date);
  const coded = (unit: Unit) => units.members(unit).length > 0;
  const roles = roleFinder(sentence, coded);
  const events: PetrarchEvent[] = [];
  const seen = new Set<string>();
  const push = (source: string, target: string, code: string, verb: string, line: number) => {
    const key = `${source}|${target}|${code}`;
    if (source === target || seen.has(key)) return;
    seen.add(key);
    events.push({ source, target, code, verb, line });
  };
  let previousSource: Unit | null = null;

  for (const verb of sentence.verbs) {
    const text = sentence.text.slice(sentence.tokens[verb.start]!.start, sentence.tokens[verb.end - 1]!.end);
    const match = firstMatch(sentence, verb, lexicon, units);
    const entry = verb.forms.find((form) => form.entry.code !== null && form.entry.code !== "---")?.entry;
    const code = match ? match.pattern.code : entry?.code;
    const line = match ? match.pattern.line : (entry?.line ?? verb.forms[0]!.entry.line);

    // Units a pattern placed or skipped are never the default source or target.
    const excluded = new Set<Unit>(match?.skipped ?? []);
    for (const unit of [match?.source, match?.target, match?.compound?.unit]) if (unit) excluded.add(unit);
    // A pattern word inside the subject itself ("Neither Galadriel nor Gollum boycotted") leaves it the subject.
    const patternStart = match?.upperStart ?? verb.start;
    const around = sentence.units.find((unit) => unit.start <= patternStart && patternStart < unit.end);
    const upperStart =
      around && patternStart < verb.start && !excluded.has(around) && coded(around)
        ? around.end
        : patternStart;
    const agent = roles.passiveAgent(verb);
    let source: Unit | null;
    let target: Unit | null;
    let pairs: Unit | null = null;
    if (match?.compound?.side === "before") {
      source = match.compound.unit;
      target = match.target ?? null;
      if (!target) pairs = source;
    } else {
      const subject: Unit | null =
        previousSource && roles.coordinated(verb) ? previousSource : roles.subject(upperStart, excluded);
      source = match?.source ?? (agent !== undefined ? agent : subject);
      if (match?.compound) {
        target = match.compound.unit;
        if (!source || !coded(source)) pairs = target;
      } else {
        if (source) excluded.add(source);
        target = match?.target ?? (agent !== undefined ? subject : roles.object(verb.end, excluded));
      }
    }
    previousSource = source && agent === undefined ? source : previousSource;
    if (!code) continue;
    const [forward, backward] = code.split(":");
    if (!forward || forward === "---") continue;

    const sources = units.codes(source);
    const targets = units.codes(target);
    if (!pairs && backward && sources.length > 1 && targets.length === 0 && source) pairs = source;
    if (pairs) {
      const members = units.codes(pairs);
      for (const a of members) for (const b of members) if (a !== b) push(a, b, forward, text, line);
      continue;
    }
    if (sources.length === 0 && targets.length === 0) continue;
    if (requireDyad && (sources.length === 0 || targets.length === 0)) continue;
    for (const s of sources.length > 0 ? sources : ["---"]) {
      for (const t of targets.length > 0 ? targets : ["---"]) {
        push(s, t, forward, text, line);
        if (backward && backward !== "---") push(t, s, backward, text, line);
      }
    }
  }
  return events;
}

/** The first pattern, in dictionary order, of the first verb entry that has one matching here. */
function firstMatch(
  sentence: SentenceAnalysis,
  verb: VerbOccurrence,
  lexicon: Lexicon,
  units: { members(unit: Unit): string[][] },
): PatternMatch | null {
  const tried = new Set<CompiledPattern[]>();
  for (const form of verb.forms) {
    const patterns = lexicon.patternsOf(form.entry);
    if (tried.has(patterns)) continue;
    tried.add(patterns);
    for (const pattern of patterns) {
      const match = matchPattern(pattern, sentence, verb, units);
      if (match) return match;
    }
  }
  return null;
}
