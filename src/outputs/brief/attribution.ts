// "Parties involved and attribution": who blames whom and on what evidence, who denies or plays
// the attack down, then the Analysis of Competing Hypotheses — the ranking by Heuer's weighted
// inconsistency, the matrix with the engine's suggested ratings marked, diagnostic items and the
// items the ranking rests on. The ACH is the case's own (as `crisisdesk ach` keeps it), or one
// seeded in memory for the brief when the case has none.
import { type AchScores, type AchState, scoreAch } from "../../analysis/index.js";
import type { ActorRef, Attribution } from "../../domain/index.js";
import { type BriefContext, type BriefReport, namesNoOne } from "./context.js";
import type { Block, Cell, Line } from "./model.js";
import { capitalise, count, joinList, numberWord, openingNumber } from "./prose.js";

/**
 * Names the extraction cut out of a longer phrase ("or arrest warrants against faction", "drone
 * campaign that Iran-aligned factions") do not name anyone; the brief's prose leaves them out,
 * the ACH table keeps them for the analyst to remove.
 */
export function isMisreadName(name: string): boolean {
  return (
    /^(or|and|but|that|which|who|against|on|by|of|to|with|for|if|as)\b/i.test(name) ||
    /\b(that|which|who)\b/i.test(name) ||
    name.split(/\s+/).length > 6
  );
}

function claimantName(ctx: BriefContext, claimant: ActorRef | "author"): string {
  if (claimant === "author") return "the author";
  if (claimant.kind === "state" && claimant.country) {
    // "Iraq accused …" is how headlines speak; a brief says who in the state spoke.
    return `officials in ${ctx.countryName(claimant.country) ?? claimant.name}`;
  }
  return ctx.actorName(claimant);
}

/** "the type of drones used" from "the type of drones used: two security officials … said …". */
function shortEvidence(evidence: string): string {
  const cut = evidence.split(/[:;]/)[0]!.trim();
  return cut.length > 120 ? `${cut.slice(0, 117).replace(/\s+\S*$/, "")} …` : cut;
}

/**
 * The accused as the sentence should name them: a phrase the claimant's own words put in
 * quotation marks keeps them ("blamed the “international left”"), for it is their term.
 */
function accusedLabel(ctx: BriefContext, a: Attribution, title = true): string {
  const ref = a.accused;
  const unresolved = !ref.id || ref.id.startsWith("new:");
  const quoted = new RegExp(`["“‘']${ref.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["”’']`, "i");
  if (unresolved && quoted.test(a.sentence))
    return /^\p{Ll}/u.test(ref.name) ? `the “${ref.name}”` : `“${ref.name}”`;
  return ctx.actorName(ref, { title });
}

interface Claim {
  report: BriefReport;
  attribution: Attribution;
}

