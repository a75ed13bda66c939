// The analyst's decisions on items: accept, reject, correct (set) and add. Each decision is
// appended to the store with who, when and an optional note, and the report's effective record is
// derived again in the same transaction. The CLI and the HTTP API both call these functions.
import {
  type ActorRef,
  actorRef,
  attributionSchema,
  CrisisdeskError,
  type Event,
  eventSchema,
  ITEM_LISTS,
  type Item,
  type ItemKind,
  itemId,
  itemIds,
  newActorId,
  quoteSchema,
  reactionSchema,
  STANCES,
  type Stance,
  UsageError,
} from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import type { Decision, Store, StoredReport } from "../store/index.js";
import { effectiveRecord, latestDecisions } from "./effective-record.js";
import { credibilityOf } from "./source-grades.js";

export interface DecisionMeta {
  /** Who decides: an analyst's name. */
  by: string;
  note?: string | null;
  now?: () => Date;
}

export interface ReviewDeps {
  store: Store;
  kb: KnowledgeBase;
  /** CAMEO code → PLOVER category, for corrections of an event's type. */
  plover?: (cameo: string) => string | undefined;
}

/** What an analyst may correct on an item; each field applies to the kinds that have it. */
export interface Correction {
  stance?: string;
  /** The reacting actor (reaction). */
  actor?: string;
  /** Who said the quotation (quote). */
  speaker?: string;
  claimant?: string;
  accused?: string;
  /** The event's CAMEO code (event). */
  type?: string;
  date?: string | null;
  place?: string | null;
  source?: string | null;
  target?: string | null;
  killed?: number | null;
  wounded?: number | null;
  /** The item's information credibility on the Admiralty scale (1–6); null clears it. */
  credibility?: number | string | null;
}

export interface ReviewOutcome {
  decision: Decision;
  /** The item as it now stands in the effective record (null when rejected). */
  item: Item | null;
}

const FIELDS_OF: Record<ItemKind, readonly (keyof Correction)[]> = {
  reaction: ["stance", "actor", "credibility"],
  quote: ["speaker", "credibility"],
  attribution: ["claimant", "accused", "credibility"],
  event: ["type", "date", "place", "source", "target", "killed", "wounded", "credibility"],
};

const SCHEMA = {
  event: eventSchema,
  reaction: reactionSchema,
  quote: quoteSchema,
  attribution: attributionSchema,
};

/** An actor named by an analyst: a knowledge-base id or a name it knows, else a new actor. */
export function namedActor(kb: KnowledgeBase, name: string): ActorRef {
  const text = name.trim();
  if (!text) throw new UsageError("an actor's name must not be empty");
  const byId = kb.actor(text);
  if (byId) return actorRef(byId);
  const known = kb.lookup(text);
  const unique = [...new Map(known.map((a) => [a.id, a])).values()];
  if (unique.length === 1) return actorRef(unique[0]!);
  if (unique.length > 1)
    throw new UsageError(
      `"${text}" could be ${unique.map((a) => `${a.name} (${a.id})`).join(" or ")}; give the id`,
      { where: text },
    );
  return { id: newActorId(text), name: text, kind: "other", country: null };
}

function stanceOf(value: string): Stance {
  if (!(STANCES as readonly string[]).includes(value))
    throw new UsageError(`stance "${value}" is not one of ${STANCES.join(", ")}`, { where: "stance" });
  return value as Stance;
}

/** Where an item id stands now: its report and its current version (from the effective record,
 * the engine's output when rejected, or the analyst's last word). */
async function locate(store: Store, id: string) {
  const found = await store.findItem(id);
  if (!found)
    throw new CrisisdeskError("NOT_FOUND", "no item has this id (see `crisisdesk review list`)", {
      where: id,
    });
  const report = (await store.loadReport(found.documentId))!;
  const current = findIn(report, found.kind, found.item);
  return { ...found, report, current };
}

function findIn(report: StoredReport, kind: ItemKind, id: string): Item | null {
  const documentId = report.document.id;
  for (const analysis of [report.analysis, report.engine]) {
    const items = analysis[ITEM_LISTS[kind]] as Item[];
    const ids = itemIds(documentId, kind, items);
    const at = items.findIndex((item, i) => item.review?.item === id || ids[i] === id);
    if (at >= 0) return items[at]!;
  }
  return null;
}

