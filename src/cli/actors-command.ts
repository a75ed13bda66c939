// `crisisdesk actors`: look up, edit, import and export the actor knowledge base. The shipped data
// files are read-only; whatever an analyst adds, edits or imports goes to the overlay in their
// store, which wins over a shipped entry with the same id and survives upgrades of crisisdesk.
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import {
  ACTOR_KINDS,
  type Actor,
  type Affiliation,
  CrisisdeskError,
  heldOn,
  type Role,
  UsageError,
} from "../domain/index.js";
import {
  affiliationSchema,
  KnowledgeBase,
  parseActorDictionary,
  parseAgentDictionary,
  personSchema,
  roleSchema,
} from "../knowledge/index.js";
import type { Store } from "../store/index.js";
import { printJson, printTable } from "./output.js";
import { withStore } from "./with-store.js";

// ---------------------------------------------------------------------------------------------
// Input schemas: what an overlay entry may hold. The shipped data files have one schema per file
// (src/knowledge/schema.ts); the overlay holds the domain `Actor` shape for every kind.

const ID_RULE = 'an id "prefix:slug" such as "person:jane-doe" or "group:my-militia"';

const overlayActorSchema = z.object({
  id: z.string().regex(/^[a-z][a-z_]*:[A-Za-z0-9][A-Za-z0-9._-]*$/, ID_RULE),
  name: z.string().trim().min(1, "a name"),
  kind: z.enum(ACTOR_KINDS),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code")
    .nullable()
    .default(null),
  aliases: z.array(z.string().trim().min(1)).default([]),
  roles: z.array(roleSchema).default([]),
  affiliations: z.array(affiliationSchema).default([]),
  cameo: z.string().min(1).optional(),
  wikidata: z
    .string()
    .regex(/^Q\d+$/, "a Wikidata id such as Q79")
    .optional(),
  sources: z.string().optional(),
  uncertain: z.boolean().optional(),
  region: z.string().optional(),
  subregion: z.string().optional(),
  sector: z.string().optional(),
  members: z
    .array(z.looseObject({ state: z.string(), start: z.string().optional(), end: z.string().optional() }))
    .optional(),
});

type Check<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

function check<T>(schema: z.ZodType<T>, value: unknown): Check<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, field: issue.path.map(String).join(".") || "(entry)", message: issue.message };
}

// ---------------------------------------------------------------------------------------------
// Store and knowledge base

async function knowledgeBase(store: Store): Promise<{ kb: KnowledgeBase; overlay: Actor[] }> {
  const overlay = await store.overlayActors();
  return { kb: KnowledgeBase.load(overlay), overlay };
}

function dateOption(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`--on expects a date as YYYY-MM-DD, not "${value}"`);
  return value;
}

/** Actors known by this id, name, alias, demonym, capital or ISO3 code. */
function findActors(kb: KnowledgeBase, name: string): Actor[] {
  const byId = kb.actor(name.trim());
  if (byId) return [byId];
  const found = new Map<string, Actor>();
  for (const a of kb.lookup(name)) found.set(a.id, a);
  if (found.size > 1) {
    // As in a text, a short acronym only counts in capitals: "Sadr" is not "SADR" (Western Sahara).
    const whole = kb.index
      .scan(name.trim())
      .filter((m) => m.start === 0 && m.end === name.trim().length)
      .flatMap((m) => m.values);
    const ids = new Set(
      whole.flatMap((l) =>
        l.type === "actor" ? [l.actor.id] : l.type === "demonym" || l.type === "capital" ? [l.state.id] : [],
      ),
    );
    if (ids.size > 0) for (const id of found.keys()) if (!ids.has(id)) found.delete(id);
  }
  const state = /^[A-Za-z]{3}$/.test(name.trim()) ? kb.state(name.trim()) : undefined;
  if (found.size === 0 && state) found.set(state.id, state);
  return [...found.values()];
}

// ---------------------------------------------------------------------------------------------
// actors show

interface Link {
  type: Affiliation["type"];
  /** The other end: the target of an outgoing link, the source of an incoming one. */
  id: string;
  name: string | null;
  start?: string;
  end?: string;
  note?: string;
  uncertain?: boolean;
  held: boolean;
}

interface ActorView {
  actor: Actor;
  on: string;
  origin: "overlay" | "shipped";
  roles: (Role & { held: boolean })[];
  affiliations: Link[];
  affiliated: Link[];
}

