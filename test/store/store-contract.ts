// The store contract: one suite every adapter passes (SQLite, PostgreSQL), called by each
// backend's test file with a way to make an empty store. Stores are opened through the composition
// root (openStore) with the target a user would give `--db`. Expectations are read from the
// analyses the engine produced, so the suite pins the store's behaviour, not the extractor's.
import { describe, expect, it } from "vitest";
import type { Actor, Analysis, Document } from "../../src/domain/index.js";
import { buildDocument } from "../../src/ingestion/index.js";
import { loadAnalyser } from "../../src/pipeline/index.js";
import { type Clock, type Decision, openStore, openUserStore, type Store } from "../../src/store/index.js";

export interface StoreBackend {
  /** A `--db` target (a file path, a postgres:// URL) naming a new, empty store. */
  freshTarget(): Promise<string>;
  /** Marks the store at target as written by a newer crisisdesk (a schema version beyond ours). */
  markNewerSchema(target: string): Promise<void>;
}

export const SCHEMA_VERSION = 8;

const analyse = await loadAnalyser();

export function report(text: string, meta: { published?: string; title?: string; source?: string } = {}) {
  return buildDocument({
    meta: {
      source: meta.source ?? "contract.txt",
      format: "txt",
      published: meta.published,
      title: meta.title,
    },
    blocks: text.split("\n\n").map((t) => ({ kind: "paragraph" as const, level: 0, text: t })),
  });
}

export const REPORTS: Document[] = [
  report(
    'Gunmen attacked the residence of the Iraqi prime minister in Baghdad on Sunday.\n\nIran condemned the attack on the Iraqi prime minister. The United States condemned the attack and called it terrorism. Iran accused Israel of being behind the attack.\n\n"This is a cowardly act," the United States said.',
    { published: "2021-11-07", title: "Attack in Baghdad", source: "baghdad.txt" },
  ),
  report(
    "Kuwait condemned the drone attack in Baghdad and urged all parties to exercise restraint.\n\nThe Arab League said it stood with Iraq.",
    { published: "2021-11-08", title: "Kuwait condemns", source: "kuwait.txt" },
  ),
  report(
    "The élection results were announced in Baghdad after weeks of protests. Officials said the results would stand.",
    { published: "2021-10-20", title: "Election results", source: "election.txt" },
  ),
];

/** A clock a test controls: each reading one second after the last, from a fixed start. */
export function tickingClock(start = "2026-01-02T03:04:05.000Z"): Clock & { readings: string[] } {
  let t = Date.parse(start);
  const readings: string[] = [];
  const clock = () => {
    const d = new Date(t);
    t += 1000;
    readings.push(d.toISOString());
    return d;
  };
  return Object.assign(clock, { readings });
}

/** An analysis that cannot be saved (a reaction without its sentence, which the schema requires). */
export function unsavable(document: Document): Analysis {
  return {
    ...analyse(document),
    reactions: [
      {
        actor: { id: "state:XYZ", name: "Xland", kind: "state", country: "XYZ" },
        stance: "condemn",
        event_id: null,
        sentence: null,
        offset: [0, 1],
        confidence: 1,
      },
    ],
  } as unknown as Analysis;
}

const OVERLAY: Actor = {
  id: "group:contract-brigade",
  name: "Contract Brigade",
  kind: "armed_group",
  country: "IRQ",
  aliases: ["the Brigade"],
  affiliations: [{ type: "backed_by", target: "state:IRN", start: "2019" }],
} as unknown as Actor;