function applyCorrection(deps: ReviewDeps, kind: ItemKind, item: Item, c: Correction): Item {
  const allowed = FIELDS_OF[kind];
  const given = (Object.keys(c) as (keyof Correction)[]).filter((k) => c[k] !== undefined);
  if (given.length === 0)
    throw new UsageError(`nothing to set: give one of ${allowed.map((f) => `--${f}`).join(", ")}`);
  const wrong = given.filter((k) => !allowed.includes(k));
  if (wrong.length)
    throw new UsageError(`a ${kind} has no ${wrong.join(", ")} to set; it has ${allowed.join(", ")}`, {
      where: wrong[0],
    });
  const { review: _review, ...next } = { ...item } as Record<string, unknown>;
  const actor = (name: string | null | undefined) => (name ? namedActor(deps.kb, name) : null);
  if (c.stance !== undefined) next.stance = stanceOf(c.stance);
  if (c.actor !== undefined) next.actor = actor(c.actor);
  if (c.speaker !== undefined) next.speaker = actor(c.speaker);
  if (c.claimant !== undefined) next.claimant = c.claimant === "author" ? "author" : actor(c.claimant);
  if (c.accused !== undefined) next.accused = actor(c.accused);
  if (c.source !== undefined) next.source_actor = actor(c.source);
  if (c.target !== undefined) next.target_actor = actor(c.target);
  if (c.type !== undefined) {
    const plover = deps.plover?.(c.type);
    if (!plover) throw new UsageError(`"${c.type}" is not a CAMEO code in the codebook`, { where: "type" });
    next.cameo = c.type;
    next.plover = plover;
  }
  if (c.date !== undefined) next.date = c.date || null;
  if (c.place !== undefined) {
    const place = c.place ? deps.kb.place(c.place)[0] : undefined;
    next.location = c.place ? { name: place?.name ?? c.place, country: place?.country ?? null } : null;
  }
  if (c.credibility !== undefined) {
    if (c.credibility === null || c.credibility === "") delete next.credibility;
    else next.credibility = credibilityOf(c.credibility);
  }
  if (c.killed !== undefined || c.wounded !== undefined) {
    const old = (item as Event).casualties ?? null;
    next.casualties = {
      killed: c.killed !== undefined ? c.killed : (old?.killed ?? null),
      wounded: c.wounded !== undefined ? c.wounded : (old?.wounded ?? null),
      phrase: old?.phrase ?? "",
      offset: old?.offset ?? item.offset,
    };
  }
  return validItem(kind, next);
}

function validItem(kind: ItemKind, value: unknown): Item {
  const result = SCHEMA[kind].safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UsageError(`the ${kind} would not be valid: ${issue.path.join(".")}: ${issue.message}`, {
      where: issue.path.join("."),
    });
  }
  return value as Item;
}

async function record(store: Store, report: StoredReport, decision: Decision): Promise<ReviewOutcome> {
  const decisions = [...(await store.decisions(report.document.id)), decision];
  const analysis = effectiveRecord(report.engine, decisions);
  await store.addDecision(decision, analysis);
  const items = analysis[ITEM_LISTS[decision.kind]] as Item[];
  return { decision, item: items.find((i) => i.review?.item === decision.item) ?? null };
}

/** Accepts, rejects or corrects one item, by its id. */
export async function reviewItem(
  deps: ReviewDeps,
  id: string,
  action: "accept" | "reject" | "set",
  meta: DecisionMeta,
  correction: Correction = {},
): Promise<ReviewOutcome> {
  const found = await locate(deps.store, id);
  const previous = latestDecisions(await deps.store.decisions(found.documentId)).get(found.item);
  // The item as the analyst last left it, or as the engine gave it.
  const base = (previous?.data as Item | null) ?? found.current;
  if (!base) throw new CrisisdeskError("NOT_FOUND", "the item is no longer in its report", { where: id });
  let data: Item | null = null;
  if (action === "set") data = applyCorrection(deps, found.kind, base, correction);
  else if (action === "accept") data = validItem(found.kind, stripReview(base));
  // An added item stays an addition, a corrected one a correction, whatever is decided on it next;
  // grading an item's credibility alone accepts it as the engine gave it, graded.
  const gradesOnly = Object.entries(correction).every(([k, v]) => k === "credibility" || v === undefined);
  const act: Decision["action"] =
    action === "reject"
      ? "reject"
      : previous?.action === "add"
        ? "add"
        : (action === "set" && !gradesOnly) || previous?.action === "set"
          ? "set"
          : "accept";
  return record(deps.store, found.report, {
    documentId: found.documentId,
    item: found.item,
    kind: found.kind,
    action: act,
    data,
    by: meta.by,
    at: (meta.now ?? (() => new Date()))().toISOString(),
    note: meta.note ?? null,
  });
}

