// Actors from a JSON array: the domain `Actor` shape, or entries as the shipped people, group and
// igo files hold them. Every problem is placed on the line its array element starts on.
import { ACTOR_KINDS, type Actor } from "../../domain/index.js";
import { checkEntry, type EntryCheck, overlayActorSchema } from "../overlay.js";
import { personSchema } from "../schema.js";
import type { ImportProblem, ParsedActors } from "./parsed-actors.js";

/** The line on which each element of a top-level JSON array starts. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/[\s,\]]/.test(c)) {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (depth === 0) expectElement = true;
      depth++;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expectElement = true;
  }
  return lines;
}

function lineAt(text: string, position: number): number {
  return text.slice(0, position).split("\n").length;
}

/** One JSON entry as an overlay actor: the domain `Actor` shape, or a people or group file entry. */
function actorFromJson(entry: unknown): EntryCheck<Actor> {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    return { ok: false, field: "(entry)", message: "expected an object" };
  const e = entry as Record<string, unknown>;
  if (e.kind === undefined && typeof e.id === "string" && e.id.startsWith("person:")) {
    const person = checkEntry(personSchema, e);
    if (!person.ok) return person;
    return checkEntry(overlayActorSchema, { ...person.value, kind: "person", affiliations: [] });
  }
  if (e.kind === undefined)
    return { ok: false, field: "kind", message: `missing; expected one of ${ACTOR_KINDS.join("|")}` };
  // An igos.json entry keeps its acronym among the aliases.
  if (typeof e.acronym === "string" && Array.isArray(e.aliases))
    return checkEntry(overlayActorSchema, { ...e, aliases: [...(e.aliases as unknown[]), e.acronym] });
  return checkEntry(overlayActorSchema, e);
}

export function parseActorJson(file: string, text: string): ParsedActors {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (cause) {
    const message = (cause as Error).message;
    const at = /position (\d+)/.exec(message);
    return {
      actors: [],
      problems: [
        {
          where: at ? `${file}:${lineAt(text, Number(at[1]))}` : file,
          message: `not valid JSON (${message})`,
        },
      ],
    };
  }
  if (!Array.isArray(data))
    return { actors: [], problems: [{ where: `${file}:1`, message: "expected a JSON array of actors" }] };
  const lines = elementLines(text);
  const actors: Actor[] = [];
  const problems: ImportProblem[] = [];
  data.forEach((entry, i) => {
    const where = `${file}:${lines[i] ?? 1}`;
    const result = actorFromJson(entry);
    if (result.ok) actors.push(result.value);
    else {
      const id = (entry as { id?: unknown } | null)?.id;
      const label = typeof id === "string" ? ` (entry "${id}")` : ` (entry ${i})`;
      problems.push({ where, message: `field "${result.field}"${label}: ${result.message}` });
    }
  });
  return { actors, problems: [...problems, ...duplicateIds(file, actors, lines)] };
}

function duplicateIds(file: string, actors: Actor[], lines: number[]): ImportProblem[] {
  const seen = new Map<string, number>();
  const problems: ImportProblem[] = [];
  actors.forEach((a, i) => {
    const first = seen.get(a.id);
    if (first !== undefined)
      problems.push({
        where: `${file}:${lines[i] ?? 1}`,
        message: `field "id": "${a.id}" already appears at line ${lines[first] ?? 1}`,
      });
    else seen.set(a.id, i);
  });
  return problems;
}
