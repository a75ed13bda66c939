// The analytic brief of a case: the document an analyst hands on — what happened, who is blamed
// and how the competing hypotheses stand, the motives and context the reports give, the
// reactions at home, in the region and beyond, and the scenarios with their indicators — in short
// paragraphs generated from templates, every factual sentence footnoted to the exact sentence of a
// report. `buildBrief` composes it from the case (pure); the renderers in brief/ lay it out as
// Markdown, HTML, or PDF through headless Chromium.
import {
  ACH_STATE_KEY,
  type AchState,
  applyGrades,
  caseScenarios,
  requireCase,
  seedAch,
} from "../analysis/index.js";
import {
  CrisisdeskError,
  gradeText,
  ITEM_KINDS,
  ITEM_LISTS,
  type Item,
  isGraded,
  itemGrade,
  sourceGradeOf,
} from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { Store } from "../store/index.js";
import { attributionSection } from "./brief/attribution.js";
import { BriefContext, type BriefInput, type BriefReport } from "./brief/context.js";
import type { Brief, BriefSource, Footnote, Line, Section } from "./brief/model.js";
import { motivesSection } from "./brief/motives.js";
import {
  capitalise,
  count,
  dateRange,
  joinList,
  longDate,
  numberWord,
  ofCount,
  openingNumber,
  percent,
  theName,
} from "./brief/prose.js";
import { type ReactionsResult, reactionsSection } from "./brief/reactions.js";
import { scenariosSection } from "./brief/scenarios.js";
import { noReports, whatHappened } from "./brief/what-happened.js";
import { sourceName } from "./case-json.js";

export type { BriefInput, BriefReport } from "./brief/context.js";
export type {
  Block as BriefBlock,
  Brief,
  BriefSource,
  Cell as BriefCell,
  Footnote,
  Line as BriefLine,
  Section as BriefSection,
} from "./brief/model.js";
export { briefHtml } from "./brief/render-html.js";
export { briefMarkdown } from "./brief/render-markdown.js";
export { CHROMIUM_MISSING, findChromium, renderPdf } from "./brief/render-pdf.js";

function sourcesOf(reports: readonly BriefReport[]): BriefSource[] {
  return [...reports]
    .sort(
      (a, b) =>
        (a.published ?? "9999").localeCompare(b.published ?? "9999") ||
        (a.title ?? "").localeCompare(b.title ?? "") ||
        a.id.localeCompare(b.id),
    )
    .map((r, i) => {
      const url =
        r.url && /^https?:\/\//i.test(r.url) ? r.url : /^https?:\/\//i.test(r.source) ? r.source : null;
      return {
        n: i + 1,
        documentId: r.id,
        title: r.title?.trim() || r.source,
        outlet: sourceName({ url: r.url ?? null, author: r.author, source: r.source }),
        published: r.published,
        url,
        file: url ? null : r.source,
      };
    });
}

function keyPoints(
  ctx: BriefContext,
  lead: Line | null,
  noun: string,
  attribution: ReturnType<typeof attributionSection>,
  reactions: ReactionsResult,
): Line[] {
  const points: Line[] = [];
  if (lead) points.push(lead);
  const claims = ctx.input.ach.state.evidence.filter((e) => e.kind === "claim_of_responsibility");
  const suspects = [...attribution.accused].slice(0, 3);
  if (claims.length === 0) {
    const blamed =
      suspects.length === 1
        ? suspects[0]![1] === 1
          ? `; the one accusation in them points to ${suspects[0]![0]}`
          : `; the accusations in them all point to ${suspects[0]![0]}`
        : suspects.length
          ? `; the accusations in them point most often to ${joinList(suspects.map(([name, n]) => `${name} (${count(n, "report")})`))}`
          : "";
    const denial = attribution.deniers.length
      ? `. ${capitalise(joinList(attribution.deniers))} ${attribution.deniers.length === 1 ? "denies" : "deny"} any role`
      : "";
    points.push({ text: `No one has claimed ${noun} in the reports${blamed}${denial}.`, cites: [] });
  }
  const { scores } = attribution;
  const { state } = ctx.input.ach;
  if (state.hypotheses.length > 1 && state.evidence.length > 0)
    points.push({
      text: scores.tiedAtTop
        ? `The competing hypotheses are not yet separated by the evidence: ${
            scores.top.length === state.hypotheses.length
              ? state.hypotheses.length === 2
                ? "both"
                : `all ${numberWord(state.hypotheses.length)}`
              : ofCount(scores.top.length, state.hypotheses.length)
          } tie as least inconsistent.`
        : `Of the competing hypotheses, “${state.hypotheses.find((h) => h.id === scores.top[0])?.label}” is the least inconsistent with the evidence.`,
      cites: [],
    });
  const m = ctx.matrix;
  if (reactions.reacted) {
    const silent = m.silent.map((s) => theName(s.name, s.kind === "state" ? "state" : "igo"));
    const silentText = silent.length
      ? `; ${silent.length > 4 ? `${numberWord(silent.length)} expected actors, among them ${joinList(silent.slice(0, 2))},` : joinList(silent)} ${silent.length === 1 ? "has" : "have"} not reacted in these reports`
      : "";
    const { reacted, condemned } = reactions;
    points.push({
      text: `${openingNumber(reacted)} ${reacted === 1 ? "actor" : "actors"} reacted${condemned ? `, ${condemned === reacted ? "all" : numberWord(condemned)} condemning ${noun}` : ""}${silentText}.`,
      cites: [],
    });
  }
  const scenarios = ctx.input.scenarios.scenarios;
  if (scenarios.length) {
    const top = [...scenarios].sort((a, b) => b.likelihood - a.likelihood)[0]!;
    points.push({
      text: `The most likely scenario is “${top.name}” at ${percent(top.likelihood)}.`,
      cites: [],
    });
  }
  return points;
}