export function storeContract(name: string, backend: () => StoreBackend): void {
  describe(`the ${name} store (contract)`, () => {
    async function fresh(clock: Clock = tickingClock()): Promise<Store> {
      return openStore(await backend().freshTarget(), { clock });
    }
    async function filled(): Promise<{ store: Store; analyses: Map<string, Analysis> }> {
      const store = await fresh();
      const analyses = new Map<string, Analysis>();
      for (const d of REPORTS) {
        const a = analyse(d);
        analyses.set(d.id, a);
        expect(await store.saveDocument(d, a)).toBe("added");
      }
      return { store, analyses };
    }

    it("migrates a new store to the current schema on open, and reopens it as it was", async () => {
      const target = await backend().freshTarget();
      const store = await openStore(target);
      expect((await store.stats()).schemaVersion).toBe(SCHEMA_VERSION);
      await store.saveDocument(REPORTS[0]!, analyse(REPORTS[0]!));
      await store.close();
      const again = await openStore(target);
      const stats = await again.stats();
      expect([stats.schemaVersion, stats.documents]).toEqual([SCHEMA_VERSION, 1]);
      await again.close();
    });

    it("refuses a store written by a newer crisisdesk, naming the version", async () => {
      const target = await backend().freshTarget();
      await (await openStore(target)).close();
      await backend().markNewerSchema(target);
      await expect(openStore(target)).rejects.toThrow(/newer crisisdesk \(schema 99\)/);
    });

    it("saves a document once, says so when it comes again, and gives back text and analysis whole", async () => {
      const clock = tickingClock();
      const store = await fresh(clock);
      const d = REPORTS[0]!;
      const a = analyse(d);
      expect(await store.hasDocument(d.id)).toBe(false);
      expect(await store.saveDocument(d, a)).toBe("added");
      expect(await store.saveDocument(d, a)).toBe("duplicate");
      expect(await store.hasDocument(d.id)).toBe(true);
      const back = await store.getDocument(d.id);
      expect(back).toEqual({
        id: d.id,
        title: "Attack in Baghdad",
        author: null,
        published: "2021-11-07",
        source: "baghdad.txt",
        url: null,
        format: "txt",
        words: d.words,
        sentences: d.sentences.length,
        ingestedAt: clock.readings[0],
        text: d.text,
        analysis: JSON.parse(JSON.stringify(a)),
      });
      // Exact ids only: a prefix is resolved through documentIdsByPrefix, not here.
      expect(await store.getDocument(d.id.slice(0, 10))).toBeNull();
      expect(await store.documentIdsByPrefix(d.id.slice(0, 10).toUpperCase())).toEqual([d.id]);
      expect(await store.getDocument("ffffffffffffffffffff")).toBeNull();
      await store.close();
    });

    it("finds a document by a prefix only when the prefix is unambiguous", async () => {
      const { store } = await filled();
      expect(await store.getDocument("")).toBeNull();
      expect(await store.documentIdsByPrefix("")).toEqual([]);
      const ids = REPORTS.map((d) => d.id).sort();
      expect(await store.documentIdsByPrefix("", 10)).toEqual([]);
      expect(await store.documentIdsByPrefix(ids[0]!.slice(0, 12), 10)).toEqual([ids[0]]);
      await store.close();
    });

    it("lists documents newest first, filtered by date and by actor, and limited", async () => {
      const { store } = await filled();
      const all = await store.listDocuments();
      expect(all.map((d) => d.title)).toEqual(["Kuwait condemns", "Attack in Baghdad", "Election results"]);
      expect((await store.listDocuments({ since: "2021-11-01" })).map((d) => d.title)).toEqual([
        "Kuwait condemns",
        "Attack in Baghdad",
      ]);
      expect((await store.listDocuments({ limit: 1 })).map((d) => d.title)).toEqual(["Kuwait condemns"]);
      expect((await store.listDocuments({ actor: "kuwait" })).map((d) => d.title)).toEqual([
        "Kuwait condemns",
      ]);
      await store.close();
    });

    it("lists actors with their document and mention counts, most mentioned first", async () => {
      const { store, analyses } = await filled();
      const expected = new Map<string, { documents: number; mentions: number }>();
      for (const a of analyses.values())
        for (const actor of a.actors) {
          const e = expected.get(actor.id) ?? { documents: 0, mentions: 0 };
          expected.set(actor.id, { documents: e.documents + 1, mentions: e.mentions + actor.mentions });
        }
      const actors = await store.listActors();
      expect(new Map(actors.map((r) => [r.id, { documents: r.documents, mentions: r.mentions }]))).toEqual(
        expected,
      );
      const mentions = actors.map((r) => r.mentions);
      expect(mentions).toEqual([...mentions].sort((x, y) => y - x));
      const iran = await store.listActors({ actor: "Iran" });
      expect(iran.map((r) => r.id)).toContain("state:IRN");
      expect(await store.listActors({ limit: 2 })).toHaveLength(2);
      await store.close();
    });

    it("lists reactions, events, quotes and attributions as the analyses hold them", async () => {
      const { store, analyses } = await filled();
      const all = [...analyses.values()];
      const reactions = await store.listReactions();
      expect(reactions.length).toBe(all.reduce((n, a) => n + a.reactions.length, 0));
      expect(reactions.length).toBeGreaterThan(2);
      for (const r of reactions) {
        const a = analyses.get(r.documentId)!;
        expect(
          a.reactions.some(
            (x) =>
              x.actor.name === r.actor_name &&
              x.stance === r.stance &&
              x.sentence === r.sentence &&
              x.confidence === r.confidence &&
              x.actor.country === r.country,
          ),
        ).toBe(true);
      }
      // newest report first
      expect(reactions[0]!.published).toBe("2021-11-08");
      const iran = await store.listReactions({ actor: "Iran" });
      expect(iran.length).toBeGreaterThan(0);
      expect(iran.every((r) => /iran/i.test(String(r.actor_name)) || r.country === "IRN")).toBe(true);
      expect((await store.listReactions({ actor: "IRN" })).length).toBeGreaterThan(0);
      expect(await store.listReactions({ since: "2021-11-08" })).toEqual(
        reactions.filter((r) => r.published === "2021-11-08"),
      );

      const events = await store.listEvents();
      expect(events.length).toBe(all.reduce((n, a) => n + a.events.length, 0));
      for (const e of events) {
        const source = analyses.get(e.documentId)!.events.find((x) => x.id === e.id)!;
        expect(e.attempted).toBe(source.attempted);
        expect(e.source_actor).toEqual(source.source_actor ?? null);
        expect(e.target_actor).toEqual(source.target_actor ?? null);
        expect([e.cameo, e.plover, e.date, e.confidence]).toEqual([
          source.cameo,
          source.plover,
          source.date,
          source.confidence,
        ]);
      }

      const quotes = await store.listQuotes();
      expect(quotes.map((q) => q.text).sort()).toEqual(
        all.flatMap((a) => a.quotes.map((q) => q.text)).sort(),
      );
      const attributions = await store.listAttributions();
      expect(attributions.map((x) => `${x.claimant}→${x.accused_name}`).sort()).toEqual(
        all
          .flatMap((a) => a.attributions)
          .map((x) => `${x.claimant === "author" ? "author" : x.claimant.name}→${x.accused.name}`)
          .sort(),
      );
      expect(await store.listAttributions({ limit: 0 })).toEqual([]);
      await store.close();
    });

    it("finds sentences holding every word, with the words bracketed in a snippet", async () => {
      const { store } = await filled();
      const hits = await store.search("exercise restraint");
      expect(hits).toEqual([
        {
          documentId: REPORTS[1]!.id,
          documentTitle: "Kuwait condemns",
          sentence: 0,
          snippet:
            "Kuwait condemned the drone attack in Baghdad and urged all parties to [exercise] [restraint].",
          offset: [REPORTS[1]!.sentences[0]!.span[0], REPORTS[1]!.sentences[0]!.span[1]],
        },
      ]);
      // accents fold both ways; case does not matter
      expect((await store.search("ELECTION results")).map((h) => h.snippet)).toEqual([
        "The [élection] [results] were announced in Baghdad after weeks of protests.",
      ]);
      expect((await store.search("condemned")).map((h) => h.documentId).sort()).toEqual(
        [REPORTS[0]!.id, REPORTS[0]!.id, REPORTS[1]!.id].sort(),
      );
      expect(await store.search("condemned", 1)).toHaveLength(1);
      // the user's punctuation is never query syntax
      expect(await store.search('"); DROP TABLE documents; --')).toEqual([]);
      expect(await store.search("Iran & | ! :* <-> (")).toHaveLength(2);
      expect(await store.search("   ")).toEqual([]);
      expect(await store.search("nonexistentword")).toEqual([]);
      await store.close();
    });

    it("cuts a long sentence's snippet around the words, marking the cuts", async () => {
      const store = await fresh();
      const words = Array.from({ length: 40 }, (_, i) => `word${i}`);
      words[20] = "ceasefire";
      const d = report(`${words.join(" ")}.`);
      await store.saveDocument(d, analyse(d));
      const [hit] = await store.search("ceasefire");
      expect(hit!.snippet).toContain("[ceasefire]");
      expect(hit!.snippet.startsWith("…")).toBe(true);
      expect(hit!.snippet.endsWith("…")).toBe(true);
      const shown = hit!.snippet
        .replace(/[[\]…]/g, "")
        .trim()
        .split(/\s+/);
      expect(shown.length).toBeLessThan(30);
      expect(shown.length).toBeGreaterThan(8);
      expect(d.text).toContain(shown.join(" "));
      await store.close();
    });

    it("finds a word inside typographic quotes and dashes, as a word", async () => {
      const store = await fresh();
      const d = report("He called for “calm and restraint”—from everyone, ‘now’.");
      await store.saveDocument(d, analyse(d));
      expect((await store.search("restraint")).map((h) => h.snippet)).toEqual([
        "He called for “calm and [restraint]”—from everyone, ‘now’.",
      ]);
      expect(await store.search("now")).toHaveLength(1);
      await store.close();
    });

    it("searches documents saved after an earlier search", async () => {
      const store = await fresh();
      await store.saveDocument(REPORTS[0]!, analyse(REPORTS[0]!));
      expect(await store.search("restraint")).toEqual([]);
      await store.saveDocument(REPORTS[1]!, analyse(REPORTS[1]!));
      expect(await store.search("restraint")).toHaveLength(1);
      await store.close();
    });

    it("counts what it holds", async () => {
      const { store, analyses } = await filled();
      const all = [...analyses.values()];
      const stats = await store.stats();
      expect(stats).toMatchObject({
        documents: 3,
        sentences: REPORTS.reduce((n, d) => n + d.sentences.length, 0),
        words: REPORTS.reduce((n, d) => n + d.words, 0),
        actors: new Set(all.flatMap((a) => a.actors.map((x) => x.id))).size,
        mentions: all.reduce((n, a) => n + a.actors.reduce((m, x) => m + x.mentions, 0), 0),
        events: all.reduce((n, a) => n + a.events.length, 0),
        reactions: all.reduce((n, a) => n + a.reactions.length, 0),
        quotes: all.reduce((n, a) => n + a.quotes.length, 0),
        attributions: all.reduce((n, a) => n + a.attributions.length, 0),
        overlayActors: 0,
        schemaVersion: SCHEMA_VERSION,
      });
      expect(typeof stats.path).toBe("string");
      expect(stats.path).not.toMatch(/:[^:@/]*@/); // never a password
      await store.close();
    });

    it("leaves the store as it was when a document fails to save (one transaction per document)", async () => {
      const { store } = await filled();
      const before = await store.stats();
      const bad = report("Officials said the drones came from the east, and Iran condemned it.");
      await expect(store.saveDocument(bad, unsavable(bad))).rejects.toThrow(/the store is unchanged/);
      expect(await store.stats()).toEqual(before);
      expect(await store.hasDocument(bad.id)).toBe(false);
      expect(await store.search("drones")).toEqual([]);
      // and the store still takes the next document
      expect(await store.saveDocument(bad, analyse(bad))).toBe("added");
      await store.close();
    });

    it("stores a report once when two connections save it at the same moment", async () => {
      const target = await backend().freshTarget();
      const [one, two] = [await openStore(target), await openStore(target)];
      const d = REPORTS[0]!;
      const a = analyse(d);
      const outcomes = await Promise.all([one.saveDocument(d, a), two.saveDocument(d, a)]);
      expect(outcomes.sort()).toEqual(["added", "duplicate"]);
      const stats = await one.stats();
      expect([stats.documents, stats.sentences, stats.reactions]).toEqual([
        1,
        d.sentences.length,
        a.reactions.length,
      ]);
      await Promise.all([one.close(), two.close()]);
    });

    it("keeps cases, their documents and the analyst's state per case", async () => {
      const clock = tickingClock();
      const store = await fresh(clock);
      for (const d of REPORTS) await store.saveDocument(d, analyse(d));
      const created = await store.createCase({ id: "kadhimi", title: "Attack on Kadhimi", country: "IRQ" });
      expect(created).toEqual({
        id: "kadhimi",
        title: "Attack on Kadhimi",
        anchorDate: null,
        country: "IRQ",
        description: null,
        createdAt: clock.readings.at(-1),
        documents: 0,
      });
      await expect(store.createCase({ id: "kadhimi", title: "again" })).rejects.toThrow(
        /a case with id "kadhimi" already exists/,
      );
      await store.createCase({ id: "later", title: "Later", anchorDate: "2021-11-07", description: "d" });
      expect((await store.listCases()).map((c) => c.id)).toEqual(["kadhimi", "later"]);
      expect(await store.getCase("nope")).toBeNull();

      expect(await store.addToCase("kadhimi", [REPORTS[0]!.id, REPORTS[1]!.id])).toBe(2);
      expect(await store.addToCase("kadhimi", [REPORTS[1]!.id, REPORTS[2]!.id], "auto")).toBe(1);
      expect((await store.getCase("kadhimi"))!.documents).toBe(3);
      const docs = await store.caseDocuments("kadhimi");
      expect(docs.map((d) => [d.title, d.addedBy])).toEqual([
        ["Election results", "auto"],
        ["Attack in Baghdad", "analyst"],
        ["Kuwait condemns", "analyst"],
      ]);
      expect(docs[1]!.analysis).toEqual(JSON.parse(JSON.stringify(analyse(REPORTS[0]!))));

      expect(await store.getCaseState("kadhimi", "ach")).toBeNull();
      await store.putCaseState("kadhimi", "ach", { hypotheses: ["a", "b"], n: 1, nested: { ok: true } });
      await store.putCaseState("kadhimi", "ach", { hypotheses: ["c"], n: 2 });
      await store.putCaseState("later", "ach", { other: true });
      expect(await store.getCaseState("kadhimi", "ach")).toEqual({ hypotheses: ["c"], n: 2 });
      expect(await store.getCaseState("later", "ach")).toEqual({ other: true });
      await store.close();
    });

    it("keeps the analyst's overlay actors and their affiliations", async () => {
      const store = await fresh();
      expect(await store.overlayActors()).toEqual([]);
      await store.putOverlayActors([OVERLAY]);
      await store.putOverlayActors([{ ...OVERLAY, name: "Contract Brigades" } as Actor]);
      expect(await store.overlayActors()).toEqual([{ ...OVERLAY, name: "Contract Brigades" }]);
      const edges = await store.listAffiliations({ actor: OVERLAY.id });
      expect(edges.map((e) => [e.from, e.type, e.to, e.start, e.origin])).toEqual([
        [OVERLAY.id, "backed_by", "state:IRN", "2019", "overlay"],
      ]);
      expect((await store.stats()).overlayActors).toBe(1);
      expect(await store.removeOverlayActor(OVERLAY.id)).toBe(true);
      expect(await store.removeOverlayActor(OVERLAY.id)).toBe(false);
      expect(await store.listAffiliations({ actor: OVERLAY.id })).toEqual([]);
      await store.close();
    });

    it("keeps one grade per source, named in any case, and forgets it on removal", async () => {
      const store = await fresh();
      const grade = {
        name: "Reuters",
        reliability: "B" as const,
        credibility: null,
        note: null,
        by: "alice",
        at: "2026-01-02T03:04:05.000Z",
      };
      await store.putSource(grade);
      await store.putSource({ ...grade, name: "Example Wire", reliability: "D", credibility: 4 });
      await store.putSource({ ...grade, name: "REUTERS", reliability: "A", credibility: 2, note: "wire" });
      expect(await store.listSources()).toEqual([
        { ...grade, name: "Example Wire", reliability: "D", credibility: 4 },
        { ...grade, name: "REUTERS", reliability: "A", credibility: 2, note: "wire" },
      ]);
      expect(await store.removeSource("reuters")).toBe(true);
      expect(await store.removeSource("reuters")).toBe(false);
      expect((await store.listSources()).map((s) => s.name)).toEqual(["Example Wire"]);
      await store.close();
    });

    it("keeps one resolution per minted actor until it is removed", async () => {
      const store = await fresh();
      const link = {
        actor: "new:contract-brigades",
        name: "Contract Brigades",
        action: "link" as const,
        target: "group:kataib-hezbollah",
        alias: "Contract Brigades",
        by: "alice",
        at: "2026-01-02T03:04:05.000Z",
        note: null,
      };
      await store.putActorResolution(link);
      await store.putActorResolution({
        ...link,
        action: "phrase",
        target: null,
        alias: null,
        note: "a phrase",
      });
      expect(await store.actorResolutions()).toEqual([
        { ...link, action: "phrase", target: null, alias: null, note: "a phrase" },
      ]);
      expect(await store.removeActorResolution(link.actor)).toBe(true);
      expect(await store.removeActorResolution(link.actor)).toBe(false);
      expect(await store.actorResolutions()).toEqual([]);
      await store.close();
    });

    it("mirrors the knowledge graph once per version and answers affiliation queries by name", async () => {
      const store = await fresh();
      const graph = {
        version: "v1",
        actors: [
          { id: "state:IRN", name: "Iran", kind: "state", country: "IRN" },
          { id: "group:kh", name: "Kata'ib Hezbollah", kind: "armed_group", country: "IRQ" },
          { id: "group:nujaba", name: "Harakat al-Nujaba", kind: "armed_group", country: "IRQ" },
        ],
        edges: [
          { from: "group:kh", type: "backed_by", to: "state:IRN", start: "2007" },
          { from: "group:nujaba", type: "backed_by", to: "state:IRN", note: "since 2013" },
          { from: "group:nujaba", type: "allied_with", to: "group:kh" },
        ],
      };
      expect(await store.syncKnowledgeGraph(graph)).toBe(true);
      expect(await store.syncKnowledgeGraph(graph)).toBe(false);
      const backed = await store.listAffiliations({ target: "iran", type: "backed_by" });
      expect(backed).toEqual([
        {
          from: "group:kh",
          type: "backed_by",
          to: "state:IRN",
          start: "2007",
          fromName: "Kata'ib Hezbollah",
          toName: "Iran",
          origin: "kb",
        },
        {
          from: "group:nujaba",
          type: "backed_by",
          to: "state:IRN",
          note: "since 2013",
          fromName: "Harakat al-Nujaba",
          toName: "Iran",
          origin: "kb",
        },
      ]);
      expect((await store.listAffiliations({ actor: "Harakat al-Nujaba" })).map((e) => e.type)).toEqual([
        "allied_with",
        "backed_by",
      ]);
      expect(await store.listAffiliations({ limit: 1 })).toHaveLength(1);
      expect(
        await store.syncKnowledgeGraph({ ...graph, version: "v2", edges: graph.edges.slice(0, 1) }),
      ).toBe(true);
      expect(await store.listAffiliations()).toHaveLength(1);
      await store.close();
    });

    it("keeps the engine's output, the analyst's decisions and the effective record apart", async () => {
      const clock = tickingClock();
      const store = await fresh(clock);
      const [d, other] = [REPORTS[0]!, REPORTS[1]!];
      const engine = analyse(d);
      const v1 = { engine: "e1", kb: "k1" };
      await store.saveDocument(d, engine, v1);
      await store.saveDocument(other, analyse(other));
      const loaded = (await store.loadReport(d.id))!;
      expect(loaded).toEqual({
        document: JSON.parse(JSON.stringify(d)),
        engine: JSON.parse(JSON.stringify(engine)),
        analysis: JSON.parse(JSON.stringify(engine)),
        versions: v1,
        ingestedAt: clock.readings[0],
        analysedAt: clock.readings[0],
      });
      expect(await store.loadReport("ffff")).toBeNull();
      expect(await store.documentIds()).toEqual([d.id, other.id]);
      expect(await store.countStale(v1)).toBe(1); // the other report has no recorded versions
      expect(await store.countStale({ engine: "e2", kb: "k1" })).toBe(2);

      // A decision: appended, and the effective record it leads to replaces the stored items.
      const [reaction] = (await store.listReactions()).filter((r) => r.documentId === d.id);
      const item = reaction!.item as string;
      const corrected = structuredClone(engine);
      const target = corrected.reactions.find(
        (r) => r.actor.name === reaction!.actor_name && r.stance === reaction!.stance,
      )!;
      Object.assign(target, {
        stance: "praise",
        review: { status: "corrected", item, by: "alice", at: "2026-01-01T00:00:00.000Z" },
      });
      const decision: Decision = {
        documentId: d.id,
        item,
        kind: "reaction",
        action: "set",
        data: { stance: "praise", nested: [1, { x: null }] },
        by: "alice",
        at: "2026-01-01T00:00:00.000Z",
        note: "hedged",
      };
      await store.addDecision(decision, corrected);
      await store.addDecision(
        { ...decision, action: "accept", data: null, note: null, at: "2026-01-01T00:00:01.000Z" },
        corrected,
      );
      const reviewed = (await store.loadReport(d.id))!;
      expect(reviewed.engine).toEqual(JSON.parse(JSON.stringify(engine)));
      expect(reviewed.analysis).toEqual(JSON.parse(JSON.stringify(corrected)));
      expect((await store.listReactions()).find((r) => r.item === item)).toMatchObject({
        stance: "praise",
        review: "corrected",
      });
      expect((await store.decisions(d.id)).map((x) => [x.action, x.data, x.note])).toEqual([
        ["set", { stance: "praise", nested: [1, { x: null }] }, "hedged"],
        ["accept", null, null],
      ]);
      expect(await store.itemDecisions(item)).toEqual(await store.decisions(d.id));
      expect(await store.findItem(item.slice(0, 8).toUpperCase())).toEqual({
        item,
        documentId: d.id,
        kind: "reaction",
      });
      expect(await store.findItem("x-123")).toBeNull();
      await expect(store.addDecision({ ...decision, documentId: "ffff" }, corrected)).rejects.toThrow(
        /no stored document ffff/,
      );
      expect(await store.decisions("ffff")).toEqual([]);

      // A re-analysis replaces the engine's output and records its changes, in one transaction.
      const v2 = { engine: "e2", kb: "k2" };
      const changes = [
        {
          documentId: d.id,
          item,
          kind: "reaction" as const,
          action: "changed" as const,
          before: { stance: "condemn" },
          after: { stance: "reject" },
          reason: "re-analysis",
          at: "2026-01-02T00:00:00.000Z",
        },
      ];
      await store.replaceAnalysis(d.id, {
        engine,
        analysis: corrected,
        versions: v2,
        at: "2026-01-02T00:00:00.000Z",
        changes,
      });
      expect(await store.itemChanges(item)).toEqual(changes);
      expect((await store.loadReport(d.id))!.versions).toEqual(v2);
      await store.markAnalysed(other.id, v2, "2026-01-03T00:00:00.000Z");
      expect(await store.countStale(v2)).toBe(0);
      expect((await store.loadReport(other.id))!.analysedAt).toBe("2026-01-03T00:00:00.000Z");

      await store.createCase({ id: "c", title: "C" });
      await store.addToCase("c", [other.id]);
      expect(await store.documentIds({ caseId: "c" })).toEqual([other.id]);
      await store.close();
    });

    it("keeps users and API tokens, never a password in a listing", async () => {
      const target = await backend().freshTarget();
      const users = await openUserStore(target);
      expect(await users.countUsers()).toBe(0);
      const alice = { name: "alice", role: "analyst" as const, passwordHash: "scrypt$1", createdAt: "t1" };
      await users.putUser(alice);
      await expect(users.putUser(alice)).rejects.toThrow(/a user with this name exists/);
      await users.putUser(
        { ...alice, role: "admin", passwordHash: "scrypt$2", createdAt: "t9" },
        { replace: true },
      );
      expect(await users.getUser("alice")).toEqual({ ...alice, role: "admin", passwordHash: "scrypt$2" });
      expect(await users.listUsers()).toEqual([{ name: "alice", role: "admin", createdAt: "t1" }]);
      await users.addToken({ id: "tok1", user: "alice", label: null, createdAt: "t2", hash: "h1" });
      expect((await users.tokenUser("h1"))?.name).toBe("alice");
      expect(await users.tokenUser("h2")).toBeNull();
      expect(await users.removeUser("alice")).toBe(true);
      expect(await users.removeUser("alice")).toBe(false);
      expect(await users.tokenUser("h1")).toBeNull();
      await users.close();
      // the users live beside the reports, in the same store
      const store = await openStore(target);
      expect((await store.stats()).documents).toBe(0);
      await store.close();
    });
  });
}
