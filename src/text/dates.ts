// Dates in report text: which order a source writes day and month in, the full dates a text or
// a source address gives, and the day a sentence's date expression names against a reference
// date. chrono's strict parser reads long datelines; its casual one only weekdays and "yesterday".
// Nothing here reads the clock: a date no text fixes stays null.
import * as chrono from "chrono-node";

const monthFirst = chrono.strict;
const dayFirst = new chrono.Chrono(chrono.en.configuration.createConfiguration(true, true));
const casualMonthFirst = chrono.casual;
const casualDayFirst = chrono.en.GB;

const MONTHS = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
const DAY_MONTH = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTHS}\\s+(?:\\d{4}|[^\\d\\s])`, "gi");
const MONTH_DAY = new RegExp(`\\b${MONTHS}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`, "gi");
const NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g;
/** Country-code domains of outlets that write the month first. */
const MONTH_FIRST_DOMAINS = /\.(us|ph|fm|pw)(\/|$|:)/i;

const pad = (n: number) => String(n).padStart(2, "0");

/** A calendar date as written ("18th August 2020", "13/03/2022", "May 15"), not a span counted
 * from now ("within 90 days", "18 months before"), which chrono resolves against the clock. */
const WRITTEN_DATE = new RegExp(`${MONTHS}|\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}`, "i");

function components(c: chrono.ParsedComponents): string {
  return `${c.get("year")}-${pad(c.get("month") ?? 1)}-${pad(c.get("day") ?? 1)}`;
}

/**
 * Whether the source writes the day before the month (11/07/2021 for 11 July), as European and most
 * non-US outlets do: a numeric date whose first part cannot be a month settles it, then the written
 * dates ("15 May" against "May 15"), then the outlet's country domain (a generic .com is read US-style).
 */
export function readsDayFirst(text: string, source?: string | null): boolean {
  let votes = 0;
  for (const m of text.matchAll(NUMERIC)) {
    if (Number(m[1]) > 12) return true;
    if (Number(m[2]) > 12) return false;
  }
  for (const _ of text.matchAll(DAY_MONTH)) votes++;
  for (const _ of text.matchAll(MONTH_DAY)) votes--;
  if (votes !== 0) return votes > 0;
  if (source && /^https?:\/\//i.test(source)) {
    const host = source.replace(/^https?:\/\//i, "").split("/")[0] ?? "";
    if (/\.[a-z]{2}$/i.test(host)) return !MONTH_FIRST_DOMAINS.test(`${host}/`);
  }
  return false;
}

/** The first date of a text that gives day, month and year, with where it stands. */
export function firstFullDate(text: string, dayFirstOrder: boolean): { date: string; index: number } | null {
  const parser = dayFirstOrder ? dayFirst : monthFirst;
  for (const result of parser.parse(text)) {
    const c = result.start;
    if (c.isCertain("year") && c.isCertain("month") && c.isCertain("day") && WRITTEN_DATE.test(result.text)) {
      return { date: components(c), index: result.index };
    }
  }
  return null;
}

/** A date or a year in a source address: ".../2020/08/05/slug" → 2020-08-05, ".../2022/30565/" → 2022. */
export function sourceAddressDate(source: string): { date: string | null; year: number | null } {
  const path = source.replace(/^https?:\/\/[^/]+/i, "");
  const full = /(?:^|[/_-])((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/.exec(
    path,
  );
  if (full) return { date: `${full[1]}-${full[2]}-${full[3]}`, year: Number(full[1]) };
  const year = /\/((?:19|20)\d{2})(?=\/)/.exec(path);
  return { date: null, year: year ? Number(year[1]) : null };
}

/** A year the text names beside a month ("March 2018", "in May, 2024"), the first one. */
export function yearBesideMonth(text: string): number | null {
  const m = new RegExp(`\\b${MONTHS},?\\s+((?:19|20)\\d{2})\\b`, "i").exec(text);
  return m ? Number(m[1]) : null;
}

const RELATIVE_DAY =
  /^(?:on\s+|last\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:['’]s)?$|^(?:yesterday|today|last night|this morning)$/i;

/**
 * The day a sentence's date expression names: a full date, a day and month in the reference year,
 * or a weekday or "yesterday" counted back from the reference day. Null when the sentence names no
 * day or the reference does not fix one ("on Sunday" with no reference day gives no day).
 */
export function dayInSentence(
  sentence: string,
  reference: { date: string | null; year: number | null },
  dayFirstOrder: boolean,
): string | null {
  const strict = dayFirstOrder ? dayFirst : monthFirst;
  const instant = reference.date ? new Date(`${reference.date}T12:00:00Z`) : undefined;
  const parsed = instant
    ? strict.parse(sentence, { instant }, { forwardDate: false })
    : strict.parse(sentence);
  const relative = instant
    ? (dayFirstOrder ? casualDayFirst : casualMonthFirst)
        .parse(sentence, { instant }, { forwardDate: false })
        .filter((r) => RELATIVE_DAY.test(r.text.replace(/[\s,.;:!?)]+$/, "").trim()))
    : [];
  // A dateline at the head of a lead sentence ("PARIS, May 15, 2024 (AFP) - ... on Saturday") dates
  // the report; a later date expression in the sentence dates its event.
  const head = parsed[0] && parsed[0].index < 40 ? parsed[0] : undefined;
  const later = head && (parsed.length > 1 || relative.some((r) => r.index > head.index));
  const calendar = later ? parsed.slice(1) : parsed;
  for (const r of calendar) {
    const c = r.start;
    if (!c.isCertain("day") || !c.isCertain("month") || !WRITTEN_DATE.test(r.text)) continue;
    if (c.isCertain("year")) return components(c);
    if (reference.date) return laterThan(components(c), reference.date) ? null : components(c);
    if (reference.year) return `${reference.year}-${pad(c.get("month")!)}-${pad(c.get("day")!)}`;
  }
  const hit = relative[0];
  if (!hit || !reference.date) return null;
  const day = components(hit.start);
  return laterThan(day, reference.date) ? null : day;
}

/** A day more than a day after the reference: a report does not date its events in the future. */
function laterThan(day: string, reference: string): boolean {
  return Date.parse(`${day}T00:00:00Z`) > Date.parse(`${reference}T00:00:00Z`) + 36 * 3600 * 1000;
}
