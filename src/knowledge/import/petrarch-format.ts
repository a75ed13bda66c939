// Readers for the PETRARCH/TABARI dictionary text formats (.actors, .agents, .verbs, discards), so
// analysts who built dictionaries for those coders can bring them into the knowledge base. Pure: each
// takes a file's text and a source name (used in error locations) and returns plain records.
//
// Shared conventions, as in PETRARCH's reader (PETRreader.py) and the TABARI manual:
// - `#` starts a comment anywhere outside [brackets] (so codes such as [###] survive), and so does the
//   older KEDS/TABARI `;`. `<!-- ... -->` comments may span lines; a line opening with `<!` starts one.
// - Words in a phrase are joined by `_` or spaces. Phrases are returned with `_` turned into spaces,
//   whitespace folded and a trailing `_` (TABARI's "no stemming" mark) dropped. Only verb patterns keep
//   the difference between `_` and a space, because there it changes what matches (`IN_*` vs `IN *`).
// - Text keeps its case: PETRARCH matches case-insensitively.
import { CrisisdeskError } from "../../domain/index.js";

/** One code of an actor, valid over a date range; both ends null means the default code. */
export interface DatedCode {
  /** As written, e.g. "EGYGOV", "---" (no actor) or "FRO/BIL/SAM" (TABARI: the phrase names several). */
  code: string;
  /** First day the code applies, YYYY-MM-DD inclusive (`[CODE >date]`, `[CODE date-date]`); null = open. */
  start: string | null;
  /** Last day the code applies, YYYY-MM-DD inclusive (`[CODE <date]`, `[CODE date-date]`); null = open. */
  end: string | null;
}

export interface ActorEntry {
  /** The primary phrase, e.g. "PRESIDENT GEORGE W. BUSH". */
  phrase: string;
  /** Phrases from the `+SYNONYM` lines under it; they share its codes. */
  synonyms: string[];
  /** The code on the primary line first, then the indented code lines, in file order (order matters:
   * PETRARCH takes the first restriction that fits a date, else the default). May be empty. */
  codes: DatedCode[];
  /** The comment on the primary line, e.g. "JW 10/17/91". */
  comment?: string;
  line: number;
}

export interface AgentEntry {
  /** e.g. "FOREIGN MINISTER", or one expansion of a `!SET!` marker such as "CONGRESSMAN". */
  phrase: string;
  /** Plural forms listed in `{...}`: PETRARCH reads the braces as one phrase. `{}` lists none. */
  plurals: string[];
  /** True when the line has no `{...}`: the coder forms the regular plural itself (PETRARCH: +S,
   * Y → IES, S → SES). False for `{...}` lines and for `!SET!` expansions, which take no plural. */
  regularPlural: boolean;
  /** As written, e.g. "~GOVFRM" (appended to the actor's code) or "NGO~" (prefixed). */
  code: string;
  /** For `!SET!` expansions, the phrase as written, e.g. "CONGRESS!PERSON!". */
  template?: string;
  line: number;
}

/**
 * A verb pattern such as `- SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS [111]`. Markers are tokens of
 * their own: `*` the verb, `$` the source, `+` the target, `%` a compound actor that gives both,
 * `^` skips a noun phrase; `&NAME` stands for any member of a synset.
 */
export interface VerbPattern {
  /** e.g. ["SUGGESTED", "+", "*", "DEMAND", "&GENINT", "CONVENTIONS"]. */
  words: string[];
  /** `joins[i]` links `words[i]` and `words[i + 1]`: "_" = adjacent, " " = other words may come between.
   * TABARI's `WORD_ ` (underscore then a space) is read as a space, as PETRARCH does. */
  joins: ("_" | " ")[];
  /** As written, e.g. "111", "030:030" (a code each way), "---" (no event). */
  code: string;
  line: number;
}

