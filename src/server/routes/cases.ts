// Cases and the analysis layer on them: reaction matrix, timeline, network, dyad, ACH with its
// edits, scenarios, the brief (md, html; pdf as a background job) and the exports.
import { z } from "zod";
import {
  addDocumentsToCase,
  addEvidence,
  addHypothesis,
  addIndicator,
  addScenario,
  autoAssign,
  caseAch,
  caseDyad,
  caseNetwork,
  caseReactionMatrix,
  caseScenarios,
  caseTimeline,
  createCase,
  editCaseAch,
  editCaseScenarios,
  networkGraphml,
  openCase,
  rateEvidence,
  updateCaseScenarios,
  WEIGHT_LEVELS,
} from "../../analysis/index.js";
import { loadKnowledgeData } from "../../knowledge/index.js";
import {
  achView,
  briefHtml,
  briefMarkdown,
  buildBrief,
  EXPORT_FORMATS,
  exportReference,
  findChromium,
  loadBriefInput,
  loadCaseExport,
  reactionMatrixCsv,
  reactionMatrixMarkdown,
  renderPdf,
} from "../../outputs/index.js";
import { errorResponse } from "../http-error.js";
import { textResponse } from "../responses.js";
import { type Route, route } from "../route.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const weight = z.union([z.enum(["low", "medium", "high"]), z.number().min(0)]);