function viewActor(kb: KnowledgeBase, actor: Actor, on: string, overlayIds: Set<string>): ActorView {
  const nameOf = (id: string) => kb.actor(id)?.name ?? null;
  const own: Link[] = actor.affiliations.map((f) => ({
    type: f.type,
    id: f.target,
    name: nameOf(f.target),
    start: f.start,
    end: f.end,
    note: f.note,
    uncertain: f.uncertain,
    held: heldOn(f, on),
  }));
  // Memberships of organisations are recorded on the organisation's member list, not on the state.
  const memberships: Link[] = kb
    .affiliationsOf(actor.id)
    .filter((e) => !actor.affiliations.some((f) => f.type === e.type && f.target === e.to))
    .map((e) => ({
      type: e.type,
      id: e.to,
      name: nameOf(e.to),
      start: e.start,
      end: e.end,
      held: heldOn(e, on),
    }));
  const affiliated: Link[] = kb.affiliatedTo(actor.id).map((e) => ({
    type: e.type,
    id: e.from,
    name: nameOf(e.from),
    start: e.start,
    end: e.end,
    note: e.note,
    held: heldOn(e, on),
  }));
  return {
    actor,
    on,
    origin: overlayIds.has(actor.id) ? "overlay" : "shipped",
    roles: actor.roles.map((r) => ({ ...r, held: heldOn(r, on) })),
    affiliations: [...own, ...memberships],
    affiliated,
  };
}

function period(p: { start?: string | null; end?: string | null }): string {
  if (p.start && p.end) return `${p.start} – ${p.end}`;
  if (p.start) return `since ${p.start}`;
  if (p.end) return `until ${p.end}`;
  return "";
}

function linkLine(l: Link): string {
  const who = l.name ? `${l.name} (${l.id})` : l.id;
  const extras = [period(l), l.note ?? "", l.uncertain ? "uncertain" : ""].filter(Boolean).join("; ");
  return `  ${l.held ? "*" : " "} ${l.type.padEnd(18)} ${who}${extras ? `  ${extras}` : ""}`;
}

function formatView(v: ActorView): string {
  const a = v.actor;
  const field = (label: string, value: string | undefined | null) =>
    value ? [`${label.padEnd(10)} ${value}`] : [];
  const lines = [
    `${a.name}  (${a.id})`,
    ...field("kind", a.kind + (a.sector ? ` (${a.sector})` : "")),
    ...field("country", a.country),
    ...field("cameo", a.cameo),
    ...field("wikidata", a.wikidata),
    ...field("region", [a.region, a.subregion].filter(Boolean).join(" / ")),
    ...field("aliases", [...new Set(a.aliases.filter((x) => x !== a.name))].join("; ")),
  ];
  if (v.roles.length) {
    lines.push(`roles      (* held on ${v.on})`);
    for (const r of v.roles) {
      const extras = [r.cameo ?? "", r.uncertain ? "uncertain" : ""].filter(Boolean).join("; ");
      lines.push(
        `  ${r.held ? "*" : " "} ${r.title}  ${r.office} of ${r.of}  ${period(r)}${extras ? `  [${extras}]` : ""}`,
      );
    }
  }
  if (v.affiliations.length) {
    lines.push(`affiliations (* holding on ${v.on})`);
    for (const l of v.affiliations) lines.push(linkLine(l));
  }
  const members = v.affiliated.filter((l) => l.type === "member_of");
  const incoming = v.affiliated.filter((l) => l.type !== "member_of" || a.kind !== "igo");
  if (a.kind === "igo") {
    const current = members.filter((m) => m.held).map((m) => m.id.replace(/^state:/, ""));
    const former = members.filter((m) => !m.held).map((m) => m.id.replace(/^state:/, ""));
    lines.push(`members on ${v.on} (${current.length}): ${current.join(" ") || "none known"}`);
    if (former.length) lines.push(`not members on ${v.on}: ${former.join(" ")}`);
  }
  if (incoming.length) {
    lines.push(`affiliated to it (* holding on ${v.on})`);
    for (const l of incoming) lines.push(linkLine(l));
  }
  lines.push(...field("sources", a.sources));
  if (a.uncertain) lines.push("uncertain  yes: check before relying on this entry");
  lines.push(`from       ${v.origin === "overlay" ? "the store overlay" : "the shipped knowledge base"}`);
  return `${lines.join("\n")}\n`;
}

function candidateRows(actors: Actor[]): Record<string, unknown>[] {
  return actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind, country: a.country }));
}

// ---------------------------------------------------------------------------------------------
// actors add / edit

interface ActorOptions {
  id?: string;
  name?: string;
  kind?: string;
  country?: string;
  cameo?: string;
  wikidata?: string;
  sources?: string;
  uncertain?: boolean;
  alias: string[];
  role: string[];
  affiliation: string[];
  json?: boolean;
}

