// The gold file shape (../shared/data/dev/README.md): a report's hand annotations, NAME.gold.json
// beside the report. Validated on read so an annotator's slip is caught with the file and field
// named, rather than silently scoring against a half-read file.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ACTOR_KINDS, CrisisdeskError, STANCES } from "../domain/index.js";

const iso3 = z.string().regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code");
const text = z.string().trim().min(1, "a non-empty string");

// Fields the scorer matches on are required; the rest (evidence, sentences) are for the reader
// and may be left out, as the shared scorer ignores them too.
export const goldReactionSchema = z.object({
  actor: text,
  actor_kind: z.enum(ACTOR_KINDS),
  country: iso3.nullable().default(null),
  stance: z.enum(STANCES),
  evidence: z.string().optional(),
  /** Other names that count as this actor (an organisation's spokesperson, say). */
  actor_alt: z.array(text).default([]),
});

export const goldQuoteSchema = z.object({
  speaker: text,
  quote: text,
});

export const goldAttributionSchema = z.object({
  claimant: text,
  accused: text,
  evidence_cited: z.string().nullish(),
  sentence: z.string().optional(),
});

// The report's main event. Its day, country and target are scored (main-event.ts); the day only
// where `date_knowable` is not false. The other fields (summary, type, location as the annotator
// wrote it) are for the reader.
export const goldEventSchema = z.looseObject({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
    .nullish(),
  date_knowable: z.boolean().optional(),
  country: iso3.nullish(),
  target: z.string().nullish(),
});

export const goldSchema = z.object({
  source: z.string().optional(),
  event: goldEventSchema.optional(),
  reactions: z.array(goldReactionSchema).default([]),
  quotes: z.array(goldQuoteSchema).default([]),
  attributions: z.array(goldAttributionSchema).default([]),
});

export type Gold = z.infer<typeof goldSchema>;

/** Validates parsed gold JSON; `where` names the file in the error. */
export function parseGold(value: unknown, where: string): Gold {
  const result = goldSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".") || "(root)";
  throw new CrisisdeskError("BAD_DATA", `gold field "${field}": ${issue.message}`, { where });
}

export async function readGold(path: string): Promise<Gold> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (cause) {
    throw new CrisisdeskError("NOT_FOUND", `cannot read the gold file (${(cause as Error).message})`, {
      where: path,
      cause,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw new CrisisdeskError("BAD_DATA", `the gold file is not valid JSON (${(cause as Error).message})`, {
      where: path,
      cause,
    });
  }
  return parseGold(value, path);
}
