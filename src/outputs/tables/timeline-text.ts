// The timeline of a case as a terminal reads it (`crisisdesk timeline`).
import type { TimelineEntry } from "../../analysis/index.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const cut = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** " ✓" on an entry an analyst confirmed (accepted, corrected or added) in some report. */
const mark = (e: TimelineEntry) => (e.confirmed ? " ✓" : "");

/** A case's timeline as text: one block per day, events with their reports and disagreements, then
 * reactions. */
export function timelineText(title: string, entries: TimelineEntry[]): string {
  const lines: string[] = [];
  lines.push(title);
  let day: string | null | undefined;
  for (const e of entries) {
    if (e.date !== day) {
      day = e.date;
      lines.push("");
      lines.push(day ?? "undated");
    }
    if (e.kind === "event") {
      const when = e.dateFrom === "first report" ? "  (no report dates it; placed on its first report)" : "";
      lines.push(`  ${e.cluster.padEnd(4)} ${e.plover} ${e.cameo}  ${cut(e.label, 100)}${mark(e)}`);
      const where = [
        e.target ? `target ${e.target.name}` : "",
        e.location ? `in ${e.location.name}` : "",
      ].filter(Boolean);
      lines.push(
        `       ${[...where, `${plural(e.reports, "report")} from ${plural(e.sources, "source")}`, `first reported ${e.firstReported ?? "?"}`].join("; ")}${when}`,
      );
      for (const d of e.disagreements)
        lines.push(
          `       reports differ on ${d.field.replace("_", " ")}: ${d.variants.map((v) => `${v.value} (${v.reports})`).join(" / ")}`,
        );
    } else {
      const to = e.events.length ? ` to ${e.events.join(", ")}` : "";
      lines.push(
        `  ${"·".padEnd(4)} ${e.actor.name}: ${e.stance}${mark(e)}${to}, ${plural(e.reports, "report")} — ${cut(e.sentence, 110)}`,
      );
    }
  }
  if (entries.some((e) => e.confirmed))
    lines.push("", "✓ analyst-confirmed: an analyst accepted, corrected or added it in a report.");
  return `${lines.join("\n")}\n`;
}
