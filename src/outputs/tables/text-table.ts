// Aligned plain-text tables for a terminal: one row per line, long cells cut.

export interface TextColumn {
  key: string;
  label: string;
  /** Cells longer than this are cut with "…" (default 60). */
  max?: number;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return (value as { name?: string }).name ?? JSON.stringify(value);
  return String(value).replace(/\s+/g, " ");
}

/** Rows as an aligned table under a header line; "(none)" when there are no rows. */
export function textTable(rows: Record<string, unknown>[], columns: TextColumn[]): string {
  if (rows.length === 0) return "(none)\n";
  const cut = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const cells = rows.map((r) => columns.map((c) => cut(cell(r[c.key]), c.max)));
  const widths = columns.map((c, i) => Math.max(c.label.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [columns.map((c) => c.label), ...cells].map((r) => `${line(r)}\n`).join("");
}
