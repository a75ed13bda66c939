// The GDELT-style event table: one tab-separated row per event per report, in the GDELT 2.0 event
// table's 61 columns and order, so that tools that read GDELT files by position or by name read
// this one. Also the CAMEO actor coding (IRQGOV, IGOUNO ...) the ACLED table reuses.
import type { ActorRef, Event } from "../domain/index.js";
import { caseEvents } from "./case-events.js";
import {
  type CaseExport,
  type ExportDocument,
  type ExportReference,
  eventDate,
  eventNumber,
  eventPlace,
  spreadsheetText,
} from "./case-json.js";

// ---------------------------------------------------------------------------------------------
// CAMEO actor codes

/** CAMEO's actor type (role) codes. A fixed vocabulary of the CAMEO manual, not analyst data. */
const CAMEO_TYPES = new Set(
  "AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI IGO IMG INS JUD LAB LEG MED MIL MNC MOD NGM NGO OPP PTY RAD REB REF SEP SET SPY UAF UIS".split(
    " ",
  ),
);
/** CAMEO's religion codes. */
const CAMEO_RELIGIONS = new Set(
  "ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAI JEW MOS PAG PRO SFI SHI SHN SIK SUN TAO UDX ZRO".split(
    " ",
  ),
);

/** A CAMEO actor code split into GDELT's actor columns. */
export interface CameoActor {
  code: string;
  name: string;
  /** The CAMEO country code (ISO 3166-1 alpha-3 for states), or "" for none. */
  country: string;
  knownGroup: string;
  religions: string[];
  types: string[];
}

/** The type code to guess from an actor's kind when the knowledge base has no CAMEO code. */
const KIND_TYPES: Partial<Record<ActorRef["kind"], string>> = {
  government_body: "GOV",
  armed_group: "REB",
  party: "PTY",
  media: "MED",
};

function countryCode(reference: ExportReference, iso3: string | null): string {
  if (!iso3) return "";
  return reference.kb.state(iso3)?.cameo ?? iso3;
}

/** The full CAMEO code of an actor: from the knowledge base where it has one, else country + kind. */
function cameoCode(reference: ExportReference, ref: ActorRef, date: string | null): string {
  const { kb } = reference;
  const actor = ref.id ? kb.actor(ref.id) : undefined;
  const country = countryCode(reference, actor?.country ?? ref.country);
  if (actor?.kind === "person") {
    const role = kb.rolesOn(actor, date).find((r) => r.cameo);
    return role?.cameo ?? country;
  }
  if (actor?.kind === "government_body" && actor.sector && !reference.namedBodies.has(actor.id)) {
    // Generic bodies ("Police of Iraq") get the sector's code (COP), not the generic GOV.
    return `${country}${reference.sectorCameo.get(actor.sector) ?? "GOV"}`;
  }
  if (actor?.cameo) return actor.cameo;
  if (ref.kind === "igo") return "IGO";
  const type = KIND_TYPES[ref.kind];
  return type ? `${country}${type}` : country;
}

/** Splits a CAMEO actor code into country, known group, religion and type codes, as GDELT does. */
export function splitCameoCode(reference: ExportReference, code: string): Omit<CameoActor, "name"> {
  const chunks = code.match(/.{1,3}/g) ?? [];
  const out: Omit<CameoActor, "name"> = { code, country: "", knownGroup: "", religions: [], types: [] };
  const first = chunks[0];
  if (first && !CAMEO_TYPES.has(first) && !CAMEO_RELIGIONS.has(first) && reference.kb.state(first)) {
    out.country = first;
    chunks.shift();
  }
  for (const chunk of chunks) {
    if (CAMEO_TYPES.has(chunk)) out.types.push(chunk);
    else if (CAMEO_RELIGIONS.has(chunk)) out.religions.push(chunk);
    else if (!out.knownGroup) out.knownGroup = chunk;
  }
  return out;
}

/** The CAMEO coding of an actor on a date (roles are dated: a prime minister codes as IRQGOV). */
export function cameoActor(
  reference: ExportReference,
  ref: ActorRef | null,
  date: string | null,
): CameoActor | null {
  if (!ref) return null;
  const code = cameoCode(reference, ref, date);
  return { name: ref.name, ...splitCameoCode(reference, code) };
}

// ---------------------------------------------------------------------------------------------
// The table

const ACTOR_COLUMNS = (n: 1 | 2) =>
  [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
  ].map((c) => `Actor${n}${c}`);

const GEO_COLUMNS = (prefix: string) =>
  ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"].map(
    (c) => `${prefix}_${c}`,
  );

/** The GDELT 2.0 event table's columns, in its order. */
export const GDELT_COLUMNS: readonly string[] = [
  "GlobalEventID",
  "Day",
  "MonthYear",
  "Year",
  "FractionDate",
  ...ACTOR_COLUMNS(1),
  ...ACTOR_COLUMNS(2),
  "IsRootEvent",
  "EventCode",
  "EventBaseCode",
  "EventRootCode",
  "QuadClass",
  "GoldsteinScale",
  "NumMentions",
  "NumSources",
  "NumArticles",
  "AvgTone",
  ...GEO_COLUMNS("Actor1Geo"),
  ...GEO_COLUMNS("Actor2Geo"),
  ...GEO_COLUMNS("ActionGeo"),
  "DATEADDED",
  "SOURCEURL",
];

export type GdeltRow = Record<string, string | number>;

