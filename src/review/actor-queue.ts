// The resolution queue for actors the engine minted: names it found in reports but not in the
// knowledge base, kept under `new:` ids ("new:abu-ali-al-askari"). An analyst links one to a known
// actor (its name becomes an alias there), adds it to the overlay as a new actor, or marks it a
// descriptive phrase ("Both groups"); the reports that name it are re-analysed at once. Every
// resolution is kept and can be undone, which re-analyses the same reports again: no merge is
// irreversible (OpenCTI users complain of exactly that).
import {
  type Actor,
  type ActorKind,
  type ActorRef,
  type Analysis,
  CrisisdeskError,
  type Document,
  UsageError,
} from "../domain/index.js";
import {
  addOverlayActor,
  editOverlayActor,
  type KnowledgeBase,
  KnowledgeBase as KnowledgeBaseClass,
  resolveActorRef,
} from "../knowledge/index.js";
import type { ActorResolution, AnalysisVersions, Store } from "../store/index.js";
import type { DecisionMeta } from "./decide.js";
import { type ReanalyzeReport, reanalyze } from "./reanalyze.js";

/** Where a minted actor appears: a report, what it does there, and the sentence. */
export interface MintedMention {
  documentId: string;
  documentTitle: string | null;
  /** reacts, speaks, accuses, is accused, acts, is targeted, or mentioned (no item). */
  role: string;
  sentence: string | null;
}

export interface MintedActor {
  id: string;
  name: string;
  kind: ActorKind;
  country: string | null;
  /** Reports that name it. */
  documents: string[];
  /** Mentions counted by the engine across those reports. */
  mentions: number;
  /** Items naming it, report by report (a report where it holds no item is listed once). */
  examples: MintedMention[];
  /** Known actors whose names the minted name holds ("Gulf Cooperation Council on Sunday"). */
  candidates: { id: string; name: string }[];
  resolution: ActorResolution | null;
}

export interface ActorQueueQuery {
  caseId?: string;
  /** Also actors already resolved (phrases, and links or additions whose reports still name them). */
  all?: boolean;
}

const isMinted = (ref: ActorRef | null | undefined): ref is ActorRef & { id: string } =>
  Boolean(ref?.id?.startsWith("new:"));

/** The minted actors a report names, with the items naming each. */
function mintedIn(
  analysis: Analysis,
): Map<string, { ref: ActorRef; mentions: number; roles: MintedMention[] }> {
  const out = new Map<string, { ref: ActorRef; mentions: number; roles: MintedMention[] }>();
  const doc = analysis.document;
  const note = (
    ref: ActorRef | null | undefined,
    role: string | null,
    sentence: string | null,
    mentions = 0,
  ) => {
    if (!isMinted(ref)) return;
    const entry = out.get(ref.id) ?? { ref, mentions: 0, roles: [] };
    entry.mentions += mentions;
    if (role) entry.roles.push({ documentId: doc.id, documentTitle: doc.title, role, sentence });
    out.set(ref.id, entry);
  };
  for (const a of analysis.actors) note(a, null, null, a.mentions);
  for (const r of analysis.reactions) note(r.actor, `reacts: ${r.stance}`, r.sentence);
  for (const q of analysis.quotes) note(q.speaker, "speaks", q.sentence);
  for (const x of analysis.attributions) {
    if (x.claimant !== "author") note(x.claimant, "accuses", x.sentence);
    note(x.accused, "is accused", x.sentence);
  }
  for (const e of analysis.events) {
    note(e.source_actor, `acts: ${e.cameo}`, e.sentence);
    note(e.target_actor, `is targeted: ${e.cameo}`, e.sentence);
  }
  for (const entry of out.values()) {
    if (entry.mentions === 0) entry.mentions = Math.max(1, entry.roles.length);
    if (entry.roles.length === 0)
      entry.roles.push({ documentId: doc.id, documentTitle: doc.title, role: "mentioned", sentence: null });
  }
  return out;
}

