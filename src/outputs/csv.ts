// The one CSV writer of crisisdesk (RFC 4180). Every text cell is guarded against spreadsheet
// formulas: reports are untrusted input, and a cell that begins with "=", "+", "-", "@", a tab or a
// carriage return is a formula to Excel and LibreOffice (OWASP's CSV injection advice). Such a cell
// gets a leading apostrophe, which spreadsheets hide. Numbers are written as they are.
import { spreadsheetText } from "./case-json.js";

export type CsvValue = string | number | boolean | null | undefined;

/** One CSV field: guarded, and quoted when it holds a quote, comma or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = spreadsheetText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the header first) as CSV, each line ended by `eol` (ACLED's tables use CRLF). */
export function csvTable(rows: readonly (readonly CsvValue[])[], eol: "\n" | "\r\n" = "\n"): string {
  return rows.map((row) => row.map(csvCell).join(",") + eol).join("");
}
