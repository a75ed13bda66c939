// The analyst's layer over HTTP: the review queue, accept / reject / correct / add, an item's
// history, re-analysis, source grades, and the queue of actors the engine minted. Each handler
// validates, calls one library function of src/review (the same the CLI calls), and returns its
// result; changing anything needs the analyst role, and the caller's name is who decided.
import { z } from "zod";
import { CREDIBILITIES, ITEM_KINDS, RELIABILITIES, STANCES } from "../../domain/index.js";
import { loadPatterns } from "../../extraction/index.js";
import { loadEngine } from "../../pipeline/index.js";
import {
  actorQueue,
  addItem,
  gradeSource,
  itemHistory,
  listSourceGrades,
  type ReviewDeps,
  reanalyze,
  removeSourceGrade,
  resolveActor,
  reviewItem,
  reviewQueue,
  undoActorResolution,
} from "../../review/index.js";
import { type Route, type RouteContext, route } from "../route.js";

const note = z.string().max(2000).nullable().optional();
const credibility = z
  .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)], {
    error: `an Admiralty credibility: one of ${CREDIBILITIES.join(", ")}`,
  })
  .nullable()
  .optional();
const count = z.number().int().nonnegative().nullable().optional();

/** What an analyst may correct on an item (each field applies to the kinds that have it). */
const correction = {
  stance: z.enum(STANCES).optional(),
  actor: z.string().trim().min(1).optional(),
  speaker: z.string().trim().min(1).optional(),
  claimant: z.string().trim().min(1).optional(),
  accused: z.string().trim().min(1).optional(),
  type: z
    .string()
    .regex(/^\d{2,4}$/, "a CAMEO code of 2 to 4 digits")
    .optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
    .nullable()
    .optional(),
  place: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
  target: z.string().nullable().optional(),
  killed: count,
  wounded: count,
  credibility,
};

let cameo: ReturnType<typeof loadPatterns>["cameo"] | undefined;

async function reviewDeps(context: RouteContext<unknown, unknown>): Promise<ReviewDeps> {
  cameo ??= loadPatterns().cameo;
  const codes = cameo;
  return {
    store: context.deps.store,
    kb: await context.deps.knowledge(),
    plover: (c) => codes.get(c)?.plover,
  };
}

const meta = (context: RouteContext<unknown, { note?: string | null }>) => ({
  by: context.caller.name,
  note: context.body?.note ?? null,
});

const queueQuery = z.object({
  case: z.string().optional(),
  kind: z.enum(ITEM_KINDS).optional(),
  all: z.enum(["true", "false"]).optional(),
});