const QUAD_CLASS: Record<string, number> = {
  verbal_cooperation: 1,
  material_cooperation: 2,
  verbal_conflict: 3,
  material_conflict: 4,
};

/** GDELT's geographic resolution codes. */
const GEO_TYPE = { country: 1, city: 4, site: 4, region: 5, named: 5 } as const;

function actorCells(n: 1 | 2, actor: CameoActor | null): GdeltRow {
  const p = `Actor${n}`;
  return {
    [`${p}Code`]: actor?.code ?? "",
    [`${p}Name`]: actor?.name ?? "",
    [`${p}CountryCode`]: actor?.country ?? "",
    [`${p}KnownGroupCode`]: actor?.knownGroup ?? "",
    [`${p}EthnicCode`]: "",
    [`${p}Religion1Code`]: actor?.religions[0] ?? "",
    [`${p}Religion2Code`]: actor?.religions[1] ?? "",
    [`${p}Type1Code`]: actor?.types[0] ?? "",
    [`${p}Type2Code`]: actor?.types[1] ?? "",
    [`${p}Type3Code`]: actor?.types[2] ?? "",
  };
}

/** GDELT's FractionDate: YYYY.FFFF with FFFF = (month × 30 + day) / 365, as its codebook defines it. */
function fractionDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return (y + (m * 30 + d) / 365).toFixed(4);
}

/** YYYYMMDDHHMMSS in UTC, GDELT's DATEADDED. */
function dateAdded(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? "" : t.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function cameoEntry(reference: ExportReference, code: string) {
  return (
    reference.cameo.get(code) ??
    reference.cameo.get(code.slice(0, 3)) ??
    reference.cameo.get(code.slice(0, 2))
  );
}

/** One GDELT row for an event as one report tells it. */
export function gdeltRow(c: CaseExport, doc: ExportDocument, event: Event): GdeltRow {
  const { reference } = c;
  const when = eventDate(c, doc, event);
  const where = eventPlace(c, event);
  const entry = cameoEntry(reference, event.cameo);
  const date = when?.date ?? null;
  const place = where?.place;
  const countryName = place?.country ? (reference.kb.state(place.country)?.name ?? place.country) : "";
  const fullName = place
    ? place.kind === "country"
      ? place.name
      : [place.name, countryName].filter(Boolean).join(", ")
    : "";
  const geo: GdeltRow = {
    ActionGeo_Type: place ? GEO_TYPE[place.kind] : "",
    ActionGeo_FullName: fullName,
    ActionGeo_CountryCode: place?.country ?? "",
    ActionGeo_ADM1Code: "",
    ActionGeo_ADM2Code: "",
    ActionGeo_Lat: place?.lat ?? "",
    ActionGeo_Long: place?.long ?? "",
    ActionGeo_FeatureID: "",
  };
  return {
    GlobalEventID: eventNumber(doc, event),
    Day: date ? date.replace(/-/g, "") : "",
    MonthYear: date ? date.slice(0, 7).replace("-", "") : "",
    Year: date ? date.slice(0, 4) : "",
    FractionDate: date ? fractionDate(date) : "",
    ...actorCells(1, cameoActor(reference, event.source_actor, date)),
    ...actorCells(2, cameoActor(reference, event.target_actor, date)),
    IsRootEvent: event.offset[0] < doc.leadEnd ? 1 : 0,
    EventCode: event.cameo,
    EventBaseCode: event.cameo.slice(0, 3),
    EventRootCode: event.cameo.slice(0, 2),
    QuadClass: entry?.quad ? (QUAD_CLASS[entry.quad] ?? "") : "",
    GoldsteinScale: entry?.goldstein ?? "",
    // One account: one mention in one article from one source (gdeltRows counts merged reports).
    NumMentions: 1,
    NumSources: 1,
    NumArticles: 1,
    AvgTone: "",
    ...geo,
    DATEADDED: dateAdded(doc.ingestedAt),
    SOURCEURL: doc.url ?? doc.source,
  };
}

/** One row per real event of the case (its reports merged: mentions, sources and articles counted,
 * the first report's URL), in the order of the case's events. */
export function gdeltRows(c: CaseExport): GdeltRow[] {
  return caseEvents(c).events.map((e) => {
    const row = gdeltRow(c, e.doc, e.event);
    if (e.accounts.length < 2) return row;
    const first = e.accounts[0]!.doc;
    return {
      ...row,
      IsRootEvent: e.accounts.some((a) => a.event.offset[0] < a.doc.leadEnd) ? 1 : 0,
      NumMentions: e.accounts.length,
      NumSources: e.cluster.sources,
      NumArticles: e.cluster.reports,
      SOURCEURL: first.url ?? first.source,
    };
  });
}

/**
 * One TSV cell. GDELT files have no quoting: readers split on tabs and lines. So a tab or a line
 * break inside a value becomes a space (they carry no meaning in a name or a URL); nothing else
 * is changed, bar the guard against spreadsheet formulas.
 */
export function tsvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  return spreadsheetText(value.replace(/[\t\r\n]+/g, " "));
}

/** The GDELT-style event table of a case: a header line, then one line per event per report. */
export function gdeltTable(c: CaseExport): string {
  const lines = [GDELT_COLUMNS.join("\t")];
  for (const row of gdeltRows(c)) lines.push(GDELT_COLUMNS.map((k) => tsvCell(row[k] ?? "")).join("\t"));
  return `${lines.join("\n")}\n`;
}
