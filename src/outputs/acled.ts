// The ACLED-style event table (CSV): the case's political violence, demonstrations and strategic
// developments coded in ACLED's event types, actors and interaction codes. Which CAMEO/PLOVER
// events become which ACLED types is data (data/codebook/acled-mapping.json), validated here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ACTOR_KINDS, type ActorRef, CrisisdeskError, type Event } from "../domain/index.js";
import { casualtyFiguresIn } from "../extraction/index.js";
import { DATA_DIR, validate } from "../knowledge/index.js";
import { caseEvents, conservativeKilled, outletsOf } from "./case-events.js";
import {
  type CaseExport,
  type ExportDocument,
  eventDate,
  eventNumber,
  eventPlace,
  sourceName,
} from "./case-json.js";
import { csvTable } from "./csv.js";
import { cameoActor } from "./gdelt.js";

/** ACLED's event types, their sub-event types and the disorder type of each (ACLED codebook 2024). */
export const ACLED_TYPES = {
  Battles: {
    "Armed clash": "Political violence",
    "Government regains territory": "Political violence",
    "Non-state actor overtakes territory": "Political violence",
  },
  "Explosions/Remote violence": {
    "Chemical weapon": "Political violence",
    "Air/drone strike": "Political violence",
    "Suicide bomb": "Political violence",
    "Shelling/artillery/missile attack": "Political violence",
    "Remote explosive/landmine/IED": "Political violence",
    Grenade: "Political violence",
  },
  "Violence against civilians": {
    "Sexual violence": "Political violence",
    Attack: "Political violence",
    "Abduction/forced disappearance": "Political violence",
  },
  Protests: {
    "Peaceful protest": "Demonstrations",
    "Protest with intervention": "Demonstrations",
    "Excessive force against protesters": "Political violence; Demonstrations",
  },
  Riots: {
    "Violent demonstration": "Demonstrations",
    "Mob violence": "Political violence",
  },
  "Strategic developments": {
    Agreement: "Strategic developments",
    Arrests: "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    Other: "Strategic developments",
  },
} as const;

type EventType = keyof typeof ACLED_TYPES;
const EVENT_TYPES = Object.keys(ACLED_TYPES) as [EventType, ...EventType[]];
const VIOLENT: ReadonlySet<string> = new Set([
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
]);

const interCode = z.number().int().min(1).max(8);

const ruleSchema = z
  .object({
    cameo: z.array(z.string().regex(/^\d{2,4}$/, "a CAMEO code or code prefix of 2 to 4 digits")).optional(),
    mode: z.array(z.string().min(1)).optional(),
    plover: z.array(z.string().min(1)).optional(),
    event_type: z.enum(EVENT_TYPES),
    sub_event_type: z.string(),
    note: z.string().optional(),
  })
  .refine((r) => r.cameo || r.mode || r.plover, {
    message: "a rule needs at least one of cameo, mode, plover",
  })
  .refine((r) => r.sub_event_type in ACLED_TYPES[r.event_type], {
    message: "the sub_event_type is not one of ACLED's sub-event types for this event_type",
    path: ["sub_event_type"],
  });

export const acledMappingSchema = z.object({
  about: z.string().optional(),
  events: z.array(ruleSchema),
  inter: z.object({
    about: z.string().optional(),
    cameoTypes: z.record(z.string().regex(/^[A-Z]{3}$/, "a CAMEO type code such as GOV"), interCode),
    kinds: z.record(z.enum(ACTOR_KINDS), interCode),
    foreignStateForces: interCode,
  }),
  regions: z.object({
    about: z.string().optional(),
    countries: z.record(z.string().regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code"), z.string().min(1)),
    subregions: z.record(z.string(), z.string().min(1)),
  }),
});

export type AcledMapping = z.infer<typeof acledMappingSchema>;
export type AcledRule = AcledMapping["events"][number];

export const ACLED_MAPPING_FILE = join(DATA_DIR, "codebook", "acled-mapping.json");

/** Reads and validates the mapping; a broken edit names the file, the rule and the field. */
export function loadAcledMapping(path: string = ACLED_MAPPING_FILE): AcledMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new CrisisdeskError("BAD_DATA", `cannot read the ACLED mapping (${(cause as Error).message})`, {
      where: path,
      cause,
    });
  }
  return validate(acledMappingSchema, raw, path);
}

