import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES, startServer } from "../../src/server/index.js";
import { openStore, openUserStore } from "../../src/store/index.js";
import { EXAMPLES, tempDir } from "../helpers.js";
import { type TestServer, testServer } from "./helpers.js";

const report = (name: string) => readFileSync(join(EXAMPLES, name));

describe("the API in single-user mode (loopback, no users)", () => {
  let api: TestServer;
  let caseId: string;
  beforeAll(async () => {
    api = await testServer();
  }, 120_000);

  it("says it is single-user and describes itself in OpenAPI 3.1 from the same schemas", async () => {
    expect(await (await api.call("GET", "/api/health")).json()).toEqual({ ok: true, singleUser: true });
    const doc = (await (await api.call("GET", "/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/cases/{id}/reactions");
    const reactions = doc.paths["/api/cases/{id}/reactions"]!.get!;
    expect(reactions.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:id", "query:format"]);
    expect(Object.values(doc.paths).flatMap((p) => Object.keys(p)).length).toBe(ROUTES.length);
  });

  it("ingests uploads of every kind the CLI reads: raw body with a filename, and multipart", async () => {
    const raw = await api.call("POST", "/api/documents?filename=iraq-pm-statement.txt", {
      body: report("iraq-pm-statement.txt"),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(raw.status).toBe(201);
    expect(((await raw.json()) as { added: unknown[] }).added).toHaveLength(1);
    for (const name of ["wire-reactions.html", "analysis-brief.pdf", "follow-up-reports.jsonl"]) {
      const form = new FormData();
      form.append("file", new Blob([report(name)]), name);
      const res = await fetch(`${api.url}/api/documents`, { method: "POST", body: form });
      expect([name, res.status]).toEqual([name, 201]);
    }
    const again = await api.call("POST", "/api/documents?filename=again.txt", {
      body: report("iraq-pm-statement.txt"),
    });
    expect(((await again.json()) as { duplicates: unknown[] }).duplicates).toHaveLength(1);
  }, 120_000);

  it("refuses an upload it cannot read with the error the CLI gives, as JSON with a status", async () => {
    const empty = await api.call("POST", "/api/documents?filename=empty.txt", { body: "" });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({
      error: { code: "EMPTY_INPUT", message: "empty.txt: the file is empty" },
    });
    const nameless = await api.call("POST", "/api/documents", { body: "text" });
    expect([nameless.status, ((await nameless.json()) as { error: { field: string } }).error.field]).toEqual([
      400,
      "filename",
    ]);
  });

  it("lists, searches with snippets and shows one document with its analysis", async () => {
    const docs = (await (await api.call("GET", "/api/documents")).json()) as { id: string; title: string }[];
    expect(docs.length).toBeGreaterThanOrEqual(4);
    const hits = (await (await api.call("GET", "/api/search?q=drone&limit=3")).json()) as {
      snippet: string;
    }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.snippet.toLowerCase()).toContain("drone");
    const one = (await (await api.call("GET", `/api/documents/${docs[0]!.id.slice(0, 12)}`)).json()) as {
      id: string;
      analysis: { reactions: unknown[] };
    };
    expect(one.id).toBe(docs[0]!.id);
    expect(Array.isArray(one.analysis.reactions)).toBe(true);
    expect((await api.call("GET", "/api/reactions?limit=2")).status).toBe(200);
  });

  it("validates every query and body, naming the field", async () => {
    const bad = await api.call("GET", "/api/documents?limit=-3");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; field: string } }).error).toMatchObject({
      code: "BAD_REQUEST",
      field: "limit",
    });
    const badJson = await api.call("POST", "/api/cases", {
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect([badJson.status, ((await badJson.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      "BAD_JSON",
    ]);
    const noTitle = await api.call("POST", "/api/cases", { json: { title: "" } });
    expect(((await noTitle.json()) as { error: { field: string } }).error.field).toBe("title");
    const missing = await api.call("GET", "/api/cases/no-such-case/timeline");
    expect([missing.status, ((await missing.json()) as { error: { code: string } }).error.code]).toEqual([
      404,
      "NOT_FOUND",
    ]);
  });

  it("builds a case and serves its reaction matrix, timeline, network, ACH with rating edits and exports", async () => {
    const created = await api.call("POST", "/api/cases", {
      json: { title: "Drone attack on the Iraqi prime minister", anchorDate: "2021-11-07", country: "IRQ" },
    });
    expect(created.status).toBe(201);
    caseId = ((await created.json()) as { id: string }).id;
    const docs = (await (await api.call("GET", "/api/documents")).json()) as { id: string }[];
    const added = await api.call("POST", `/api/cases/${caseId}/documents`, {
      json: { documents: docs.map((d) => d.id) },
    });
    expect(added.status).toBe(200);
    const matrix = (await (await api.call("GET", `/api/cases/${caseId}/reactions`)).json()) as {
      rows: { group: string }[];
      country: string;
    };
    expect(matrix.country).toBe("IRQ");
    expect(matrix.rows.length).toBeGreaterThan(3);
    const csv = await api.call("GET", `/api/cases/${caseId}/reactions?format=csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await csv.text()).split("\n")[0]).toMatch(/^group,actor,actor_id,/);
    const timeline = (await (await api.call("GET", `/api/cases/${caseId}/timeline`)).json()) as {
      entries: unknown[];
    };
    expect(timeline.entries.length).toBeGreaterThan(0);
    expect((await api.call("GET", `/api/cases/${caseId}/network?format=graphml`)).status).toBe(200);
    const ach = (await (await api.call("GET", `/api/cases/${caseId}/ach`)).json()) as {
      hypotheses: { id: string }[];
      evidence: { id: string }[];
    };
    const [e, h] = [ach.evidence[0]!.id, ach.hypotheses[0]!.id];
    const rated = (await (
      await api.call("PUT", `/api/cases/${caseId}/ach/ratings`, {
        json: { evidence: e, hypothesis: h, rating: "II" },
      })
    ).json()) as { ratings: { evidence: string; hypothesis: string; rating: string; suggested: boolean }[] };
    expect(rated.ratings.find((r) => r.evidence === e && r.hypothesis === h)).toMatchObject({
      rating: "II",
      suggested: false,
    });
    const acled = await api.call("GET", `/api/cases/${caseId}/export?format=acled`);
    expect(acled.headers.get("content-disposition")).toContain(`${caseId}-acled.csv`);
    const md = await (await api.call("GET", `/api/cases/${caseId}/brief?format=md`)).text();
    expect(md).toContain("Drone attack on the Iraqi prime minister");
  }, 180_000);

  it("runs a feed ingest as a background job with progress and a result URL", async () => {
    const feed = createServer((req, res) => {
      if (req.url === "/feed.xml") {
        res.setHeader("content-type", "application/rss+xml");
        res.end(report("reactions-feed.xml"));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => feed.listen(0, "127.0.0.1", resolve));
    afterAll(() => new Promise<void>((resolve) => feed.close(() => resolve())));
    const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
    const started = await api.call("POST", "/api/jobs/ingest", { json: { inputs: [url] } });
    expect(started.status).toBe(202);
    let job = (await started.json()) as { id: string; state: string; resultUrl: string | null };
    while (job.state === "running") {
      await new Promise((r) => setTimeout(r, 100));
      job = (await (await api.call("GET", `/api/jobs/${job.id}`)).json()) as typeof job;
    }
    expect(job.state).toBe("done");
    const result = (await (await api.call("GET", job.resultUrl!)).json()) as {
      added: unknown[];
      failed: unknown[];
    };
    expect(result.failed).toEqual([]);
    expect(result.added.length).toBeGreaterThan(0);
  }, 120_000);

  it("serves hostile report text as data, never as a page that runs it", async () => {
    const hostile =
      'BAGHDAD, 8 November 2021 — <script>alert(1)</script> The ministry said <img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">this</a> was condemned.';
    const up = await api.call("POST", "/api/documents?filename=hostile.txt", { body: hostile });
    const id = ((await up.json()) as { added: { id: string }[] }).added[0]!.id;
    await api.call("POST", `/api/cases/${caseId}/documents`, { json: { documents: [id] } });
    const doc = await api.call("GET", `/api/documents/${id}`);
    expect(doc.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await doc.clone().json()) as { text: string }).text).toContain("<script>alert(1)</script>");
    expect(doc.headers.get("x-content-type-options")).toBe("nosniff");
    expect(doc.headers.get("content-security-policy")).toBe("default-src 'none'");
    const html = await api.call("GET", `/api/cases/${caseId}/brief?format=html`);
    expect(html.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    const page = await html.text();
    expect(page).not.toMatch(/<script>alert|<img src=x|href="javascript:/);
  }, 120_000);

  it("refuses cross-site changes even in single-user mode", async () => {
    const res = await api.call("POST", "/api/cases", {
      json: { title: "forged" },
      headers: { origin: "https://evil.example" },
    });
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      "CSRF",
    ]);
  });
});

describe("the API with users", () => {
  let api: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    api = await testServer({
      maxUploadBytes: 64 * 1024,
      setup: async (db) => {
        const { addUser, createToken } = await import("../../src/server/index.js");
        const users = await openUserStore(db);
        for (const role of ["viewer", "analyst", "admin"]) {
          await addUser(users, { name: role, password: `${role}-password-1`, role });
          tokens[role] = (await createToken(users, role)).token;
        }
        await users.close();
      },
    });
  }, 60_000);

  const bearer = (role: string) => ({ authorization: `Bearer ${tokens[role]}` });
  const concrete = (path: string) => path.replace(/:(\w+)/g, "x");
  // Logging in is open to all, and logging out and reading one's own session are every user's.
  const mutating = ROUTES.filter((r) => r.method !== "get" && !r.path.startsWith("/api/session"));

  it.each(mutating.map((r) => [r.method.toUpperCase(), r.path, r.role]))(
    "%s %s refuses an anonymous caller and a viewer",
    async (method, path) => {
      const anonymous = await api.call(method, concrete(path), { json: {} });
      expect([
        anonymous.status,
        ((await anonymous.json()) as { error: { code: string } }).error.code,
      ]).toEqual([401, "UNAUTHENTICATED"]);
      const viewer = await api.call(method, concrete(path), { json: {}, headers: bearer("viewer") });
      expect([viewer.status, ((await viewer.json()) as { error: { code: string } }).error.code]).toEqual([
        403,
        "FORBIDDEN",
      ]);
    },
  );

  it("lets a viewer read and an analyst change, by token", async () => {
    expect((await api.call("GET", "/api/cases")).status).toBe(401);
    expect((await api.call("GET", "/api/cases", { headers: bearer("viewer") })).status).toBe(200);
    const created = await api.call("POST", "/api/cases", {
      json: { title: "By token" },
      headers: bearer("analyst"),
    });
    expect(created.status).toBe(201);
    expect((await api.call("GET", "/api/users", { headers: bearer("analyst") })).status).toBe(403);
    expect((await api.call("GET", "/api/users", { headers: bearer("admin") })).status).toBe(200);
    const forged = await api.call("GET", "/api/cases", { headers: { authorization: "Bearer cdk_forged" } });
    expect(forged.status).toBe(401);
  });

  it("logs in with a Secure HttpOnly SameSite cookie, requires the CSRF token to change anything, logs out", async () => {
    const login = await api.call("POST", "/api/session", {
      json: { name: "analyst", password: "analyst-password-1" },
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(";")[0]!;
    const { csrf, role } = (await login.json()) as { csrf: string; role: string };
    expect(role).toBe("analyst");
    expect((await api.call("GET", "/api/cases", { headers: { cookie } })).status).toBe(200);
    const noToken = await api.call("POST", "/api/cases", { json: { title: "No CSRF" }, headers: { cookie } });
    expect([noToken.status, ((await noToken.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      "CSRF",
    ]);
    const withToken = await api.call("POST", "/api/cases", {
      json: { title: "With CSRF" },
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(withToken.status).toBe(201);
    expect(
      (await api.call("DELETE", "/api/session", { headers: { cookie, "x-csrf-token": csrf } })).status,
    ).toBe(200);
    expect((await api.call("GET", "/api/cases", { headers: { cookie } })).status).toBe(401);
  });

  it("rate-limits failed logins", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await api.call("POST", "/api/session", { json: { name: "admin", password: "wrong-password" } }))
          .status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await api.call("POST", "/api/session", {
      json: { name: "admin", password: "admin-password-1" },
    });
    expect(right.status).toBe(429);
  }, 60_000);

  it("caps the size of an upload", async () => {
    const big = await api.call("POST", "/api/documents?filename=big.txt", {
      body: "x".repeat(100 * 1024),
      headers: bearer("analyst"),
    });
    expect([big.status, ((await big.json()) as { error: { code: string } }).error.code]).toEqual([
      413,
      "TOO_LARGE",
    ]);
  });
});

describe("crisisdesk serve's address rule", () => {
  it("refuses to serve any address but loopback without users", async () => {
    const db = join(tempDir("crisisdesk-api-"), "open.db");
    const store = await openStore(db);
    const users = await openUserStore(db);
    await expect(startServer({ store, users, host: "0.0.0.0", port: 0 })).rejects.toThrow(/needs users/);
    await users.close();
    await store.close();
  });
});