export interface VerbEntry {
  /** All words of the verb, e.g. "ABANDON", "BREAK DOWN", "KLM NOP RST". */
  verb: string;
  /** The word the parser must tag as the verb: the one marked `+` (`WIRE_+TAP` → "TAP"), else the first. */
  head: string;
  /** Forms listed in `{...}`, e.g. ["BROKE", "BROKEN"]. */
  forms: string[];
  /** True when the line lists no `{...}`: the coder forms the regular -S, -ED, -ING forms itself. */
  regularForms: boolean;
  /** The verb's own `[code]`, else its group's; null when neither gives one. "---" means no event. */
  code: string | null;
  /** The patterns of the verb's group; every verb of a group shares this one array. */
  patterns: VerbPattern[];
  /** The group name from its `--- NAME [code] ---` header (absent in TABARI files without headers). */
  group?: string;
  /** The first code in the group header, when it has one. */
  groupCode?: string;
  line: number;
}

export interface Synset {
  /** As used in patterns, with the `&` and without a trailing `_`, e.g. "&CURRENCY". */
  name: string;
  /** e.g. ["DOLLARS", "AUSTRIAN FLORIN"]; a member may name another synset ("&TIETYPES"). */
  members: string[];
  /** False when the label ends with `_` (`&PREPOSIT1_`): PETRARCH then forms no plurals of members. */
  pluralize: boolean;
  /** Members written with a trailing `_`, which get no plural even when the set pluralizes. */
  noPlural: string[];
  line: number;
}

export interface VerbDictionary {
  verbs: VerbEntry[];
  synsets: Synset[];
}

export interface DiscardEntry {
  phrase: string;
  /** `+PHRASE` discards the whole story; a bare phrase only the sentence it is found in. */
  scope: "story" | "sentence";
  /** The phrase ended with `_`: it must end a word; otherwise PETRARCH matches it as a stem. */
  wholeWord: boolean;
  line: number;
}

/**
 * Two-digit years (YYMMDD) up to this are 20YY, above it 19YY: the rule of KEDS, TABARI and PETRARCH
 * (dstr_to_ordate), under which CountryInfo-derived dictionaries date `[AFGELI 320101-331108]` to 1932.
 */
export const TWO_DIGIT_YEAR_LAST_2000S = 30;

// ---------------------------------------------------------------------------------------------
// Actors

/**
 * Reads a TABARI-style .actors file: a primary phrase with an optional `[CODE]`, then `+SYNONYM` lines
 * and (usually tab-indented) code lines `[CODE]`, `[CODE <date]`, `[CODE >date]`, `[CODE date-date]`
 * with dates as YYMMDD or YYYYMMDD. Lines after `---STOP---` are ignored, as in PETRARCH.
 */
export function parseActorDictionary(text: string, source: string): ActorEntry[] {
  const entries: ActorEntry[] = [];
  let current: ActorEntry | undefined;
  for (const { number, body, comment } of dictionaryLines(text, source)) {
    const at = { source, line: number };
    if (body.startsWith("---STOP---")) break;
    if (body.startsWith("+")) {
      if (!current) throw bad(at, "a synonym (+PHRASE) must come under the primary phrase it belongs to");
      if (/[[\]{}]/.test(body)) {
        throw bad(
          at,
          "expected +PHRASE alone: a synonym takes no code (codes go on the primary phrase or an indented [CODE date] line)",
        );
      }
      current.synonyms.push(requirePhrase(body.slice(1), at, "a phrase after +"));
    } else if (body.startsWith("[")) {
      if (!current) throw bad(at, "a code line ([CODE] or [CODE date]) must come under a primary phrase");
      const parts = splitLine(body, at);
      if (parts.braces !== undefined)
        throw bad(at, "expected a code line [CODE] or [CODE date], not a {...} list");
      current.codes.push(parseDatedCode(parts.bracket ?? "", at));
    } else {
      const parts = splitLine(body, at);
      if (parts.braces !== undefined)
        throw bad(at, "expected PHRASE [CODE]: actor phrases take no {...} list");
      current = {
        phrase: requirePhrase(parts.head, at, "a phrase before the [code]"),
        synonyms: [],
        codes: [],
        ...(comment ? { comment } : {}),
        line: number,
      };
      if (parts.bracket !== undefined) current.codes.push(parseDatedCode(parts.bracket, at));
      entries.push(current);
    }
  }
  return entries;
}

