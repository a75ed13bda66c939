// Zod schemas for the analysis JSON contract (spec: analysis-output.md). Exported so other
// tools can validate what crisisdesk prints; field names and vocabularies are fixed by the spec.
import { z } from "zod";
import { ACTOR_KINDS, STANCES } from "./model.js";

const iso3 = z.string().regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const offset = z
  .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
  .refine(([s, e]) => e >= s, "offset end must not precede start");
const confidence = z.number().min(0).max(1);
/** The analyst's mark on a reviewed item of the effective record (crisisdesk review). */
const review = z
  .object({
    status: z.enum(["accepted", "corrected", "added"]),
    item: z.string(),
    by: z.string(),
    at: z.string(),
    note: z.string().optional(),
  })
  .optional();
/** The information credibility an analyst graded an item (Admiralty 1 confirmed … 6 cannot be judged). */
const credibility = z.number().int().min(1).max(6).optional();

export const actorRefSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(ACTOR_KINDS),
  country: iso3.nullable(),
  id: z.string().optional(),
});

export const analysedActorSchema = actorRefSchema.extend({
  id: z.string().min(1),
  roles: z.array(z.string()),
  mentions: z.number().int().nonnegative(),
});

export const eventSchema = z.object({
  id: z.string().min(1),
  summary: z.string(),
  cameo: z.string().regex(/^\d{2,4}$/, "a CAMEO code of 2 to 4 digits"),
  plover: z.string().min(1),
  mode: z.string().nullable(),
  date: isoDate.nullable(),
  location: z.object({ name: z.string(), country: iso3.nullable() }).nullable(),
  source_actor: actorRefSchema.nullable(),
  target_actor: actorRefSchema.nullable(),
  attempted: z.boolean(),
  sentence: z.string(),
  offset,
  confidence,
  casualties: z
    .object({
      killed: z.number().int().nonnegative().nullable(),
      wounded: z.number().int().nonnegative().nullable(),
      phrase: z.string(),
      offset,
    })
    .nullable()
    .optional(),
  instrument: z.string().nullable().optional(),
  review,
  credibility,
});

export const reactionSchema = z.object({
  actor: actorRefSchema,
  stance: z.enum(STANCES),
  event_id: z.string().nullable(),
  sentence: z.string(),
  offset,
  confidence,
  review,
  credibility,
});

export const quoteSchema = z.object({
  speaker: actorRefSchema.nullable(),
  speaks_for: actorRefSchema.optional(),
  text: z.string().min(1),
  sentence: z.string(),
  offset,
  review,
  credibility,
});

export const attributionSchema = z.object({
  claimant: z.union([actorRefSchema, z.literal("author")]),
  accused: actorRefSchema,
  event_id: z.string().nullable(),
  evidence: z.string().nullable(),
  sentence: z.string(),
  offset,
  confidence,
  review,
  credibility,
});

export const analysisSchema = z.object({
  document: z.object({
    id: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 hex digest"),
    title: z.string().nullable(),
    published: isoDate.nullable(),
    source: z.string(),
    language: z.string(),
    sentences: z.number().int().nonnegative(),
    words: z.number().int().nonnegative(),
  }),
  actors: z.array(analysedActorSchema),
  events: z.array(eventSchema),
  reactions: z.array(reactionSchema),
  quotes: z.array(quoteSchema),
  attributions: z.array(attributionSchema),
  ambiguities: z
    .array(z.object({ surface: z.string(), sentence: z.string(), offset, candidates: z.array(z.string()) }))
    .optional(),
  reference_date: z
    .object({
      date: isoDate.nullable(),
      from: z.enum(["metadata", "dateline", "source", "text", "office_holders"]).nullable(),
      note: z.string(),
    })
    .optional(),
});

export type AnalysisJson = z.infer<typeof analysisSchema>;
