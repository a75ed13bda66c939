// Analysis of Competing Hypotheses as people read it: the matrix and scores as text or Markdown,
// one evidence item with its reasons, and the joined view the JSON output and the API return.
import type { AchState, CaseAch, EvidenceItem } from "../../analysis/index.js";

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const num = (x: number) => x.toFixed(2);

/** The ACH state with each hypothesis's score and each item's diagnosticity and sensitivity joined in:
 * what `--json` prints and the API returns. */
export function achView(ach: CaseAch) {
  const { state, scores } = ach;
  return {
    case: ach.caseId,
    title: ach.title,
    seededAt: state.seededAt,
    hypotheses: state.hypotheses.map((h) => ({ ...h, ...scores.scores.find((s) => s.id === h.id)! })),
    evidence: state.evidence.map((e) => ({
      ...e,
      ...scores.diagnosticity.find((d) => d.evidence === e.id)!,
      sensitivity: scores.sensitivity.find((s) => s.evidence === e.id)!,
    })),
    ratings: state.ratings,
    ranking: scores.ranking,
    top: scores.top,
    tiedAtTop: scores.tiedAtTop,
    suggestedCells: scores.suggestedCells,
  };
}

function cellText(state: AchState, e: string, h: string): string {
  const cell = state.ratings.find((r) => r.evidence === e && r.hypothesis === h);
  return cell ? `${cell.rating}${cell.suggested ? "*" : ""}` : "";
}

function rankText(ach: CaseAch, id: string): string {
  const s = ach.scores.scores.find((x) => x.id === id)!;
  return `${s.rank}${s.tied ? "=" : ""}`;
}

function labelsOf(ach: CaseAch, ids: string[]): string {
  return ids.map((id) => `${id} ${ach.state.hypotheses.find((h) => h.id === id)?.label ?? ""}`).join(", ");
}

/** How the top of the ranking would change: "H8 joins the top; H5, H6 leave it". */
function topChange(ach: CaseAch, now: string[]): string {
  const joins = now.filter((id) => !ach.scores.top.includes(id));
  const leaves = ach.scores.top.filter((id) => !now.includes(id));
  const parts: string[] = [];
  if (joins.length) parts.push(`${labelsOf(ach, joins)} ${joins.length === 1 ? "joins" : "join"} the top`);
  if (leaves.length)
    parts.push(`${labelsOf(ach, leaves)} ${leaves.length === 1 ? "leaves" : "leave"} the top`);
  return parts.join(" and ");
}

function sensitivityLines(ach: CaseAch): string[] {
  const lines: string[] = [];
  for (const s of ach.scores.sensitivity) {
    if (!s.dropChangesTop && !s.flipChangesTop) continue;
    const parts: string[] = [];
    if (s.dropChangesTop) parts.push(`without it, ${topChange(ach, s.ifDropped)}`);
    if (s.flipChangesTop) parts.push(`if it were wrong, ${topChange(ach, s.ifFlipped)}`);
    lines.push(`${s.evidence}: ${parts.join("; ")}`);
  }
  return lines;
}