export const reviewRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/review/queue",
    tag: "review",
    summary:
      "Items with their ids and review status, unreviewed lowest confidence first (all=true: reviewed and rejected too)",
    role: "viewer",
    query: queueQuery,
    handle: ({ deps, query }) =>
      reviewQueue(deps.store, {
        caseId: query.case,
        kinds: query.kind ? [query.kind] : undefined,
        all: query.all === "true",
      }),
  }),
  route({
    method: "post",
    path: "/api/review/items/:item/accept",
    tag: "review",
    summary: "Confirm an item as the engine gave it",
    role: "analyst",
    body: z.strictObject({ note }),
    handle: async (c) => reviewItem(await reviewDeps(c), c.params.item!, "accept", meta(c)),
  }),
  route({
    method: "post",
    path: "/api/review/items/:item/reject",
    tag: "review",
    summary: "Leave an item out of the record; it stays out when the engine produces it again",
    role: "analyst",
    body: z.strictObject({ note }),
    handle: async (c) => reviewItem(await reviewDeps(c), c.params.item!, "reject", meta(c)),
  }),
  route({
    method: "patch",
    path: "/api/review/items/:item",
    tag: "review",
    summary:
      "Correct an item (stance, actor, speaker, claimant, accused, event type/date/place/source/target, casualties) or grade its credibility (1–6)",
    role: "analyst",
    body: z.strictObject({ ...correction, note }),
    handle: async (c) => {
      const { note: _note, ...fields } = c.body;
      return reviewItem(await reviewDeps(c), c.params.item!, "set", meta(c), fields);
    },
  }),
  route({
    method: "post",
    path: "/api/review/items",
    tag: "review",
    summary:
      "Add an item the engine missed, on one sentence of a report (its number from 1, or words it holds)",
    role: "analyst",
    status: 201,
    body: z.strictObject({
      kind: z.enum(ITEM_KINDS),
      document: z.string().trim().min(1, "a document id or unique prefix"),
      sentence: z.union([z.number().int().positive(), z.string().trim().min(1)]),
      text: z.string().trim().min(1).optional(),
      event: z.string().nullable().optional(),
      ...correction,
      note,
    }),
    handle: async (c) => {
      const { kind, document, sentence, note: _note, ...fields } = c.body;
      return addItem(await reviewDeps(c), { kind, document, sentence, fields }, meta(c));
    },
  }),
  route({
    method: "get",
    path: "/api/review/items/:item/history",
    tag: "review",
    summary: "Every version of an item, the engine's and the analyst's, with its reason",
    role: "viewer",
    handle: ({ deps, params }) => itemHistory(deps.store, params.item!),
  }),
  route({
    method: "post",
    path: "/api/reanalyze",
    tag: "review",
    summary:
      "Run the current engine and knowledge base over stored reports again (one of case, all, documents); reviewed items stand",
    role: "analyst",
    body: z.strictObject({
      case: z.string().optional(),
      all: z.boolean().optional(),
      documents: z.array(z.string()).optional(),
    }),
    handle: async ({ deps, body }) => {
      const engine = await loadEngine(deps.store);
      return reanalyze(
        { caseId: body.case, all: body.all, documents: body.documents },
        { store: deps.store, analyse: engine.analyse, versions: engine.versions },
      );
    },
  }),
  route({
    method: "get",
    path: "/api/sources",
    tag: "review",
    summary: "The graded sources with the reports each covers, then the outlets no grade covers",
    role: "viewer",
    handle: ({ deps }) => listSourceGrades(deps.store),
  }),
  route({
    method: "put",
    path: "/api/sources/:name",
    tag: "review",
    summary: "Grade a source on the Admiralty scale: reliability A–F and a default credibility 1–6",
    role: "analyst",
    body: z.strictObject({ reliability: z.enum(RELIABILITIES), credibility, note }),
    handle: (c) =>
      gradeSource(
        c.deps.store,
        { name: c.params.name!, reliability: c.body.reliability, credibility: c.body.credibility },
        meta(c),
      ),
  }),
  route({
    method: "delete",
    path: "/api/sources/:name",
    tag: "review",
    summary: "Forget a source's grade",
    role: "analyst",
    handle: ({ deps, params }) => removeSourceGrade(deps.store, params.name!),
  }),
  route({
    method: "get",
    path: "/api/review/actors",
    tag: "review",
    summary:
      "Actors the engine minted (new: ids) with their mentions and likely known actors; all=true: resolved ones too",
    role: "viewer",
    query: z.object({ case: z.string().optional(), all: z.enum(["true", "false"]).optional() }),
    handle: async ({ deps, query }) =>
      actorQueue(deps.store, await deps.knowledge(), { caseId: query.case, all: query.all === "true" }),
  }),
  route({
    method: "post",
    path: "/api/review/actors/:id/resolve",
    tag: "review",
    summary:
      "Resolve a minted actor: link it to a known actor (its name becomes an alias), add it to the overlay, or mark it a phrase; the reports naming it re-analyse",
    role: "analyst",
    body: z.discriminatedUnion("action", [
      z.strictObject({ action: z.literal("link"), target: z.string().trim().min(1), note }),
      z.strictObject({
        action: z.literal("add"),
        kind: z.string().optional(),
        country: z.string().nullable().optional(),
        id: z.string().optional(),
        note,
      }),
      z.strictObject({ action: z.literal("phrase"), note }),
    ]),
    handle: async (c) => {
      const { note: _note, ...input } = c.body;
      const outcome = await resolveActor(
        { store: c.deps.store, engine: () => loadEngine(c.deps.store) },
        await c.deps.knowledge(),
        c.params.id!,
        input,
        meta(c),
      );
      c.deps.overlayChanged();
      return outcome;
    },
  }),
  route({
    method: "post",
    path: "/api/review/actors/:id/undo",
    tag: "review",
    summary: "Undo a minted actor's resolution (the alias or overlay actor goes) and re-analyse",
    role: "analyst",
    handle: async ({ deps, params }) => {
      const outcome = await undoActorResolution(
        { store: deps.store, engine: () => loadEngine(deps.store) },
        params.id!,
      );
      deps.overlayChanged();
      return outcome;
    },
  }),
];
