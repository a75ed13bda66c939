// Reads and validates the shipped data files (data/kb, data/gazetteer). A broken entry stops the
// load with the file, the entry and the field named: analysts edit these files by hand.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { CrisisdeskError } from "../domain/index.js";
import {
  type BodiesFile,
  bodiesSchema,
  type GroupEntry,
  groupSchema,
  type IgoEntry,
  igoSchema,
  type PersonEntry,
  type PlaceEntry,
  personSchema,
  placeSchema,
  type StateEntry,
  stateSchema,
  type TitleEntry,
  titlesSchema,
} from "./schema.js";

/** The package's data folder, found from this module both in src/ (tests) and dist/ (installed). */
export const DATA_DIR = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "data");

export interface KnowledgeData {
  states: StateEntry[];
  people: PersonEntry[];
  igos: IgoEntry[];
  groups: GroupEntry[];
  bodies: BodiesFile;
  titles: TitleEntry[];
  places: PlaceEntry[];
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new CrisisdeskError("BAD_DATA", `not valid JSON (${(cause as Error).message})`, {
      where: path,
      cause,
    });
  }
}

export function validate<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path;
  const entry =
    typeof path[0] === "number" && Array.isArray(value)
      ? (value[path[0]] as { id?: string; name?: string })
      : null;
  const label = entry
    ? ` (entry ${String(path[0])}${entry.id ? ` "${entry.id}"` : entry.name ? ` "${entry.name}"` : ""})`
    : "";
  throw new CrisisdeskError(
    "BAD_DATA",
    `field "${path.map(String).join(".") || "(root)"}"${label}: ${issue.message}`,
    { where },
  );
}

function list<T>(schema: z.ZodType<T>, path: string, root: string): T[] {
  return validate(schema.array(), readJson(path), relative(resolve(root, ".."), path));
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}

export function loadKnowledgeData(dataDir: string = DATA_DIR): KnowledgeData {
  const kb = join(dataDir, "kb");
  const file = (name: string) => join(kb, name);
  const optional = <T>(path: string, read: () => T, empty: T): T => (existsSync(path) ? read() : empty);
  return {
    states: list(stateSchema, file("states.json"), dataDir),
    people: jsonFiles(join(kb, "people")).flatMap((f) => list(personSchema, f, dataDir)),
    igos: optional(file("igos.json"), () => list(igoSchema, file("igos.json"), dataDir), []),
    groups: jsonFiles(join(kb, "non-state")).flatMap((f) => list(groupSchema, f, dataDir)),
    bodies: optional(
      file("bodies.json"),
      () => validate(bodiesSchema, readJson(file("bodies.json")), "kb/bodies.json"),
      { named: [], sectors: [] },
    ),
    titles: validate(titlesSchema, readJson(file("titles.json")), "kb/titles.json"),
    places: jsonFiles(join(dataDir, "gazetteer")).flatMap((f) => list(placeSchema, f, dataDir)),
  };
}

let stateNames: ReadonlySet<string> | undefined;
/** Every state's names, in lower case ("iraq", "republic of iraq"), read once from kb/states.json:
 * enough to tell a country-level place from a city without loading the knowledge base. */
export function stateNameSet(): ReadonlySet<string> {
  if (!stateNames) {
    const names = new Set<string>();
    for (const s of list(stateSchema, join(DATA_DIR, "kb", "states.json"), DATA_DIR))
      for (const n of [s.name, s.official, ...s.aliases]) if (n) names.add(n.toLowerCase());
    stateNames = names;
  }
  return stateNames;
}