const ACTOR_CODE = /^(?:[A-Za-z0-9]+|-{3}|\+{3}|#{3})(?:\/(?:[A-Za-z0-9]+|-{3}))*$/;

function parseDatedCode(inner: string, at: Where): DatedCode {
  const match = /^([^\s<>]+)\s*(.*)$/.exec(inner.trim());
  const code = match?.[1];
  const restriction = match?.[2] ?? "";
  if (!code || !ACTOR_CODE.test(code)) {
    throw bad(
      at,
      `expected a code such as [ISR], [EGYGOV >140608] or [USAELI 010120-090120], found [${inner.trim()}]`,
    );
  }
  if (!restriction) return { code, start: null, end: null };
  const before = /^<\s*(\S+)$/.exec(restriction);
  if (before) return { code, start: null, end: tabariDate(before[1]!, at) };
  const after = /^>\s*(\S+)$/.exec(restriction);
  if (after) return { code, start: tabariDate(after[1]!, at), end: null };
  const range = /^([^\s-]+)\s*-\s*([^\s-]+)$/.exec(restriction);
  if (range) {
    const start = tabariDate(range[1]!, at);
    const end = tabariDate(range[2]!, at);
    if (end < start) throw bad(at, `the range ${restriction} ends before it starts; expected start-end`);
    return { code, start, end };
  }
  throw bad(
    at,
    `expected a date restriction <date, >date or date-date after the code ${code}, found "${restriction}"`,
  );
}

/** YYMMDD or YYYYMMDD to YYYY-MM-DD, checking the day exists. */
function tabariDate(text: string, at: Where): string {
  if (!/^(?:\d{6}|\d{8})$/.test(text))
    throw bad(at, `expected a date as YYMMDD or YYYYMMDD, found "${text}"`);
  let year: number;
  if (text.length === 6) {
    const yy = Number(text.slice(0, 2));
    year = yy <= TWO_DIGIT_YEAR_LAST_2000S ? 2000 + yy : 1900 + yy;
  } else {
    year = Number(text.slice(0, 4));
  }
  const month = Number(text.slice(-4, -2));
  const day = Number(text.slice(-2));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    throw bad(at, `"${text}" is not a calendar date; expected YYMMDD or YYYYMMDD`);
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Agents

const AGENT_CODE = /^(?:~[A-Za-z0-9]+|[A-Za-z0-9]+~)$/;

/**
 * Reads a PETRARCH .agents file: `PHRASE {PLURAL} [~CODE]` lines, where `{...}` is optional, and
 * substitution sets `!NAME! = A, B, C` whose markers expand (`CONGRESS!PERSON!` → CONGRESSMAN, ...)
 * into one entry per member. A set must be defined above its first use. Code combination rules
 * (`<Combine ...>`), documented but never implemented by PETRARCH, are rejected.
 */
export function parseAgentDictionary(text: string, source: string): AgentEntry[] {
  const entries: AgentEntry[] = [];
  const sets = new Map<string, string[]>();
  for (const { number, body } of dictionaryLines(text, source)) {
    const at = { source, line: number };
    if (body.startsWith("<")) {
      throw bad(at, "agent code combination rules (<Combine ...>) are not supported; remove the line");
    }
    if (body.startsWith("!") && body.includes("=")) {
      const definition = /^!([^!\s]+)!\s*=\s*(.*)$/.exec(body);
      const members = (definition?.[2] ?? "")
        .split(",")
        .map((member) => normalisePhrase(member))
        .filter((member) => member.length > 0);
      if (!definition || members.length === 0) {
        throw bad(at, "expected a substitution set as !NAME! = WORD, WORD, ...");
      }
      sets.set(definition[1]!, members);
      continue;
    }
    const parts = splitLine(body, at);
    if (parts.bracket === undefined) throw bad(at, "expected an agent code in brackets, e.g. PHRASE [~GOV]");
    const code = parts.bracket.trim();
    if (!AGENT_CODE.test(code)) {
      throw bad(at, `expected an agent code with ~ before it ([~GOV]) or after it ([NGO~]), found [${code}]`);
    }
    const written = requirePhrase(parts.head, at, "a phrase before the [code]");
    if (written.includes("!")) {
      if (parts.braces !== undefined) {
        throw bad(at, "a phrase with a !SET! marker takes no {plural}: each member is used as written");
      }
      for (const phrase of expandMarkers(written, sets, at)) {
        entries.push({ phrase, plurals: [], regularPlural: false, code, template: written, line: number });
      }
      continue;
    }
    const plural = parts.braces === undefined ? "" : normalisePhrase(parts.braces);
    entries.push({
      phrase: written,
      plurals: plural ? [plural] : [],
      regularPlural: parts.braces === undefined,
      code,
      line: number,
    });
  }
  return entries;
}

function expandMarkers(phrase: string, sets: ReadonlyMap<string, string[]>, at: Where): string[] {
  const marker = /!([^!\s]*)!/.exec(phrase);
  if (!marker) {
    if (phrase.includes("!")) throw bad(at, `expected a substitution marker as !NAME! in "${phrase}"`);
    return [phrase];
  }
  const members = sets.get(marker[1]!);
  if (!members) {
    throw bad(
      at,
      `substitution set ${marker[0]} is not defined above; expected a line ${marker[0]} = WORD, ...`,
    );
  }
  const before = phrase.slice(0, marker.index);
  const after = phrase.slice(marker.index + marker[0].length);
  return members.flatMap((member) => expandMarkers(before + member + after, sets, at));
}

// ---------------------------------------------------------------------------------------------
// Verbs

interface VerbGroup {
  name?: string;
  code?: string;
  verbs: VerbEntry[];
  patterns: VerbPattern[];
}

/**
 * Reads a PETRARCH .verbs file:
 * - `--- NAME [code] ---` opens a group (the closing `---` is optional; extra codes after the first
 *   are ignored, as PETRARCH does);
 * - verb lines `VERB {FORMS} [code]`, where a multi-word verb marks its head with `+`
 *   (`KLM_NOP_+RST [002]`, `+BREAK_DOWN {+BROKE_DOWN}`); a verb without a code takes the group's;
 * - pattern lines `- words [code]` with exactly one `*`, shared by every verb of the group;
 * - synsets: an `&NAME` label line, then `+MEMBER` lines (blank lines and comments may come between).
 * In a TABARI file without `---` headers each verb line starts its own group. Every `&NAME` used in a
 * pattern or synset must be defined somewhere in the file.
 */
export function parseVerbDictionary(text: string, source: string): VerbDictionary {
  const verbs: VerbEntry[] = [];
  const synsets: Synset[] = [];
  const synsetUses: { name: string; at: Where }[] = [];
  let group: VerbGroup | undefined;
  let sawHeader = false;
  let synset: Synset | undefined;
  for (const { number, body } of dictionaryLines(text, source)) {
    const at = { source, line: number };
    if (body.startsWith("---")) {
      synset = undefined;
      group = parseGroupHeader(body, at);
      sawHeader = true;
    } else if (body.startsWith("&")) {
      synset = parseSynsetLabel(body, at);
      synsets.push(synset);
    } else if (body.startsWith("+") && synset) {
      const member = parseSynsetMember(body, at);
      synset.members.push(member.phrase);
      if (member.noPlural) synset.noPlural.push(member.phrase);
      if (member.phrase.startsWith("&")) synsetUses.push({ name: member.phrase, at });
    } else if (body.startsWith("-")) {
      synset = undefined;
      if (!group || group.verbs.length === 0) {
        throw bad(at, "a pattern line (- ... [code]) must come after the verb line it belongs to");
      }
      const pattern = parsePattern(body, at);
      group.patterns.push(pattern);
      for (const word of pattern.words) if (word.startsWith("&")) synsetUses.push({ name: word, at });
    } else {
      synset = undefined;
      if (!sawHeader || !group) group = { verbs: [], patterns: [] };
      const verb = parseVerbLine(body, group, at);
      group.verbs.push(verb);
      verbs.push(verb);
    }
  }
  const defined = new Set(synsets.map((set) => set.name));
  for (const use of synsetUses) {
    if (!defined.has(use.name)) {
      throw bad(
        use.at,
        `synset ${use.name} is never defined; expected a line ${use.name} with +MEMBER lines`,
      );
    }
  }
  for (const set of synsets) {
    if (set.members.length === 0) {
      throw bad(
        { source, line: set.line },
        `synset ${set.name} has no members; expected +MEMBER lines under it`,
      );
    }
  }
  return { verbs, synsets };
}

const CODE = /^[^\s[\]{}]+$/;

function parseGroupHeader(body: string, at: Where): VerbGroup {
  const inner = body.slice(3);
  const codes = [...inner.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!.trim());
  const rest = inner
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/-{3,}\s*$/, "")
    .trim();
  if (/[[\]{}]/.test(rest) || codes.some((code) => !CODE.test(code))) {
    throw bad(at, "expected a group header such as --- ABANDON [345] ---");
  }
  const name = requirePhrase(rest, at, "a group name after ---, e.g. --- ABANDON [345] ---");
  return { name, ...(codes[0] ? { code: codes[0] } : {}), verbs: [], patterns: [] };
}

function parseVerbLine(body: string, group: VerbGroup, at: Where): VerbEntry {
  const parts = splitLine(body, at);
  const words = parts.head.split(/[\s_]+/).filter((word) => word.length > 0);
  const heads = words.filter((word) => word.startsWith("+"));
  const plain = words.map((word) => word.replace(/^\+/, ""));
  if (
    words.length === 0 ||
    heads.length > 1 ||
    plain.some((word) => word.length === 0 || /[*$%^&+!]/.test(word))
  ) {
    throw bad(
      at,
      `expected a verb line such as ABANDON [code], BAN {BANS BANNED} or KLM_NOP_+RST [002], found "${body}"`,
    );
  }
  const code = parts.bracket?.trim();
  if (code !== undefined && !CODE.test(code))
    throw bad(at, `expected a verb code in [brackets], found [${code}]`);
  const forms = (parts.braces ?? "")
    .split(/\s+/)
    .map((form) => normalisePhrase(form.replace(/\+/g, "")))
    .filter((form) => form.length > 0);
  return {
    verb: plain.join(" "),
    head: heads[0]?.slice(1) ?? plain[0]!,
    forms,
    regularForms: parts.braces === undefined,
    code: code ?? group.code ?? null,
    patterns: group.patterns,
    ...(group.name !== undefined ? { group: group.name } : {}),
    ...(group.code !== undefined ? { groupCode: group.code } : {}),
    line: at.line,
  };
}

function parsePattern(body: string, at: Where): VerbPattern {
  const codeMatch = /\[([^\]]*)\]\s*$/.exec(body);
  const code = codeMatch?.[1]?.trim();
  if (!codeMatch || !code || !CODE.test(code)) {
    throw bad(at, "expected the pattern's code in [brackets] at the end, e.g. - * DIPLOMATIC TIES [064]");
  }
  const text = body.slice(1, codeMatch.index);
  if (/[[\]]/.test(text)) throw bad(at, "expected one [code], at the end of the pattern");
  if (/[{}()|]/.test(text)) {
    throw bad(
      at,
      "TABARI alternatives in {...} or (...) are not supported in patterns; rewrite them as a synset (&NAME with +MEMBER lines)",
    );
  }
  const words: string[] = [];
  const joins: ("_" | " ")[] = [];
  let join: "_" | " " = " ";
  // TABARI's open match "WORD_ " is an ordinary space, as in PETRARCH's reader.
  for (const match of text.replace(/_(?=\s|$)/g, " ").matchAll(/([^\s_]+)|(_)|\s+/g)) {
    if (match[1] === undefined) {
      if (match[2] !== undefined) join = "_";
      continue;
    }
    if (words.length > 0) joins.push(join);
    words.push(match[1]);
    join = " ";
  }
  const verbMarks = words.filter((word) => word.includes("*"));
  if (verbMarks.length !== 1 || verbMarks[0] !== "*") {
    throw bad(at, "expected exactly one * standing for the verb, e.g. - * DIPLOMATIC TIES [064]");
  }
  return { words, joins, code, line: at.line };
}

