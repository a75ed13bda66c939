// The reference date: the day a report's relative dates ("on Saturday") count from and the date its
// titles ("the Iraqi prime minister") are resolved on. It comes from the report alone, never from the
// clock: the page's metadata or dateline, a date in its source address, a full date in its text, a
// year beside a month, or the office-holders it names. When none fixes a day, the date is null and
// the note says why.
import type { Document, ReferenceDate } from "../domain/index.js";
import { datelineDate } from "../ingestion/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import { firstFullDate, readsDayFirst, sourceAddressDate, yearBesideMonth } from "../text/index.js";

export interface ReportDate extends ReferenceDate {
  /** The year the report's events fall in, when the text fixes only that. */
  year: number | null;
  /** Whether the report writes the day before the month (11/07/2021 for 11 July). */
  dayFirst: boolean;
  /** A date on which the office-holders the report names all held office, for title look-ups
   * when no reference date is known. */
  officeDate: string | null;
}

/** The source address of a report: its URL, or a first line that is one. */
function sourceAddress(document: Document): string | null {
  if (document.url) return document.url;
  if (/^https?:\/\//i.test(document.source)) return document.source;
  const first = document.blocks[0];
  const line = first ? document.text.slice(first.span[0], first.span[1]).trim() : "";
  return /^https?:\/\/\S+$/i.test(line) ? line : null;
}

/** A day on which every office-holder the report names in full held one of their offices. */
function officeHoldersDate(
  document: Document,
  kb: KnowledgeBase,
): { date: string; to: string | null } | null {
  let from = "";
  let to: string | null = null;
  const seen = new Set<string>();
  for (const hit of kb.index.scan(document.text)) {
    if (!hit.surface.includes(" ")) continue;
    for (const v of hit.values) {
      if (v.type !== "actor" || v.actor.kind !== "person" || seen.has(v.actor.id)) continue;
      seen.add(v.actor.id);
      const roles = v.actor.roles.filter((r) => r.start);
      if (!roles.length) continue;
      const start = roles.map((r) => r.start!).sort()[0]!;
      const end = roles.some((r) => !r.end)
        ? null
        : roles
            .map((r) => r.end!)
            .sort()
            .at(-1)!;
      // A name whose offices never overlap the others' is one of their predecessors, named as such.
      if ((to && start > to) || (end && end < from)) continue;
      if (start > from) from = start;
      if (end && (!to || end < to)) to = end;
    }
  }
  return from ? { date: from.slice(0, 10), to: to?.slice(0, 10) ?? null } : null;
}

export function referenceDate(document: Document, kb: KnowledgeBase): ReportDate {
  const source = sourceAddress(document);
  const dayFirst = readsDayFirst(document.text.slice(0, 20000), source);
  const base = { dayFirst, officeDate: null };
  const address = source ? sourceAddressDate(source) : { date: null, year: null };
  if (document.published) {
    const from =
      address.date === document.published
        ? "source"
        : datelineDate(document.text, document.blocks, source) === document.published
          ? "dateline"
          : "metadata";
    return {
      ...base,
      date: document.published,
      year: Number(document.published.slice(0, 4)),
      from,
      note:
        from === "dateline"
          ? "the report's dateline"
          : from === "source"
            ? "the date in the source address"
            : "the page's publication date",
    };
  }
  if (address.date) {
    return {
      ...base,
      date: address.date,
      year: address.year,
      from: "source",
      note: "the date in the source address",
    };
  }
  const inText = firstFullDate(document.text, dayFirst);
  if (inText) {
    return {
      ...base,
      date: inText.date,
      year: Number(inText.date.slice(0, 4)),
      from: "text",
      note: "the first full date in the text",
    };
  }
  const year = address.year ?? yearBesideMonth(document.text);
  const holders = officeHoldersDate(document, kb);
  if (year) {
    return {
      ...base,
      officeDate: holders?.date ?? `${year}-07-01`,
      date: null,
      year,
      from: address.year ? "source" : "text",
      note: `the report gives the year ${year} but no day: no metadata, dateline or full date`,
    };
  }
  if (holders) {
    return {
      ...base,
      officeDate: holders.date,
      date: null,
      year: null,
      from: "office_holders",
      note: `no metadata, dateline or date in the text; the office-holders it names place it after ${holders.date}${holders.to ? ` and before ${holders.to}` : ""}, which fixes no day`,
    };
  }
  return {
    ...base,
    date: null,
    year: null,
    from: null,
    note: "no metadata, dateline, source date, date in the text or named office-holder fixes the report's date",
  };
}
