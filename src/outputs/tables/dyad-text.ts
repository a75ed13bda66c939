// Cooperation and conflict between two actors as a terminal reads it (`crisisdesk dyad`).
import { type DyadTrend, partyLabel } from "../../analysis/index.js";
import { textTable } from "./text-table.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const cut = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** A dyad's trend as text: a table by day, the totals, then every event with its accounts. */
export function dyadText(caseId: string, d: DyadTrend): string {
  const lines: string[] = [];
  lines.push(`Dyad ${partyLabel(d.a)} — ${partyLabel(d.b)} in case ${caseId}`);
  lines.push(
    "Goldstein scale: −10 most conflictual … +10 most cooperative; one score per case event (cluster)",
  );
  lines.push("");
  if (!d.total.events) {
    lines.push("no events between them in the case's reports");
    return `${lines.join("\n")}\n`;
  }
  lines.push(
    textTable(
      d.days.map((x) => ({
        ...x,
        goldsteinMean: x.goldsteinMean.toFixed(2),
        goldsteinSum: x.goldsteinSum.toFixed(1),
      })),
      [
        { key: "date", label: "DATE" },
        { key: "events", label: "EVENTS" },
        { key: "mentions", label: "REPORTS" },
        { key: "aToB", label: "A→B" },
        { key: "bToA", label: "B→A" },
        { key: "goldsteinSum", label: "SUM" },
        { key: "goldsteinMean", label: "MEAN" },
      ],
    ).trimEnd(),
  );
  lines.push("");
  lines.push(
    `total ${plural(d.total.events, "event")}, sum ${d.total.goldsteinSum}, mean ${d.total.goldsteinMean}`,
  );
  lines.push("");
  for (const e of [...d.events, ...d.undated]) {
    const arrow = e.direction === "a_to_b" ? "A→B" : "B→A";
    const day =
      e.dateFrom === "first report"
        ? `${e.date} (first reported; no report dates it)`
        : (e.date ?? "undated");
    lines.push(
      `  ${e.cluster.padEnd(4)} ${day}  ${arrow}  CAMEO ${e.cameo} ${e.name ?? ""} (${e.goldstein})  ${plural(e.reports, "report")}`,
    );
    for (const a of e.accounts) lines.push(`       ${a.source} → ${a.target}: ${cut(a.sentence, 100)}`);
  }
  return `${lines.join("\n")}\n`;
}
