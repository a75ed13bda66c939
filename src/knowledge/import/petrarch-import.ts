// PETRARCH/TABARI dictionaries. An actors entry becomes an overlay actor `petrarch:<slug>` whose
// kind is guessed from its CAMEO code; an agents entry (a generic title such as FOREIGN_MINISTER)
// becomes `agent:<slug>` of kind "other" carrying its code. One exception: a phrase coded with a
// bare state code the knowledge base knows ("ATHENS [GRC]") is a name of that state, so it is added
// to the state's aliases; a rival `petrarch:` state would make "Israel" ambiguous and take over the
// state's ISO3 code in the knowledge base.
import { basename } from "node:path";
import type { Actor } from "../../domain/index.js";
import type { KnowledgeBase } from "../knowledge-base.js";
import { checkEntry, overlayActorSchema } from "../overlay.js";
import type { ImportProblem, ParsedActors } from "./parsed-actors.js";
import { parseActorDictionary, parseAgentDictionary } from "./petrarch-format.js";

/** CAMEO codes that mean "not an actor" (---), or placeholders rather than actors. */
const NO_ACTOR = new Set(["---", "+++", "###"]);

/** Words that open a PETRARCH phrase naming a person by office: PRESIDENT_GEORGE_W._BUSH. */
const PERSON_TITLES =
  /^(PRESIDENT|VICE PRESIDENT|KING|QUEEN|PRINCE|PRINCESS|EMIR|AMIR|SULTAN|SHEIKH|SHAIKH|PRIME MINISTER|PREMIER|CHANCELLOR|FOREIGN MINISTER|MINISTER|SECRETARY|GENERAL|AYATOLLAH|POPE|CROWN PRINCE)\s+\S/;

const SMALL_WORDS = new Set(["of", "the", "and", "for", "in", "on", "de", "la", "du", "al", "el"]);

/** A phrase as written in capitals, in readable case: "GROUP OF 77" → "Group of 77". Acronyms
 * (a lone word of up to three letters, or a two-letter word, or dotted: IMF, AU, U.S.) stay in
 * capitals, so they keep matching only in capitals and "US" never meets the pronoun. */