function parseSynsetLabel(body: string, at: Where): Synset {
  const label = /^&([A-Za-z0-9][\w-]*)$/.exec(body)?.[1];
  if (!label) throw bad(at, "expected a synset label such as &CURRENCY alone on its line");
  return {
    name: `&${label.replace(/_+$/, "")}`,
    members: [],
    pluralize: !label.endsWith("_"),
    noPlural: [],
    line: at.line,
  };
}

function parseSynsetMember(body: string, at: Where): { phrase: string; noPlural: boolean } {
  const written = body.slice(1).trim();
  if (/[[\]{}*$%^]/.test(written)) {
    throw bad(at, "expected a synset member: +WORD, +TWO_WORDS or +&OTHERSET, without codes or markers");
  }
  return { phrase: requirePhrase(written, at, "a word or phrase after +"), noPlural: written.endsWith("_") };
}

// ---------------------------------------------------------------------------------------------
// Discards

/** Reads a discard list: one phrase per line, `+PHRASE` for phrases that discard the whole story. */
export function parseDiscardDictionary(text: string, source: string): DiscardEntry[] {
  return dictionaryLines(text, source).map(({ number, body }) => {
    const at = { source, line: number };
    const story = body.startsWith("+");
    const written = (story ? body.slice(1) : body).trim();
    if (/[[\]{}]/.test(written)) throw bad(at, "expected a discard phrase alone, without [code] or {...}");
    return {
      phrase: requirePhrase(written, at, story ? "a phrase after +" : "a phrase"),
      scope: story ? "story" : "sentence",
      wholeWord: written.endsWith("_"),
      line: number,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Lines, comments and the parts of a line

interface Where {
  source: string;
  line: number;
}

interface DictionaryLine {
  /** 1-based line number in the file. */
  number: number;
  /** The line without comments, trimmed; never empty. */
  body: string;
  comment?: string;
}

function bad(at: Where, message: string): CrisisdeskError {
  return new CrisisdeskError("BAD_DATA", message, { where: `${at.source}:${at.line}` });
}

/** The lines that carry content, with `<!-- -->`, `#` and `;` comments taken off. */
function dictionaryLines(text: string, source: string): DictionaryLine[] {
  const lines: DictionaryLine[] = [];
  let openComment: number | undefined;
  for (const [index, raw] of text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .entries()) {
    const number = index + 1;
    let rest = raw;
    if (openComment !== undefined) {
      const close = rest.indexOf("-->");
      if (close < 0) continue;
      rest = rest.slice(close + 3);
      openComment = undefined;
    }
    let body = "";
    let comment: string | undefined;
    let depth = 0;
    let i = 0;
    while (i < rest.length) {
      if (rest.startsWith("<!", i)) {
        const close = rest.indexOf("-->", i + 2);
        if (close < 0) {
          openComment = number;
          break;
        }
        i = close + 3;
        continue;
      }
      const char = rest[i]!;
      if ((char === "#" || char === ";") && depth === 0) {
        comment = rest.slice(i + 1).trim();
        break;
      }
      if (char === "[") depth += 1;
      else if (char === "]" && depth > 0) depth -= 1;
      body += char;
      i += 1;
    }
    body = body.trim();
    if (body) lines.push({ number, body, ...(comment ? { comment } : {}) });
  }
  if (openComment !== undefined) {
    throw bad({ source, line: openComment }, "this <!-- comment is never closed; expected --> after it");
  }
  return lines;
}

/** Splits `HEAD {braces} [bracket]` (braces and bracket optional, in either order, once each). */
function splitLine(body: string, at: Where): { head: string; braces?: string; bracket?: string } {
  const start = body.search(/[[{]/);
  const result: { head: string; braces?: string; bracket?: string } = {
    head: start < 0 ? body : body.slice(0, start),
  };
  let i = start < 0 ? body.length : start;
  while (i < body.length) {
    const char = body[i]!;
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === "[" || char === "{") {
      const closer = char === "[" ? "]" : "}";
      const key = char === "[" ? "bracket" : "braces";
      const close = body.indexOf(closer, i + 1);
      if (close < 0) throw bad(at, `expected ${closer} to close the ${char} opened in "${body}"`);
      if (result[key] !== undefined)
        throw bad(at, `expected one ${char}...${closer} on the line, found more`);
      const inner = body.slice(i + 1, close);
      if (/[[\]{}]/.test(inner))
        throw bad(at, `expected ${closer} to close the ${char} before another bracket`);
      result[key] = inner;
      i = close + 1;
    } else {
      throw bad(at, `expected nothing after the [code] but a # comment, found "${body.slice(i)}"`);
    }
  }
  return result;
}

function normalisePhrase(text: string): string {
  return text.replace(/_/g, " ").replace(/\s+/g, " ").trim();
}

function requirePhrase(text: string, at: Where, expected: string): string {
  const phrase = normalisePhrase(text);
  if (!phrase) throw bad(at, `expected ${expected}`);
  return phrase;
}
