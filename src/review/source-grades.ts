// The analyst's grades of sources on the Admiralty scale: set, list, remove. A grade names an
// outlet as crisisdesk names it (its web site, its author line, its file) and gives its
// reliability and, optionally, the credibility of what it reports; src/domain/admiralty.ts
// matches grades to documents. Every output reads the grades from the store when it is built, so
// a new grade needs no re-analysis.
import {
  CREDIBILITIES,
  type Credibility,
  CrisisdeskError,
  isCredibility,
  isReliability,
  originNames,
  RELIABILITIES,
  type Reliability,
  type SourceGrade,
  sourceGradeOf,
  UsageError,
} from "../domain/index.js";
import type { Store } from "../store/index.js";
import type { DecisionMeta } from "./decide.js";

/** A reliability letter as typed ("b" is B), or a usage error naming what is allowed. */
export function reliabilityOf(value: string): Reliability {
  const letter = value.trim().toUpperCase();
  if (!isReliability(letter))
    throw new UsageError(
      `reliability "${value}" is not on the Admiralty scale; use one of ${RELIABILITIES.join(", ")} (A completely reliable … E unreliable, F cannot be judged)`,
      { where: "reliability" },
    );
  return letter;
}

/** A credibility number as typed, or a usage error naming what is allowed. */
export function credibilityOf(value: string | number): Credibility {
  const n = typeof value === "number" ? value : Number(value.trim());
  if (!isCredibility(n))
    throw new UsageError(
      `credibility "${value}" is not on the Admiralty scale; use one of ${CREDIBILITIES.join(", ")} (1 confirmed … 5 improbable, 6 cannot be judged)`,
      { where: "credibility" },
    );
  return n;
}

export interface SourceGradeInput {
  name: string;
  reliability: string;
  credibility?: string | number | null;
}

/** Grades a source (again, if it was graded: the latest grade wins). */
export async function gradeSource(
  store: Store,
  input: SourceGradeInput,
  meta: DecisionMeta,
): Promise<SourceGrade> {
  const name = input.name.trim();
  if (!name) throw new UsageError("a source's name must not be empty", { where: "name" });
  const grade: SourceGrade = {
    name,
    reliability: reliabilityOf(input.reliability),
    credibility:
      input.credibility === undefined || input.credibility === null || input.credibility === ""
        ? null
        : credibilityOf(input.credibility),
    note: meta.note ?? null,
    by: meta.by,
    at: (meta.now ?? (() => new Date()))().toISOString(),
  };
  await store.putSource(grade);
  return grade;
}

export async function removeSourceGrade(store: Store, name: string): Promise<SourceGrade> {
  const existing = (await store.listSources()).find(
    (g) => g.name.toLowerCase() === name.trim().toLowerCase(),
  );
  if (!existing || !(await store.removeSource(existing.name)))
    throw new CrisisdeskError("NOT_FOUND", "no source has this grade (see `crisisdesk sources list`)", {
      where: name,
    });
  return existing;
}

/** A graded source, or an outlet of the stored reports, with how many reports it covers. */
export interface SourceEntry {
  name: string;
  grade: SourceGrade | null;
  /** Stored reports the grade applies to (for an ungraded outlet: the reports from it). */
  documents: number;
}

/**
 * The grades, each with the stored reports it applies to, then the outlets of stored reports no
 * grade covers (by web site, else author, else file), most reports first.
 */
export async function listSourceGrades(store: Store): Promise<SourceEntry[]> {
  const grades = await store.listSources();
  const covered = new Map(grades.map((g) => [g.name, 0]));
  const ungraded = new Map<string, number>();
  for (const doc of await store.listDocuments()) {
    const grade = sourceGradeOf(doc, grades);
    if (grade) covered.set(grade.name, (covered.get(grade.name) ?? 0) + 1);
    else {
      const outlet = originNames(doc)[0] ?? doc.source;
      ungraded.set(outlet, (ungraded.get(outlet) ?? 0) + 1);
    }
  }
  return [
    ...grades.map((g) => ({ name: g.name, grade: g, documents: covered.get(g.name) ?? 0 })),
    ...[...ungraded]
      .map(([name, documents]) => ({ name, grade: null, documents }))
      .sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name)),
  ];
}
