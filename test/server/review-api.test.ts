// The review layer over HTTP, in-process on port 0 against a real SQLite file holding the example
// case: the queue, accept / reject / correct / add with the caller as who decided, history,
// source grades feeding the ACH, and the minted-actor queue; analysts change, viewers read.
import { beforeAll, describe, expect, it } from "vitest";
import { openUserStore } from "../../src/store/index.js";
import { examplesCase } from "../helpers.js";
import { type TestServer, testServer } from "./helpers.js";

interface QueueItem {
  id: string;
  kind: string;
  status: string;
  summary: string;
  documentId: string;
  documentTitle: string | null;
}

describe("the review layer over HTTP", () => {
  let api: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    api = await testServer({
      setup: async (db) => {
        await examplesCase(db, "kadhimi");
        const { addUser, createToken } = await import("../../src/server/index.js");
        const users = await openUserStore(db);
        for (const role of ["viewer", "analyst"]) {
          await addUser(users, {
            name: role === "analyst" ? "fatima" : "victor",
            password: `${role}-password-1`,
            role,
          });
          tokens[role] = (await createToken(users, role === "analyst" ? "fatima" : "victor")).token;
        }
        await users.close();
      },
    });
  }, 180_000);

  const as = (role: "viewer" | "analyst") => ({ authorization: `Bearer ${tokens[role]}` });
  const get = async <T>(path: string, role: "viewer" | "analyst" = "viewer"): Promise<T> => {
    const r = await api.call("GET", path, { headers: as(role) });
    expect(r.status, path).toBe(200);
    return (await r.json()) as T;
  };
  const send = (method: string, path: string, json: unknown, role: "viewer" | "analyst" = "analyst") =>
    api.call(method, path, { json, headers: as(role) });

  it("serves the queue to a viewer and takes an analyst's accept, correction and rejection as theirs", async () => {
    const queue = await get<QueueItem[]>("/api/review/queue?case=kadhimi&kind=reaction");
    expect(queue.length).toBeGreaterThan(10);
    expect(queue.every((q) => q.kind === "reaction" && q.status === "unreviewed")).toBe(true);
    const [first, second, third] = queue;

    const refused = await send("POST", `/api/review/items/${first!.id}/accept`, {}, "viewer");
    expect(refused.status).toBe(403);
    const accepted = await send("POST", `/api/review/items/${first!.id}/accept`, { note: "checked" });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({
      decision: { item: first!.id, action: "accept", by: "fatima", note: "checked" },
      item: { review: { status: "accepted", by: "fatima" } },
    });

    const corrected = await send("PATCH", `/api/review/items/${second!.id}`, {
      stance: "condemn",
      credibility: 2,
    });
    expect(corrected.status).toBe(200);
    expect(await corrected.json()).toMatchObject({
      decision: { action: "set" },
      item: { stance: "condemn", credibility: 2, review: { status: "corrected" } },
    });
    const rejected = await send("POST", `/api/review/items/${third!.id}/reject`, {});
    expect(((await rejected.json()) as { item: unknown }).item).toBeNull();

    const all = await get<QueueItem[]>("/api/review/queue?case=kadhimi&kind=reaction&all=true");
    expect(
      Object.fromEntries([first, second, third].map((q) => [q!.id, all.find((x) => x.id === q!.id)?.status])),
    ).toEqual({
      [first!.id]: "accepted",
      [second!.id]: "corrected",
      [third!.id]: "rejected",
    });
    const history = await get<{ versions: { origin: string; action: string; by: string | null }[] }>(
      `/api/review/items/${second!.id}/history`,
    );
    expect(history.versions.map((v) => [v.origin, v.action, v.by])).toEqual([
      ["engine", "ingested", null],
      ["analyst", "set", "fatima"],
    ]);
  });

  it("adds a missed reaction that the case's reaction matrix then shows as confirmed", async () => {
    const report = (await get<QueueItem[]>("/api/review/queue?all=true")).find((q) =>
      q.documentTitle?.startsWith("World leaders condemn"),
    )!;
    const added = await send("POST", "/api/review/items", {
      kind: "reaction",
      document: report.documentId.slice(0, 12),
      sentence: "Joe Biden",
      actor: "Germany",
      stance: "express_concern",
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ decision: { action: "add", by: "fatima" } });
    const matrix = await get<{ rows: { actor: { name: string }; stance: string; confirmed: number }[] }>(
      "/api/cases/kadhimi/reactions",
    );
    expect(
      matrix.rows.find((r) => r.actor.name === "Germany" && r.stance === "express_concern")?.confirmed,
    ).toBe(1);
  });

  it("grades a source and the case's ACH weights follow", async () => {
    type Ach = {
      evidence: { key: string; credibility: number; confidence: number; sources: { grade?: string }[] }[];
    };
    const before = await get<Ach>("/api/cases/kadhimi/ach", "analyst");
    const graded = await send("PUT", "/api/sources/example.org", { reliability: "A", credibility: 1 });
    expect(graded.status).toBe(200);
    expect(await graded.json()).toMatchObject({
      name: "example.org",
      reliability: "A",
      credibility: 1,
      by: "fatima",
    });
    const sources =
      await get<{ name: string; grade: { reliability: string } | null; documents: number }[]>("/api/sources");
    expect(sources[0]).toMatchObject({ name: "example.org", grade: { reliability: "A" }, documents: 8 });
    const after = await get<Ach>("/api/cases/kadhimi/ach", "analyst");
    const raised = after.evidence.filter((e) => e.sources.some((s) => s.grade?.startsWith("A1")));
    expect(raised.length).toBeGreaterThan(0);
    for (const e of raised)
      expect(e.credibility).toBeGreaterThan(before.evidence.find((x) => x.key === e.key)!.credibility);

    const bad = await send("PUT", "/api/sources/example.org", { reliability: "G" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("reliability");
    const badItem = await send("PATCH", `/api/review/items/r-000000000000`, { credibility: 7 });
    expect(badItem.status).toBe(400);
    expect(((await badItem.json()) as { error: { field: string } }).error.field).toBe("credibility");
    expect((await api.call("DELETE", "/api/sources/example.org", { headers: as("analyst") })).status).toBe(
      200,
    );
  });

  it("lists minted actors and resolves one, re-analysing its reports, then undoes it", async () => {
    const minted = await get<{ id: string; name: string; documents: string[] }[]>(
      "/api/review/actors?case=kadhimi",
    );
    const askari = minted.find((a) => a.id === "new:abu-ali-al-askari")!;
    expect(askari.documents.length).toBeGreaterThan(1);
    const resolved = await send("POST", `/api/review/actors/${askari.id}/resolve`, {
      action: "add",
      kind: "person",
      country: "IRQ",
    });
    expect(resolved.status).toBe(200);
    const outcome = (await resolved.json()) as {
      resolution: { action: string; target: string; by: string };
      reanalysis: { documents: number; changed: number };
    };
    expect(outcome.resolution).toMatchObject({
      action: "add",
      target: "person:abu-ali-al-askari",
      by: "fatima",
    });
    expect(outcome.reanalysis.documents).toBe(askari.documents.length);
    expect(outcome.reanalysis.changed).toBeGreaterThan(0);
    expect((await get<{ id: string }[]>("/api/review/actors")).some((a) => a.id === askari.id)).toBe(false);
    const actor = await api.call("GET", "/api/actors/person:abu-ali-al-askari", { headers: as("viewer") });
    expect(actor.status).toBe(200);

    const undone = await send("POST", `/api/review/actors/${askari.id}/undo`, {});
    expect(undone.status).toBe(200);
    expect((await get<{ id: string }[]>("/api/review/actors")).some((a) => a.id === askari.id)).toBe(true);
  });
});
