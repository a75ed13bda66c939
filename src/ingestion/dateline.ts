// A report's publication date: from metadata when there is some, else from its first dateline
// ("PARIS, May 15, 2024 (AFP) -", "Published Jul 14, 2024"). chrono's strict parser reads long
// datelines correctly where its casual one misreads them.
import * as chrono from "chrono-node";

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

/** The first fully specified date in the opening of a text (first 600 characters). */
export function datelineDate(text: string): string | null {
  const opening = text.slice(0, 600);
  for (const result of chrono.strict.parse(opening)) {
    const c = result.start;
    if (c.isCertain("year") && c.isCertain("month") && c.isCertain("day")) return formatComponents(c);
  }
  return null;
}
