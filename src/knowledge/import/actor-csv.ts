// Actors from CSV: one row per role, rows with the same id are one actor. The reader undoes the
// formula guard the CSV writer adds, so an exported overlay imports back unchanged.
import type { Actor, Role } from "../../domain/index.js";
import { checkEntry, overlayActorSchema } from "../overlay.js";
import { roleSchema } from "../schema.js";
import type { ImportProblem, ParsedActors } from "./parsed-actors.js";

export const CSV_COLUMNS = ["id", "name", "kind", "country", "aliases", "cameo", "wikidata"] as const;
export const CSV_ROLE_COLUMNS = ["title", "office", "of", "start", "end"] as const;
const CSV_REQUIRED = ["id", "name", "kind"] as const;

/** A cell as written before the CSV writer's formula guard ("'=x" was "=x"). */
function unguarded(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** RFC 4180 rows (quoted cells may hold commas, quotes doubled, and line breaks), with their line. */
function csvRows(text: string): { rows: { line: number; cells: string[] }[]; unterminated: number | null } {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === "") {
      quoted = true;
      quoteLine = line;
      cell = "";
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return {
    rows: rows.filter((r) => r.cells.some((c) => c.trim() !== "")),
    unterminated: quoted ? quoteLine : null,
  };
}

export function parseActorCsv(file: string, text: string): ParsedActors {
  const { rows, unterminated } = csvRows(text);
  if (unterminated !== null)
    return {
      actors: [],
      problems: [{ where: `${file}:${unterminated}`, message: "a quoted cell is never closed" }],
    };
  const [header, ...body] = rows;
  if (!header) return { actors: [], problems: [{ where: file, message: "the file is empty" }] };
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const known: readonly string[] = [...CSV_COLUMNS, ...CSV_ROLE_COLUMNS];
  const problems: ImportProblem[] = [];
  for (const c of columns)
    if (!known.includes(c))
      problems.push({
        where: `${file}:${header.line}`,
        message: `unknown column "${c}"; expected ${known.join(",")}`,
      });
  for (const c of CSV_REQUIRED)
    if (!columns.includes(c))
      problems.push({ where: `${file}:${header.line}`, message: `missing column "${c}"` });
  if (problems.length) return { actors: [], problems };

  const byId = new Map<string, { actor: Actor; line: number }>();
  for (const row of body) {
    const where = `${file}:${row.line}`;
    if (row.cells.length !== columns.length) {
      problems.push({ where, message: `expected ${columns.length} cells, found ${row.cells.length}` });
      continue;
    }
    const cell = (name: string) => unguarded((row.cells[columns.indexOf(name)] ?? "").trim());
    const aliases = cell("aliases")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    let role: Role | null = null;
    if (CSV_ROLE_COLUMNS.some((c) => cell(c))) {
      const r = checkEntry(roleSchema, {
        title: cell("title"),
        office: cell("office"),
        of: cell("of"),
        start: cell("start") || null,
        end: cell("end") || null,
      });
      if (!r.ok) {
        problems.push({ where, message: `field "${r.field}": ${r.message}` });
        continue;
      }
      role = r.value;
    }
    const seen = byId.get(cell("id"));
    if (seen) {
      // A later row of the same actor adds a role and aliases; its other cells are empty or agree.
      const first = seen.actor;
      for (const f of ["name", "kind", "country", "cameo", "wikidata"] as const) {
        const value = f === "country" ? cell(f).toUpperCase() : cell(f);
        if (value && value !== first[f])
          problems.push({
            where,
            message: `field "${f}": "${value}" differs from line ${seen.line} ("${first[f] ?? ""}")`,
          });
      }
      first.aliases = [...new Set([...first.aliases, ...aliases])];
      if (role) first.roles.push(role);
      continue;
    }
    const result = checkEntry(overlayActorSchema, {
      id: cell("id"),
      name: cell("name"),
      kind: cell("kind"),
      country: cell("country").toUpperCase() || null,
      aliases,
      cameo: cell("cameo") || undefined,
      wikidata: cell("wikidata") || undefined,
      roles: role ? [role] : [],
    });
    if (result.ok) byId.set(result.value.id, { actor: result.value, line: row.line });
    else problems.push({ where, message: `field "${result.field}": ${result.message}` });
  }
  return { actors: [...byId.values()].map((v) => v.actor), problems };
}