/**
 * Marks each footnote with what the analyst said about its sentence: the Admiralty grade of its
 * source and items ("B2", when anything is graded) and whether an item it carries was confirmed.
 */
function markFootnotes(input: BriefInput, footnotes: Footnote[]): Footnote[] {
  const reports = new Map(input.reports.map((r) => [r.id, r]));
  const grades = input.grades ?? [];
  return footnotes.map((f) => {
    const report = reports.get(f.documentId);
    if (!report) return f;
    const items = ITEM_KINDS.flatMap((kind) => report.analysis[ITEM_LISTS[kind]] as Item[]).filter(
      (i) => i.offset[0] >= f.offset[0] && i.offset[1] <= f.offset[1],
    );
    const credibility = items.flatMap((i) => i.credibility ?? []).sort()[0];
    const origin = { url: report.url ?? null, author: report.author, source: report.source };
    const grade = itemGrade(sourceGradeOf(origin, grades), credibility);
    const review = items.find((i) => i.review)?.review?.status;
    return { ...f, ...(isGraded(grade) ? { grade: gradeText(grade) } : {}), ...(review ? { review } : {}) };
  });
}

/** Composes the brief of a case. Pure: everything it reads is in `input`. */
export function buildBrief(input: BriefInput): Brief {
  const ctx = new BriefContext(input);
  const sources = sourcesOf(input.reports);
  const happened = whatHappened(ctx);
  const noun = happened.main?.noun ?? "the event";
  ctx.mainTarget = happened.main?.cluster.target ?? null;
  const attribution = attributionSection(ctx, noun);
  // Motives before reactions: a sentence that states a motive is told there, not quoted again.
  const motives = motivesSection(ctx, happened.main?.cluster ?? null, noun);
  const reactions = reactionsSection(ctx, noun);
  const sections: Section[] = [
    { id: "what-happened", title: "What happened", blocks: happened.blocks },
    { id: "attribution", title: "Parties involved and attribution", blocks: attribution.blocks },
    { id: "motives", title: "Stated motives and context", blocks: motives },
    { id: "reactions", title: "Reactions", blocks: reactions.blocks },
    { id: "scenarios", title: "Scenarios and indicators", blocks: scenariosSection(ctx) },
  ];
  const points = input.reports.length
    ? keyPoints(ctx, happened.main?.lead ?? null, noun, attribution, reactions)
    : [noReports(input.case.id)];
  const finished = ctx.notes.finish(points, sections, new Map(sources.map((s) => [s.documentId, s])));
  const dates = input.reports
    .map((r) => r.published)
    .filter((d): d is string => Boolean(d))
    .sort();
  const country = ctx.countryName();
  const c = input.case;
  const outlets = new Set(sources.map((s) => s.outlet)).size;
  const period = { from: dates[0] ?? null, to: dates[dates.length - 1] ?? null };
  return {
    caseId: c.id,
    title: c.title,
    summary: [
      `Case ${c.id}`,
      country ? capitalise(country) : null,
      c.anchorDate ? `anchored on ${longDate(c.anchorDate)}` : null,
    ]
      .filter(Boolean)
      .join(" · "),
    description: c.description,
    date: input.date,
    reports: input.reports.length,
    outlets,
    period,
    coverage: coverageOf(input.reports.length, outlets, period.from, period.to),
    keyPoints: finished.keyPoints,
    sections: finished.sections,
    sources,
    footnotes: markFootnotes(input, finished.footnotes),
  };
}

/** "Based on 11 reports from 6 sources, published 7–30 November 2021." */
function coverageOf(reports: number, outlets: number, from: string | null, to: string | null): string {
  const period = from ? `, published ${dateRange(from, to)}` : "";
  return `Based on ${count(reports, "report")} from ${count(outlets, "source")}${period}.`;
}

function checkAch(caseId: string, value: AchState | null): AchState | null {
  if (value === null) return null;
  if (value.version !== 1 || !Array.isArray(value.hypotheses) || !Array.isArray(value.evidence))
    throw new CrisisdeskError("BAD_DATA", "the stored ACH state is not one this version understands", {
      where: caseId,
    });
  return value;
}

/**
 * Reads what the brief of a case needs from the store: the case, its reports with their text,
 * the ACH (seeded in memory, not saved, when the case has none) and the scenarios.
 */
export async function loadBriefInput(
  store: Store,
  kb: KnowledgeBase,
  caseId: string,
  options: { date?: string; now?: Date } = {},
): Promise<BriefInput> {
  const info = await requireCase(store, caseId);
  const documents = await store.caseDocuments(caseId);
  const texts = await store.documentTexts(documents.map((d) => d.id));
  const reports: BriefReport[] = [];
  for (const d of documents) {
    reports.push({
      id: d.id,
      title: d.title,
      published: d.published,
      source: d.source,
      url: d.url,
      author: d.author,
      analysis: d.analysis,
      text: texts.get(d.id) ?? "",
    });
  }
  const stored = checkAch(caseId, await store.getCaseState<AchState>(caseId, ACH_STATE_KEY));
  const grades = await store.listSources();
  const state = stored
    ? applyGrades(stored, documents, grades)
    : seedAch({ documents, kb, grades, anchorDate: info.anchorDate, now: options.now });
  return {
    case: info,
    reports,
    kb,
    ach: { state, stored: stored !== null },
    scenarios: await caseScenarios(store, caseId),
    date: options.date ?? (options.now ?? new Date()).toISOString().slice(0, 10),
    grades,
  };
}
