// The indicator query language: the event patterns that scenario indicators are written in
// ("actor:kind=armed_group AND plover=ASSAULT AND within=7d AND count>=2"). A hand-written
// tokenizer and recursive-descent parser give errors that name the position; the evaluator runs a
// parsed query over a case's events and reactions, using the knowledge base for kinds,
// affiliations and regions. docs/ach-and-scenarios.md is the reference for the language.
import {
  ACTOR_KINDS,
  type ActorRef,
  AFFILIATION_TYPES,
  type AffiliationType,
  type Analysis,
  heldOn,
  type Location,
  type Span,
  STANCES,
  type Stance,
  UsageError,
} from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";

/** The PLOVER event types (the PLOVER ontology, as in data/codebook/cameo.json). */
export const PLOVER_TYPES = [
  "AGREE",
  "CONSULT",
  "SUPPORT",
  "COOPERATE",
  "AID",
  "CONCEDE",
  "RETREAT",
  "ACCUSE",
  "REQUEST",
  "REJECT",
  "THREATEN",
  "PROTEST",
  "MOBILIZE",
  "SANCTION",
  "COERCE",
  "ASSAULT",
  "OTHER",
] as const;

// ---------------------------------------------------------------------------------------------
// Errors

/** A query that does not parse; `position` is the 1-based character column of the problem. */
export class QueryError extends UsageError {
  readonly position: number;

