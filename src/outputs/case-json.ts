// The case as every export reads it: the case row, its documents with their stored analyses, and
// the reference data (knowledge base, gazetteer, CAMEO codebook) that places and codes them. The
// plainest export, `--format json`, is here too; STIX, GDELT and ACLED build on the same
// `CaseExport` and on the small shared readings below (where an event happened, when, who reported).
import { createHash } from "node:crypto";
import { requireCase, type StoredCase, type StoredCaseDocument } from "../analysis/index.js";
import type { Actor, Event, Location, SourceGrade } from "../domain/index.js";
import { loadPatterns, type Patterns } from "../extraction/index.js";
import { DATA_DIR, KnowledgeBase, type KnowledgeData } from "../knowledge/index.js";
import type { Store } from "../store/index.js";

export interface ExportDocument extends StoredCaseDocument {
  /**
   * Where the lead paragraph ends (a character offset into the normalised text; the title block
   * does not count). GDELT's IsRootEvent marks events reported there.
   */
  leadEnd: number;
}

/** Reference data the exports code and place things with. */
export interface ExportReference {
  kb: KnowledgeBase;
  /** The CAMEO event codebook (data/codebook/cameo.json): name, Goldstein score, quad class, PLOVER. */
  cameo: Patterns["cameo"];
  /** ISO 3166-1 alpha-2 by alpha-3 (STIX locations want alpha-2). */
  iso2: ReadonlyMap<string, string>;
  /** Capitals by alpha-3, with coordinates (the knowledge base indexes capitals as names, not places). */
  capitals: ReadonlyMap<string, { name: string; coords?: [number, number] }>;
  /** CAMEO agent code of each government sector (police → COP), from data/kb/bodies.json. */
  sectorCameo: ReadonlyMap<string, string>;
  /** Ids of the bodies named in data/kb/bodies.json; other `body:` ids are generic ones. */
  namedBodies: ReadonlySet<string>;
}

export interface CaseExport {
  case: StoredCase;
  documents: ExportDocument[];
  reference: ExportReference;
  /** The analyst's grades of sources (crisisdesk sources). */
  grades?: readonly SourceGrade[];
}

/** Reference data from the shipped (or given) data files plus the analyst's overlay. */
export function exportReference(
  data: KnowledgeData,
  overlay: readonly Actor[] = [],
  dataDir: string = DATA_DIR,
): ExportReference {
  return {
    kb: new KnowledgeBase(data, overlay),
    cameo: loadPatterns(dataDir).cameo,
    iso2: new Map(data.states.flatMap((s) => (s.iso2 ? [[s.iso3, s.iso2] as const] : []))),
    capitals: new Map(
      data.states.flatMap((s) =>
        s.capital ? [[s.iso3, { name: s.capital, coords: s.capitalCoords }] as const] : [],
      ),
    ),
    sectorCameo: new Map(data.bodies.sectors.map((s) => [s.sector, s.cameo ?? "GOV"])),
    namedBodies: new Set(data.bodies.named.map((b) => b.id)),
  };
}

/** Where the lead paragraph of a text ends: the end of the first block that is not the title. */
export function leadParagraphEnd(text: string, title: string | null): number {
  const blocks = [...text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]+)*/g)];
  for (const [i, block] of blocks.entries()) {
    if (i === 0 && title && block[0].trim() === title.trim()) continue;
    return block.index + block[0].length;
  }
  return text.length;
}

/** Reads a case and its documents from the store (NOT_FOUND, naming the case, when there is none). */
export async function loadCaseExport(
  store: Store,
  caseId: string,
  reference: ExportReference,
): Promise<CaseExport> {
  const row = await requireCase(store, caseId);
  const documents: ExportDocument[] = [];
  const stored = await store.caseDocuments(caseId);
  const texts = await store.documentTexts(stored.map((d) => d.id));
  for (const doc of stored) {
    const text = texts.get(doc.id);
    documents.push({ ...doc, leadEnd: text === undefined ? 0 : leadParagraphEnd(text, doc.title) });
  }
  return { case: row, documents, reference, grades: await store.listSources() };
}

// ---------------------------------------------------------------------------------------------
// The JSON export

export interface CaseJson {
  format: "crisisdesk-case";
  version: 1;
  case: StoredCase;
  documents: StoredCaseDocument[];
}

/** The case, its metadata and every document's analysis (the analysis JSON contract) as one document. */
export function caseJson(c: CaseExport): CaseJson {
  return {
    format: "crisisdesk-case",
    version: 1,
    case: c.case,
    documents: c.documents.map(({ leadEnd: _lead, analysis, ...meta }) => ({ ...meta, analysis })),
  };
}

// ---------------------------------------------------------------------------------------------
// Readings shared by the exports

