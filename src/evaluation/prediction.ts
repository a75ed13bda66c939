// Prediction files for `eval --pred DIR`: NAME.json holding the analysis JSON contract, as
// `crisisdesk analyze --format json` prints it or another tool wrote it. Read as leniently as the
// shared scorer reads them, so both score the same file the same way: a missing list is empty, an
// actor may be a bare name, a quote's words may sit in `text` or `quote`, an event field of the
// wrong type is read as absent.
import { z } from "zod";
import type { Prediction, ScoredActor } from "./score.js";

const actorSchema = z
  .union([
    z.string(),
    z.looseObject({
      name: z.string().nullish(),
      actor: z.string().nullish(),
      kind: z.string().nullish(),
      actor_kind: z.string().nullish(),
      country: z.string().nullish(),
      id: z.string().nullish(),
    }),
  ])
  .nullish()
  .transform((x): ScoredActor => {
    if (x === null || x === undefined) return { name: "", kind: "other", country: null };
    // A bare string is a name, except "author", the claimant of the contract's own voice.
    if (typeof x === "string") return { name: x, kind: x === "author" ? "author" : "other", country: null };
    return {
      name: x.name ?? x.actor ?? "",
      kind: x.kind ?? x.actor_kind ?? "other",
      country: x.country ?? null,
      ...(x.id ? { id: x.id } : {}),
    };
  });

// A confidence that is not a number leaves the item out of the calibration table, not the scores.
const confidence = z.number().optional().catch(undefined);

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((xs) => xs ?? []);

// An event field the scorer cannot use counts as absent, rather than the whole file as empty.
const optionalText = z.string().nullish().catch(null);

export const predictionSchema = z.object({
  events: list(
    z.looseObject({
      id: optionalText,
      date: optionalText,
      location: z.looseObject({ country: optionalText }).nullish().catch(null),
      target_actor: actorSchema,
    }),
  ),
  reactions: list(
    z.looseObject({
      actor: actorSchema,
      stance: z.string().nullish(),
      confidence,
      event_id: optionalText,
    }),
  ),
  quotes: list(
    z.looseObject({
      speaker: actorSchema,
      text: z.string().nullish(),
      quote: z.string().nullish(),
    }),
  ),
  attributions: list(z.looseObject({ accused: actorSchema, confidence })),
});

/** Brings a parsed prediction file to the scored shape; throws zod's error when it does not fit. */
export function parsePrediction(value: unknown): Prediction {
  const p = predictionSchema.parse(value);
  return {
    events: p.events.map((e) => ({
      id: e.id ?? null,
      date: e.date ?? null,
      location: e.location ? { country: e.location.country ?? null } : null,
      target_actor: e.target_actor,
    })),
    reactions: p.reactions.map((r) => ({
      actor: r.actor,
      stance: r.stance ?? "",
      ...(r.confidence === undefined ? {} : { confidence: r.confidence }),
      ...(r.event_id ? { event_id: r.event_id } : {}),
    })),
    quotes: p.quotes.map((q) => ({ speaker: q.speaker, text: q.text ?? q.quote ?? "" })),
    attributions: p.attributions.map((a) => ({
      accused: a.accused,
      ...(a.confidence === undefined ? {} : { confidence: a.confidence }),
    })),
  };
}