function stripReview(item: Item): Item {
  const { review: _r, ...rest } = item as Item & { review?: unknown };
  return rest as Item;
}

export interface NewItem {
  kind: ItemKind;
  /** The report: an id or unique id prefix. */
  document: string;
  /** The sentence the item rests on: its number in the report (1 = first), or words it holds. */
  sentence: number | string;
  fields: Correction & { text?: string; event?: string | null };
}

/** Adds an item the engine missed, pointing at its sentence. */
export async function addItem(deps: ReviewDeps, input: NewItem, meta: DecisionMeta): Promise<ReviewOutcome> {
  // An exact id, else a prefix that names one document only.
  const prefixed = await deps.store.documentIdsByPrefix(input.document.trim().toLowerCase(), 2);
  const id = prefixed.length === 1 ? prefixed[0]! : input.document;
  const doc = await deps.store.getDocument(id);
  if (!doc)
    throw new CrisisdeskError("NOT_FOUND", "no stored document has this id (or the prefix is ambiguous)", {
      where: input.document,
    });
  const report = (await deps.store.loadReport(doc.id))!;
  const sentences = report.document.sentences;
  const wanted = input.sentence;
  const sentence =
    typeof wanted === "number"
      ? sentences[wanted - 1]
      : sentences.find((s) => s.text.toLowerCase().includes(wanted.toLowerCase()));
  if (!sentence)
    throw new UsageError(
      typeof wanted === "number"
        ? `the report has sentences 1 to ${sentences.length}, not ${wanted}`
        : `no sentence of the report holds "${wanted}"`,
      { where: "sentence" },
    );
  const f = input.fields;
  const need = (value: string | undefined | null, flag: string) => {
    if (!value) throw new UsageError(`adding a ${input.kind} needs --${flag}`, { where: flag });
    return value;
  };
  const actor = (name: string) => namedActor(deps.kb, name);
  const common = { sentence: sentence.text, offset: sentence.span };
  const graded =
    f.credibility === undefined || f.credibility === null || f.credibility === ""
      ? {}
      : { credibility: credibilityOf(f.credibility) };
  let item: unknown;
  switch (input.kind) {
    case "reaction":
      item = {
        actor: actor(need(f.actor, "actor")),
        stance: stanceOf(need(f.stance, "stance")),
        event_id: f.event ?? null,
        ...common,
        confidence: 1,
      };
      break;
    case "quote":
      item = { speaker: f.speaker ? actor(f.speaker) : null, text: need(f.text, "text"), ...common };
      break;
    case "attribution":
      item = {
        claimant: f.claimant && f.claimant !== "author" ? actor(f.claimant) : "author",
        accused: actor(need(f.accused, "accused")),
        event_id: f.event ?? null,
        evidence: null,
        ...common,
        confidence: 1,
      };
      break;
    case "event": {
      const cameo = need(f.type, "type");
      const plover = deps.plover?.(cameo);
      if (!plover) throw new UsageError(`"${cameo}" is not a CAMEO code in the codebook`, { where: "type" });
      const ids = report.analysis.events.map((e) => Number(/\d+$/.exec(e.id)?.[0] ?? 0));
      item = {
        id: `e${Math.max(0, ...ids) + 1}`,
        summary: sentence.text,
        cameo,
        plover,
        mode: null,
        date: f.date ?? null,
        location: f.place ? { name: f.place, country: deps.kb.place(f.place)[0]?.country ?? null } : null,
        source_actor: f.source ? actor(f.source) : null,
        target_actor: f.target ? actor(f.target) : null,
        attempted: false,
        ...common,
        confidence: 1,
      };
      break;
    }
  }
  const valid = validItem(input.kind, { ...(item as object), ...graded });
  return record(deps.store, report, {
    documentId: doc.id,
    item: itemId(doc.id, input.kind, valid),
    kind: input.kind,
    action: "add",
    data: valid,
    by: meta.by,
    at: (meta.now ?? (() => new Date()))().toISOString(),
    note: meta.note ?? null,
  });
}
