// Terminal output: aligned tables for people, JSON for machines, and a progress bar on stderr
// that only draws when stderr is a terminal.

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return (value as { name?: string }).name ?? JSON.stringify(value);
  return String(value).replace(/\s+/g, " ");
}

/** Prints rows as an aligned table; long cells are cut to keep one row per line. */
export function printTable(
  rows: Record<string, unknown>[],
  columns: { key: string; label: string; max?: number }[],
): void {
  if (rows.length === 0) {
    process.stdout.write("(none)\n");
    return;
  }
  const cut = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const cells = rows.map((r) => columns.map((c) => cut(cell(r[c.key]), c.max)));
  const widths = columns.map((c, i) => Math.max(c.label.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${line(columns.map((c) => c.label))}\n`);
  for (const r of cells) process.stdout.write(`${line(r)}\n`);
}

export class ProgressBar {
  private total = 0;
  private last = 0;
  private readonly enabled = Boolean(process.stderr.isTTY);

  setTotal(total: number): void {
    this.total = total;
  }

  update(done: number, label: string): void {
    if (!this.enabled || this.total < 5) return;
    const now = Date.now();
    if (now - this.last < 80 && done < this.total) return;
    this.last = now;
    const width = 28;
    const filled = Math.round((done / Math.max(this.total, 1)) * width);
    process.stderr.write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${this.total} ${label}`
        .padEnd(100)
        .slice(0, 100),
    );
  }

  finish(): void {
    if (this.enabled && this.total >= 5) process.stderr.write(`${"\r".padEnd(101)}\r`);
  }
}
