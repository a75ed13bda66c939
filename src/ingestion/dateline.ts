// A report's publication date: from metadata when there is some, else from its first dateline
// ("PARIS, May 15, 2024 (AFP) -", "Published Jul 14, 2024", "14/07/2024" in a day-first outlet).
// chrono's strict parser reads long datelines correctly where its casual one misreads them.
import * as chrono from "chrono-node";
import type { Block } from "../domain/index.js";
import { firstFullDate, readsDayFirst } from "../text/index.js";

/** Any date-ish metadata string to YYYY-MM-DD, or null. */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  const direct = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (direct) return `${direct[1]}-${direct[2]}-${direct[3]}`;
  const parsed = Date.parse(v);
  if (!Number.isNaN(parsed)) return new Date(parsed).toISOString().slice(0, 10);
  const result = chrono.strict.parse(v)[0];
  if (result?.start.isCertain("year")) return formatComponents(result.start);
  return null;
}

function formatComponents(c: chrono.ParsedComponents): string {
  const y = c.get("year");
  const m = c.get("month");
  const d = c.get("day");
  const pad = (n: number | null) => String(n ?? 1).padStart(2, "0");
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** What may stand before a dateline's date: a place in capitals, an agency, "Published", "Updated". */
// (No "i" flag: it would let \p{Lu} match lower case.)
const DATELINE_HEAD =
  /^(?:[\p{Lu}\p{N}][\p{L}\p{N}.'’-]*|[()]|[,:/|–—-]|[Pp]ublished|[Uu]pdated|[Pp]osted|[Dd]ated|on|by|\s)*$/u;

/** A dateline's date: a full date at the head of one of the first blocks ("PARIS, May 15, 2024
 * (AFP) -", a line "August 24, 2023 - 6:58 PM"), read in the day-month order the text itself uses.
 * A date deeper in a paragraph is the text's, not the dateline's. */
export function datelineDate(text: string, blocks: readonly Block[], source?: string | null): string | null {
  const dayFirst = readsDayFirst(text.slice(0, 20000), source);
  for (const block of blocks.slice(0, 4)) {
    const head = text.slice(block.span[0], Math.min(block.span[1], block.span[0] + 120));
    const found = firstFullDate(head, dayFirst);
    if (!found) continue;
    // A short line of its own is a dateline or byline ("Analysis · the desk · 10 November 2021").
    const line = block.span[1] - block.span[0] <= 100;
    if (line || (found.index < 40 && DATELINE_HEAD.test(head.slice(0, found.index)))) return found.date;
  }
  return null;
}