/** A stable number for an event reported in a document: the same in GDELT's and ACLED's tables. */
export function eventNumber(doc: { id: string }, event: Pick<Event, "offset" | "cameo">): number {
  const hex = createHash("sha1")
    .update(`${doc.id}|${event.offset[0]}-${event.offset[1]}|${event.cameo}`)
    .digest("hex");
  // 48 bits: far from collisions in a case, and an exact integer in every spreadsheet and JS.
  return Number.parseInt(hex.slice(0, 12), 16);
}

export type DatePrecision = "event" | "report" | "case";

/**
 * When an event happened, as precisely as the case knows: the date the text gives the event, else
 * the report's publication date (the event happened then or shortly before), else the case's
 * anchor date.
 */
export function eventDate(
  c: CaseExport,
  doc: ExportDocument,
  event: Event,
): { date: string; precision: DatePrecision } | null {
  const day = (s: string | null | undefined) => (s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null);
  const own = day(event.date);
  if (own) return { date: own, precision: "event" };
  const published = day(doc.published);
  if (published) return { date: published, precision: "report" };
  const anchor = day(c.case.anchorDate);
  return anchor ? { date: anchor, precision: "case" } : null;
}

export interface Place {
  /** The gazetteer's name for it ("Baghdad" for "BAGHDAD"), or the country's name. */
  name: string;
  /** `named`: a place the gazetteer does not know, so without coordinates. */
  kind: "city" | "site" | "region" | "country" | "named";
  /** ISO 3166-1 alpha-3, or null when not known. */
  country: string | null;
  lat?: number;
  long?: number;
}

/**
 * Resolves an event's location against the gazetteer and the knowledge base: a city, site or
 * region with coordinates where the gazetteer has them, else the country alone. Among namesakes,
 * one in the event's own country wins (or in a region of it: Erbil, capital of the Kurdistan
 * Region, is in Iraq); when the event names no country, one in `preferred` (the case's country).
 */
export function resolvePlace(
  reference: ExportReference,
  location: Location | null,
  preferred: string | null = null,
): Place | null {
  if (!location) return null;
  const { kb } = reference;
  const candidates: Place[] = [];
  for (const lexeme of kb.index.get(location.name)) {
    if (lexeme.type === "place") {
      const p = lexeme.place;
      candidates.push({
        name: p.name,
        kind: p.kind,
        country: p.country,
        ...(p.coords ? { lat: p.coords[0], long: p.coords[1] } : {}),
      });
    } else if (lexeme.type === "capital" && lexeme.state.country) {
      const capital = reference.capitals.get(lexeme.state.country);
      if (capital)
        candidates.push({
          name: capital.name,
          kind: "city",
          country: lexeme.state.country,
          ...(capital.coords ? { lat: capital.coords[0], long: capital.coords[1] } : {}),
        });
    }
  }
  const within = (place: Place, country: string | null) =>
    Boolean(country) &&
    (place.country === country ||
      Boolean(
        place.country && kb.state(place.country)?.affiliations.some((a) => a.target === `state:${country}`),
      ));
  const best = location.country
    ? (candidates.find((p) => p.country === location.country) ??
      candidates.find((p) => within(p, location.country)))
    : (candidates.find((p) => p.country === preferred) ??
      candidates.find((p) => within(p, preferred)) ??
      candidates[0]);
  if (best) return best;
  const state = kb.lookup(location.name).find((a) => a.kind === "state" && a.country);
  if (state && (!location.country || state.country === location.country))
    return { name: state.name, kind: "country", country: state.country };
  if (location.country) {
    // A place the gazetteer does not know: keep its name, placed in its country only.
    return { name: location.name, kind: "named", country: location.country };
  }
  return null;
}

/** The place of an event, falling back to the case's country when the text names none. */
export function eventPlace(c: CaseExport, event: Event): { place: Place; fromCase: boolean } | null {
  const place = resolvePlace(c.reference, event.location, c.case.country);
  if (place) return { place, fromCase: false };
  const country = c.case.country?.toUpperCase();
  const state = country ? c.reference.kb.state(country) : undefined;
  return state?.country
    ? { place: { name: state.name, kind: "country", country: state.country }, fromCase: true }
    : null;
}

/** The outlet a document came from: the web site for a URL, else its author, else its file. */
export function sourceName(doc: Pick<StoredCaseDocument, "url" | "author" | "source">): string {
  for (const candidate of [doc.url, doc.source]) {
    if (!candidate || !/^https?:\/\//i.test(candidate)) continue;
    try {
      return new URL(candidate).hostname.replace(/^www\./, "");
    } catch {
      // not a URL after all
    }
  }
  return doc.author?.trim() || doc.source;
}

/**
 * A text cell that a spreadsheet will not run: reports are untrusted input, and a sentence that
 * begins with "=", "+", "-" or "@" is a formula to Excel and LibreOffice (OWASP's CSV injection
 * advice). Such a cell gets a leading apostrophe, which spreadsheets hide.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