/** The matrix, scores, diagnosticity and sensitivity as terminal text. */
export function achText(ach: CaseAch): string {
  const { state, scores } = ach;
  const out: string[] = [`ACH for case ${ach.caseId}: ${ach.title}`, ""];
  if (state.hypotheses.length === 0) {
    out.push("No hypotheses. Add one with: crisisdesk ach CASE hypothesis add LABEL [--actor ID]", "");
    return out.join("\n");
  }
  out.push("Hypotheses (least inconsistent first)");
  for (const id of scores.ranking) {
    const h = state.hypotheses.find((x) => x.id === id)!;
    const s = scores.scores.find((x) => x.id === id)!;
    out.push(
      `  ${rankText(ach, id).padEnd(3)} ${h.id.padEnd(4)} ${cut(h.label, 60).padEnd(60)} inconsistency ${num(s.inconsistency)}${h.origin === "analyst" ? "  (analyst)" : ""}`,
    );
  }
  out.push("");
  if (state.evidence.length === 0)
    out.push("No evidence items: every score is 0 and the hypotheses are tied.");
  else {
    const hs = state.hypotheses.map((h) => h.id);
    const width = Math.max(4, ...hs.map((h) => h.length + 1));
    const row = (id: string, summary: string, cred: string, rel: string, cells: string[], diag: string) =>
      `  ${id.padEnd(4)} ${cut(summary, 52).padEnd(52)} ${cred.padStart(5)} ${rel.padStart(5)}  ${cells.map((c) => c.padEnd(width)).join(" ")} ${diag}`.trimEnd();
    out.push("Matrix (* = suggested by the engine, not yet confirmed)");
    out.push(row("", "EVIDENCE", "CRED", "REL", hs, "DIAG"));
    for (const e of state.evidence) {
      const d = scores.diagnosticity.find((x) => x.evidence === e.id)!;
      out.push(
        row(
          e.id,
          e.summary,
          num(e.credibility),
          num(e.relevance),
          hs.map((h) => cellText(state, e.id, h)),
          String(d.diagnosticity),
        ),
      );
    }
    out.push(
      row(
        "",
        "weighted inconsistency",
        "",
        "",
        hs.map((h) => num(scores.scores.find((s) => s.id === h)!.inconsistency)),
        "",
      ),
    );
    out.push(
      row(
        "",
        "rank",
        "",
        "",
        hs.map((h) => rankText(ach, h)),
        "",
      ),
    );
  }
  out.push("");
  out.push(
    scores.tiedAtTop
      ? `Least inconsistent (tied): ${labelsOf(ach, scores.top)}`
      : `Least inconsistent: ${labelsOf(ach, scores.top)}`,
  );
  const nonDiagnostic = scores.diagnosticity.filter((d) => !d.diagnostic).map((d) => d.evidence);
  if (state.evidence.length > 0)
    out.push(
      nonDiagnostic.length === state.evidence.length
        ? "No item is diagnostic: every item is rated the same for every hypothesis."
        : `Non-diagnostic (rated the same for every hypothesis): ${nonDiagnostic.join(", ") || "none"}`,
    );
  const sensitive = sensitivityLines(ach);
  out.push(
    sensitive.length
      ? `Sensitivity (items the top of the ranking depends on):\n${sensitive.map((l) => `  ${l}`).join("\n")}`
      : "Sensitivity: no single item, dropped or wrong, changes the top of the ranking.",
  );
  if (scores.suggestedCells > 0)
    out.push(
      `${scores.suggestedCells} rating${scores.suggestedCells === 1 ? " is an engine suggestion" : "s are engine suggestions"}: confirm or change with crisisdesk ach ${ach.caseId} rate E H RATING`,
    );
  out.push("");
  return out.join("\n");
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** The ACH as Markdown: hypotheses ranked, the matrix, sensitivity and sources. */
export function achMarkdown(ach: CaseAch): string {
  const { state, scores } = ach;
  const hs = state.hypotheses;
  const out = [
    `# Analysis of Competing Hypotheses: ${md(ach.title)}`,
    "",
    `Case \`${ach.caseId}\`.`,
    "",
    "## Hypotheses",
    "",
  ];
  out.push("| Rank | ID | Hypothesis | Weighted inconsistency |", "|---|---|---|---|");
  for (const id of scores.ranking) {
    const h = hs.find((x) => x.id === id)!;
    out.push(
      `| ${rankText(ach, id)} | ${id} | ${md(h.label)} | ${num(scores.scores.find((s) => s.id === id)!.inconsistency)} |`,
    );
  }
  out.push(
    "",
    "## Matrix",
    "",
    "Ratings marked * are the engine's suggestions, not yet confirmed by an analyst.",
    "",
  );
  if (state.evidence.length === 0) out.push("No evidence items yet.");
  else {
    out.push(
      `| ID | Evidence | Credibility | Relevance | ${hs.map((h) => h.id).join(" | ")} | Diagnosticity |`,
      `|---|---|---|---|${hs.map(() => "---|").join("")}---|`,
    );
    for (const e of state.evidence)
      out.push(
        `| ${e.id} | ${md(e.summary)} | ${num(e.credibility)} | ${num(e.relevance)} | ${hs.map((h) => cellText(state, e.id, h.id)).join(" | ")} | ${scores.diagnosticity.find((d) => d.evidence === e.id)!.diagnosticity} |`,
      );
    out.push(
      `| | **Weighted inconsistency** | | | ${hs.map((h) => `**${num(scores.scores.find((s) => s.id === h.id)!.inconsistency)}**`).join(" | ")} | |`,
    );
  }
  out.push("", "## Sensitivity", "");
  const sensitive = sensitivityLines(ach);
  out.push(
    ...(sensitive.length
      ? sensitive.map((l) => `- ${l}`)
      : ["No single item, dropped or wrong, changes the top of the ranking."]),
  );
  out.push("", "## Sources", "");
  for (const e of state.evidence) {
    if (e.sources.length === 0) continue;
    out.push(`- **${e.id}** ${md(e.summary)}`);
    for (const s of e.sources)
      out.push(
        `  - ${md(s.documentTitle ?? s.documentId.slice(0, 12))} (${s.published ?? "undated"}, \`${s.documentId.slice(0, 12)}\` ${s.offset[0]}–${s.offset[1]}): “${md(s.sentence)}”`,
      );
  }
  out.push("");
  return out.join("\n");
}

/** One evidence item: its weights, the reason for each rating, and its sources. */
export function achEvidenceText(ach: CaseAch, e: EvidenceItem): string {
  const lines = [
    `${e.id}  ${e.summary}`,
    `kind ${e.kind.replace(/_/g, " ")} · credibility ${num(e.credibility)}${e.edited.credibility ? " (analyst)" : ""} · relevance ${num(e.relevance)}${e.edited.relevance ? " (analyst)" : ""} · extraction confidence ${num(e.confidence)}`,
    "",
    "Ratings",
  ];
  for (const h of ach.state.hypotheses) {
    const cell = ach.state.ratings.find((r) => r.evidence === e.id && r.hypothesis === h.id);
    if (cell)
      lines.push(
        `  ${h.id.padEnd(4)} ${cell.rating.padEnd(3)} ${cell.suggested ? "suggested" : "confirmed"}: ${cell.reason}  (${h.label})`,
      );
  }
  lines.push("", "Sources");
  for (const s of e.sources)
    lines.push(
      `  ${s.documentId.slice(0, 12)} [${s.offset[0]}, ${s.offset[1]}) ${s.published ?? "undated"}  ${s.sentence}`,
    );
  if (e.sources.length === 0) lines.push("  (none)");
  lines.push("");
  return lines.join("\n");
}