/** Known actors named inside a minted name, longest first. */
function candidatesFor(kb: KnowledgeBase, name: string): { id: string; name: string }[] {
  const found = new Map<string, { id: string; name: string; length: number }>();
  for (const m of kb.index.scan(name))
    for (const v of m.values)
      if (v.type === "actor" && !found.has(v.actor.id))
        found.set(v.actor.id, { id: v.actor.id, name: v.actor.name, length: m.end - m.start });
  return [...found.values()]
    .sort((a, b) => b.length - a.length || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map(({ id, name }) => ({ id, name }));
}

const BATCH = 200;

/** Every minted actor the stored reports (or a case's) name, most mentioned first. */
export async function actorQueue(
  store: Store,
  kb: KnowledgeBase,
  query: ActorQueueQuery = {},
): Promise<MintedActor[]> {
  const ids = await store.documentIds(query.caseId ? { caseId: query.caseId } : {});
  const resolutions = new Map((await store.actorResolutions()).map((r) => [r.actor, r]));
  const actors = new Map<string, MintedActor>();
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const doc of await store.getAnalyses(ids.slice(i, i + BATCH))) {
      for (const [id, found] of mintedIn(doc.analysis)) {
        const entry = actors.get(id) ?? {
          id,
          name: found.ref.name,
          kind: found.ref.kind,
          country: found.ref.country,
          documents: [],
          mentions: 0,
          examples: [],
          candidates: [],
          resolution: resolutions.get(id) ?? null,
        };
        entry.documents.push(doc.id);
        entry.mentions += found.mentions;
        entry.examples.push(...found.roles);
        actors.set(id, entry);
      }
    }
  }
  return [...actors.values()]
    .filter((a) => query.all || !a.resolution)
    .map((a) => ({ ...a, candidates: candidatesFor(kb, a.name) }))
    .sort(
      (a, b) =>
        b.mentions - a.mentions || b.documents.length - a.documents.length || a.name.localeCompare(b.name),
    );
}

/** What resolving needs: the store, and the engine as it stands after the knowledge base changed. */
export interface ActorResolutionDeps {
  store: Store;
  /** Loads the analyser over the store's knowledge base as it is now (after the overlay change). */
  engine: () => Promise<{ analyse: (document: Document) => Analysis; versions: AnalysisVersions }>;
  now?: () => Date;
}

export type ActorResolutionInput =
  | { action: "link"; target: string }
  | { action: "add"; kind?: string; country?: string | null; id?: string }
  | { action: "phrase" };

export interface ActorResolutionOutcome {
  resolution: ActorResolution;
  /** The re-analysis of the reports that named the actor (none for a phrase). */
  reanalysis: ReanalyzeReport | null;
}

/** The knowledge-base id prefix of an actor kind, for an actor promoted from a minted name. */
const ID_PREFIX: Partial<Record<ActorKind, string>> = {
  person: "person",
  government_body: "body",
  igo: "igo",
  armed_group: "group",
  party: "group",
  media: "group",
  other: "group",
};

async function findMinted(store: Store, kb: KnowledgeBase, id: string): Promise<MintedActor> {
  const wanted = id.startsWith("new:") ? id : `new:${id}`;
  const actor = (await actorQueue(store, kb, { all: true })).find((a) => a.id === wanted);
  if (!actor)
    throw new CrisisdeskError(
      "NOT_FOUND",
      "no stored report names a minted actor with this id (see `crisisdesk review actors`)",
      {
        where: id,
      },
    );
  return actor;
}

async function reanalyseNaming(
  deps: ActorResolutionDeps,
  documents: readonly string[],
): Promise<ReanalyzeReport> {
  const engine = await deps.engine();
  return reanalyze(
    { documents },
    { store: deps.store, analyse: engine.analyse, versions: engine.versions, now: deps.now },
  );
}

