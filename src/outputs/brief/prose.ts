// The brief's English: lists joined as a writer joins them ("A, B and C"), dates as analysts write
// them ("7 November 2021"), small numbers in words, articles before names that take one ("the
// United Arab Emirates", not "the Iraq"), and the reports' own sentences tidied for quoting in
// prose (a dateline or a bullet dropped). Templates elsewhere build sentences from these pieces.

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "7 November 2021" for 2021-11-07; the input unchanged when it is not a date. */
export function longDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!m) return iso ?? "an unknown date";
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "7–30 November 2021", "30 October – 2 November 2021", "7 November 2021" for one day. */
export function dateRange(from: string | null, to: string | null): string {
  if (!from || !to) return longDate(from ?? to);
  if (from.slice(0, 10) === to.slice(0, 10)) return longDate(from);
  const [a, b] = [longDate(from).split(" "), longDate(to).split(" ")];
  if (a[2] === b[2] && a[1] === b[1]) return `${a[0]}–${b.join(" ")}`;
  if (a[2] === b[2]) return `${a[0]} ${a[1]} – ${b.join(" ")}`;
  return `${a.join(" ")} – ${b.join(" ")}`;
}

const SMALL = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const TEENS = [
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** Numbers up to ten in words, as house styles have it; larger ones in digits. */
export function numberWord(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < SMALL.length ? SMALL[n]! : String(n);
}

/** A number that opens a sentence, in words up to 99 ("Twenty-six actors …"); digits beyond. */
export function openingNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n <= 10) return capitalise(SMALL[n]!);
  if (n < 20) return capitalise(TEENS[n - 11]!);
  const unit = n % 10;
  return capitalise(`${TENS[Math.floor(n / 10)]}${unit ? `-${SMALL[unit]}` : ""}`);
}

/** "ten of 12" reads oddly: "10 of 12"; "two of three" stays in words. */
export function ofCount(part: number, whole: number): string {
  return whole > 10 ? `${part} of ${whole}` : `${numberWord(part)} of ${numberWord(whole)}`;
}

/** "one report", "two reports", "11 reports". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${numberWord(n)} ${n === 1 ? singular : plural}`;
}

/** "A", "A and B", "A, B and C" (no serial comma, as in British house styles). */
export function joinList(items: readonly string[], conjunction = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

export function capitalise(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** Closes a sentence with a full stop unless it already ends in one (or in a closing quote after one). */
export function endSentence(text: string): string {
  const t = text.trim();
  return /[.!?…]["'”’)\]]*$/.test(t) ? t : `${t}.`;
}

/** A percentage for a likelihood: "56%", "0.4%" under one per cent. */
export function percent(p: number): string {
  const v = p * 100;
  if (v > 0 && v < 1) return `${v.toFixed(1)}%`;
  return `${Math.round(v)}%`;
}

// ---------------------------------------------------------------------------------------------
// Names and articles

const STATES_WITH_ARTICLE =
  /^(United\b|Republic\b|Kingdom\b|Democratic Republic|Federated|Central African|Czech Republic|Dominican Republic|Holy See|Netherlands|Philippines|Gambia|Bahamas|Maldives|Comoros|Seychelles|Vatican|Gaza Strip|West Bank|Kurdistan Region|Palestinian Territories)|(Islands|Emirates|Republic|States)$/;

// Organisations whose English name takes "the": named for what they are ("Sadrist Movement",
// "Quds Force", "U.S. Department of State"), not by a proper name ("Kata'ib Hezbollah", "Hamas").
const ORGANISATION_NOUNS = new Set(
  (
    "forces force movement party front council army alliance brigades brigade organization organisation " +
    "ministry department service services commission government parliament union league committee office " +
    "agency court police guard guards corps authority authorities assembly mission coalition network " +
    "federation secretariat state militia militias group bloc presidency administration unit units command " +
    "directorate bureau institute centre center association society fund bank cabinet"
  ).split(" "),
);
const ORGANISATION_FIRST = new Set(
  "ministry department office council government presidency secretariat police army cabinet".split(" "),
);

export type NameKind =
  | "state"
  | "person"
  | "government_body"
  | "igo"
  | "armed_group"
  | "party"
  | "media"
  | "other";

/** A name as it stands in a sentence: "the United Arab Emirates", "Iraq", "the Sadrist Movement". */
export function theName(name: string, kind: NameKind): string {
  const n = name.trim();
  if (!n || /^the\s/i.test(n) || kind === "person") return n;
  // An unresolved phrase the extraction kept as it read it stays as is ("criminal armed groups"),
  // but a bare common noun needs its article ("the government", "the factions").
  if (/^\p{Ll}/u.test(n)) return /^[\p{Ll}-]+$/u.test(n) ? `the ${n}` : n;
  if (kind === "state") return STATES_WITH_ARTICLE.test(n) ? `the ${n}` : n;
  const words = n.split(/\s+/);
  if (words.length === 1 && /^[\p{Lu}\d.&-]+$/u.test(n)) return n; // an acronym: NATO, ASEAN
  if (kind === "igo") return `the ${n}`;
  // "Intelligence Services of Iraq", "Ministry of Interior of Iraq": a body named for its state.
  if (kind === "government_body" && /\sof\s\p{Lu}/u.test(n)) return `the ${n}`;
  const first = words[0]!.toLowerCase();
  const last = words[words.length - 1]!.toLowerCase();
  return ORGANISATION_FIRST.has(first) || ORGANISATION_NOUNS.has(last) ? `the ${n}` : n;
}

/** "Iraq's", "the United States'". */
export function possessive(name: string): string {
  return /s$/.test(name) ? `${name}’` : `${name}’s`;
}

// ---------------------------------------------------------------------------------------------
// The reports' sentences in the brief's prose

/**
 * A report's sentence tidied for the brief's paragraphs: the dateline ("BAGHDAD, 7 November 2021
 * —", "PARIS, May 15, 2024 (BSS/AFP) -"), a leading bullet and surrounding space dropped. The
 * footnote still quotes the sentence exactly as the report has it.
 */
export function proseSentence(sentence: string): string {
  let s = sentence.trim().replace(/^[•·▪*-]\s+/, "");
  const dateline =
    /^[\p{Lu}][\p{Lu}\p{M} .'’/-]{2,}(?:,[^—–]{0,40}?)?(?:\s*\([^)]{1,40}\))?\s+(?:—|–|--|-)\s+(?=\S)/u.exec(
      s,
    );
  if (dateline) s = s.slice(dateline[0].length);
  // Backticks would read as code in Markdown; reports do not mean them so.
  return endSentence(capitalise(s.replace(/`/g, "'")));
}

const PRONOUN_START =
  /^["“‘']?(he|she|it|they|his|her|its|their|this|that|these|those|both|both groups|the two|such)\b/i;

/** A sentence that leans on the one before it ("He said …", "Both deny …") and reads wrong alone. */
export function leansOnContext(sentence: string): boolean {
  return PRONOUN_START.test(proseSentence(sentence));
}

/** Words of a sentence, for telling near-duplicates apart. */
export function wordSet(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2),
  );
}

/** Jaccard similarity of two sentences' words: 1 for the same words, 0 for none shared. */
export function similarity(a: string, b: string): number {
  const x = wordSet(a);
  const y = wordSet(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

/** How much of the shorter sentence's words the longer one already says: 1 when it adds nothing. */
export function overlap(a: string, b: string): number {
  const x = wordSet(a);
  const y = wordSet(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.min(x.size, y.size);
}