function fields(spec: string, count: number, option: string): string[] {
  const parts = spec.split("|").map((s) => s.trim());
  if (parts.length > count)
    throw new UsageError(`"${spec}": at most ${count} "|"-separated fields`, { where: option });
  return Array.from({ length: count }, (_, i) => parts[i] ?? "");
}

function roleFromSpec(spec: string): Role {
  const [title, office, of, start, end] = fields(spec, 5, "--role");
  const result = check(roleSchema, { title, office, of, start: start || null, end: end || null });
  if (!result.ok)
    throw new UsageError(`"${spec}": field "${result.field}": ${result.message}`, { where: "--role" });
  return result.value;
}

function affiliationFromSpec(kb: KnowledgeBase, spec: string): Affiliation {
  const [type, target, start, end, note] = fields(spec, 5, "--affiliation");
  // A target may be named the way an analyst would say it ("Iran", "Hezbollah"), not only by id.
  let id = target!;
  if (target && !kb.actor(target)) {
    const found = findActors(kb, target);
    if (found.length !== 1)
      throw new UsageError(
        `"${spec}": field "target": ${found.length ? `"${target}" is ambiguous (${found.map((a) => a.id).join(", ")}); give an id` : `no actor with the id or name "${target}"`}`,
        { where: "--affiliation" },
      );
    id = found[0]!.id;
  }
  const result = check(affiliationSchema, {
    type,
    target: id,
    start: start || undefined,
    end: end || undefined,
    note: note || undefined,
  });
  if (!result.ok)
    throw new UsageError(`"${spec}": field "${result.field}": ${result.message}`, { where: "--affiliation" });
  return result.value;
}

function validated(candidate: Record<string, unknown>): Actor {
  const result = check(overlayActorSchema, candidate);
  if (!result.ok) {
    const field = result.field.split(".")[0]!;
    const option = { aliases: "alias", roles: "role", affiliations: "affiliation" }[field] ?? field;
    throw new UsageError(`field "${result.field}": ${result.message}`, { where: `--${option}` });
  }
  return result.value;
}

function withAdditions(kb: KnowledgeBase, base: Actor, options: ActorOptions): Record<string, unknown> {
  const roles = options.role.map(roleFromSpec);
  const affiliations = options.affiliation.map((spec) => affiliationFromSpec(kb, spec));
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  return {
    ...base,
    name: options.name ?? base.name,
    kind: options.kind ?? base.kind,
    country: options.country === undefined ? base.country : options.country.toUpperCase() || null,
    cameo: options.cameo ?? base.cameo,
    wikidata: options.wikidata ?? base.wikidata,
    sources: options.sources ?? base.sources,
    uncertain: options.uncertain ?? base.uncertain,
    aliases: [...new Set([...base.aliases, ...options.alias])],
    roles: [...base.roles, ...roles.filter((r) => !base.roles.some((b) => same(b, r)))],
    affiliations: [
      ...base.affiliations,
      ...affiliations.filter((f) => !base.affiliations.some((b) => same(b, f))),
    ],
  };
}

function changes(options: ActorOptions): boolean {
  return (
    [options.name, options.kind, options.country, options.cameo, options.wikidata, options.sources].some(
      (v) => v !== undefined,
    ) ||
    options.uncertain !== undefined ||
    options.alias.length + options.role.length + options.affiliation.length > 0
  );
}

// ---------------------------------------------------------------------------------------------
// actors import: JSON, CSV and PETRARCH dictionaries, validated whole before anything is written.

const IMPORT_FORMATS = ["csv", "json", "petrarch-actors", "petrarch-agents"] as const;
type ImportFormat = (typeof IMPORT_FORMATS)[number];

interface Problem {
  where: string;
  message: string;
}

interface Parsed {
  actors: Actor[];
  problems: Problem[];
  /** What the import did that a reader would not expect from the file alone. */
  note?: string;
}