  constructor(query: string, index: number, message: string) {
    const position = index + 1;
    const near = query.slice(index, index + 24).trim();
    super(
      `indicator query, position ${position}: ${message}${near ? ` (at "${near}${query.length > index + 24 ? "…" : ""}")` : " (at the end)"}`,
    );
    this.name = "QueryError";
    this.position = position;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenType = "word" | "string" | "op" | "lparen" | "rparen" | "and" | "or" | "not" | "end";

interface Token {
  type: TokenType;
  text: string;
  /** 0-based index into the query. */
  at: number;
}

const OPERATORS = ["!=", ">=", "<=", "=", ">", "<"] as const;
export type Operator = (typeof OPERATORS)[number];

const WORD = /[A-Za-z0-9_.:*\-/+]/;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "(" || ch === ")") {
      tokens.push({ type: ch === "(" ? "lparen" : "rparen", text: ch, at: i });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => query.startsWith(o, i));
    if (op) {
      tokens.push({ type: "op", text: op, at: i });
      i += op.length;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let text = "";
      while (j < query.length && query[j] !== '"') {
        if (query[j] === "\\" && j + 1 < query.length) j++;
        text += query[j];
        j++;
      }
      if (j >= query.length) throw new QueryError(query, i, "this quoted value has no closing quote");
      tokens.push({ type: "string", text, at: i });
      i = j + 1;
      continue;
    }
    if (WORD.test(ch)) {
      let j = i;
      while (j < query.length && WORD.test(query[j]!)) j++;
      const text = query.slice(i, j);
      const keyword = text.toUpperCase();
      const type: TokenType =
        keyword === "AND" ? "and" : keyword === "OR" ? "or" : keyword === "NOT" ? "not" : "word";
      tokens.push({ type, text, at: i });
      i = j;
      continue;
    }
    throw new QueryError(
      query,
      i,
      `unexpected character "${ch}"; put values with spaces or punctuation in double quotes`,
    );
  }
  tokens.push({ type: "end", text: "", at: query.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// The syntax tree

export const QUERY_FIELDS = [
  "actor",
  "actor:kind",
  "actor:country",
  "actor:affiliation",
  "actor:region",
  "actor:subregion",
  "target",
  "target:kind",
  "target:country",
  "target:affiliation",
  "target:region",
  "target:subregion",
  "cameo",
  "plover",
  "mode",
  "stance",
  "place",
  "item",
  "date",
  "within",
  "count",
] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export interface Clause {
  type: "clause";
  field: QueryField;
  op: Operator;
  value: string;
  /** 0-based index of the field in the query. */
  at: number;
}

export type QueryExpr =
  | Clause
  | { type: "and" | "or"; left: QueryExpr; right: QueryExpr }
  | { type: "not"; expr: QueryExpr };

export interface IndicatorQuery {
  source: string;
  /** The condition on one event or reaction; null matches every item. */
  where: QueryExpr | null;
  /** Only items dated within this many days on or after the case's anchor date. */
  withinDays: number | null;
  /** How many distinct matching items make the indicator fire (default: at least 1). */
  count: { op: ">=" | ">" | "="; n: number };
}

const EQUALITY: readonly Operator[] = ["=", "!="];
const COMPARISON: readonly Operator[] = ["=", "!=", "<", "<=", ">", ">="];

function opsFor(field: QueryField): readonly Operator[] {
  if (field === "date") return COMPARISON;
  if (field === "within") return ["="];
  if (field === "count") return [">=", ">", "="];
  return EQUALITY;
}

/** Checks a clause's value for its field and returns it in canonical form. */
function checkValue(query: string, field: QueryField, value: string, at: number): string {
  const fail = (message: string): never => {
    throw new QueryError(query, at, message);
  };
  const oneOf = (allowed: readonly string[], what: string, upper = false) => {
    const v = upper ? value.toUpperCase() : value.toLowerCase();
    if (!allowed.includes(v)) fail(`unknown ${what} "${value}"; expected one of ${allowed.join(", ")}`);
    return v;
  };
  if (value === "") fail(`${field} needs a value`);
  switch (field) {
    case "actor:kind":
    case "target:kind":
      return oneOf(ACTOR_KINDS, "actor kind");
    case "actor:country":
    case "target:country":
      if (!/^[A-Za-z]{3}$/.test(value)) fail(`${field} expects an ISO 3166-1 alpha-3 code such as IRQ`);
      return value.toUpperCase();
    case "actor:affiliation":
    case "target:affiliation": {
      // An actor id has one colon (state:IRN); TYPE:ID has two or more (backed_by:state:IRN).
      const [type, ...rest] = value.split(":");
      if (AFFILIATION_TYPES.includes(type as AffiliationType)) {
        if (rest.join(":") === "") fail(`${field} expects TYPE:ACTOR-ID such as backed_by:state:IRN`);
        return value;
      }
      if (rest.length === 0 || rest.some((r) => r === ""))
        fail(`${field} expects an actor id (state:IRN) or TYPE:ACTOR-ID such as backed_by:state:IRN`);
      if (rest.length >= 2)
        fail(`unknown affiliation type "${type}"; expected one of ${AFFILIATION_TYPES.join(", ")}`);
      return value;
    }
    case "cameo":
      if (!/^\d{2,4}\*?$/.test(value))
        fail("cameo expects a CAMEO code of 2 to 4 digits, optionally ending in * (04*)");
      return value;
    case "plover":
      return oneOf(PLOVER_TYPES, "PLOVER type", true);
    case "stance":
      return oneOf(STANCES, "stance");
    case "item":
      return oneOf(["event", "reaction"], "item");
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
        fail("date expects YYYY-MM-DD");
      return value;
    case "within": {
      const m = /^(\d+)([dw])$/i.exec(value);
      if (!m || Number(m[1]) < 1) fail("within expects a number of days or weeks such as 7d or 2w");
      return String(Number(m![1]) * (m![2]!.toLowerCase() === "w" ? 7 : 1));
    }
    case "count":
      if (!/^\d+$/.test(value) || Number(value) < 1) fail("count expects a whole number of at least 1");
      return String(Number(value));
    default:
      return value;
  }
}

class Parser {
  private i = 0;
  private readonly tokens: Token[];

  constructor(private readonly query: string) {
    this.tokens = tokenize(query);
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private fail(token: Token, message: string): never {
    throw new QueryError(this.query, token.at, message);
  }

  parse(): QueryExpr {
    if (this.peek().type === "end") this.fail(this.peek(), "the query is empty");
    const expr = this.or();
    const rest = this.peek();
    if (rest.type === "rparen") this.fail(rest, "this closing parenthesis has no opening one");
    if (rest.type !== "end") this.fail(rest, "expected AND, OR or the end of the query");
    return expr;
  }

  private or(): QueryExpr {
    let left = this.and();
    while (this.peek().type === "or") {
      this.next();
      left = { type: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): QueryExpr {
    let left = this.unary();
    while (this.peek().type === "and") {
      this.next();
      left = { type: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): QueryExpr {
    const token = this.peek();
    if (token.type === "not") {
      this.next();
      return { type: "not", expr: this.unary() };
    }
    if (token.type === "lparen") {
      this.next();
      const expr = this.or();
      const close = this.peek();
      if (close.type !== "rparen") this.fail(close, "expected a closing parenthesis");
      this.next();
      return expr;
    }
    return this.clause();
  }

  private clause(): Clause {
    const token = this.next();
    if (token.type === "end") this.fail(token, "expected a condition such as plover=ASSAULT");
    if (token.type !== "word")
      this.fail(token, `expected a field (${QUERY_FIELDS.join(", ")}), not "${token.text}"`);
    const field = token.text.toLowerCase() as QueryField;
    if (!QUERY_FIELDS.includes(field))
      this.fail(token, `unknown field "${token.text}"; expected one of ${QUERY_FIELDS.join(", ")}`);
    const op = this.next();
    if (op.type !== "op") this.fail(op, `expected an operator after "${token.text}" (=, !=, >=, <=, >, <)`);
    const allowed = opsFor(field);
    if (!allowed.includes(op.text as Operator))
      this.fail(op, `${field} takes ${allowed.join(" or ")}, not ${op.text}`);
    const value = this.next();
    if (value.type !== "word" && value.type !== "string")
      this.fail(value, `expected a value after "${token.text}${op.text}"`);
    return {
      type: "clause",
      field,
      op: op.text as Operator,
      value: checkValue(this.query, field, value.text, value.at),
      at: token.at,
    };
  }
}

/** Top-level conjuncts: the clauses joined to the whole query by AND alone. */
function conjuncts(expr: QueryExpr): QueryExpr[] {
  return expr.type === "and" ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

function clausesIn(expr: QueryExpr): Clause[] {
  if (expr.type === "clause") return [expr];
  if (expr.type === "not") return clausesIn(expr.expr);
  return [...clausesIn(expr.left), ...clausesIn(expr.right)];
}

/** Parses an indicator query; throws a QueryError naming the position of the first problem. */
export function parseIndicatorQuery(source: string): IndicatorQuery {
  const expr = new Parser(source).parse();
  const top = new Set(conjuncts(expr));
  let withinDays: number | null = null;
  let count: IndicatorQuery["count"] | null = null;
  for (const clause of clausesIn(expr)) {
    if (clause.field !== "within" && clause.field !== "count") continue;
    if (!top.has(clause))
      throw new QueryError(
        source,
        clause.at,
        `${clause.field} applies to the whole query: join it with AND at the top level, not inside OR or NOT`,
      );
    if ((clause.field === "within" ? withinDays : count) !== null)
      throw new QueryError(source, clause.at, `${clause.field} is given twice`);
    if (clause.field === "within") withinDays = Number(clause.value);
    else count = { op: clause.op as ">=" | ">" | "=", n: Number(clause.value) };
  }
  const rest = [...top].filter((c) => c.type !== "clause" || (c.field !== "within" && c.field !== "count"));
  const where = rest.reduce<QueryExpr | null>(
    (left, right) => (left ? { type: "and", left, right } : right),
    null,
  );
  return { source, where, withinDays, count: count ?? { op: ">=", n: 1 } };
}

// ---------------------------------------------------------------------------------------------
// The items a query runs over

/** One event or reaction of a case, flattened for matching and for citing. */
export interface CaseItem {
  kind: "event" | "reaction";
  documentId: string;
  documentTitle: string | null;
  /** The event's id ("ev3") or the reaction's position ("r2") within its document's analysis. */
  itemId: string;
  /** The event's date, else the report's publication date. */
  date: string | null;
  actor: ActorRef | null;
  target: ActorRef | null;
  cameo: string | null;
  plover: string | null;
  mode: string | null;
  stance: Stance | null;
  place: Location | null;
  sentence: string;
  offset: Span;
}

/** What the analysis layer needs of a case's document (a store CaseDocument fits). */
export interface CaseDocumentInput {
  id: string;
  title: string | null;
  published: string | null;
  analysis: Analysis;
}

/** Every event and reaction of a case's documents; a reaction takes its event's place and target. */
export function caseItems(documents: readonly CaseDocumentInput[]): CaseItem[] {
  const items: CaseItem[] = [];
  for (const doc of documents) {
    const published = doc.published ?? doc.analysis.document.published ?? null;
    const events = new Map(doc.analysis.events.map((e) => [e.id, e]));
    for (const e of doc.analysis.events)
      items.push({
        kind: "event",
        documentId: doc.id,
        documentTitle: doc.title,
        itemId: e.id,
        date: e.date ?? published,
        actor: e.source_actor,
        target: e.target_actor,
        cameo: e.cameo,
        plover: e.plover,
        mode: e.mode,
        stance: null,
        place: e.location,
        sentence: e.sentence,
        offset: e.offset,
      });
    doc.analysis.reactions.forEach((r, i) => {
      const event = r.event_id ? events.get(r.event_id) : undefined;
      items.push({
        kind: "reaction",
        documentId: doc.id,
        documentTitle: doc.title,
        itemId: `r${i + 1}`,
        date: published,
        actor: r.actor,
        target: event?.target_actor ?? null,
        cameo: null,
        plover: null,
        mode: null,
        stance: r.stance,
        place: event?.location ?? null,
        sentence: r.sentence,
        offset: r.offset,
      });
    });
  }
  return items;
}

/**
 * What makes two items the same real-world happening for `count`: the same kind of item by the
 * same actor, with the same CAMEO code or stance, towards the same target, on the same date. Ten
 * reports of one attack count once; an approximation until events are clustered across reports.
 */
export function itemSignature(item: CaseItem): string {
  const who = (a: ActorRef | null) => (a ? (a.id ?? a.name.toLowerCase()) : "-");
  const date = item.kind === "event" ? (item.date ?? "-") : "-";
  return [item.kind, who(item.actor), item.cameo ?? item.stance ?? "-", who(item.target), date].join("|");
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface QueryContext {
  kb: KnowledgeBase;
  /** The case's anchor date, the start of `within` windows; else the earliest dated item. */
  anchorDate?: string | null;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** An actor's identity for grouping: its knowledge-base id, else its name as a slug. */
export function actorKey(ref: ActorRef): string {
  return ref.id && !ref.id.startsWith("new:") ? ref.id : `new:${slug(ref.name)}`;
}

/**
 * The actors an actor speaks for on a date: itself, the state a ministry is part of, and the
 * states or organisations whose offices a person holds (any date when `date` is null).
 */
export function actorsSpokenFor(kb: KnowledgeBase, key: string, date: string | null): Set<string> {
  const ids = new Set<string>([key]);
  const actor = key.startsWith("new:") ? undefined : kb.actor(key);
  if (!actor) return ids;
  if (actor.kind === "government_body")
    for (const f of actor.affiliations) if (f.type === "part_of") ids.add(f.target);
  if (actor.kind === "person")
    for (const role of actor.roles)
      if (!date || heldOn(role, date)) ids.add(/^[A-Z]{3}$/.test(role.of) ? `state:${role.of}` : role.of);
  return ids;
}

/** A name as an id slug; "on the factions" and "factions" are one unresolved actor. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/^((on|against|by|of|the)\s+)+/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function regionOf(kb: KnowledgeBase, ref: ActorRef, sub: boolean): string | undefined {
  const actor = ref.id ? kb.actor(ref.id) : undefined;
  const own = sub ? actor?.subregion : actor?.region;
  if (own) return own;
  const state = ref.country ? kb.state(ref.country) : undefined;
  return sub ? state?.subregion : state?.region;
}

function actorMatches(kb: KnowledgeBase, ref: ActorRef, value: string, date: string | null): boolean {
  const wanted = value.includes(":") ? [value] : kb.lookup(value).map((a) => a.id);
  if (!value.includes(":") && ref.name.toLowerCase() === value.toLowerCase()) return true;
  const ids = actorsSpokenFor(kb, actorKey(ref), date);
  return wanted.some((id) => ids.has(id));
}

function affiliationMatches(kb: KnowledgeBase, ref: ActorRef, value: string, date: string | null): boolean {
  if (!ref.id) return false;
  const [first, ...rest] = value.split(":");
  const typed = AFFILIATION_TYPES.includes(first as AffiliationType);
  const type = typed ? (first as AffiliationType) : null;
  const target = typed ? rest.join(":") : value;
  return kb
    .affiliationsOf(ref.id, date ?? undefined)
    .some((e) => e.to === target && (!type || e.type === type));
}

function compare(a: string, op: Operator, b: string): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

function clauseHolds(clause: Clause, item: CaseItem, kb: KnowledgeBase): boolean {
  const [side, attribute] = clause.field.split(":") as [string, string | undefined];
  const ref = side === "actor" ? item.actor : side === "target" ? item.target : null;
  const v = clause.value;
  const equal = (): boolean => {
    switch (clause.field) {
      case "actor":
      case "target":
        return ref !== null && actorMatches(kb, ref, v, item.date);
      case "actor:kind":
      case "target:kind":
        return ref?.kind === v;
      case "actor:country":
      case "target:country":
        return ref?.country === v;
      case "actor:affiliation":
      case "target:affiliation":
        return ref !== null && affiliationMatches(kb, ref, v, item.date);
      case "actor:region":
      case "target:region":
      case "actor:subregion":
      case "target:subregion":
        return (
          ref !== null && regionOf(kb, ref, attribute === "subregion")?.toLowerCase() === v.toLowerCase()
        );
      case "cameo":
        return (
          item.cameo !== null && (v.endsWith("*") ? item.cameo.startsWith(v.slice(0, -1)) : item.cameo === v)
        );
      case "plover":
        return item.plover === v;
      case "mode":
        return item.mode?.toLowerCase() === v.toLowerCase();
      case "stance":
        return item.stance === v;
      case "item":
        return item.kind === v;
      case "place":
        return (
          item.place !== null &&
          (/^[A-Za-z]{3}$/.test(v) && item.place.country === v.toUpperCase()
            ? true
            : item.place.name.toLowerCase() === v.toLowerCase())
        );
      default:
        return true;
    }
  };
  if (clause.field === "date") return item.date !== null && compare(item.date.slice(0, 10), clause.op, v);
  return clause.op === "!=" ? !equal() : equal();
}

function holds(expr: QueryExpr, item: CaseItem, kb: KnowledgeBase): boolean {
  switch (expr.type) {
    case "clause":
      return clauseHolds(expr, item, kb);
    case "and":
      return holds(expr.left, item, kb) && holds(expr.right, item, kb);
    case "or":
      return holds(expr.left, item, kb) || holds(expr.right, item, kb);
    case "not":
      return !holds(expr.expr, item, kb);
  }
}

export interface QueryResult {
  /** Every item that matches the condition and the time window, in case order. */
  items: CaseItem[];
  /** How many distinct happenings those items are (see itemSignature). */
  distinct: number;
  /** The window applied, if any. */
  window: { from: string; to: string } | null;
}

/** The items of a case that match a query's condition and window. */
export function runIndicatorQuery(
  query: IndicatorQuery,
  items: readonly CaseItem[],
  context: QueryContext,
): QueryResult {
  let window: QueryResult["window"] = null;
  if (query.withinDays !== null) {
    const dates = items.flatMap((i) => (i.date ? [i.date.slice(0, 10)] : [])).sort();
    const from = context.anchorDate?.slice(0, 10) ?? dates[0];
    window = from ? { from, to: addDays(from, query.withinDays) } : null;
  }
  const matched = items.filter(
    (item) =>
      (query.withinDays === null ||
        (window !== null &&
          item.date !== null &&
          item.date.slice(0, 10) >= window.from &&
          item.date.slice(0, 10) <= window.to)) &&
      (query.where === null || holds(query.where, item, context.kb)),
  );
  return { items: matched, distinct: new Set(matched.map(itemSignature)).size, window };
}

/** Whether `distinct` matching happenings satisfy the query's count. */
export function countSatisfied(query: IndicatorQuery, distinct: number): boolean {
  const { op, n } = query.count;
  return op === ">=" ? distinct >= n : op === ">" ? distinct > n : distinct === n;
}