export const caseRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/cases",
    tag: "cases",
    summary: "Every case",
    role: "viewer",
    handle: ({ deps }) => deps.store.listCases(),
  }),
  route({
    method: "post",
    path: "/api/cases",
    tag: "cases",
    summary: "Create a case: the reports about one crisis",
    role: "analyst",
    status: 201,
    body: z.strictObject({
      title: z.string().trim().min(1, "a title"),
      id: z.string().optional(),
      anchorDate: isoDate.nullable().optional(),
      country: z.string().nullable().optional(),
      description: z.string().nullable().optional(),
    }),
    handle: async ({ deps, body }) => {
      const kb = await deps.knowledge();
      return createCase(deps.store, body, (iso3) => Boolean(kb.state(iso3)));
    },
  }),
  route({
    method: "get",
    path: "/api/cases/:id",
    tag: "cases",
    summary: "One case and its documents",
    role: "viewer",
    handle: async ({ deps, params }) => {
      const { info, reports } = await openCase(deps.store, params.id!);
      return { case: info, documents: reports.map(({ analysis: _, ...row }) => row) };
    },
  }),
  route({
    method: "post",
    path: "/api/cases/:id/documents",
    tag: "cases",
    summary: "Add stored documents (ids or unique prefixes) to a case",
    role: "analyst",
    body: z.strictObject({ documents: z.array(z.string().min(1)).min(1) }),
    handle: ({ deps, params, body }) => addDocumentsToCase(deps.store, params.id!, body.documents),
  }),
  route({
    method: "post",
    path: "/api/cases/:id/auto",
    tag: "cases",
    summary: "Add the stored documents that match the case's anchor date and country",
    role: "analyst",
    body: z.strictObject({ dryRun: z.boolean().optional() }),
    handle: ({ deps, params, body }) => autoAssign(deps.store, params.id!, { dryRun: body.dryRun }),
  }),
  route({
    method: "get",
    path: "/api/cases/:id/timeline",
    tag: "analysis",
    summary: "The case's events (merged across reports) and reactions by date",
    role: "viewer",
    handle: ({ deps, params }) => caseTimeline(deps.store, params.id!),
  }),
  route({
    method: "get",
    path: "/api/cases/:id/reactions",
    tag: "analysis",
    summary:
      "The reaction matrix: actor × stance, grouped domestic/regional/international, and who is silent",
    role: "viewer",
    query: z.object({ format: z.enum(["json", "csv", "md"]).default("json") }),
    handle: async ({ deps, params, query }) => {
      const matrix = await caseReactionMatrix(deps.store, await deps.knowledge(), params.id!);
      if (query.format === "csv")
        return textResponse(reactionMatrixCsv(matrix), "text/csv", {
          filename: `${params.id}-reactions.csv`,
        });
      if (query.format === "md") return textResponse(reactionMatrixMarkdown(matrix), "text/markdown");
      return matrix;
    },
  }),
  route({
    method: "get",
    path: "/api/cases/:id/network",
    tag: "analysis",
    summary: "The actor network: affiliations, and who acted on, met, accused or reacted to whom",
    role: "viewer",
    query: z.object({ format: z.enum(["json", "graphml"]).default("json") }),
    handle: async ({ deps, params, query }) => {
      const network = await caseNetwork(deps.store, await deps.knowledge(), params.id!);
      return query.format === "graphml"
        ? textResponse(networkGraphml(network, params.id), "application/graphml+xml")
        : network;
    },
  }),
  route({
    method: "get",
    path: "/api/cases/:id/dyad",
    tag: "analysis",
    summary: "Cooperation–conflict between two actors over time, on the Goldstein scale",
    role: "viewer",
    query: z.object({ a: z.string().min(1), b: z.string().min(1) }),
    handle: async ({ deps, params, query }) =>
      caseDyad(deps.store, await deps.knowledge(), params.id!, query.a, query.b),
  }),
  route({
    method: "get",
    path: "/api/cases/:id/ach",
    tag: "ach",
    summary: "Analysis of Competing Hypotheses: hypotheses, evidence, ratings, scores (seeded on first use)",
    role: "viewer",
    handle: async ({ deps, params }) =>
      achView(await caseAch(deps.store, await deps.knowledge(), params.id!)),
  }),
  route({
    method: "post",
    path: "/api/cases/:id/ach/seed",
    tag: "ach",
    summary: "Re-seed hypotheses and evidence from the case's reports, keeping analyst edits",
    role: "analyst",
    handle: async ({ deps, params }) =>
      achView(await caseAch(deps.store, await deps.knowledge(), params.id!, { reseed: true })),
  }),
  route({
    method: "post",
    path: "/api/cases/:id/ach/hypotheses",
    tag: "ach",
    summary: "Add a hypothesis",
    role: "analyst",
    status: 201,
    body: z.strictObject({ label: z.string().trim().min(1), actors: z.array(z.string()).optional() }),
    handle: async ({ deps, params, body }) => {
      const kb = await deps.knowledge();
      return achView(await editCaseAch(deps.store, kb, params.id!, (s) => addHypothesis(s, kb, body)));
    },
  }),
  route({
    method: "post",
    path: "/api/cases/:id/ach/evidence",
    tag: "ach",
    summary: "Add an evidence item",
    role: "analyst",
    status: 201,
    body: z.strictObject({
      summary: z.string().trim().min(1),
      credibility: weight.optional(),
      relevance: weight.optional(),
    }),
    handle: async ({ deps, params, body }) => {
      const kb = await deps.knowledge();
      const level = (w: z.infer<typeof weight> | undefined) => (typeof w === "string" ? WEIGHT_LEVELS[w] : w);
      return achView(
        await editCaseAch(deps.store, kb, params.id!, (s) =>
          addEvidence(s, kb, {
            summary: body.summary,
            credibility: level(body.credibility),
            relevance: level(body.relevance),
          }),
        ),
      );
    },
  }),
  route({
    method: "put",
    path: "/api/cases/:id/ach/ratings",
    tag: "ach",
    summary: "Confirm or change one rating (CC, C, N, I, II; or suggested: back to the engine's)",
    role: "analyst",
    body: z.strictObject({
      evidence: z.string().min(1),
      hypothesis: z.string().min(1),
      rating: z.enum(["CC", "C", "N", "I", "II", "suggested"]),
    }),
    handle: async ({ deps, params, body }) => {
      const kb = await deps.knowledge();
      return achView(
        await editCaseAch(deps.store, kb, params.id!, (s) =>
          rateEvidence(s, kb, body.evidence, body.hypothesis, body.rating),
        ),
      );
    },
  }),
  route({
    method: "get",
    path: "/api/cases/:id/scenarios",
    tag: "scenarios",
    summary: "Scenarios with their likelihoods, indicators and history",
    role: "viewer",
    handle: ({ deps, params }) => caseScenarios(deps.store, params.id!),
  }),
  route({
    method: "post",
    path: "/api/cases/:id/scenarios",
    tag: "scenarios",
    summary: "Add a scenario with its prior",
    role: "analyst",
    status: 201,
    body: z.strictObject({
      name: z.string().trim().min(1),
      prior: z.number().min(0).max(1),
      description: z.string().optional(),
    }),
    handle: async ({ deps, params, body }) =>
      (await editCaseScenarios(deps.store, params.id!, (s) => addScenario(s, body))).status,
  }),
  route({
    method: "post",
    path: "/api/cases/:id/scenarios/indicators",
    tag: "scenarios",
    summary: "Add an indicator, a query in the indicator language with a likelihood ratio",
    role: "analyst",
    status: 201,
    body: z.strictObject({
      scenario: z.string().min(1),
      query: z.string().min(1),
      lr: z.number().min(0),
      repeat: z.boolean().optional(),
      label: z.string().optional(),
    }),
    handle: async ({ deps, params, body }) => {
      const { status, result } = await editCaseScenarios(deps.store, params.id!, (s) =>
        addIndicator(s, body),
      );
      return { ...status, warnings: [...status.warnings, ...result.warnings] };
    },
  }),
  route({
    method: "post",
    path: "/api/cases/:id/scenarios/update",
    tag: "scenarios",
    summary: "Fire indicators on the case's reports and update the likelihoods by Bayes' rule",
    role: "analyst",
    handle: async ({ deps, params }) => {
      const { status, update } = await updateCaseScenarios(deps.store, await deps.knowledge(), params.id!);
      return { fired: update.fired, warnings: update.warnings, scenarios: status.scenarios };
    },
  }),
  route({
    method: "get",
    path: "/api/cases/:id/brief",
    tag: "brief",
    summary: "The analytic brief as Markdown or HTML (PDF: POST /api/cases/{id}/brief/pdf)",
    role: "viewer",
    query: z.object({ format: z.enum(["md", "html"]).default("md"), date: isoDate.optional() }),
    handle: async ({ deps, params, query }) => {
      const input = await loadBriefInput(deps.store, await deps.knowledge(), params.id!, {
        date: query.date,
      });
      const brief = buildBrief(input);
      return query.format === "html"
        ? textResponse(briefHtml(brief), "text/html")
        : textResponse(briefMarkdown(brief), "text/markdown");
    },
  }),
  route({
    method: "post",
    path: "/api/cases/:id/brief/pdf",
    tag: "brief",
    summary: "Render the brief as PDF in the background; the job's result is the PDF",
    role: "analyst",
    status: 202,
    query: z.object({ date: isoDate.optional() }),
    handle: async ({ deps, params, query, caller }) => {
      const chromium = findChromium();
      const input = await loadBriefInput(deps.store, await deps.knowledge(), params.id!, {
        date: query.date,
      });
      const job = deps.jobs.start(
        "brief-pdf",
        caller.name,
        async (progress) => {
          progress(0, 1, "rendering");
          const bytes = await renderPdf(briefHtml(buildBrief(input)), { chromium });
          progress(1, 1);
          return { bytes, contentType: "application/pdf", filename: `${params.id}-brief.pdf` };
        },
        (error) => errorResponse(error).body.error,
      );
      return deps.jobs.view(job);
    },
  }),
  route({
    method: "get",
    path: "/api/cases/:id/export",
    tag: "exports",
    summary: "The case as a STIX 2.1 bundle, a GDELT-style or ACLED-style table, or JSON",
    role: "viewer",
    query: z.object({ format: z.enum(["stix", "gdelt", "acled", "json"]) }),
    handle: async ({ deps, params, query }) => {
      const reference = exportReference(loadKnowledgeData(), await deps.store.overlayActors());
      const exported = EXPORT_FORMATS[query.format](await loadCaseExport(deps.store, params.id!, reference));
      return textResponse(exported.text, exported.contentType, {
        filename: `${params.id}-${query.format}.${exported.extension}`,
      });
    },
  }),
];