/** Resolves a minted actor: links it to a known actor, adds it to the overlay, or marks it a phrase. */
export async function resolveActor(
  deps: ActorResolutionDeps,
  kb: KnowledgeBase,
  id: string,
  input: ActorResolutionInput,
  meta: DecisionMeta,
): Promise<ActorResolutionOutcome> {
  const { store } = deps;
  const minted = await findMinted(store, kb, id);
  if (minted.resolution)
    throw new UsageError(
      `${minted.id} is already resolved (${minted.resolution.action}${minted.resolution.target ? ` ${minted.resolution.target}` : ""}); undo it first with \`crisisdesk review actors undo ${minted.id}\``,
      { where: minted.id },
    );
  const base = {
    actor: minted.id,
    name: minted.name,
    by: meta.by,
    at: (meta.now ?? deps.now ?? (() => new Date()))().toISOString(),
    note: meta.note ?? null,
  };
  let resolution: ActorResolution;
  if (input.action === "link") {
    const target = resolveActorRef(kb, input.target.trim(), "target");
    const known = kb.actor(target);
    if (!known) throw new CrisisdeskError("NOT_FOUND", "no known actor has this id", { where: input.target });
    const already = [known.name, ...known.aliases].some((a) => a.toLowerCase() === minted.name.toLowerCase());
    if (!already) await editOverlayActor(store, target, { aliases: [minted.name] });
    resolution = { ...base, action: "link", target, alias: already ? null : minted.name };
  } else if (input.action === "add") {
    const kind = (input.kind ?? minted.kind) as ActorKind;
    const prefix = ID_PREFIX[kind];
    if (!input.id && !prefix)
      throw new UsageError(`a ${kind} needs --id: states are in the knowledge base already`, {
        where: "kind",
      });
    const newId = input.id?.trim() || `${prefix}:${minted.id.slice(4)}`;
    const added = await addOverlayActor(store, newId, {
      name: minted.name,
      kind,
      country: input.country === undefined ? minted.country : input.country,
    });
    resolution = { ...base, action: "add", target: added.id, alias: null };
  } else resolution = { ...base, action: "phrase", target: null, alias: null };
  await store.putActorResolution(resolution);
  const reanalysis = resolution.action === "phrase" ? null : await reanalyseNaming(deps, minted.documents);
  return { resolution, reanalysis };
}

/** Undoes a resolution: the alias or overlay actor it made goes, and the reports are re-analysed. */
export async function undoActorResolution(
  deps: ActorResolutionDeps,
  id: string,
): Promise<ActorResolutionOutcome> {
  const { store } = deps;
  const wanted = id.startsWith("new:") ? id : `new:${id}`;
  const resolution = (await store.actorResolutions()).find((r) => r.actor === wanted);
  if (!resolution)
    throw new CrisisdeskError(
      "NOT_FOUND",
      "this actor has no resolution to undo (see `crisisdesk review actors --all`)",
      {
        where: id,
      },
    );
  // The reports to re-analyse: for a link, those holding the alias it added (wherever it now
  // resolves to the target); for an addition, those naming the added actor.
  const overlay = await store.overlayActors();
  const touched =
    resolution.action === "link"
      ? resolution.alias
        ? [...new Set((await store.search(resolution.alias, 1_000_000)).map((h) => h.documentId))]
        : []
      : resolution.target
        ? await reportsNaming(store, resolution.target)
        : [];
  if (resolution.action === "link" && resolution.alias && resolution.target) {
    const actor = overlay.find((a) => a.id === resolution.target);
    if (actor) {
      const aliases = actor.aliases.filter((a) => a !== resolution.alias);
      const shipped = KnowledgeBaseClass.load().actor(actor.id);
      const restored = { ...actor, aliases };
      // An overlay entry that only carried the alias goes: the shipped entry applies again.
      const same = (x: Actor) => canonical({ ...x, aliases: [...new Set(x.aliases)] });
      if (shipped && same(shipped) === same(restored)) await store.removeOverlayActor(actor.id);
      else await store.putOverlayActors([restored]);
    }
  } else if (resolution.action === "add" && resolution.target)
    await store.removeOverlayActor(resolution.target);
  await store.removeActorResolution(resolution.actor);
  const reanalysis = resolution.action === "phrase" ? null : await reanalyseNaming(deps, touched);
  return { resolution, reanalysis };
}

/** An actor as JSON with its keys in order and empty values left out, to compare two versions. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined && x !== null)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** Reports whose analysis names an actor (in the actor list or any item). */
async function reportsNaming(store: Store, actorId: string): Promise<string[]> {
  const ids = await store.documentIds();
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += BATCH)
    for (const doc of await store.getAnalyses(ids.slice(i, i + BATCH)))
      if (JSON.stringify(doc.analysis).includes(`"id":"${actorId}"`)) out.push(doc.id);
  return out;
}
