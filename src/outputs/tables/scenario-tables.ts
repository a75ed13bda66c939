// Scenarios as people read them: the status as text tables or Markdown, and the history that
// explains every change (`crisisdesk scenarios`).
import type { HistoryEntry, ScenarioStatus } from "../../analysis/index.js";
import { textTable } from "./text-table.js";

const pct = (p: number | undefined) => `${((p ?? 0) * 100).toFixed(1)}%`;
const signed = (p: number) => `${p >= 0 ? "+" : "−"}${(Math.abs(p) * 100).toFixed(1)}`;

/** One row per scenario: prior, normalised prior, likelihood now, change and indicators fired. */
export function scenarioRows(status: ScenarioStatus) {
  return status.scenarios.map((s) => ({
    id: s.id,
    name: s.name,
    prior: s.prior.toFixed(2),
    normalised: pct(s.normalisedPrior),
    now: pct(s.likelihood),
    change: signed(s.change),
    indicators: `${s.fired}/${s.indicators} fired`,
    description: s.description ?? "",
  }));
}

/** The scenarios and their indicators as aligned text tables, and the Brier score once resolved. */
export function scenarioStatusText(status: ScenarioStatus): string {
  const lines: string[] = [];
  const write = (text: string) => lines.push(text);
  write(`Scenarios for case ${status.caseId}: ${status.title}\n\n`);
  if (status.scenarios.length === 0) {
    write("No scenarios yet. Add one with: crisisdesk scenarios CASE add NAME --prior 0.3\n");
    return lines.join("");
  }
  write(
    textTable(scenarioRows(status), [
      { key: "id", label: "ID" },
      { key: "name", label: "SCENARIO", max: 30 },
      { key: "prior", label: "PRIOR" },
      { key: "normalised", label: "NORMALISED" },
      { key: "now", label: "NOW" },
      { key: "change", label: "CHANGE (pts)" },
      { key: "indicators", label: "INDICATORS" },
      { key: "description", label: "DESCRIPTION", max: 50 },
    ]),
  );
  write("\nIndicators\n");
  write(
    textTable(
      status.indicators.map((i) => ({
        id: i.id,
        scenario: i.scenarioName,
        lr: i.lr,
        fired: i.fired ? `${i.fired}×` : "no",
        mode: i.repeat ? "repeat" : "once",
        query: i.label ? `${i.label}: ${i.query}` : i.query,
      })),
      [
        { key: "id", label: "ID" },
        { key: "scenario", label: "SCENARIO", max: 24 },
        { key: "lr", label: "LR" },
        { key: "fired", label: "FIRED" },
        { key: "mode", label: "FIRES" },
        { key: "query", label: "QUERY", max: 90 },
      ],
    ),
  );
  if (status.resolved && status.brier)
    write(
      `\nResolved ${status.resolved.at.slice(0, 10)}: "${status.resolved.name}" happened. Brier score ${status.brier.score.toFixed(3)} (mean over ${status.brier.snapshots.length} recorded snapshot${status.brier.snapshots.length === 1 ? "" : "s"}; 0 is perfect, 2 the worst possible)\n`,
    );
  return lines.join("");
}

/** Each history entry: when, what, and for a firing the query, before, after and the evidence. */
export function scenarioHistoryLines(status: ScenarioStatus, entries: HistoryEntry[]): string[] {
  const name = (id: string) => status.scenarios.find((s) => s.id === id)?.name ?? id;
  const dist = (l: Record<string, number>) =>
    Object.entries(l)
      .map(([id, p]) => `${name(id)} ${pct(p)}`)
      .join(", ");
  const lines: string[] = [];
  for (const h of entries) {
    lines.push(`${h.at.replace("T", " ").slice(0, 19)}  ${h.kind.toUpperCase()}  ${h.note}`);
    if (h.kind === "fired") {
      lines.push(`    query: ${h.query}`);
      lines.push(`    before: ${dist(h.before ?? {})}`);
      lines.push(`    after:  ${dist(h.after)}`);
      lines.push("    because of:");
      for (const e of h.evidence ?? [])
        lines.push(
          `      ${e.documentId.slice(0, 12)} ${e.item} [${e.offset[0]}, ${e.offset[1]}) ${e.date ?? "undated"}  ${e.sentence}`,
        );
    } else lines.push(`    ${dist(h.after)}`);
  }
  return lines;
}

/** The scenarios as Markdown, with the history when asked. */
export function scenarioMarkdown(status: ScenarioStatus, history: boolean): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");
  const out = [`# Scenarios: ${cell(status.title)}`, "", `Case \`${status.caseId}\`.`, ""];
  out.push("| ID | Scenario | Prior | Now | Change (pts) | Indicators fired |", "|---|---|---|---|---|---|");
  for (const r of scenarioRows(status))
    out.push(`| ${r.id} | ${cell(r.name)} | ${r.normalised} | ${r.now} | ${r.change} | ${r.indicators} |`);
  out.push("", "## Indicators", "", "| ID | Scenario | LR | Fired | Query |", "|---|---|---|---|---|");
  for (const i of status.indicators)
    out.push(
      `| ${i.id} | ${cell(i.scenarioName)} | ${i.lr} | ${i.fired ? `${i.fired}×` : "no"} | \`${cell(i.query)}\` |`,
    );
  if (status.brier && status.resolved)
    out.push(
      "",
      `Resolved: **${cell(status.resolved.name)}**. Brier score ${status.brier.score.toFixed(3)} over ${status.brier.snapshots.length} snapshots.`,
    );
  if (history) out.push("", "## History", "", "```", ...scenarioHistoryLines(status, status.history), "```");
  out.push("");
  return out.join("\n");
}
