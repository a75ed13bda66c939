import { describe, expect, it } from "vitest";
import { LAND_BORDERS, neighboursOf } from "../../src/analysis/index.js";
import { KnowledgeBase } from "../../src/knowledge/index.js";

const kb = KnowledgeBase.load();

describe("the land-border table", () => {
  it("lists every border from both sides, between states the knowledge base knows", () => {
    const problems: string[] = [];
    for (const [a, list] of Object.entries(LAND_BORDERS)) {
      if (!kb.state(a)) problems.push(`${a} is not a known state`);
      for (const b of list.split(" ")) {
        if (!kb.state(b)) problems.push(`${a}: ${b} is not a known state`);
        if (!LAND_BORDERS[b]?.split(" ").includes(a)) problems.push(`${a}–${b} is not listed under ${b}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("a state's neighbours", () => {
  it("are the states across its land borders: Iraq's include Iran, not Cyprus", () => {
    expect(
      neighboursOf(kb, "IRQ")
        .map((n) => n.iso3)
        .sort(),
    ).toEqual(["IRN", "JOR", "KWT", "SAU", "SYR", "TUR"]);
    expect(neighboursOf(kb, "SVK").map((n) => n.iso3)).toContain("AUT");
  });

  it("are the states of its sub-region for an island state", () => {
    const japan = neighboursOf(kb, "JPN");
    expect(japan.every((n) => n.how === "sub-region")).toBe(true);
    expect(japan.map((n) => n.iso3)).toEqual(expect.arrayContaining(["CHN", "KOR"]));
  });

  it("are its state's for a region that is part of a state", () => {
    expect(neighboursOf(kb, "KRD").map((n) => n.iso3)).toContain("IRN");
  });
});
