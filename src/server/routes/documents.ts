// Documents: upload (every format the CLI ingests), URL ingest, list, search with snippets, one
// document with its analysis; and the items the store's reports hold (events, reactions, quotes,
// attributions).
import { z } from "zod";
import { CrisisdeskError } from "../../domain/index.js";
import type { Input } from "../../ingestion/index.js";
import { ingest } from "../../pipeline/index.js";
import { HttpError } from "../http-error.js";
import { type Route, type RouteContext, route } from "../route.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
export const listQuerySchema = z.object({
  since: isoDate.optional(),
  actor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** Ingests inputs as `crisisdesk ingest` does; an input that fails alone fails the request. */
async function ingestOne(context: RouteContext<unknown, unknown>, input: Input) {
  const { deps } = context;
  const report = await ingest([input], {
    store: deps.store,
    analyse: await deps.analyser(),
    read: { maxBytes: deps.maxUploadBytes, allowPrivate: deps.allowPrivateFetch, timeoutMs: 15_000 },
  });
  const failed = report.failed[0];
  if (failed && report.added.length + report.duplicates.length === 0)
    throw new CrisisdeskError(failed.code as never, failed.reason, { where: failed.input });
  return report;
}

export const documentRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/documents",
    tag: "documents",
    summary: "The stored documents, newest first",
    role: "viewer",
    query: listQuerySchema,
    handle: ({ deps, query }) => deps.store.listDocuments(query),
  }),
  route({
    method: "post",
    path: "/api/documents",
    tag: "documents",
    summary:
      "Upload a report (.txt .md .html .pdf .json .jsonl .xml feeds): multipart/form-data with a `file`, or the raw body with ?filename=",
    role: "analyst",
    body: "upload",
    status: 201,
    handle: (context) => ingestOne(context, context.body as unknown as Input),
  }),
  route({
    method: "post",
    path: "/api/documents/url",
    tag: "documents",
    summary: "Fetch a report (or a feed's items) from a URL, analyse and store it",
    role: "analyst",
    body: z.object({ url: z.url({ protocol: /^https?$/, error: "an http(s) URL" }) }),
    status: 201,
    handle: (context) => ingestOne(context, context.body.url),
  }),
  route({
    method: "get",
    path: "/api/documents/:id",
    tag: "documents",
    summary: "One document (by id or a unique prefix) with its text and analysis",
    role: "viewer",
    handle: async ({ deps, params }) => {
      const ids = await deps.store.documentIdsByPrefix(params.id!);
      if (ids.length > 1)
        throw new HttpError(
          400,
          "AMBIGUOUS",
          `the prefix "${params.id}" names ${ids.length} documents`,
          "id",
        );
      const doc = ids[0] ? await deps.store.getDocument(ids[0]) : null;
      if (!doc) throw new HttpError(404, "NOT_FOUND", `no document with the id "${params.id}"`, "id");
      return doc;
    },
  }),
  route({
    method: "get",
    path: "/api/search",
    tag: "documents",
    summary: "Full-text search over every stored sentence, with snippets",
    role: "viewer",
    query: z.object({
      q: z.string().trim().min(1, "words to search for"),
      limit: z.coerce.number().int().min(1).max(500).default(20),
    }),
    handle: ({ deps, query }) => deps.store.search(query.q, query.limit),
  }),
  ...(["events", "reactions", "quotes", "attributions"] as const).map((what) =>
    route({
      method: "get",
      path: `/api/${what}`,
      tag: "items",
      summary: `The ${what} of the stored reports`,
      role: "viewer",
      query: listQuerySchema,
      handle: ({ deps, query }) => {
        const store = deps.store;
        if (what === "events") return store.listEvents(query);
        if (what === "reactions") return store.listReactions(query);
        if (what === "quotes") return store.listQuotes(query);
        return store.listAttributions(query);
      },
    }),
  ),
];
