import { describe, expect, it } from "vitest";
import {
  countWords,
  documentId,
  foldText,
  normaliseBlocks,
  plainTextBlocks,
  splitSentences,
} from "../src/text/index.js";

describe("normalisation", () => {
  it("composes Unicode to NFC, folds whitespace and keeps quotes and dashes", () => {
    const decomposed = "Cafe\u0301  said:\n\t“No” — ‘never’ – \u200bagain";
    expect(foldText(decomposed)).toBe("Café said: “No” — ‘never’ – again");
  });

  it("gives the same id to the same text however it was spaced", () => {
    const a = normaliseBlocks([{ kind: "paragraph", level: 0, text: "The  minister\nresigned." }]);
    const b = normaliseBlocks([{ kind: "paragraph", level: 0, text: " The minister resigned. " }]);
    expect(documentId(a.text)).toBe(documentId(b.text));
    expect(documentId(a.text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("records block spans that index the joined text", () => {
    const { text, blocks } = normaliseBlocks([
      { kind: "heading", level: 2, text: "France" },
      { kind: "paragraph", level: 0, text: "It condemned the attack." },
    ]);
    expect(text).toBe("France\n\nIt condemned the attack.");
    expect(blocks.map((b) => text.slice(...b.span))).toEqual(["France", "It condemned the attack."]);
  });

  it("counts words separated by any whitespace", () => {
    expect(countWords("One two\n\nthree  four")).toBe(4);
  });
});

describe("plain text and Markdown blocks", () => {
  it("takes short unpunctuated lines as headings and joins wrapped paragraph lines", () => {
    const blocks = plainTextBlocks(
      "- Ukraine 'strongly condemns' -\n\nPresident Zelensky said\nit was wrong.\n",
    );
    expect(blocks).toEqual([
      { kind: "heading", level: 2, text: "- Ukraine 'strongly condemns' -" },
      { kind: "paragraph", level: 0, text: "President Zelensky said it was wrong." },
    ]);
  });

  it("reads Markdown headings with their level and strips inline markup", () => {
    const blocks = plainTextBlocks(
      "## International reactions\n\n### The African Union (AU)\n\nThe **AU** [condemned](https://x.org) the attack.",
      { markdown: true },
    );
    expect(blocks).toEqual([
      { kind: "heading", level: 2, text: "International reactions" },
      { kind: "heading", level: 3, text: "The African Union (AU)" },
      { kind: "paragraph", level: 0, text: "The AU condemned the attack." },
    ]);
  });
});

describe("sentence segmentation", () => {
  const segment = (s: string) => {
    const { text, blocks } = normaliseBlocks([{ kind: "paragraph", level: 0, text: s }]);
    return splitSentences(text, blocks).map((x) => x.text);
  };

  it("does not split after titles, initials or U.S.", () => {
    expect(segment("Mr. Biden met Gen. Milley in the U.S. capital. George W. Bush was not there.")).toEqual([
      "Mr. Biden met Gen. Milley in the U.S. capital.",
      "George W. Bush was not there.",
    ]);
  });

  it("ends a sentence after a one-letter word that is not an initial", () => {
    expect(segment("He posted on X. Among the statements was one by Javier Milei.")).toEqual([
      "He posted on X.",
      "Among the statements was one by Javier Milei.",
    ]);
  });

  it("ends a sentence after closing quotes and keeps a quote split by 'he said' whole", () => {
    expect(segment('"We condemn this," he said. "It is a crime." Officials agreed.')).toEqual([
      '"We condemn this," he said.',
      '"It is a crime."',
      "Officials agreed.",
    ]);
  });

  it("gives offsets that slice the normalised text back to each sentence", () => {
    const { text, blocks } = normaliseBlocks([
      { kind: "heading", level: 2, text: "Oman" },
      { kind: "paragraph", level: 0, text: "The ministry condemned it. It urged restraint!" },
    ]);
    const sentences = splitSentences(text, blocks);
    expect(sentences.map((s) => s.block)).toEqual([0, 1, 1]);
    for (const s of sentences) expect(text.slice(s.span[0], s.span[1])).toBe(s.text);
  });
});