function readableCase(phrase: string): string {
  const words = phrase.split(" ");
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (w !== w.toUpperCase()) return w;
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      if (w.includes(".") || /\d/.test(w) || w.length <= 2 || (words.length === 1 && w.length <= 3)) return w;
      return lower.replace(/(^|[-'])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
    })
    .join(" ");
}

function slug(phrase: string): string {
  return (
    phrase
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "entry"
  );
}

/** PETRARCH's regular plural of an agent phrase: +S, Y → IES, S → SES. */
function regularPlural(phrase: string): string {
  if (/[^AEIOU]Y$/i.test(phrase)) return `${phrase.slice(0, -1)}IES`;
  if (/S$/i.test(phrase)) return `${phrase}ES`;
  return `${phrase}S`;
}

function kindFromCode(code: string, phrase: string, isState: boolean): Actor["kind"] {
  const first = code.split("/")[0]!;
  if (first.startsWith("IGO")) return "igo";
  if (first.length === 3) return isState ? "state" : "other";
  const parts: string[] = first.slice(3).match(/.{1,3}/g) ?? [];
  if (parts.includes("REB") || parts.includes("INS")) return "armed_group";
  if (parts[0] === "GOV") return PERSON_TITLES.test(phrase.toUpperCase()) ? "person" : "government_body";
  if (parts.includes("MIL")) return "government_body";
  if (parts[0] === "PTY") return "party";
  if (parts[0] === "MED") return "media";
  return "other";
}

function uniqueIds(actors: Actor[]): Actor[] {
  const seen = new Map<string, number>();
  return actors.map((a) => {
    const n = (seen.get(a.id) ?? 0) + 1;
    seen.set(a.id, n);
    return n === 1 ? a : { ...a, id: `${a.id}-${n}` };
  });
}

export function petrarchActors(
  kb: KnowledgeBase,
  overlay: Actor[],
  file: string,
  text: string,
): ParsedActors {
  const stateByCode = new Map<string, Actor>();
  for (const a of kb.all()) if (a.kind === "state" && a.country) stateByCode.set(a.country, a);
  for (const a of kb.all())
    if (a.kind === "state" && a.cameo && !stateByCode.has(a.cameo)) stateByCode.set(a.cameo, a);
  const source = basename(file);
  const actors: Actor[] = [];
  const stateNames = new Map<string, Actor>();
  let stateAliases = 0;
  const problems: ImportProblem[] = [];
  for (const entry of parseActorDictionary(text, file)) {
    const codes = entry.codes
      .map((c) => ({ ...c, code: c.code.toUpperCase() }))
      .filter((c) => !NO_ACTOR.has(c.code));
    if (codes.length === 0) continue;
    // PETRARCH uses the default (undated) code outside every dated range; the latest range otherwise.
    const primary = codes.find((c) => !c.start && !c.end) ?? codes[codes.length - 1]!;
    const names = [entry.phrase, ...entry.synonyms].map(readableCase);
    // Old TABARI country codes (UAR, LEB, JAP) differ from ISO3; the phrase then names the state.
    const named = kb.lookup(entry.phrase).filter((a) => a.kind === "state");
    const state =
      stateByCode.get(primary.code) ??
      (/^[A-Z]{3}$/.test(primary.code) && named.length === 1 ? named[0] : undefined);
    if (state && codes.length === 1) {
      stateAliases += names.length;
      const base = stateNames.get(state.id) ?? overlay.find((a) => a.id === state.id) ?? state;
      stateNames.set(state.id, { ...base, aliases: [...new Set([...base.aliases, ...names])] });
      continue;
    }
    const country = stateByCode.get(primary.code.slice(0, 3))?.country ?? null;
    const kind = kindFromCode(primary.code, entry.phrase, Boolean(state));
    const result = checkEntry(overlayActorSchema, {
      id: `petrarch:${slug(entry.phrase)}`,
      name: names[0],
      kind,
      country: kind === "igo" ? null : country,
      aliases: names,
      cameo: primary.code,
      roles: codes
        .filter((c) => c.start || c.end)
        .map((c) => ({ title: c.code, office: "other", of: c.code.slice(0, 3), start: c.start, end: c.end })),
      sources: `PETRARCH dictionary ${source} line ${entry.line}${entry.comment ? ` (${entry.comment})` : ""}`,
    });
    if (result.ok) actors.push(result.value);
    else
      problems.push({
        where: `${file}:${entry.line}`,
        message: `field "${result.field}": ${result.message}`,
      });
  }
  return {
    actors: [...uniqueIds(actors), ...stateNames.values()],
    problems,
    note: stateNames.size
      ? `${stateAliases} phrases coded as a state were added to the aliases of ${stateNames.size} states`
      : undefined,
  };
}

export function petrarchAgents(file: string, text: string): ParsedActors {
  const source = basename(file);
  const actors: Actor[] = [];
  const problems: ImportProblem[] = [];
  for (const entry of parseAgentDictionary(text, file)) {
    const plurals = entry.regularPlural ? [regularPlural(entry.phrase)] : entry.plurals;
    const result = checkEntry(overlayActorSchema, {
      id: `agent:${slug(entry.phrase)}`,
      name: readableCase(entry.phrase),
      kind: "other",
      country: null,
      aliases: [entry.phrase, ...plurals].map(readableCase),
      cameo: entry.code.toUpperCase(),
      sources: `PETRARCH agents dictionary ${source} line ${entry.line}`,
    });
    if (result.ok) actors.push(result.value);
    else
      problems.push({
        where: `${file}:${entry.line}`,
        message: `field "${result.field}": ${result.message}`,
      });
  }
  return { actors: uniqueIds(actors), problems };
}
