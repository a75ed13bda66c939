// Events: what actors did, coded in CAMEO and PLOVER from verb and event-noun patterns, with
// source and target actors, the attempted flag, a date resolved against the publication date,
// and a location from the gazetteer. Later references to the same happening ("the attack",
// "the assassination attempt") join the first mention's event. readSentence decides which cue
// codes a sentence (its main verb, not an aside) and what an intent, threat, refusal or request
// around that cue makes of it ("threatened to impose a curfew" is a threat, not a curfew).
import type { ActorRef, Event, Location } from "../domain/index.js";
import { dayInSentence } from "../text/index.js";
import type { ContextMention } from "./context.js";
import type { CameoEntry, EventPattern, Patterns } from "./patterns.js";
import type { PlaceMention } from "./resolve-actors.js";
import { findQuotes, insideQuote, type SentenceView, type SpeechFinder } from "./speech.js";

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
  /** The date relative dates count from (never the clock), its year, and the report's day-month order. */
  reference: { date: string | null; year: number | null; dayFirst: boolean };
  text: string;
}

export const ATTEMPT =
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
/** A dateline opening a sentence: place names (capitalised, "/"-joined), an agency in brackets, a
 * date, then a dash or colon: "BAGHDAD/DUBAI, Nov 7 (Wire) —", "HONG KONG (AP) —", "JAKARTA:".
 * (No "i" flag: it would let \p{Lu} match lower case.) */
export const DATELINE =
  /^[\p{Lu}][\p{L}.'’-]*(?:[ /][\p{Lu}][\p{L}.'’-]*){0,3}(?:\s*\([^)]{0,40}\))?(?:,[^—–:()]{0,30}(?:\([^)]{0,40}\))?)?\s*(?:—|–|-|:)\s/u;