function accusationLines(ctx: BriefContext): {
  lines: Line[];
  accused: Map<string, number>;
  resolved: Set<string>;
  weightOf: Map<string, number>;
} {
  const claims: Claim[] = ctx.input.reports.flatMap((report) =>
    report.analysis.attributions
      .filter(
        (a) =>
          !isMisreadName(a.accused.name) &&
          !namesNoOne(a.accused) &&
          (a.claimant === "author" || !namesNoOne(a.claimant)),
      )
      .map((attribution) => ({ report, attribution })),
  );
  const accusedKey = (a: ActorRef) => a.id ?? a.name.toLowerCase();
  // How widely each accused is named: by distinct reports, which ranks the suspects for the summary.
  const accused = new Map<string, number>();
  const reportsOf = new Map<string, Set<string>>();
  const weightOf = new Map<string, number>();
  const resolved = new Set<string>();
  // A named claimant's claims, one line per claimant and cited evidence: "Officials in Iraq blamed
  // Kata'ib Hezbollah and Asa'ib Ahl al-Haq, citing the type of drones used."
  const named = new Map<string, { labels: string[]; claims: Claim[] }>();
  const byAuthor = new Map<string, { label: string; claims: Claim[] }>();
  for (const c of claims) {
    const a = c.attribution;
    const target = accusedKey(a.accused);
    const label = accusedLabel(ctx, a);
    if (a.claimant === "author") {
      const entry = byAuthor.get(target) ?? { label, claims: [] };
      entry.claims.push(c);
      byAuthor.set(target, entry);
    } else {
      const key = `${accusedKey(a.claimant)}|${a.evidence ? shortEvidence(a.evidence) : ""}`;
      const entry = named.get(key) ?? { labels: [], claims: [] };
      if (!entry.labels.includes(label)) entry.labels.push(label);
      entry.claims.push(c);
      named.set(key, entry);
    }
  }
  for (const c of claims) {
    const label = accusedLabel(ctx, c.attribution, false);
    reportsOf.set(label, (reportsOf.get(label) ?? new Set()).add(c.report.id));
  }
  for (const [label, reports] of reportsOf) accused.set(label, reports.size);
  // Among suspects named by as many reports, one a named source blames on cited evidence leads.
  for (const c of claims) {
    const label = accusedLabel(ctx, c.attribution, false);
    const bonus = (c.attribution.evidence ? 0.5 : 0) + (c.attribution.claimant !== "author" ? 0.25 : 0);
    weightOf.set(label, Math.max(weightOf.get(label) ?? 0, bonus));
  }
  // Suspects the knowledge base knows lead; a phrase it does not ("criminal armed groups") is vaguer.
  for (const c of claims)
    if (c.attribution.accused.id && !c.attribution.accused.id.startsWith("new:"))
      resolved.add(accusedLabel(ctx, c.attribution, false));
  const cite = (c: Claim) => ctx.cite(c.report, c.attribution.sentence, c.attribution.offset);
  const lines: Line[] = [];
  for (const { labels, claims: list } of [...named.values()].sort(
    (a, b) => b.claims.length - a.claims.length,
  )) {
    const first = list[0]!.attribution;
    const evidence = first.evidence ? `, citing ${shortEvidence(first.evidence)}` : "";
    lines.push({
      text: `${capitalise(claimantName(ctx, first.claimant))} blamed ${joinList(labels)}${evidence}.`,
      cites: [...new Set(list.map(cite))].slice(0, 3),
    });
  }
  // The reports' own voice, in one sentence: "The reports themselves point to X (two reports), and to Y and Z (one each)."
  const own = [...byAuthor.values()]
    .map((e) => ({ ...e, reports: new Set(e.claims.map((c) => c.report.id)).size }))
    .sort((a, b) => b.reports - a.reports);
  if (own.length) {
    const several = own.filter((e) => e.reports > 1).map((e) => `${e.label} (${count(e.reports, "report")})`);
    const single = own.filter((e) => e.reports === 1).map((e) => e.label);
    const parts = [
      ...(several.length ? [joinList(several)] : []),
      ...(single.length
        ? [
            `${several.length ? "to " : ""}${joinList(single)}${own.length > 1 ? (single.length > 1 ? " (one report each)" : " (one report)") : ""}`,
          ]
        : []),
    ];
    lines.push({
      text: `The reports themselves, in their own voice, point to ${parts.join(", and ")}.`,
      cites: own.flatMap((e) => [...new Set(e.claims.slice(0, 2).map(cite))]),
    });
  }
  return { lines, accused, resolved, weightOf };
}

