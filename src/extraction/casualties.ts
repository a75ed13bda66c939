// Casualties: the killed and wounded a sentence reports ("two members of the protection force were
// killed", "killing at least 12", "the death toll rose to 40"), read once here into the analysis
// contract; the case analysis (event clusters) and the exports (ACLED) use these figures rather
// than parsers of their own.

const NUMBER_WORDS: Record<string, number> = Object.fromEntries([
  ..."one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    .split(" ")
    .map((word, i) => [word, i + 1] as const),
  ["thirty", 30],
  ["forty", 40],
  ["fifty", 50],
  ["hundred", 100],
]);
const VAGUE = ["several", "dozens", "scores", "hundreds", "many"];
const NUM = `(\\d{1,3}(?:,\\d{3})+|\\d+|${[...Object.keys(NUMBER_WORDS), ...VAGUE].join("|")})`;
const HARM = "(killed|dead|wounded|injured|hurt)";
// "two members of the protection force were killed": a number, up to eight words (not a unit of
// time or a kind of source), perhaps a form of "be", then the harm. "no one" is nobody.
const NUMBER_FIRST = new RegExp(
  `(?<!\\bno\\s)\\b${NUM}((?:\\s+(?!(?:days?|weeks?|months?|years?|hours?|officials?|sources?)\\b)[\\p{L}'’-]+){0,8}?)\\s+${HARM}\\b`,
  "giu",
);
// "... critically injured two others", "killing at least 12".
const HARM_FIRST = new RegExp(
  `\\b(killed|killing|kills|wounded|wounding|injured|injuring)\\s+(?:at\\s+least\\s+|about\\s+|some\\s+|around\\s+)?${NUM}\\b`,
  "giu",
);
const DEATH_TOLL = new RegExp(`\\bdeath\\s+toll\\s+(?:\\S+\\s+){0,3}?(?:to|of|at)\\s+${NUM}\\b`, "giu");
const HARM_BEFORE =
  /\b(?:killed|killing|kills|wounded|wounding|injured|injuring)\s+(?:at\s+least\s+|about\s+|some\s+|around\s+)?$/i;
/** A number before these counts the means of an attack ("one of the drones killed"), not victims. */
const ATTACK_WORDS =
  /\b(?:attacks?|strikes?|bombings?|blasts?|explosions?|shootings?|raids?|drones?|rockets?|missiles?)\b/i;

export interface CasualtyFigureIn {
  kind: "killed" | "wounded";
  /** null for a vague figure ("several", "dozens"). */
  count: number | null;
  phrase: string;
  /** Offset of the phrase within the sentence. */
  at: number;
}

function count(word: string): number | null {
  if (/^[\d,]+$/.test(word)) return Number(word.replace(/,/g, ""));
  return NUMBER_WORDS[word.toLowerCase()] ?? null;
}

const harmKind = (word: string): CasualtyFigureIn["kind"] =>
  /^(kill|dead)/i.test(word) ? "killed" : "wounded";

/** Every casualty figure of a sentence, in text order. */
export function casualtyFiguresIn(sentence: string): CasualtyFigureIn[] {
  const out: CasualtyFigureIn[] = [];
  const taken = (at: number) => out.some((o) => at >= o.at && at < o.at + o.phrase.length);
  for (const m of sentence.matchAll(NUMBER_FIRST)) {
    const gap = m[2] ?? "";
    // "not injured"; a year ("the 2021 drone attack killed ..."); a number of attacks, not victims.
    if (/\bnot\s*$/i.test(gap) || /^(1[89]|20)\d\d$/.test(m[1]!) || ATTACK_WORDS.test(gap)) continue;
    // "killed three guards and wounded seven": the number is the object of the harm before it.
    if (HARM_BEFORE.test(sentence.slice(0, m.index ?? 0))) continue;
    out.push({ kind: harmKind(m[3]!), count: count(m[1]!), phrase: m[0], at: m.index ?? 0 });
  }
  for (const m of sentence.matchAll(HARM_FIRST)) {
    const at = m.index ?? 0;
    if (!taken(at)) out.push({ kind: harmKind(m[1]!), count: count(m[2]!), phrase: m[0], at });
  }
  for (const m of sentence.matchAll(DEATH_TOLL)) {
    const at = m.index ?? 0;
    if (!taken(at)) out.push({ kind: "killed", count: count(m[1]!), phrase: m[0], at });
  }
  return out.sort((a, b) => a.at - b.at);
}

export interface Casualties {
  killed: number | null;
  wounded: number | null;
  /** The words the first figure was read from. */
  phrase: string;
  offset: [number, number];
}

/** The killed and wounded a sentence reports (the first figure of each kind), or null. */
export function readCasualties(sentence: string, sentenceStart = 0): Casualties | null {
  const figures = casualtyFiguresIn(sentence).filter((f) => f.count !== null);
  if (!figures.length) return null;
  const first = figures[0]!;
  return {
    killed: figures.find((f) => f.kind === "killed")?.count ?? null,
    wounded: figures.find((f) => f.kind === "wounded")?.count ?? null,
    phrase: first.phrase,
    offset: [sentenceStart + first.at, sentenceStart + first.at + first.phrase.length],
  };
}