/** The first rule that codes an event, or undefined when it is no ACLED event. */
export function acledRule(
  mapping: AcledMapping,
  event: Pick<Event, "cameo" | "mode" | "plover">,
): AcledRule | undefined {
  return mapping.events.find(
    (r) =>
      (!r.cameo || r.cameo.some((prefix) => event.cameo.startsWith(prefix))) &&
      (!r.mode || (event.mode !== null && r.mode.includes(event.mode))) &&
      (!r.plover || r.plover.includes(event.plover)),
  );
}

// ---------------------------------------------------------------------------------------------
// Fatalities

/**
 * Reported deaths in a sentence ("three people were killed", "killing 12", "the death toll rose
 * to 40"), by extraction's one casualty reader; 0 when it reports none. When a sentence gives
 * several figures the lowest is taken, as ACLED takes the most conservative report.
 */
export function fatalitiesIn(sentence: string): number {
  const valid = casualtyFiguresIn(sentence)
    .filter((f) => f.kind === "killed" && f.count !== null && f.count > 0)
    .map((f) => f.count!);
  return valid.length ? Math.min(...valid) : 0;
}

// ---------------------------------------------------------------------------------------------
// The table

export const ACLED_COLUMNS = [
  "event_id_cnty",
  "event_date",
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "interaction",
  "civilian_targeting",
  "iso",
  "region",
  "country",
  "admin1",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "source_scale",
  "notes",
  "fatalities",
  "tags",
  "timestamp",
  "iso3",
] as const;

export type AcledRow = Record<(typeof ACLED_COLUMNS)[number], string | number>;

const TIME_PRECISION = { event: 1, report: 2, case: 3 } as const;

interface CodedActor {
  name: string;
  assoc: string;
  inter: number | "";
}

function interOf(
  c: CaseExport,
  mapping: AcledMapping,
  ref: ActorRef,
  date: string,
  eventCountry: string | null,
): number {
  const coded = cameoActor(c.reference, ref, date);
  const byType = coded?.types.map((t) => mapping.inter.cameoTypes[t]).find((n) => n !== undefined);
  const code = byType ?? mapping.inter.kinds[ref.kind] ?? 8;
  const country = ref.country ?? (coded?.country || null);
  return code === 1 && eventCountry && country && country !== eventCountry
    ? mapping.inter.foreignStateForces
    : code;
}

