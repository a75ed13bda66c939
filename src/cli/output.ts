// Terminal output: aligned tables for people, JSON for machines, and a progress bar on stderr
// that only draws when stderr is a terminal.
import { type TextColumn, textTable } from "../outputs/index.js";
import { printable } from "./printable.js";

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned table; long cells are cut to keep one row per line. */
export function printTable(rows: Record<string, unknown>[], columns: TextColumn[]): void {
  process.stdout.write(textTable(rows, columns));
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
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${this.total} ${printable(label)}`
        .padEnd(100)
        .slice(0, 100),
    );
  }

  finish(): void {
    if (this.enabled && this.total >= 5) process.stderr.write(`${"\r".padEnd(101)}\r`);
  }
}
