// `actors import`: JSON, CSV and PETRARCH/TABARI dictionaries into the store's overlay, validated
// whole before anything is written: all of the file or, if any entry is bad, none of it.
import { extname } from "node:path";
import { CrisisdeskError, UsageError } from "../../domain/index.js";
import { type OverlayStore, overlayKnowledge } from "../overlay.js";
import { parseActorCsv } from "./actor-csv.js";
import { parseActorJson } from "./actor-json.js";
import type { ImportProblem, ParsedActors } from "./parsed-actors.js";
import { petrarchActors, petrarchAgents } from "./petrarch-import.js";

export const IMPORT_FORMATS = ["csv", "json", "petrarch-actors", "petrarch-agents"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The import refused: every problem found, each at its file and line. */
export class ImportProblemsError extends CrisisdeskError {
  readonly problems: ImportProblem[];

  constructor(file: string, problems: ImportProblem[]) {
    super("BAD_DATA", `nothing imported: ${problems.length} problem${problems.length === 1 ? "" : "s"}`, {
      where: file,
    });
    this.name = "ImportProblemsError";
    this.problems = problems;
  }
}

export interface ImportSummary {
  file: string;
  format: ImportFormat;
  imported: number;
  /** Entries that replaced an overlay entry with the same id. */
  replaced: number;
  /** New overlay entries that override a shipped entry with the same id. */
  overriding: number;
  note?: string;
}

/** The format of an actors file, from its extension or, failing that, its content. */
export function detectImportFormat(file: string, text: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".json") return "json";
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (body.startsWith("[") && /^\[\s*[{\]]/.test(body)) return "json";
  // PETRARCH/TABARI dictionaries: phrases in capitals with codes in brackets; agents' codes start
  // with "~" (a role to be attached to whatever actor precedes them).
  if (/^[ \t]*[A-Z0-9][A-Z0-9_ .'&-]*\s*(\{[^}]*\}\s*)?\[~[A-Z0-9]+\]/m.test(text)) return "petrarch-agents";
  if (/^[ \t]*[A-Z0-9+][A-Z0-9_ .'&-]*\s*\[[A-Za-z0-9]{3,}/m.test(text)) return "petrarch-actors";
  if (/^\s*id\s*,/i.test(body)) return "csv";
  throw new UsageError(`${file}: cannot tell the format; give --format ${IMPORT_FORMATS.join("|")}`);
}

/** Imports the actors of `text` (the content of `file`, a name used in problem locations) into the
 * overlay. Throws ImportProblemsError, writing nothing, when any entry is bad. */
export async function importActors(
  store: OverlayStore,
  file: string,
  text: string,
  format: ImportFormat = detectImportFormat(file, text),
): Promise<ImportSummary> {
  if (!IMPORT_FORMATS.includes(format))
    throw new UsageError(`--format expects ${IMPORT_FORMATS.join("|")}, not "${format}"`);
  const { kb, overlay } = await overlayKnowledge(store);
  const parsed: ParsedActors =
    format === "csv"
      ? parseActorCsv(file, text)
      : format === "json"
        ? parseActorJson(file, text)
        : format === "petrarch-actors"
          ? petrarchActors(kb, overlay, file, text)
          : petrarchAgents(file, text);
  if (parsed.problems.length > 0) throw new ImportProblemsError(file, parsed.problems);
  if (parsed.actors.length === 0)
    throw new CrisisdeskError("EMPTY_INPUT", "no actors in this file", { where: file });
  await store.putOverlayActors(parsed.actors);
  const inOverlay = new Set(overlay.map((a) => a.id));
  return {
    file,
    format,
    imported: parsed.actors.length,
    replaced: parsed.actors.filter((a) => inOverlay.has(a.id)).length,
    overriding: parsed.actors.filter((a) => !inOverlay.has(a.id) && kb.actor(a.id)).length,
    ...(parsed.note ? { note: parsed.note } : {}),
  };
}
