// Source grading on the Admiralty / NATO scale (STANAG 2511, NATO AJP-2.1): a source's reliability
// (A completely reliable … E unreliable, F cannot be judged) and an item's information credibility
// (1 confirmed by other sources … 5 improbable, 6 cannot be judged), written together as "B2".
// An analyst grades outlets (with a default credibility for what they report) and single items;
// the ACH weights, the brief's footnotes and the STIX export read the grades through this module.

export const RELIABILITIES = ["A", "B", "C", "D", "E", "F"] as const;
export type Reliability = (typeof RELIABILITIES)[number];

export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITIES)[number];

export const RELIABILITY_LABELS: Record<Reliability, string> = {
  A: "Completely reliable",
  B: "Usually reliable",
  C: "Fairly reliable",
  D: "Not usually reliable",
  E: "Unreliable",
  F: "Reliability cannot be judged",
};

export const CREDIBILITY_LABELS: Record<Credibility, string> = {
  1: "Confirmed by other sources",
  2: "Probably true",
  3: "Possibly true",
  4: "Doubtful",
  5: "Improbable",
  6: "Truth cannot be judged",
};

/** An outlet's or account's grade, as an analyst set it (`crisisdesk sources set`). */
export interface SourceGrade {
  /** The outlet as crisisdesk names it: a web site ("reuters.com"), a name ("Reuters"), an author. */
  name: string;
  reliability: Reliability;
  /** The credibility given by default to what this source reports, unless an item is graded. */
  credibility: Credibility | null;
  note: string | null;
  by: string;
  at: string;
}

/** The grade of one item: its source's reliability and its own credibility. */
export interface Grade {
  reliability: Reliability;
  credibility: Credibility;
  /** The graded source it came from (its name), or null when no grade names the source. */
  source: string | null;
  /** Whether an analyst graded the item itself (rather than its source's default). */
  itemGraded: boolean;
}

/** The grade when nothing is known: F6, cannot be judged on either scale. */
export const UNGRADED: Grade = { reliability: "F", credibility: 6, source: null, itemGraded: false };

export function isReliability(value: string): value is Reliability {
  return (RELIABILITIES as readonly string[]).includes(value);
}

export function isCredibility(value: number): value is Credibility {
  return (CREDIBILITIES as readonly number[]).includes(value);
}

/** "B2". */
export function gradeText(grade: Pick<Grade, "reliability" | "credibility">): string {
  return `${grade.reliability}${grade.credibility}`;
}

/** Whether anything is known: a graded source or a graded item. */
export function isGraded(grade: Grade): boolean {
  return grade.source !== null || grade.itemGraded;
}

// A level's place from the middle of its scale (A and 1 the best, E and 5 the worst); F and 6 say
// nothing and sit in the middle.
const RELIABILITY_STEP: Record<Reliability, number> = { A: 2, B: 1, C: 0, D: -1, E: -2, F: 0 };
const CREDIBILITY_STEP: Record<Credibility, number> = { 1: 2, 2: 1, 3: 0, 4: -1, 5: -2, 6: 0 };

/**
 * The factor a grade puts on an ACH credibility weight: 2^(steps/8), so that A1 is PARC ACH's
 * "high" (√2), E5 its "low" (√½), C3 and F6 leave the weight as it was, and every level between
 * moves it by the same ratio.
 */
export function gradeWeight(grade: Pick<Grade, "reliability" | "credibility">): number {
  return 2 ** ((RELIABILITY_STEP[grade.reliability] + CREDIBILITY_STEP[grade.credibility]) / 8);
}

/**
 * An item's credibility as a STIX confidence (0–100), by the Admiralty Credibility table of STIX
 * 2.1's confidence appendix (1 → 90, 2 → 70, 3 → 50, 4 → 30, 5 → 10); 6 says nothing (null).
 * The source's reliability is not folded in: STIX and OpenCTI keep it on the source
 * (`x_opencti_reliability`).
 */
export function gradeConfidence(credibility: Credibility): number | null {
  return { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: null }[credibility];
}

/** OpenCTI's reliability value: "B - Usually reliable". */
export function openctiReliability(reliability: Reliability): string {
  return `${reliability} - ${RELIABILITY_LABELS[reliability]}`;
}

/** What a document says about where it came from, as the grades are matched against it. */
export interface DocumentOrigin {
  url: string | null;
  author: string | null;
  source: string;
}

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\s+/g, " ")
    .trim();

/** The names a document's outlet goes by: its web site (with and without the top-level domain),
 * its author line, its file. */
export function originNames(doc: DocumentOrigin): string[] {
  const names: string[] = [];
  for (const candidate of [doc.url, doc.source]) {
    if (!candidate || !/^https?:\/\//i.test(candidate)) continue;
    try {
      const host = fold(new URL(candidate).hostname);
      names.push(host, host.replace(/\.[a-z]{2,}(\.[a-z]{2})?$/, ""));
    } catch {
      // not a URL after all
    }
  }
  if (doc.author?.trim()) names.push(fold(doc.author));
  names.push(fold(doc.source));
  return [...new Set(names)];
}

/**
 * The analyst's grade of a document's outlet: one whose name is the outlet's web site ("reuters.com"
 * or "Reuters" for www.reuters.com), its author line or the words it opens with ("Example Wire" for
 * "Example Wire staff"), or its file. The longest name wins when several match.
 */
export function sourceGradeOf(doc: DocumentOrigin, grades: readonly SourceGrade[]): SourceGrade | null {
  if (grades.length === 0) return null;
  const names = originNames(doc);
  const author = doc.author ? fold(doc.author) : null;
  let best: SourceGrade | null = null;
  for (const g of grades) {
    const name = fold(g.name);
    if (!name) continue;
    const matches = names.includes(name) || author?.startsWith(`${name} `) || author === name;
    if (matches && (!best || name.length > fold(best.name).length)) best = g;
  }
  return best;
}

/** An item's grade: its source's reliability, and its own credibility or else its source's default. */
export function itemGrade(source: SourceGrade | null, credibility: Credibility | null | undefined): Grade {
  return {
    reliability: source?.reliability ?? "F",
    credibility: credibility ?? source?.credibility ?? 6,
    source: source?.name ?? null,
    itemGraded: credibility !== null && credibility !== undefined,
  };
}