/** One ACLED row for an event one report tells, or null when the mapping has no rule for it. */
export function acledRow(
  c: CaseExport,
  doc: ExportDocument,
  event: Event,
  mapping: AcledMapping,
): AcledRow | null {
  const rule = acledRule(mapping, event);
  const when = eventDate(c, doc, event);
  if (!rule || !when) return null;
  const { kb } = c.reference;
  const where = eventPlace(c, event);
  const place = where?.place ?? null;
  const iso3 = place?.country ?? null;
  const state = iso3 ? kb.state(iso3) : undefined;
  const countryName = state?.name ?? iso3 ?? "";
  const violent = VIOLENT.has(rule.event_type);
  const inter = (ref: ActorRef) => interOf(c, mapping, ref, when.date, iso3);

  const source = event.source_actor;
  let actor1: CodedActor;
  if (rule.event_type === "Protests" || rule.event_type === "Riots") {
    // ACLED names the crowd, and the organisation behind it as the associated actor.
    const crowd = rule.event_type === "Protests" ? "Protesters" : "Rioters";
    actor1 = {
      name: `${crowd} (${countryName})`,
      assoc: source && source.kind !== "state" ? source.name : "",
      inter: rule.event_type === "Protests" ? 6 : 5,
    };
  } else if (source) actor1 = { name: source.name, assoc: "", inter: inter(source) };
  else if (violent) actor1 = { name: `Unidentified Armed Group (${countryName})`, assoc: "", inter: 3 };
  else actor1 = { name: "", assoc: "", inter: "" };

  const target = event.target_actor;
  let actor2: CodedActor = { name: "", assoc: "", inter: "" };
  if (target) {
    const code = inter(target);
    actor2 =
      violent && (code === 7 || target.kind === "other")
        ? {
            name: `Civilians (${(target.country && kb.state(target.country)?.name) || countryName})`,
            assoc: target.name,
            inter: 7,
          }
        : { name: target.name, assoc: "", inter: code };
  }
  const codes = [actor1.inter, actor2.inter]
    .filter((n): n is number => typeof n === "number")
    .sort((a, b) => a - b);
  const interaction =
    codes.length === 2 ? codes[0]! * 10 + codes[1]! : codes.length === 1 ? codes[0]! * 10 : "";
  const region = iso3
    ? (mapping.regions.countries[iso3] ??
      (state?.subregion ? mapping.regions.subregions[state.subregion] : undefined) ??
      state?.region ??
      "")
    : "";
  const located = place && (place.kind === "city" || place.kind === "site") && place.lat !== undefined;
  const tags = [
    `cameo=${event.cameo}`,
    `plover=${event.plover}${event.mode ? `/${event.mode}` : ""}`,
    ...(event.attempted ? ["attempted"] : []),
    ...(when.precision === "event" ? [] : [`date from ${when.precision}`]),
    ...(where?.fromCase ? ["place from case"] : []),
  ];
  const ingested = Date.parse(doc.ingestedAt);
  return {
    event_id_cnty: `${iso3 ?? "XXX"}${eventNumber(doc, event)}`,
    event_date: when.date,
    year: Number(when.date.slice(0, 4)),
    time_precision: TIME_PRECISION[when.precision],
    disorder_type: (ACLED_TYPES[rule.event_type] as Record<string, string>)[rule.sub_event_type] ?? "",
    event_type: rule.event_type,
    sub_event_type: rule.sub_event_type,
    actor1: actor1.name,
    assoc_actor_1: actor1.assoc,
    inter1: actor1.inter,
    actor2: actor2.name,
    assoc_actor_2: actor2.assoc,
    inter2: actor2.inter,
    interaction,
    civilian_targeting: violent && actor2.inter === 7 ? "Civilian targeting" : "",
    // ACLED's `iso` is the numeric ISO 3166-1 code, which the knowledge base does not hold yet;
    // the alpha-3 code is in `iso3`, as in ACLED's API.
    iso: "",
    region,
    country: countryName,
    admin1: "",
    location: place?.name ?? "",
    latitude: place?.lat ?? "",
    longitude: place?.long ?? "",
    geo_precision: place ? (located ? 1 : 3) : "",
    source: sourceName(doc),
    source_scale: "",
    notes: event.sentence,
    // The figure extraction read into the event; analyses stored before it had one are read here.
    fatalities:
      event.casualties !== undefined ? (event.casualties?.killed ?? 0) : fatalitiesIn(event.sentence),
    tags: tags.join("; "),
    timestamp: Number.isNaN(ingested) ? "" : Math.floor(ingested / 1000),
    iso3: iso3 ?? "",
  };
}

/** The ACLED rows of a case: one per real event a mapping rule codes (its reports merged: the
 * outlets listed in `source`, the most conservative death toll, the count in `tags`), in the order
 * of the case's events. */
export function acledRows(c: CaseExport, mapping: AcledMapping = loadAcledMapping()): AcledRow[] {
  return caseEvents(c).events.flatMap((e) => {
    const row = acledRow(c, e.doc, e.event, mapping);
    if (!row) return [];
    if (e.accounts.length < 2) return [row];
    const killed = conservativeKilled(e.accounts);
    return [
      {
        ...row,
        source: outletsOf(e.accounts, sourceName).join("; "),
        fatalities: killed ?? row.fatalities,
        tags: [row.tags, `reports=${e.cluster.reports}`, `sources=${e.cluster.sources}`].join("; "),
      },
    ];
  });
}

/** The ACLED-style table of a case as CSV (RFC 4180: CRLF line ends, a header line). */
export function acledTable(c: CaseExport, mapping: AcledMapping = loadAcledMapping()): string {
  const rows = acledRows(c, mapping).map((row) => ACLED_COLUMNS.map((k) => row[k]));
  return csvTable([ACLED_COLUMNS, ...rows], "\r\n");
}