function detectFormat(file: string, text: string): ImportFormat {
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
function actorFromJson(entry: unknown): Check<Actor> {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    return { ok: false, field: "(entry)", message: "expected an object" };
  const e = entry as Record<string, unknown>;
  if (e.kind === undefined && typeof e.id === "string" && e.id.startsWith("person:")) {
    const person = check(personSchema, e);
    if (!person.ok) return person;
    return check(overlayActorSchema, { ...person.value, kind: "person", affiliations: [] });
  }
  if (e.kind === undefined)
    return { ok: false, field: "kind", message: `missing; expected one of ${ACTOR_KINDS.join("|")}` };
  // An igos.json entry keeps its acronym among the aliases.
  if (typeof e.acronym === "string" && Array.isArray(e.aliases))
    return check(overlayActorSchema, { ...e, aliases: [...(e.aliases as unknown[]), e.acronym] });
  return check(overlayActorSchema, e);
}

function parseJson(file: string, text: string): Parsed {
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
  const problems: Problem[] = [];
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

function duplicateIds(file: string, actors: Actor[], lines: number[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
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

const CSV_COLUMNS = ["id", "name", "kind", "country", "aliases", "cameo", "wikidata"] as const;
const CSV_ROLE_COLUMNS = ["title", "office", "of", "start", "end"] as const;
const CSV_REQUIRED = ["id", "name", "kind"] as const;

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

function parseCsv(file: string, text: string): Parsed {
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
  const problems: Problem[] = [];
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
    const cell = (name: string) => (row.cells[columns.indexOf(name)] ?? "").trim();
    const aliases = cell("aliases")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    let role: Role | null = null;
    if (CSV_ROLE_COLUMNS.some((c) => cell(c))) {
      const r = check(roleSchema, {
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
    const result = check(overlayActorSchema, {
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

// PETRARCH/TABARI dictionaries. An actors entry becomes an overlay actor `petrarch:<slug>` whose
// kind is guessed from its CAMEO code; an agents entry (a generic title such as FOREIGN_MINISTER)
// becomes `agent:<slug>` of kind "other" carrying its code. One exception: a phrase coded with a
// bare state code the knowledge base knows ("ATHENS [GRC]") is a name of that state, so it is added
// to the state's aliases; a rival `petrarch:` state would make "Israel" ambiguous and take over the
// state's ISO3 code in the knowledge base.

/** CAMEO codes that mean "not an actor" (---), or placeholders rather than actors. */
const NO_ACTOR = new Set(["---", "+++", "###"]);

/** Words that open a PETRARCH phrase naming a person by office: PRESIDENT_GEORGE_W._BUSH. */
const PERSON_TITLES =
  /^(PRESIDENT|VICE PRESIDENT|KING|QUEEN|PRINCE|PRINCESS|EMIR|AMIR|SULTAN|SHEIKH|SHAIKH|PRIME MINISTER|PREMIER|CHANCELLOR|FOREIGN MINISTER|MINISTER|SECRETARY|GENERAL|AYATOLLAH|POPE|CROWN PRINCE)\s+\S/;

const SMALL_WORDS = new Set(["of", "the", "and", "for", "in", "on", "de", "la", "du", "al", "el"]);

/** A phrase as written in capitals, in readable case: "GROUP OF 77" → "Group of 77". Acronyms
 * (a lone word of up to three letters, or a two-letter word, or dotted: IMF, AU, U.S.) stay in
 * capitals, so they keep matching only in capitals and "US" never meets the pronoun. */
function readableCase(phrase: string): string {
  const words = phrase.split(" ");
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      if (w !== w.toUpperCase()) return w;
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      if (w.includes(".") || /\d/.test(w) || w.length <= 2 || (words.length === 1 && w.length <= 3)) return w;
      return lower.replace(/(^|[-'])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
    })
    .join(" ");
}

function slug(phrase: string): string {
  return (
    phrase
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "entry"
  );
}

/** PETRARCH's regular plural of an agent phrase: +S, Y → IES, S → SES. */
function regularPlural(phrase: string): string {
  if (/[^AEIOU]Y$/i.test(phrase)) return `${phrase.slice(0, -1)}IES`;
  if (/S$/i.test(phrase)) return `${phrase}ES`;
  return `${phrase}S`;
}

function kindFromCode(code: string, phrase: string, isState: boolean): Actor["kind"] {
  const first = code.split("/")[0]!;
  if (first.startsWith("IGO")) return "igo";
  if (first.length === 3) return isState ? "state" : "other";
  const parts: string[] = first.slice(3).match(/.{1,3}/g) ?? [];
  if (parts.includes("REB") || parts.includes("INS")) return "armed_group";
  if (parts[0] === "GOV") return PERSON_TITLES.test(phrase.toUpperCase()) ? "person" : "government_body";
  if (parts.includes("MIL")) return "government_body";
  if (parts[0] === "PTY") return "party";
  if (parts[0] === "MED") return "media";
  return "other";
}

function uniqueIds(actors: Actor[]): Actor[] {
  const seen = new Map<string, number>();
  return actors.map((a) => {
    const n = (seen.get(a.id) ?? 0) + 1;
    seen.set(a.id, n);
    return n === 1 ? a : { ...a, id: `${a.id}-${n}` };
  });
}

function petrarchActors(kb: KnowledgeBase, overlay: Actor[], file: string, text: string): Parsed {
  const stateByCode = new Map<string, Actor>();
  for (const a of kb.all()) if (a.kind === "state" && a.country) stateByCode.set(a.country, a);
  for (const a of kb.all())
    if (a.kind === "state" && a.cameo && !stateByCode.has(a.cameo)) stateByCode.set(a.cameo, a);
  const source = basename(file);
  const actors: Actor[] = [];
  const stateNames = new Map<string, Actor>();
  let stateAliases = 0;
  const problems: Problem[] = [];
  for (const entry of parseActorDictionary(text, file)) {
    const codes = entry.codes
      .map((c) => ({ ...c, code: c.code.toUpperCase() }))
      .filter((c) => !NO_ACTOR.has(c.code));
    if (codes.length === 0) continue;
    // PETRARCH uses the default (undated) code outside every dated range; the latest range otherwise.
    const primary = codes.find((c) => !c.start && !c.end) ?? codes[codes.length - 1]!;
    const names = [entry.phrase, ...entry.synonyms].map(readableCase);
    // Old TABARI country codes (UAR, LEB, JAP) differ from ISO3; the phrase then names the state.
    const named = kb.lookup(entry.phrase).filter((a) => a.kind === "state");
    const state =
      stateByCode.get(primary.code) ??
      (/^[A-Z]{3}$/.test(primary.code) && named.length === 1 ? named[0] : undefined);
    if (state && codes.length === 1) {
      stateAliases += names.length;
      const base = stateNames.get(state.id) ?? overlay.find((a) => a.id === state.id) ?? state;
      stateNames.set(state.id, { ...base, aliases: [...new Set([...base.aliases, ...names])] });
      continue;
    }
    const country = stateByCode.get(primary.code.slice(0, 3))?.country ?? null;
    const kind = kindFromCode(primary.code, entry.phrase, Boolean(state));
    const result = check(overlayActorSchema, {
      id: `petrarch:${slug(entry.phrase)}`,
      name: names[0],
      kind,
      country: kind === "igo" ? null : country,
      aliases: names,
      cameo: primary.code,
      roles: codes
        .filter((c) => c.start || c.end)
        .map((c) => ({ title: c.code, office: "other", of: c.code.slice(0, 3), start: c.start, end: c.end })),
      sources: `PETRARCH dictionary ${source} line ${entry.line}${entry.comment ? ` (${entry.comment})` : ""}`,
    });
    if (result.ok) actors.push(result.value);
    else
      problems.push({
        where: `${file}:${entry.line}`,
        message: `field "${result.field}": ${result.message}`,
      });
  }
  return {
    actors: [...uniqueIds(actors), ...stateNames.values()],
    problems,
    note: stateNames.size
      ? `${stateAliases} phrases coded as a state were added to the aliases of ${stateNames.size} states`
      : undefined,
  };
}

function petrarchAgents(file: string, text: string): Parsed {
  const source = basename(file);
  const actors: Actor[] = [];
  const problems: Problem[] = [];
  for (const entry of parseAgentDictionary(text, file)) {
    const plurals = entry.regularPlural ? [regularPlural(entry.phrase)] : entry.plurals;
    const result = check(overlayActorSchema, {
      id: `agent:${slug(entry.phrase)}`,
      name: readableCase(entry.phrase),
      kind: "other",
      country: null,
      aliases: [entry.phrase, ...plurals].map(readableCase),
      cameo: entry.code.toUpperCase(),
      sources: `PETRARCH agents dictionary ${source} line ${entry.line}`,
    });
    if (result.ok) actors.push(result.value);
    else
      problems.push({
        where: `${file}:${entry.line}`,
        message: `field "${result.field}": ${result.message}`,
      });
  }
  return { actors: uniqueIds(actors), problems };
}

// ---------------------------------------------------------------------------------------------
// actors export

function csvCell(value: string | null | undefined): string {
  const s = value ?? "";
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(actors: Actor[]): string {
  const lines = [[...CSV_COLUMNS, ...CSV_ROLE_COLUMNS].join(",")];
  for (const a of actors) {
    const base = [a.id, a.name, a.kind, a.country, a.aliases.join(";"), a.cameo, a.wikidata];
    const roles: (Role | null)[] = a.roles.length ? a.roles : [null];
    for (const r of roles)
      lines.push([...base, r?.title, r?.office, r?.of, r?.start, r?.end].map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// The commands

const collect = (value: string, previous: string[]) => [...previous, value];

function actorOptions(command: Command): Command {
  return command
    .option("--country <ISO3>", "the actor's state, as an ISO 3166-1 alpha-3 code")
    .option("--alias <name>", "another name (repeat for several)", collect, [])
    .option("--role <spec>", 'a dated role "TITLE|OFFICE|OF|START|END" (repeat for several)', collect, [])
    .option(
      "--affiliation <spec>",
      'an affiliation "TYPE|TARGET|START|END|NOTE"; TARGET is an id or a known name (repeat for several)',
      collect,
      [],
    )
    .option("--cameo <code>", "the CAMEO actor code, e.g. IRQREB")
    .option("--wikidata <Q-id>", "the Wikidata item, e.g. Q79")
    .option("--sources <text>", "where the facts come from")
    .option("--uncertain", "flag the entry as uncertain")
    .option("--json", "print the stored entry as JSON");
}

function saved(verb: string, actor: Actor, store: Store, json?: boolean): void {
  if (json) printJson(actor);
  else
    process.stdout.write(
      `${verb} ${actor.id} (${actor.name}, ${actor.kind}) in the overlay of ${store.path}\n`,
    );
}

export function registerActorsCommand(program: Command): void {
  const actors = program
    .command("actors")
    .description(
      "Look up, add, edit, import and export actors of the knowledge base (the overlay in the store wins)",
    )
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ crisisdesk actors show Kadhimi --on 2021-11-07",
        '  $ crisisdesk actors who "President of Egypt" --on 2021-11-07',
        '  $ crisisdesk actors add --id group:my-militia --name "My Militia" --kind armed_group --country IRQ',
        "  $ crisisdesk actors import analysts.csv",
        "  $ crisisdesk actors export --format csv > overlay.csv",
      ].join("\n"),
    )
    .action(() => {
      throw new UsageError("expected a subcommand: show, who, add, edit, remove, import, export or stats");
    });

  actors
    .command("show")
    .description("Show one actor: kind, country, codes, aliases, dated roles and affiliations")
    .argument("<name>", "a name, alias, demonym, capital, ISO3 code or id")
    .option("--on <date>", "mark the roles and affiliations holding on this date (YYYY-MM-DD; default today)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk actors show "Kata\'ib Hezbollah"\n  $ crisisdesk actors show person:mustafa-al-kadhimi --on 2021-11-07 --json',
    )
    .action(async (name: string, options: { on?: string; json?: boolean }, command: Command) => {
      const on = dateOption(options.on);
      const { kb, overlay } = await withStore(command, knowledgeBase);
      const found = findActors(kb, name);
      if (found.length === 0)
        throw new CrisisdeskError("NOT_FOUND", "no actor with this name, alias or id", { where: name });
      if (found.length > 1) {
        if (options.json) printJson({ ambiguous: name, candidates: candidateRows(found) });
        else printTable(candidateRows(found), CANDIDATE_COLUMNS);
        throw new CrisisdeskError(
          "NOT_FOUND",
          `${found.length} actors go by this name; show one of them by id`,
          { where: name },
        );
      }
      const view = viewActor(kb, found[0]!, on, new Set(overlay.map((a) => a.id)));
      if (options.json) printJson(view);
      else process.stdout.write(formatView(view));
    });

  actors
    .command("who")
    .description("Who held a title on a date")
    .argument("<title>", 'a role title, e.g. "President of Egypt" or "Prime Minister of Iraq"')
    .option("--on <date>", "the date (YYYY-MM-DD; default today)")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk actors who "President of Egypt" --on 2021-11-07\n  $ crisisdesk actors who "Secretary-General of the United Nations" --json',
    )
    .action(async (title: string, options: { on?: string; json?: boolean }, command: Command) => {
      const on = dateOption(options.on);
      const { kb } = await withStore(command, knowledgeBase);
      const held = kb.whoHeld(title, on);
      if (held.length === 0)
        throw new CrisisdeskError("NOT_FOUND", `no one known to hold this title on ${on}`, { where: title });
      if (options.json)
        printJson(
          held.map((h) => ({
            person: { id: h.person.id, name: h.person.name, kind: h.person.kind, country: h.person.country },
            role: h.role,
          })),
        );
      else
        printTable(
          held.map((h) => ({
            name: h.person.name,
            title: h.role.title,
            period: period(h.role),
            id: h.person.id,
          })),
          [
            { key: "name", label: "NAME", max: 40 },
            { key: "title", label: "TITLE", max: 50 },
            { key: "period", label: "IN OFFICE" },
            { key: "id", label: "ID", max: 50 },
          ],
        );
    });

  actorOptions(
    actors
      .command("add")
      .description("Add an actor to the overlay in the store")
      .requiredOption("--id <id>", 'a new id "prefix:slug", e.g. group:my-militia')
      .requiredOption("--name <name>", "the usual name")
      .requiredOption("--kind <kind>", ACTOR_KINDS.join("|")),
  )
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        '  $ crisisdesk actors add --id group:my-militia --name "My Militia" --kind armed_group --country IRQ \\',
        '      --alias "MM" --affiliation "backed_by|Iran|2020-01"',
        '  $ crisisdesk actors add --id person:jane-doe --name "Jane Doe" --kind person --country GBR \\',
        '      --role "Foreign Secretary of the United Kingdom|foreign_minister|GBR|2024-07-05|"',
      ].join("\n"),
    )
    .action(async (options: ActorOptions, command: Command) => {
      await withStore(command, async (store) => {
        const { kb, overlay } = await knowledgeBase(store);
        const id = options.id!;
        if (overlay.some((a) => a.id === id) || kb.actor(id))
          throw new UsageError(
            `already ${overlay.some((a) => a.id === id) ? "in the overlay" : "in the shipped knowledge base"}; change it with "crisisdesk actors edit ${id}"`,
            { where: id },
          );
        const empty: Actor = {
          id,
          name: "",
          kind: "other",
          country: null,
          aliases: [],
          roles: [],
          affiliations: [],
        };
        const actor = validated(withAdditions(kb, empty, { ...options, country: options.country ?? "" }));
        await store.putOverlayActors([actor]);
        saved("added", actor, store, options.json);
      });
    });

  actorOptions(
    actors
      .command("edit")
      .description(
        "Change an actor: --name, --kind, --country ... replace; --alias, --role, --affiliation add. A shipped actor is copied to the overlay first.",
      )
      .argument("<id>", "the actor's id")
      .option("--name <name>", "the usual name")
      .option("--kind <kind>", ACTOR_KINDS.join("|")),
  )
    .addHelpText(
      "after",
      '\nExamples:\n  $ crisisdesk actors edit person:esmail-qaani --alias "Esmaeil Ghaani"\n  $ crisisdesk actors edit group:my-militia --country SYR --affiliation "part_of|group:pmf"',
    )
    .action(async (id: string, options: ActorOptions, command: Command) => {
      if (!changes(options))
        throw new UsageError(
          "nothing to change: give --name, --kind, --country, --alias, --role or --affiliation",
        );
      await withStore(command, async (store) => {
        const { kb, overlay } = await knowledgeBase(store);
        const base = overlay.find((a) => a.id === id) ?? kb.actor(id);
        if (!base)
          throw new CrisisdeskError("NOT_FOUND", "no actor with this id (see crisisdesk actors show NAME)", {
            where: id,
          });
        const actor = validated(withAdditions(kb, base, options));
        await store.putOverlayActors([actor]);
        saved("edited", actor, store, options.json);
      });
    });

  actors
    .command("remove")
    .description("Remove an actor from the overlay (the shipped entry, if any, applies again)")
    .argument("<id>", "the overlay actor's id")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk actors remove group:my-militia")
    .action(async (id: string, _options: unknown, command: Command) => {
      await withStore(command, async (store) => {
        if (await store.removeOverlayActor(id)) {
          process.stdout.write(`removed ${id} from the overlay of ${store.path}\n`);
          return;
        }
        const shipped = KnowledgeBase.load().actor(id);
        throw new CrisisdeskError(
          "NOT_FOUND",
          shipped
            ? "not in the overlay; shipped entries cannot be removed, only overridden with actors edit"
            : "no overlay actor with this id",
          { where: id },
        );
      });
    });

  actors
    .command("import")
    .description("Import actors into the overlay: all of the file or, if any entry is bad, none of it")
    .argument("<file>", "a .csv or .json file, or a PETRARCH/TABARI actors or agents dictionary")
    .option("--format <format>", `${IMPORT_FORMATS.join("|")} (default: from the extension or content)`)
    .option("--json", "print the summary as JSON")
    .addHelpText(
      "after",
      [
        "",
        "CSV columns: id,name,kind,country,aliases (;-separated),cameo,wikidata and optionally",
        "title,office,of,start,end: one row per role; rows with the same id are one actor.",
        "",
        "Examples:",
        "  $ crisisdesk actors import analysts.csv",
        "  $ crisisdesk actors import overlay.json",
        "  $ crisisdesk actors import Phoenix.Countries.actors.txt --format petrarch-actors",
      ].join("\n"),
    )
    .action(async (file: string, options: { format?: string; json?: boolean }, command: Command) => {
      if (options.format !== undefined && !IMPORT_FORMATS.includes(options.format as ImportFormat))
        throw new UsageError(`--format expects ${IMPORT_FORMATS.join("|")}, not "${options.format}"`);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        throw new CrisisdeskError(
          "NOT_FOUND",
          code === "ENOENT" ? "no such file" : `cannot read (${(cause as Error).message})`,
          { where: file, cause },
        );
      }
      const format = (options.format as ImportFormat | undefined) ?? detectFormat(file, text);
      await withStore(command, async (store) => {
        const { kb, overlay } = await knowledgeBase(store);
        const parsed =
          format === "csv"
            ? parseCsv(file, text)
            : format === "json"
              ? parseJson(file, text)
              : format === "petrarch-actors"
                ? petrarchActors(kb, overlay, file, text)
                : petrarchAgents(file, text);
        if (parsed.problems.length > 0) {
          for (const p of parsed.problems.slice(0, 20))
            process.stderr.write(`crisisdesk: ${p.where}: ${p.message}\n`);
          if (parsed.problems.length > 20)
            process.stderr.write(`crisisdesk: ... and ${parsed.problems.length - 20} more\n`);
          throw new CrisisdeskError(
            "BAD_DATA",
            `nothing imported: ${parsed.problems.length} problem${parsed.problems.length === 1 ? "" : "s"}`,
            { where: file },
          );
        }
        if (parsed.actors.length === 0)
          throw new CrisisdeskError("EMPTY_INPUT", "no actors in this file", { where: file });
        await store.putOverlayActors(parsed.actors);
        const inOverlay = new Set(overlay.map((a) => a.id));
        const summary = {
          file,
          format,
          imported: parsed.actors.length,
          replaced: parsed.actors.filter((a) => inOverlay.has(a.id)).length,
          overriding: parsed.actors.filter((a) => !inOverlay.has(a.id) && kb.actor(a.id)).length,
          ...(parsed.note ? { note: parsed.note } : {}),
        };
        if (options.json) printJson(summary);
        else
          process.stdout.write(
            `imported ${summary.imported} actors from ${file} (${format}): ${summary.replaced} replaced overlay entries, ${summary.overriding} override shipped entries${parsed.note ? `\n${parsed.note}` : ""}\n`,
          );
      });
    });

  actors
    .command("export")
    .description("Print the overlay (or, with --all, the whole merged knowledge base) as JSON or CSV")
    .option("--format <format>", "json|csv", "json")
    .option("--overlay-only", "only the overlay in the store (the default)")
    .option("--all", "the shipped knowledge base with the overlay applied")
    .addHelpText(
      "after",
      [
        "",
        "CSV has no affiliation columns; export JSON to keep affiliations.",
        "",
        "Examples:",
        "  $ crisisdesk actors export > overlay.json",
        "  $ crisisdesk actors export --all --format csv > actors.csv",
      ].join("\n"),
    )
    .action(async (options: { format: string; all?: boolean; overlayOnly?: boolean }, command: Command) => {
      if (options.format !== "json" && options.format !== "csv")
        throw new UsageError(`--format expects json|csv, not "${options.format}"`);
      if (options.all && options.overlayOnly) throw new UsageError("give --all or --overlay-only, not both");
      const { kb, overlay } = await withStore(command, knowledgeBase);
      const list = options.all ? kb.all() : overlay;
      if (options.format === "json") printJson(list);
      else {
        process.stdout.write(toCsv(list));
        const lost = list.reduce((n, a) => n + a.affiliations.length, 0);
        if (lost > 0)
          process.stderr.write(
            `crisisdesk: note: CSV has no affiliation columns; ${lost} affiliations left out (export JSON to keep them)\n`,
          );
      }
    });

  actors
    .command("stats")
    .description("Counts of the knowledge base by kind, with the overlay applied")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk actors stats\n  $ crisisdesk actors stats --json")
    .action(async (options: { json?: boolean }, command: Command) => {
      const { kb, overlay } = await withStore(command, knowledgeBase);
      const stats = { ...kb.size, overlay: overlay.length };
      if (options.json) printJson(stats);
      else for (const [k, v] of Object.entries(stats)) process.stdout.write(`${k.padEnd(10)} ${v}\n`);
    });
}

const CANDIDATE_COLUMNS = [
  { key: "id", label: "ID", max: 50 },
  { key: "name", label: "NAME", max: 40 },
  { key: "kind", label: "KIND" },
  { key: "country", label: "COUNTRY" },
];