export const DATELINE_AFTER = /^\s*(\/\s*[A-Z]+\s*)?(?:[,(—–-]\s*(\(|[A-Z][a-z]{2,8}\.?\s+\d|\d)|:)/;

// ---------------------------------------------------------------------------------------------
// Reading a sentence: which cue is its event, and what frame governs that cue

/** One phrase of a pattern found in a sentence; offsets are within the sentence. */
export interface Cue {
  pattern: EventPattern;
  /** The pattern's place in events.json: earlier is more specific. */
  order: number;
  /** The phrase's words other than wildcards: "accused * of war crimes" has four. */
  words: number;
  start: number;
  end: number;
}

type FrameKind = "intent" | "threat" | "refusal" | "demand" | "appeal";

/** Words that make an action intended, threatened, refused or asked for ("threatened to", "will"). */
interface Frame {
  kind: FrameKind;
  start: number;
  /** Where the addressee of an appeal or demand stands: "urged [Israel] to lift the curfew". */
  addressee: [number, number] | null;
}

/** A cue with the frame that governs it: a candidate for the sentence's event. */
export interface Reading {
  cue: Cue;
  frame: Frame | null;
  /** The CAMEO code: the pattern's, or the frame's family's when a frame governs the cue. */
  cameo: string;
  start: number;
  end: number;
  /** The cue is a verb form ("attacked", "was shot", "will attack"), not an event noun. */
  verbal: boolean;
  /** The cue stands in an aside: "since last month's invasion", "which killed five". */
  aside: Aside | null;
  /** The aside names what the sentence describes: "which officials called an assassination attempt". */
  naming: boolean;
}

interface Token {
  lower: string;
  start: number;
  end: number;
  word: boolean;
  capitalised: boolean;
}

const words = (list: string) => new Set(list.trim().split(/\s+/));

/** Words after which a cue is an event noun: "the attack", "an invasion", "of shelling". */
const NOUN_MARKERS = words(`a an the this these those its his her their our your my any every each some no
  another such all both several many more most other further fresh new last latest recent previous earlier
  first second same of on in at for after over against by with from since during following amid amidst
  about into onto under before despite without including like between among toward towards than upon via
  across behind near around through throughout within per`);
/** Words after which a cue is a verb form: "was attacked", "to attack", "will attack". */
const AUXILIARIES = words(`is are was were be been being has have had will would shall should can could
  may might must did do does to not never`);
/** Irregular past forms that open event phrases ("shot dead", "took * hostage", "met with"). */
const PAST_FORMS = words(`shot struck hit met held took taken sent gave given broke broken threw thrown
  fought overran overrun made began begun led won lost sought brought blew blown withdrew withdrawn
  undertook shut put set cut laid fled kept beat beaten forgave forgiven swore sworn spoke told froze
  frozen paid rose drove stole burnt tore torn`);
/** -ed words that open event phrases as adjectives ("armed clashes"). */
const ED_ADJECTIVES = words("armed");
const ADVERBS = words(
  "also soon now then still again just already later once jointly further today yesterday tonight",
);
/** Words that open an aside of time or cause, and words that open a subordinate or relative clause. */
const ADJUNCTS = words("since after following amid amidst during despite before until");
const CLAUSES = words("when while whereas because although though which who whom whose where whereby as");
const CONDITIONS = words("if unless");
const RELATIVES = words("which who whom whose where");
const NAMING = words(`called calls calling described describes describing termed branded labelled labeled
  dubbed deemed`);
const ADJUNCT_PHRASES = [
  "in the wake of",
  "in the aftermath of",
  "in retaliation for",
  "in response to",
  "in protest at",
  "in protest of",
  "in protest against",
  "in protest over",
  "ahead of",
  "prior to",
].map((p) => p.split(" "));

/** Verbs that enact an event noun: "impose a curfew", "launch an offensive", "hold a general strike". */
const SUPPORT_VERBS = new Set(
  `impose reimpose institute introduce declare enforce extend launch mount conduct stage hold begin start
  resume continue use deploy send provide give deliver supply grant sign join establish open organize
  organise make pay tighten intensify escalate expand increase undertake take accept allow carry step set
  host`
    .trim()
    .split(/\s+/)
    .flatMap(inflections)
    .concat(
      "held began begun beginning gave given sent made paid took taken undertook undertaken stepped stepping".split(
        " ",
      ),
    ),
);
const PARTICLES = words("out up");

/** Frame words before "to": "threatened to", "refused to", "agreed to", "is ready to". */
const TO_THREAT = words("threatened threaten threatens threatening");
const TO_REFUSAL = words(`refused refuse refuses refusing declined decline declines declining unwilling
  reluctant`);
const TO_INTENT = words(`agreed agree agrees agreeing offered offer offers offering promised promise promises
  promising pledged pledge pledges pledging vowed vow vows vowing swore sworn swear swears decided decide
  decides plans planned planning plan intends intend intended intending ready prepared willing going hopes
  hoped is are`);
const STATES = words("ready prepared willing");
const BE = words("is are was were be been being stands stood remains remained not");
/** "urged [X] to", "asked [X] to": an appeal to an addressee. "called on" and "appealed to" are two words. */
const ADDRESSEE_APPEAL = words(`urged urge urges urging asked ask asks asking pressed press presses pressing
  pressured pressure pressuring pushed push pushes pushing encouraged encourage encourages encouraging
  invited invite invites inviting`);
const CALL = words("called call calls calling");
const APPEAL_FOR = words(`called call calls calling appealed appeal appeals appealing pushed push pushes
  pushing pressed press presses pressing asked ask asks asking`);
const DEMAND = words("demanded demand demands demanding");
const DEMAND_THAT = words("demanded demand demands demanding insisted insist insists insisting");
const THREAT_NOUNS = words("threat threats");
const WARN = words("warned warn warns warning");
const URGE = words("urged urge urges urging");
const REFUSE_OBJECT = words("refused refuses refusing rejected rejects rejecting");
const RULE = words("ruled rules ruling");
const OFFER_OBJECT = words("offered offers offering promised promises promising pledged pledges pledging");
const AGREE = words("agreed agree agrees agreeing");

/** The CAMEO families that comment on events: statements, appeals, support, inquiries, demands, criticism. */
const COMMENT_FAMILIES = new Set(["01", "02", "05", "09", "10", "11"]);

/** A verb's base, -s, -ed and -ing forms; SUPPORT_VERBS adds the irregular ones. */
function inflections(base: string): string[] {
  const y = /[^aeiou]y$/.test(base);
  const stem = base.endsWith("e") ? base.slice(0, -1) : base;
  const s = /(s|sh|ch|x|z)$/.test(base) ? `${base}es` : y ? `${base.slice(0, -1)}ies` : `${base}s`;
  const ed = base.endsWith("e") ? `${base}d` : y ? `${base.slice(0, -1)}ied` : `${base}ed`;
  return [base, s, ed, `${stem}ing`];
}

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*['’]?|[^\s\p{L}\p{N}]/gu)) {
    const t = m[0];
    // Full stops inside a sentence belong to abbreviations ("U.S."); quotation marks are transparent.
    if (/^[."'“”‘’`]$/.test(t)) continue;
    tokens.push({
      lower: t.toLowerCase(),
      start: m.index,
      end: m.index + t.length,
      word: /^[\p{L}\p{N}]/u.test(t),
      capitalised: /^\p{Lu}/u.test(t),
    });
  }
  return tokens;
}

/** The index of the last token that ends at or before a position. */
function tokenBefore(tokens: readonly Token[], position: number): number {
  let i = tokens.length - 1;
  while (i >= 0 && tokens[i]!.end > position) i--;
  return i;
}

/** Determiners, numbers, names and adjectives between a frame and its event noun: "a new military". */
function isFiller(t: Token): boolean {
  const w = t.lower;
  return (
    NOUN_MARKERS.has(w) ||
    /^\d/.test(w) ||
    t.capitalised ||
    w.includes("-") ||
    /['’]s?$/.test(w) ||
    /(al|ic|ous|ary|ian|ese|ern|ful|less)$/.test(w) ||
    (w.length >= 6 && /ive$/.test(w) && !/(eive|rive|give|live)$/.test(w)) ||
    ["night", "nightly", "daily", "joint", "full", "total", "partial", "limited", "wider", "major"].includes(
      w,
    )
  );
}

const isAdverb = (w: string) => ADVERBS.has(w) || (w.length > 4 && w.endsWith("ly"));

/** The frame whose words end at token k, if any: "will", "threatened to", "urged Israel to", "called for". */
function frameEndingAt(tokens: readonly Token[], k: number, sentence: string): Frame | null {
  const w = (i: number) => (i >= 0 && tokens[i]?.word ? tokens[i]!.lower : undefined);
  const at = (i: number, kind: FrameKind, addressee: [number, number] | null = null): Frame => ({
    kind,
    start: tokens[i]!.start,
    addressee,
  });
  const t0 = w(k);
  if (!t0) return null;
  const modal = (x: string | undefined) => x === "will" || x === "would" || x === "shall" || x === "can";
  // Refusals: "will not", "would never", "will no longer", "won't", "cannot".
  if ((t0 === "not" || t0 === "never") && modal(w(k - 1))) return at(k - 1, "refusal");
  if (t0 === "longer" && w(k - 1) === "no" && modal(w(k - 2))) return at(k - 2, "refusal");
  if (/^(won|wouldn|can|shan)['’]t$|^cannot$/.test(t0)) return at(k, "refusal");
  // Intentions and requests carried by a modal: "will visit", "Sudan must return", "should lift".
  if (t0 === "will" || t0 === "would" || t0 === "shall" || /['’]ll$/.test(t0)) return at(k, "intent");
  if (t0 === "must" || t0 === "should") {
    const from = Math.max(0, tokens[k]!.start - 60);
    return at(k, t0 === "must" ? "demand" : "appeal", [from, tokens[k]!.start]);
  }
  // "may", "might", "could" announce a step only as the price of a condition: "may halt mediation if ...".
  if ((t0 === "may" || t0 === "might" || t0 === "could") && /\b(if|unless)\b/i.test(sentence)) {
    return at(k, "intent");
  }
  if (t0 === "to") {
    // "threatened today to": a time word or adverb may stand between the verb and "to".
    const v = w(k - 1) && isAdverb(w(k - 1)!) && w(k - 2) ? k - 2 : k - 1;
    const t1 = w(v);
    if (t1 && TO_THREAT.has(t1)) return at(v, "threat");
    if (t1 && TO_REFUSAL.has(t1)) return at(v, "refusal");
    if (t1 && TO_INTENT.has(t1)) {
      if (t1 === "is" || t1 === "are") return at(v, "intent");
      // "ready", "prepared", "willing" promise only after a form of "be": "the army prepared to" acts.
      const be = w(v - 1) === "not" ? v - 2 : v - 1;
      if (STATES.has(t1) && !BE.has(w(be) ?? "")) return null;
      // "must be ready to mediate" asks it of someone; "should be willing to" appeals.
      const modal = w(be - 1);
      if (STATES.has(t1) && w(be) === "be" && (modal === "must" || modal === "should")) {
        const modalAt = tokens[be - 1]!.start;
        return at(be - 1, modal === "must" ? "demand" : "appeal", [Math.max(0, modalAt - 60), modalAt]);
      }
      // "is not willing to", "is not yet ready to", "did not agree to" refuse.
      const not = w(v - 1) === "not" || w(v - 1) === "never" ? v - 1 : w(v - 2) === "not" ? v - 2 : -1;
      return not >= 0 ? at(not, "refusal") : at(v, "intent");
    }
    // An appeal to an addressee: "urged [the government] to", "called on [Israel] to".
    for (let i = k - 2; i >= Math.max(0, k - 8); i--) {
      if (!tokens[i]!.word) break;
      const addressee: [number, number] = [tokens[i + 1]!.start, tokens[k - 1]!.end];
      if (ADDRESSEE_APPEAL.has(tokens[i]!.lower)) return at(i, "appeal", addressee);
      if (tokens[i]!.lower === "on" && CALL.has(w(i - 1) ?? "")) return at(i - 1, "appeal", addressee);
      if (tokens[i]!.lower === "to" && /^appeal/.test(w(i - 1) ?? "")) return at(i - 1, "appeal", addressee);
    }
    return null;
  }
  // Frames that take the event noun itself: "called for sanctions", "threat of force", "urged restraint".
  if (t0 === "for" && APPEAL_FOR.has(w(k - 1) ?? "")) return at(k - 1, "appeal");
  if (t0 === "for" && DEMAND.has(w(k - 1) ?? "")) return at(k - 1, "demand");
  if (t0 === "of" && (THREAT_NOUNS.has(w(k - 1) ?? "") || WARN.has(w(k - 1) ?? "")))
    return at(k - 1, "threat");
  if (URGE.has(t0)) return at(k, "appeal");
  if (DEMAND.has(t0)) return at(k, "demand");
  if (TO_THREAT.has(t0)) return at(k, "threat");
  if (REFUSE_OBJECT.has(t0)) return at(k, "refusal");
  if (t0 === "out" && RULE.has(w(k - 1) ?? "")) return at(k - 1, "refusal");
  if (OFFER_OBJECT.has(t0)) return at(k, "intent");
  if ((t0 === "on" || t0 === "upon") && AGREE.has(w(k - 1) ?? "")) return at(k - 1, "intent");
  // A demand on an addressee: "demanded that [Israel] lift the curfew".
  for (let i = k; i >= Math.max(1, k - 6); i--) {
    if (!tokens[i]!.word) break;
    if (tokens[i]!.lower !== "that") continue;
    const verb = DEMAND_THAT.has(w(i - 1) ?? "") ? i - 1 : DEMAND.has(w(i - 2) ?? "") ? i - 2 : -1;
    if (verb >= 0 && i < k) return at(verb, "demand", [tokens[i + 1]!.start, tokens[k]!.end]);
    break;
  }
  return null;
}

/** The frame governing a cue: a frame, then an enacting verb, then up to three fillers, then the cue. */
function frameBefore(
  tokens: readonly Token[],
  cue: Cue,
  cues: readonly Cue[],
  sentence: string,
): Frame | null {
  const blocked = (i: number) =>
    cues.some((o) => o !== cue && tokens[i]!.start < o.end && tokens[i]!.end > o.start);
  const word = (i: number) => i >= 0 && tokens[i]!.word && !blocked(i);
  let k = tokenBefore(tokens, cue.start);
  for (let fillers = 0; fillers < 3 && word(k) && isFiller(tokens[k]!); fillers++) k--;
  let verb = k;
  if (word(verb) && PARTICLES.has(tokens[verb]!.lower)) verb--;
  if (word(verb) && SUPPORT_VERBS.has(tokens[verb]!.lower)) k = verb - 1;
  if (word(k) && isAdverb(tokens[k]!.lower)) k--;
  const frame = frameEndingAt(tokens, k, sentence);
  if (!frame) return null;
  // "warned that it would impose a curfew": a promise made as a warning is a threat.
  if (
    frame.kind === "intent" &&
    /\b(warn(s|ed|ing)?|threat(en)?(s|ed|ing)?)\b/i.test(sentence.slice(0, frame.start))
  ) {
    return { ...frame, kind: "threat" };
  }
  return frame;
}

/** Whether the cue is a verb form: after an auxiliary, a past form not after a determiner, or an event
 * noun enacted by a verb in the past ("began a hunger strike", "launched an offensive"). */
function isVerbForm(tokens: readonly Token[], cue: Cue): boolean {
  const first = tokens.find((t) => t.start >= cue.start);
  if (!first) return false;
  let k = tokenBefore(tokens, cue.start);
  for (let fillers = 0; fillers < 3 && k >= 0 && tokens[k]!.word && isFiller(tokens[k]!); fillers++) k--;
  const support = k >= 0 && tokens[k]!.word ? tokens[k]!.lower : "";
  if (SUPPORT_VERBS.has(support) && (PAST_FORMS.has(support) || support.endsWith("ed"))) return true;
  let p = tokenBefore(tokens, cue.start);
  if (p > 0 && tokens[p]!.word && isAdverb(tokens[p]!.lower)) p--;
  const prev = p >= 0 && tokens[p]!.word ? tokens[p]! : undefined;
  if (prev && (NOUN_MARKERS.has(prev.lower) || /^\d/.test(prev.lower) || /\p{L}['’]s?$/u.test(prev.lower))) {
    return false;
  }
  if (prev && AUXILIARIES.has(prev.lower)) return true;
  const w = first.lower;
  return PAST_FORMS.has(w) || (w.length >= 5 && w.endsWith("ed") && !ED_ADJECTIVES.has(w));
}

type Aside = "adjunct" | "clause" | "condition";

/**
 * Whether a position stands in an aside, and which: an adjunct of time or cause ("since the invasion",
 * "in retaliation for the raid") speaks of another event; a subordinate or relative clause ("as the
 * government ordered an inquiry into what it called an assassination attempt") may describe the same
 * one; a condition ("if it is attacked", "unless Baghdad accepts") speaks of none that happened. A
 * comma or dash ends the aside, unless it closes a relative clause inside it ("after supporters, who
 * reject the results, clashed with police").
 */
function asideOf(tokens: readonly Token[], position: number): Aside | null {
  for (let i = tokenBefore(tokens, position); i >= 0; i--) {
    const t = tokens[i]!;
    if (t.lower === "but") return null;
    if (!t.word) {
      if (t.lower !== ",") return null;
      let j = i - 1;
      while (j >= 0 && tokens[j]!.word) j--;
      if (j >= 0 && tokens[j]!.lower === "," && RELATIVES.has(tokens[j + 1]?.lower ?? "")) {
        i = j;
        continue;
      }
      return null;
    }
    if (ADJUNCT_PHRASES.some((p) => p.every((w, k) => tokens[i - p.length + 1 + k]?.lower === w))) {
      return "adjunct";
    }
    if (ADJUNCTS.has(t.lower)) return "adjunct";
    if (CONDITIONS.has(t.lower)) return "condition";
    if (!CLAUSES.has(t.lower)) continue;
    if (t.lower !== "as") return "clause";
    // "as" opens a clause ("as fighting raged"), not in "such as", "as well as", "as a warning".
    const before = tokens[i - 1]?.lower;
    const after = tokens[i + 1]?.lower;
    if (before !== "such" && before !== "well" && after !== "well" && after !== "a" && after !== "an") {
      return "clause";
    }
  }
  return null;
}

/** Whether a verb of naming stands shortly before: "what it called a failed assassination attempt". */
function isNaming(tokens: readonly Token[], position: number): boolean {
  for (let i = tokenBefore(tokens, position), n = 0; i >= 0 && n < 6 && tokens[i]!.word; i--, n++) {
    // "called it a coup" names; "called on Israel to", "called for calm" ask.
    if (NAMING.has(tokens[i]!.lower) && !/^(on|for|off|up)$/.test(tokens[i + 1]?.lower ?? "")) return true;
  }
  return false;
}

// CAMEO's appeal (02), intent (03), demand (10) and rejection (12) families share one tree: material
// cooperation, diplomatic cooperation, aid, political reform, yielding, meeting, settling, mediation.
// REQUEST_SLOTS places an action in that tree as the digits that follow 02, 03 or 10 (0813, easing a
// curfew, is "51": 0251 appeal, 0351 intent, 1051 demand); 12 numbers the same branches differently.
const REQUEST_SLOTS: Record<string, string> = {
  "04": "6",
  "045": "8",
  "05": "2",
  "057": "7",
  "06": "1",
  "061": "11",
  "062": "12",
  "063": "13",
  "064": "14",
  "07": "3",
  "071": "31",
  "072": "32",
  "073": "33",
  "074": "34",
  "08": "5",
  "081": "51",
  "082": "52",
  "083": "4",
  "0831": "41",
  "0832": "42",
  "0833": "43",
  "0834": "44",
  "084": "53",
  "085": "54",
  "086": "55",
  "087": "56",
};
/** 12 numbers the branches 1 material cooperation, 2 aid, 3 reform, 4 yielding, 5 meeting, 6 mediation,
 * 7 settling, and has none for diplomatic cooperation (120). */
const REJECT_BRANCH: Record<string, string> = {
  1: "1",
  2: "0",
  3: "2",
  4: "3",
  5: "4",
  6: "5",
  7: "7",
  8: "6",
};

/** The threat (13x) of each act of force or pressure: threatening a curfew is 1323, an attack 1383. */
const THREAT_CODES: Record<string, string> = {
  "14": "133",
  "15": "138",
  "151": "137",
  "153": "137",
  "16": "131",
  "161": "1313",
  "162": "1311",
  "163": "1312",
  "164": "134",
  "165": "135",
  "166": "136",
  "17": "130",
  "172": "132",
  "1721": "1321",
  "1722": "1322",
  "1723": "1323",
  "1724": "1324",
  "173": "137",
  "174": "132",
  "175": "137",
  "18": "1383",
  "19": "1384",
  "190": "138",
  "191": "1381",
  "192": "1382",
  "20": "1383",
  "204": "1385",
};

function byLongestPrefix(table: Record<string, string>, code: string): string | undefined {
  for (let n = code.length; n >= 2; n--) {
    const hit = table[code.slice(0, n)];
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The nearest code the codebook has: "0356" itself, else "035", else the family's "030". */
function known(cameo: ReadonlyMap<string, CameoEntry>, code: string, family: string): string {
  for (let c = code; c.length >= 3; c = c.slice(0, -1)) if (cameo.has(c)) return c;
  return `${family}0`;
}

/**
 * The code of an action under a frame: a cooperative act (04-08) intended, asked for or refused
 * moves to the same branch of 03, 02/10 or 12; an act of force or pressure (14-20) intended or
 * threatened becomes its threat (13x). Null when the frame leaves the code alone ("will investigate").
 */
function framedCode(
  kind: FrameKind,
  action: string,
  verbal: boolean,
  cameo: ReadonlyMap<string, CameoEntry>,
): string | null {
  const root = Number(action.slice(0, 2));
  const family = { intent: "03", threat: "13", refusal: "12", demand: "10", appeal: "02" }[kind];
  if (action.startsWith(family)) return null;
  const cooperative = root >= 4 && root <= 8;
  // Announcing drills or a deployment is itself the show of force; threatening one is a threat.
  if (kind === "intent" && root === 15) return null;
  // "rejected the attack" speaks of the attack (see readSentence); "refused to attack" refuses.
  if (kind === "refusal" && root >= 14 && !verbal) return null;
  if (kind === "threat" || (kind === "intent" && root >= 14)) {
    return root >= 14 ? known(cameo, byLongestPrefix(THREAT_CODES, action) ?? "130", "13") : "130";
  }
  if (!cooperative) return kind === "intent" ? null : `${family}0`;
  const slot = byLongestPrefix(REQUEST_SLOTS, action)!;
  // "offered to mediate" is an intent to mediate (039); "agreed to US mediation" accepts it (038).
  if (family === "03" && slot === "8" && verbal) return "039";
  const branch = family === "12" ? REJECT_BRANCH[slot[0]!]! + slot.slice(1) : slot;
  return known(cameo, family + branch, family);
}

/** One phrase of a pattern, with the words a sentence must contain for it to match. */
interface Phrase {
  pattern: EventPattern;
  order: number;
  regex: RegExp;
  /** Its words other than wildcards: "accused * of war crimes" has four. */
  count: number;
  required: string[];
}

/** The phrases by their longest word (the rarest, most likely), and those with no plain word. */
interface PhraseIndex {
  byWord: Map<string, Phrase[]>;
  always: Phrase[];
}

const phraseIndexes = new WeakMap<Patterns, PhraseIndex>();

function phraseIndex(patterns: Patterns): PhraseIndex {
  let index = phraseIndexes.get(patterns);
  if (index) return index;
  index = { byWord: new Map(), always: [] };
  for (const [order, pattern] of patterns.events.entries()) {
    for (const [i, text] of pattern.phrases.entries()) {
      const literal = text
        .trim()
        .split(/\s+/)
        .filter((w) => w !== "*");
      const required = literal.filter((w) => /^[\p{L}\p{N}'’-]+$/u.test(w));
      const phrase = { pattern, order, regex: pattern.regexes[i]!, count: literal.length, required };
      const key = [...required].sort((a, b) => b.length - a.length)[0];
      if (!key) index.always.push(phrase);
      else if (index.byWord.has(key)) index.byWord.get(key)!.push(phrase);
      else index.byWord.set(key, [phrase]);
    }
  }
  phraseIndexes.set(patterns, index);
  return index;
}

/** Every phrase match in the sentence, with the cues that a longer cue contains removed. */
export function findCues(sentence: string, patterns: Patterns): Cue[] {
  // Only phrases whose words all occur in the sentence are tried, found through their longest word:
  // this spares running some 2,000 regular expressions on every sentence.
  const present = new Set(sentence.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? []);
  const index = phraseIndex(patterns);
  const cues: Cue[] = [];
  const attempt = (phrase: Phrase) => {
    if (!phrase.required.every((w) => present.has(w))) return;
    const m = phrase.regex.exec(sentence);
    if (!m) return;
    const { pattern, order, count } = phrase;
    cues.push({ pattern, order, words: count, start: m.index, end: m.index + m[0].length });
  };
  for (const word of present) for (const phrase of index.byWord.get(word) ?? []) attempt(phrase);
  for (const phrase of index.always) attempt(phrase);
  // "suicide car bombing" contains "car bombing", "threatened to attack" contains "attack": the
  // phrase with more words is the more specific one (wildcards do not count: "welcomed * to" is no
  // more specific than "welcomed * decision"); with as many words the pattern listed first wins.
  const ranked = [...cues].sort((a, b) => b.words - a.words || a.order - b.order || a.start - b.start);
  const kept: Cue[] = [];
  for (const cue of ranked) {
    const nested = (k: Cue) =>
      (k.start <= cue.start && k.end >= cue.end) || (cue.start <= k.start && cue.end >= k.end);
    if (!kept.some(nested)) kept.push(cue);
  }
  return kept.sort((a, b) => a.start - b.start || a.order - b.order);
}

/**
 * The sentence's event among its cues. A frame ("will", "threatened to", "urged X to") joins the cue
 * it governs and recodes it. Cues in an aside ("since the invasion", "which killed five") give way to
 * the rest; then the earliest verb form is the main verb and wins; with no verb form, the pattern
 * listed first wins. Two of the file's groups keep their rank over the main verb: a comment
 * (statement, appeal, praise, inquiry, demand, criticism) gives way to an act of force listed before
 * it, and a violent cue to a more specific violent cue that is not a mere date ("after the bombing").
 */
export function readSentence(
  sentence: string,
  patterns: Patterns,
): { reading: Reading; others: Reading[] } | null {
  const cues = findCues(sentence, patterns);
  if (!cues.length) return null;
  const tokens = tokenize(sentence);
  const all = cues.map((cue): Reading => {
    const frame = frameBefore(tokens, cue, cues, sentence);
    const verbForm = isVerbForm(tokens, cue);
    const framed = frame ? framedCode(frame.kind, cue.pattern.cameo, verbForm, patterns.cameo) : null;
    const start = framed ? frame!.start : cue.start;
    return {
      cue,
      frame: framed ? frame : null,
      cameo: framed ?? cue.pattern.cameo,
      start,
      end: cue.end,
      verbal: framed !== null || verbForm,
      aside: asideOf(tokens, start),
      naming: isNaming(tokens, start),
    };
  });
  // The frame's own words ("threatened", "refused to", "agreed to") and the addressee between them
  // and the action belong to the framed reading, not to readings of their own.
  const readings = all.filter(
    (r) => !all.some((o) => o !== r && o.frame && r.cue.start >= o.start && r.cue.end <= o.cue.start),
  );
  const real = readings.filter((r) => r.aside !== "condition");
  const foreground = real.filter((r) => !r.aside);
  const pool = foreground.length ? foreground : real;
  if (!pool.length) return null;
  const chosen =
    pool.filter((r) => r.verbal).sort((a, b) => a.start - b.start)[0] ??
    [...pool].sort((a, b) => a.cue.order - b.cue.order || a.start - b.start)[0]!;
  const before = (r: Reading) => r !== chosen && r.cue.order < chosen.cue.order;
  const root = (r: Reading) => Number(r.cameo.slice(0, 2));
  // A cue in an aside stands for the same happening only when the aside names it ("which officials
  // called an assassination attempt"); otherwise it is another event ("after the bombing").
  const same = (r: Reading) => !r.aside || r.naming;
  // What a comment is about follows it, or precedes it when the comment is passive ("the attack was
  // condemned"); the subject of an active comment ("protesters demanded ...") is not its topic.
  const passive = /\b(is|are|was|were|be|been|being)\s+(\w+ly\s+)?$/i.test(sentence.slice(0, chosen.start));
  const topic = (r: Reading) => r.start > chosen.start || passive;
  // Talk about violence is a mention of the violence ("Kuwait condemned the attack", "leaders reacted
  // with condemnation after the assassination attempt") when an event noun names it (not "demanded
  // an admission that forces murdered ..."); and a sentence about violence is coded with the most
  // specific violent cue that names the same happening.
  // Rejecting an act of force itself ("rejected the drone attack") is talk about it too; rejecting
  // something else (an ultimatum, a plan) is a rejection, whatever its terms mention.
  const object = (r: Reading) =>
    tokens.filter((t) => t.start >= chosen.end && t.end <= r.start).every((t, i) => i < 3 && isFiller(t));
  const alternative = COMMENT_FAMILIES.has(chosen.cameo.slice(0, 2))
    ? real.filter((r) => before(r) && root(r) >= 14 && !r.verbal && topic(r))
    : chosen.cameo.startsWith("12") && !chosen.frame
      ? real.filter((r) => before(r) && root(r) >= 14 && !r.verbal && r.start > chosen.start && object(r))
      : root(chosen) >= 18 && !chosen.frame
        ? real.filter((r) => before(r) && root(r) >= 18 && same(r))
        : [];
  const reading =
    alternative.sort((a, b) => Number(same(b)) - Number(same(a)) || a.cue.order - b.cue.order)[0] ?? chosen;
  return { reading, others: real.filter((r) => r !== reading) };
}

// ---------------------------------------------------------------------------------------------

export function ploverOf(patterns: Patterns, cameo: string): { plover: string; mode: string | null } {
  for (let code = cameo; code.length >= 2; code = code.slice(0, -1)) {
    const entry = patterns.cameo.get(code);
    if (entry) return { plover: entry.plover, mode: entry.mode ?? null };
  }
  return { plover: "OTHER", mode: null };
}

const ploverModes = new WeakMap<Patterns, Set<string>>();

/**
 * The event's PLOVER type and mode. A pattern's mode replaces the codebook's only when it is a PLOVER
 * mode (one the codebook uses: `explosives`, `firearms`); finer hints (`drone`, `artillery`) and
 * framed codes (a threatened air strike is 1384, not an air strike) take the codebook's mode.
 */
function ploverOfReading(patterns: Patterns, reading: Reading): { plover: string; mode: string | null } {
  let modes = ploverModes.get(patterns);
  if (!modes) {
    modes = new Set([...patterns.cameo.values()].flatMap((c) => (c.mode ? [c.mode] : [])));
    ploverModes.set(patterns, modes);
  }
  const coded = ploverOf(patterns, reading.cameo);
  const hint = reading.frame ? null : reading.cue.pattern.mode;
  return { plover: coded.plover, mode: hint && modes.has(hint) ? hint : coded.mode };
}

function eventDate(sentence: string, reference: EventInput["reference"]): string | null {
  return dayInSentence(sentence, reference, reference.dayFirst);
}

export function extractEvents(input: EventInput): DetectedEvent[] {
  const { views, patterns, speech, ref, text } = input;
  const events: DetectedEvent[] = [];
  for (const view of views) {
    if (view.heading && view.index > 0) continue;
    // Forecasts, hypotheses, conditions and scenario sections did not happen.
    if (view.modality.hypothetical) continue;
    const read = readSentence(view.text, patterns);
    if (!read) continue;
    const { reading } = read;
    // An act inside a modal clause that a fact embeds ("warned that an attack could follow") is
    // not one, unless a frame makes it an intent or threat ("said it would retaliate").
    const clause = view.modality.clauseStart;
    if (clause !== null && reading.start >= clause && !reading.frame) continue;
    const at = view.start + reading.start;
    const end = view.start + reading.end;
    const { plover, mode } = ploverOfReading(patterns, reading);
    const root = reading.cameo.slice(0, 2);
    const conflict = events.find((e) => Number(e.cameo.slice(0, 2)) >= 18);
    // A definite reference to the attack in a sentence coded as something else ("expressed solidarity
    // after the attack") still counts as a mention of the attack.
    if (
      conflict &&
      Number(root) < 18 &&
      read.others.some(
        (r) => Number(r.cameo.slice(0, 2)) >= 18 && BACK_REFERENCE.test(view.text.slice(0, r.cue.start)),
      )
    ) {
      conflict.mentions++;
    }
    // The addressee of an appeal or demand is its target: "urged Israel to lift the curfew",
    // "demanded that Russia withdraw", "called on the president to resign".
    const request = root === "02" || root === "10";
    const addressee =
      reading.frame?.addressee ?? (request ? ([reading.start + 1, reading.end] as [number, number]) : null);
    const addressed = addressee
      ? view.mentions
          .filter(
            (x) =>
              x.via !== "pronoun" &&
              x.start >= view.start + addressee[0] &&
              x.end <= view.start + addressee[1],
          )
          .at(-1)
      : undefined;
    // The target: the actor the cue acts on ("attack on X", "targeted the residence of X"), the
    // owner before it ("X's convoy was hit"), or the subject of a passive ("X was shot").
    const passiveCue = /\b(was|were|been|being|is|are)\s+(\w+ly\s+)?$/i.test(
      text.slice(Math.max(view.start, at - 30), at),
    );
    const targetMention =
      addressed ??
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
    const dateline = DATELINE.exec(view.text)?.[0].length ?? 0;
    const place =
      input.places.find(
        (p) =>
          p.sentence === view.index &&
          p.start - view.start >= dateline &&
          !(p.start - view.start < 2 && DATELINE_AFTER.test(text.slice(p.end, p.end + 30))),
      ) ?? null;
    const location: Location | null = place ? { name: place.name, country: place.country } : null;
    // Only acts of force are attempted or accomplished; "rejected any attempt" is no attempt.
    const attempted =
      (Boolean(reading.cue.pattern.attempted) && !reading.frame) ||
      (Number(root) >= 14 && ATTEMPT.test(view.text));
    const target = targetMention ? ref(targetMention) : null;
    // A definite reference ("condemned the attack") joins the conflict event already reported; a
    // later report of the same family and target joins it too.
    if (conflict && Number(root) >= 18 && BACK_REFERENCE.test(view.text.slice(0, reading.start))) {
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
        instrument: reading.frame ? headline.instrument : (reading.cue.pattern.mode ?? headline.instrument),
        cameo: reading.cameo,
        plover,
        mode,
        sentence: view.text,
        offset: [view.start, view.end],
      });
      headline.target_actor ??= target;
      headline.targetMention ??= targetMention;
      headline.location ??= location;
      headline.date = eventDate(view.text, input.reference) ?? headline.date;
      headline.source_actor ??= sourceMention ? ref(sourceMention) : null;
      headline.attempted ||= attempted;
      continue;
    }
    if (same) {
      same.mentions++;
      same.target_actor ??= target;
      same.targetMention ??= targetMention;
      same.location ??= location;
      // '"It was a terrorist act," Putin said at a meeting on Sunday': a later mention inside a
      // quotation is the speaker's, and the sentence's day dates the speaking, not the act.
      if (!insideQuote(findQuotes(text, view.start, view.end), at))
        same.date ??= eventDate(view.text, input.reference);
      same.source_actor ??= sourceMention ? ref(sourceMention) : null;
      same.attempted ||= attempted;
      continue;
    }
    events.push({
      id: `ev${events.length + 1}`,
      summary: view.text.length > 200 ? `${view.text.slice(0, 197)}…` : view.text,
      cameo: reading.cameo,
      plover,
      mode,
      date: eventDate(view.text, input.reference),
      location,
      source_actor: sourceMention ? ref(sourceMention) : null,
      target_actor: target,
      attempted,
      sentence: view.text,
      offset: [view.start, view.end],
      confidence: 0.7,
      instrument: reading.frame ? null : (reading.cue.pattern.mode ?? null),
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
