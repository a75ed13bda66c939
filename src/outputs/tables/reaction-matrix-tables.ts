// The reaction matrix of a case as CSV, Markdown and terminal text (`crisisdesk reactions`).
import { type MatrixRow, REACTION_GROUPS, type ReactionMatrix } from "../../analysis/index.js";
import { csvTable } from "../csv.js";
import { textTable } from "./text-table.js";

/** The reaction matrix as CSV: one row per actor, then the silent expected actors. */
export function reactionMatrixCsv(m: ReactionMatrix): string {
  const header = [
    "group",
    "actor",
    "actor_id",
    "kind",
    "country",
    "speaks_for",
    "why",
    "stance",
    "first_date",
    "reports",
    "quote",
    "sentence",
    "document_id",
    "source",
    "analyst_confirmed",
  ];
  const rows = m.rows.map((r) => [
    r.group,
    r.actor.name,
    r.actor.id ?? "",
    r.actor.kind,
    r.actor.country ?? "",
    voiceName(r),
    r.why,
    r.stance,
    r.firstDate ?? "",
    r.reports,
    r.strongest.quote ?? "",
    r.strongest.sentence,
    r.strongest.documentId,
    r.strongest.source,
    r.confirmed,
  ]);
  const silent = m.silent.map((s) => [
    "silent",
    s.name,
    s.id,
    s.kind,
    "",
    s.name,
    s.reasons.join("; "),
    "",
    "",
    0,
    "",
    "",
    "",
    "",
    "",
  ]);
  return csvTable([header, ...rows, ...silent]);
}

/** Whom the actor speaks for; "?" when the engine only guessed the country of an unknown person. */
export const voiceName = (r: MatrixRow) =>
  r.voice.kind === "state" && r.voice.inferred ? `${r.voice.name}?` : r.voice.name;

/** The stance, marked ✓ when an analyst confirmed (accepted, corrected or added) the reaction. */
export const stanceMark = (r: MatrixRow) => (r.confirmed ? `${r.stance} ✓` : r.stance);

const CONFIRMED_LEGEND = "✓ analyst-confirmed: an analyst accepted, corrected or added the reaction.";

const mdCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** The reaction matrix as Markdown, one table per group. */
export function reactionMatrixMarkdown(m: ReactionMatrix): string {
  const lines = [`# Reactions: ${m.case.title}`, ""];
  lines.push(
    m.country
      ? `Placed against ${m.countryName} (${m.country})${m.countryFrom === "main event" ? ", the country of the main event" : ""}.`
      : "The case has no country, so no actor is placed.",
  );
  for (const group of REACTION_GROUPS) {
    const rows = m.rows.filter((r) => r.group === group);
    if (!rows.length) continue;
    lines.push("", `## ${group[0]!.toUpperCase()}${group.slice(1)}`, "");
    lines.push(
      "| Actor | Speaks for | Stance | First reported | Strongest wording | Source |",
      "|---|---|---|---|---|---|",
    );
    for (const r of rows)
      lines.push(
        `| ${mdCell(r.actor.name)} | ${mdCell(voiceName(r))} | ${stanceMark(r)} | ${r.firstDate ?? ""} | ${mdCell(r.strongest.sentence)} | ${mdCell(r.strongest.documentTitle ?? r.strongest.source)} |`,
      );
  }
  if (m.rows.some((r) => r.confirmed)) lines.push("", CONFIRMED_LEGEND);
  lines.push("", "## Silent", "");
  if (!m.silent.length) lines.push("Every expected actor has reacted.");
  for (const s of m.silent) lines.push(`- ${s.name}: ${s.reasons.join("; ")}`);
  return `${lines.join("\n")}\n`;
}

/** The reaction matrix as aligned text tables, one per group, and who is silent. */
export function reactionMatrixText(m: ReactionMatrix): string {
  const lines: string[] = [];
  lines.push(`Reactions: ${m.case.title}`);
  lines.push(
    m.country
      ? `placed against ${m.countryName} (${m.country})${m.countryFrom === "main event" ? ", the main event's country" : ""}`
      : "the case has no country: no actor is placed",
  );
  for (const group of REACTION_GROUPS) {
    const rows = m.rows.filter((r) => r.group === group);
    if (!rows.length) continue;
    lines.push("");
    lines.push(group.toUpperCase());
    lines.push(
      textTable(
        rows.map((r: MatrixRow) => ({
          actor: r.actor.name,
          voice: voiceName(r),
          stance: stanceMark(r),
          first: r.firstDate,
          reports: r.reports,
          wording: r.strongest.sentence,
          source: r.strongest.documentTitle ?? r.strongest.source,
        })),
        [
          { key: "actor", label: "ACTOR", max: 34 },
          { key: "voice", label: "SPEAKS FOR", max: 24 },
          { key: "stance", label: "STANCE" },
          { key: "first", label: "FIRST" },
          { key: "reports", label: "REPORTS" },
          { key: "wording", label: "STRONGEST WORDING", max: 70 },
          { key: "source", label: "SOURCE", max: 40 },
        ],
      ).trimEnd(),
    );
  }
  if (m.rows.some((r) => r.confirmed)) lines.push("", CONFIRMED_LEGEND);
  lines.push("");
  lines.push("SILENT (expected, no reaction in the case's reports)");
  if (!m.silent.length) lines.push("  none");
  for (const s of m.silent) lines.push(`  ${s.name} (${s.id}): ${s.reasons.join("; ")}`);
  return `${lines.join("\n")}\n`;
}
