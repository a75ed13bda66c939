// Schemas of the knowledge-base data files in data/kb/. Every file is validated on load (and in a
// test), so an analyst's edit that breaks a file is caught with the file, entry and field named.
import { z } from "zod";
import { AFFILIATION_TYPES } from "../domain/index.js";

const date = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "a date as YYYY, YYYY-MM or YYYY-MM-DD");
const iso3 = z.string().regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code");
const id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}:[a-z0-9-_]+$`, "i"), `an id starting with "${prefix}:"`);

export const REGIONS = [
  "Middle East and North Africa",
  "Sub-Saharan Africa",
  "Europe",
  "Central Asia",
  "South Asia",
  "East Asia",
  "Southeast Asia",
  "Oceania",
  "North America",
  "Latin America and the Caribbean",
] as const;

export const stateSchema = z.object({
  id: id("state"),
  iso3,
  iso2: z.string().length(2).optional(),
  name: z.string().min(1),
  official: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  demonyms: z.array(z.string()).default([]),
  capital: z.string().optional(),
  /** Other names of the capital that stand for its government: the seat of government where it is
   * not the capital ("Abidjan"), older spellings ("Kiev"), the short form ("Washington"). */
  capitalAliases: z.array(z.string()).default([]),
  capitalCoords: z.tuple([z.number(), z.number()]).optional(),
  region: z.enum(REGIONS),
  subregion: z.string(),
  un: z.enum(["member", "observer", "none"]),
  cameo: z.string().optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .optional(),
  sources: z.string().optional(),
  parent: iso3.optional(),
  uncertain: z.boolean().optional(),
});

export const roleSchema = z.object({
  title: z.string().min(1),
  office: z.enum([
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "igo_head",
    "minister",
    "other",
  ]),
  of: z.string().min(1),
  start: date.nullable(),
  end: date.nullable(),
  cameo: z.string().optional(),
  uncertain: z.boolean().optional(),
});

export const personSchema = z.object({
  id: id("person"),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  country: iso3.nullable(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .optional(),
  roles: z.array(roleSchema).default([]),
  sources: z.string().optional(),
  uncertain: z.boolean().optional(),
});

export const affiliationSchema = z.object({
  type: z.enum(AFFILIATION_TYPES),
  target: z.string().min(1),
  start: date.optional(),
  end: date.optional(),
  note: z.string().optional(),
  uncertain: z.boolean().optional(),
});

export const igoSchema = z.object({
  id: id("igo"),
  name: z.string().min(1),
  acronym: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  members: z
    .array(
      z.object({
        state: iso3,
        start: date.optional(),
        end: date.optional(),
        uncertain: z.boolean().optional(),
      }),
    )
    .default([]),
  parent: z.string().optional(),
  /** Organs whose membership is their parent's (the General Assembly is the UN's members). */
  membersSameAs: z.string().optional(),
  /** Names that may mean something else ("Brussels"): indexed only when longer than one word. */
  ambiguousAliases: z.array(z.string()).default([]),
  secretariat: z.string().optional(),
  headTitle: z.string().optional(),
  region: z.string().optional(),
  cameo: z.string().optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .optional(),
  sources: z.string().optional(),
  uncertain: z.boolean().optional(),
});

export const groupSchema = z.object({
  id: z.string().regex(/^group:[a-z0-9-]+$/, 'an id starting with "group:"'),
  name: z.string().min(1),
  kind: z.enum(["armed_group", "party", "government_body", "other", "media"]),
  country: iso3.nullable(),
  aliases: z.array(z.string()).default([]),
  ambiguousAliases: z.array(z.string()).default([]),
  cameo: z.string().optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/)
    .optional(),
  founded: z.string().optional(),
  affiliations: z.array(affiliationSchema).default([]),
  sources: z.string().optional(),
  uncertain: z.boolean().optional(),
});

export const SECTORS = [
  "presidency",
  "head_of_government_office",
  "royal_court",
  "foreign_ministry",
  "defence_ministry",
  "interior_ministry",
  "military",
  "intelligence",
  "legislature",
  "judiciary",
  "police",
  "state_media",
  "government",
] as const;

export const bodiesSchema = z.object({
  named: z.array(
    z.object({
      id: z.string().regex(/^body:[a-z0-9-_]+$/, 'an id starting with "body:"'),
      name: z.string().min(1),
      aliases: z.array(z.string()).default([]),
      country: iso3,
      sector: z.enum(SECTORS),
      cameo: z.string().optional(),
      metonym: z.boolean().optional(),
      ambiguousAliases: z.array(z.string()).default([]),
    }),
  ),
  sectors: z.array(
    z.object({ sector: z.enum(SECTORS), cameo: z.string().optional(), heads: z.array(z.string().min(1)) }),
  ),
});

export const titlesSchema = z.array(
  z.object({
    phrase: z.string().min(1),
    office: roleSchema.shape.office,
    /** Only for these states (e.g. "chancellor" in DEU and AUT); any state when absent. */
    states: z.array(iso3).optional(),
  }),
);

export const placeSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  country: iso3,
  kind: z.enum(["city", "region", "site"]),
  coords: z.tuple([z.number(), z.number()]).optional(),
  ambiguous: z.boolean().optional(),
  disputed: z.boolean().optional(),
  uncertain: z.boolean().optional(),
});

export type StateEntry = z.infer<typeof stateSchema>;
export type PersonEntry = z.infer<typeof personSchema>;
export type IgoEntry = z.infer<typeof igoSchema>;
export type GroupEntry = z.infer<typeof groupSchema>;
export type BodiesFile = z.infer<typeof bodiesSchema>;
export type TitleEntry = z.infer<typeof titlesSchema>[number];
export type PlaceEntry = z.infer<typeof placeSchema>;
export type Sector = (typeof SECTORS)[number];
