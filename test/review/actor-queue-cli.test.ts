// The resolution queue for actors the engine minted, through the CLI: list them with their
// mentions, link one to a known actor, add one to the overlay, mark one a phrase; the reports that
// name them re-analyse, and every resolution can be undone.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { examplesCase, runCli, tempDir } from "../helpers.js";

interface Minted {
  id: string;
  name: string;
  kind: string;
  documents: string[];
  mentions: number;
  examples: { documentId: string; role: string; sentence: string | null }[];
  candidates: { id: string; name: string }[];
  resolution: { action: string; target: string | null } | null;
}

describe("the resolution queue for minted actors, through the CLI", () => {
  const dir = tempDir("crisisdesk-actor-queue-");
  const db = join(dir, "actors.db");
  const cli = (...args: string[]) => runCli(["--db", db, ...args], { env: { USER: "erin" } });
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await cli(...args);
    if (r.code !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };
  const queue = (...extra: string[]) => json<Minted[]>("review", "actors", "--json", ...extra);
  const actorIds = async () => (await json<{ id: string }[]>("list", "actors", "--json")).map((a) => a.id);

  beforeAll(async () => {
    await examplesCase(db, "kadhimi");
  }, 120_000);

  it("lists the minted actors across the store with their mentions and likely known actors", async () => {
    const minted = await queue();
    expect(minted.length).toBeGreaterThan(3);
    expect(minted.every((a) => a.id.startsWith("new:") && a.resolution === null)).toBe(true);
    const gcc = minted.find((a) => a.name === "Gulf Cooperation Council on Sunday")!;
    expect(gcc.candidates[0]?.name).toBe("Gulf Cooperation Council");
    const askari = minted.find((a) => a.id === "new:abu-ali-al-askari")!;
    expect(askari.documents.length).toBeGreaterThan(1);
    expect(askari.examples.some((m) => m.sentence?.includes("Askari"))).toBe(true);
    const text = await cli("review", "actors", "--case", "kadhimi");
    expect(text.stdout).toContain("new:abu-ali-al-askari  Abu Ali al-Askari (person");
    expect(text.stdout).toContain("perhaps: Gulf Cooperation Council (");
  }, 120_000);

  it("links a minted actor to a known one, re-analysing the reports that name it, and undoes it", async () => {
    const gcc = (await queue()).find((a) => a.name === "Gulf Cooperation Council on Sunday")!;
    const target = gcc.candidates[0]!.id;
    const linked = await cli(
      "review",
      "actors",
      "link",
      gcc.id,
      "Gulf Cooperation Council",
      "--note",
      "a date ran on",
    );
    expect(linked.code).toBe(0);
    expect(linked.stdout).toContain(
      `${gcc.id} linked to ${target} (alias "Gulf Cooperation Council on Sunday" added) — by erin`,
    );
    expect(linked.stdout).toMatch(/re-analysed 1 report: 1 changed/);
    expect(await actorIds()).not.toContain(gcc.id);
    expect((await queue("--all")).some((a) => a.id === gcc.id)).toBe(false);

    const again = await cli("review", "actors", "link", gcc.id, target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("no stored report names a minted actor with this id");

    const undone = await cli("review", "actors", "undo", gcc.id);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toContain(`undid: ${gcc.id} linked to ${target}`);
    expect(undone.stdout).toMatch(/re-analysed 1 report: 1 changed/);
    expect(await actorIds()).toContain(gcc.id);
    expect((await queue()).find((a) => a.id === gcc.id)?.resolution).toBeNull();
    // The knowledge base is as shipped again: the overlay held only the alias.
    expect((await json<{ overlayActors: number }>("stats", "--json")).overlayActors).toBe(0);
  }, 120_000);

  it("adds a minted actor to the overlay as a new actor, and marks another a phrase", async () => {
    const added = await cli(
      "review",
      "actors",
      "add",
      "new:abu-ali-al-askari",
      "--kind",
      "person",
      "--country",
      "IRQ",
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(
      "new:abu-ali-al-askari added to the overlay as person:abu-ali-al-askari — by erin",
    );
    expect(added.stdout).toMatch(/re-analysed [2-9] reports: [1-9] changed/);
    const ids = await actorIds();
    expect(ids).toContain("person:abu-ali-al-askari");
    expect(ids).not.toContain("new:abu-ali-al-askari");
    expect((await cli("actors", "show", "Abu Ali al-Askari")).stdout).toContain("person:abu-ali-al-askari");

    const phrase = (await queue()).find((a) => a.kind === "other")!;
    const marked = await cli("review", "actors", "phrase", phrase.id);
    expect(marked.stdout).toBe(`${phrase.id} marked as a descriptive phrase — by erin\n`);
    expect((await queue()).some((a) => a.id === phrase.id)).toBe(false);
    expect((await queue("--all")).find((a) => a.id === phrase.id)?.resolution?.action).toBe("phrase");
    const twice = await cli("review", "actors", "phrase", phrase.id);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("is already resolved (phrase); undo it first");

    const undone = await cli("review", "actors", "undo", "new:abu-ali-al-askari");
    expect(undone.code).toBe(0);
    expect(await actorIds()).toContain("new:abu-ali-al-askari");
    expect(await actorIds()).not.toContain("person:abu-ali-al-askari");
  }, 120_000);

  it("says what is wrong with a resolution and changes nothing", async () => {
    const unknown = await cli("review", "actors", "link", "new:nobody-at-all", "Iran");
    expect(unknown.code).toBe(1);
    const badTarget = await cli("review", "actors", "link", "new:abu-ali-al-askari", "Nowhere Land");
    expect(badTarget.code).toBe(2);
    expect(badTarget.stderr).toContain('no actor with the id or name "Nowhere Land"');
    const badAction = await cli("review", "actors", "merge", "new:abu-ali-al-askari");
    expect(badAction.code).toBe(2);
    expect((await queue()).find((a) => a.id === "new:abu-ali-al-askari")?.resolution).toBeNull();
  }, 120_000);
});