function stanceLine(ctx: BriefContext, stance: "deny" | "downplay", phrase: string): Line | null {
  const rows = ctx.matrix.rows.filter((r) => r.stance === stance && !namesNoOne(r.actor));
  if (rows.length === 0) return null;
  const names = [...new Set(rows.map((r) => ctx.actorName(r.actor)))];
  return {
    text: `${capitalise(joinList(names))} ${phrase}.`,
    cites: rows.map((r) =>
      ctx.cite({ id: r.strongest.documentId }, r.strongest.sentence, r.strongest.offset),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// The ACH

const num = (x: number) => x.toFixed(2);

function hypothesisLabel(state: AchState, id: string): string {
  return state.hypotheses.find((h) => h.id === id)?.label ?? id;
}

function achLines(ctx: BriefContext, state: AchState, scores: AchScores, stored: boolean): Line[] {
  const lines: Line[] = [];
  const caseId = ctx.input.case.id;
  if (!stored)
    lines.push({
      text: `The hypotheses and evidence below were seeded for this brief from the case’s reports and have not been reviewed by an analyst; \`crisisdesk ach ${caseId}\` keeps them and lets an analyst edit and rate them.`,
      cites: [],
    });
  if (state.hypotheses.length === 0) {
    lines.push({ text: "The case has no hypotheses yet.", cites: [] });
    return lines;
  }
  const label = (id: string) => `“${hypothesisLabel(state, id)}” (${id})`;
  const scoreOf = (id: string) => scores.scores.find((s) => s.id === id)!.inconsistency;
  const n = state.hypotheses.length;
  if (n === 1 && state.hypotheses[0]!.other) {
    lines.push({
      text:
        "No suspect is named in the reports, so the only hypothesis is “Other / unknown” and the ACH has nothing to weigh yet; an analyst can add hypotheses with `crisisdesk ach " +
        caseId +
        " hypothesis add LABEL`.",
      cites: [],
    });
    return lines;
  }
  const all = n === 2 ? "both" : `all ${numberWord(n)}`;
  if (state.evidence.length === 0)
    lines.push({ text: `With no evidence items, ${all} hypotheses are tied.`, cites: [] });
  else if (scores.tiedAtTop) {
    const rest = state.hypotheses.filter((h) => !scores.top.includes(h.id));
    const tied =
      scores.top.length === n ? all : n > 10 ? String(scores.top.length) : numberWord(scores.top.length);
    lines.push({
      text: `The evidence does not yet separate the hypotheses: ${tied} tie as least inconsistent (weighted inconsistency ${num(scoreOf(scores.top[0]!))})${
        rest.length ? `, and ${joinList(rest.map((h) => `${label(h.id)} scores ${num(scoreOf(h.id))}`))}` : ""
      }.`,
      cites: [],
    });
  } else {
    const [top, next] = scores.ranking;
    lines.push({
      text: `${capitalise(label(top!))} is the least inconsistent hypothesis (weighted inconsistency ${num(scoreOf(top!))})${
        next ? `, ahead of ${label(next)} (${num(scoreOf(next))})` : ""
      }.`,
      cites: [],
    });
  }
  const diagnostic = scores.diagnosticity.filter((d) => d.diagnostic);
  const nonDiagnostic = scores.diagnosticity.filter((d) => !d.diagnostic);
  if (state.evidence.length) {
    const best = [...diagnostic].sort((a, b) => b.diagnosticity - a.diagnosticity);
    const summary = (id: string) => {
      const text = state.evidence.find((e) => e.id === id)?.summary ?? "";
      return text.length > 80 ? `${text.slice(0, 77).replace(/\s+\S*$/, "")} …` : text;
    };
    const which =
      best.length === 0
        ? "No item of evidence is diagnostic"
        : best.length === 1
          ? `One item of evidence is diagnostic: ${best[0]!.evidence} (${summary(best[0]!.evidence)})`
          : `${openingNumber(best.length)} items of evidence are diagnostic, the most telling being ${best[0]!.evidence} (${summary(best[0]!.evidence)}, diagnosticity ${best[0]!.diagnosticity})`;
    const alike = nonDiagnostic.length
      ? `${nonDiagnostic.length === state.evidence.length ? (nonDiagnostic.length === 1 ? "the only item" : `all ${numberWord(nonDiagnostic.length)}`) : numberWord(nonDiagnostic.length)} ${nonDiagnostic.length === 1 ? "is" : "are"} rated alike under every hypothesis and cannot help choose between them`
      : "every item helps choose between them";
    lines.push({ text: `${which}; ${alike}.`, cites: [] });
  }
  // The items the conclusion rests on: dropped or found wrong, another hypothesis would come first.
  // (Taking a hypothesis out of a tie at the top changes little; bringing a new one in does.)
  const joins = (ids: string[]) => ids.filter((id) => !scores.top.includes(id));
  const sensitive = scores.sensitivity.filter((s) => joins(s.ifDropped).length || joins(s.ifFlipped).length);
  if (state.evidence.length && state.hypotheses.length > 1)
    lines.push(
      sensitive.length
        ? {
            text: `The ranking rests most on ${joinList(
              sensitive.slice(0, 3).map((s) => {
                const item = state.evidence.find((e) => e.id === s.evidence)!;
                const newcomers = [...new Set([...joins(s.ifDropped), ...joins(s.ifFlipped)])];
                return `${s.evidence} (${item.summary.length > 90 ? `${item.summary.slice(0, 87).replace(/\s+\S*$/, "")} …` : item.summary}), without which, or were it wrong, ${joinList(newcomers.map(label))} would come first`;
              }),
            )}; ${sensitive.length === 1 ? "its sources deserve" : "their sources deserve"} checking first.`,
            cites: [],
          }
        : {
            text: "No single item, dropped or found wrong, would bring another hypothesis to the top.",
            cites: [],
          },
    );
  if (scores.suggestedCells > 0)
    lines.push({
      text:
        scores.suggestedCells === 1 && state.ratings.length === 1
          ? "The one rating is the engine’s suggestion (marked *), not yet confirmed by an analyst."
          : `${scores.suggestedCells === state.ratings.length ? `All ${numberWord(state.ratings.length)}` : `${openingNumber(scores.suggestedCells)} of the ${numberWord(state.ratings.length)}`} ratings are the engine’s suggestions (marked *), not yet confirmed by an analyst.`,
      cites: [],
    });
  return lines;
}

function achTables(ctx: BriefContext, state: AchState, scores: AchScores): Block[] {
  if (state.hypotheses.length === 0) return [];
  if (state.hypotheses.length === 1 && state.hypotheses[0]!.other) return [];
  const ranking: Cell[][] = scores.ranking.map((id) => {
    const s = scores.scores.find((x) => x.id === id)!;
    const top = scores.top.includes(id) && !scores.tiedAtTop;
    return [
      { text: `${s.rank}${s.tied ? "=" : ""}`, ...(top ? { tone: "strong" as const } : {}) },
      { text: id },
      { text: s.label, ...(top ? { tone: "strong" as const } : {}) },
      { text: num(s.inconsistency) },
    ];
  });
  const blocks: Block[] = [
    {
      kind: "table",
      caption: "Hypotheses, least inconsistent first",
      head: ["Rank", "ID", "Hypothesis", "Weighted inconsistency"],
      rows: ranking,
      narrow: [0, 1, 3],
    },
  ];
  if (state.evidence.length === 0) return blocks;
  const hs = state.hypotheses.map((h) => h.id);
  const diag = new Map(scores.diagnosticity.map((d) => [d.evidence, d]));
  // Diagnostic items first: Heuer's point is that they are the ones that decide.
  const items = [...state.evidence].sort(
    (a, b) =>
      (diag.get(b.id)?.diagnosticity ?? 0) - (diag.get(a.id)?.diagnosticity ?? 0) ||
      Number(a.id.slice(1)) - Number(b.id.slice(1)),
  );
  const rows: Cell[][] = items.map((e) => {
    const d = diag.get(e.id);
    const muted = !d?.diagnostic;
    return [
      { text: e.id, ...(muted ? { tone: "muted" as const } : {}) },
      {
        text: e.summary,
        cites: e.sources.slice(0, 3).map((s) => ctx.cite({ id: s.documentId }, s.sentence, s.offset)),
        ...(muted ? { tone: "muted" as const } : {}),
      },
      { text: num(e.credibility) },
      { text: num(e.relevance) },
      ...hs.map((h): Cell => {
        const cell = state.ratings.find((r) => r.evidence === e.id && r.hypothesis === h);
        if (!cell) return { text: "" };
        return cell.suggested ? { text: `${cell.rating}*`, tone: "suggested" } : { text: cell.rating };
      }),
      { text: String(d?.diagnosticity ?? 0), ...(muted ? { tone: "muted" as const } : {}) },
    ];
  });
  rows.push([
    { text: "" },
    { text: "Weighted inconsistency", tone: "strong" },
    { text: "" },
    { text: "" },
    ...hs.map(
      (h): Cell => ({ text: num(scores.scores.find((s) => s.id === h)!.inconsistency), tone: "strong" }),
    ),
    { text: "" },
  ]);
  blocks.push({
    kind: "table",
    caption: "Evidence against hypotheses (ACH matrix)",
    head: ["ID", "Evidence", "Cred.", "Rel.", ...hs, "Diag."],
    rows,
    narrow: [0, 2, 3, ...hs.map((_, i) => i + 4), hs.length + 4],
    wide: true,
    note: "CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent; * the engine’s suggestion, not yet confirmed by an analyst. Weighted inconsistency = Σ credibility × relevance × (1 for I, 2 for II). Diagnosticity is the spread of an item’s ratings (0–4); items rated alike under every hypothesis (0, in grey) cannot help choose.",
  });
  return blocks;
}

export interface AttributionResult {
  blocks: Block[];
  /** The suspects the reports name, by how many reports name them, for the summary. */
  accused: Map<string, number>;
  deniers: string[];
  scores: AchScores;
}

export function attributionSection(ctx: BriefContext, noun: string): AttributionResult {
  const { state, stored } = ctx.input.ach;
  const scores = scoreAch(state);
  const { lines, accused, resolved, weightOf } = accusationLines(ctx);
  const claims: Line[] = [];
  if (lines.length === 0) claims.push({ text: `No report attributes ${noun} to anyone.`, cites: [] });
  claims.push(...lines);
  const deny = stanceLine(ctx, "deny", "denied any role");
  const downplay = stanceLine(ctx, "downplay", `played down ${noun} or cast doubt on it`);
  const blocks: Block[] = [{ kind: "paragraph", lines: claims }];
  const counter = [deny, downplay].filter((l): l is Line => l !== null);
  if (counter.length) blocks.push({ kind: "paragraph", lines: counter });
  blocks.push({ kind: "subheading", text: "Competing hypotheses" });
  blocks.push({ kind: "paragraph", lines: achLines(ctx, state, scores, stored) });
  blocks.push(...achTables(ctx, state, scores));
  const deniers = [
    ...new Set(
      ctx.matrix.rows
        .filter((r) => r.stance === "deny" && !namesNoOne(r.actor))
        .map((r) => ctx.actorName(r.actor, { title: false })),
    ),
  ];
  // The summary names the suspects the knowledge base knows when there are any, most named first,
  // and not the victim (an accusation that the target staged the attack stays in the body).
  const target = ctx.mainTarget ? ctx.actorName(ctx.mainTarget, { title: false }) : null;
  const rank = (name: string) => (accused.get(name) ?? 0) + (weightOf.get(name) ?? 0);
  const known = [...accused].filter(([name]) => resolved.has(name) && name !== target);
  const suspects = (known.length ? known : [...accused].filter(([name]) => name !== target)).sort(
    (a, b) => rank(b[0]) - rank(a[0]),
  );
  return { blocks, accused: new Map(suspects), deniers, scores };
}
