// Knowledge-base lookup speed: loading and compiling the shipped data, and resolving every actor
// mention of a 5,000-word report (the alias trie plus the composition rules), in mentions/s.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ActorResolver, buildDocument, KnowledgeBase, plainTextBlocks } from "../dist/index.js";

export function benchKnowledge({ rounds = 200 } = {}) {
  const t0 = performance.now();
  const kb = KnowledgeBase.load();
  const loadMs = performance.now() - t0;

  // A 5,000-word report: the example reports' text, repeated.
  const dir = new URL("../examples/", import.meta.url).pathname;
  const texts = readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .map((f) => readFileSync(join(dir, f), "utf8"));
  let body = "";
  while (body.split(/\s+/).length < 5000) body += `${texts.join("\n\n")}\n\n`;
  const doc = buildDocument({
    meta: { source: "bench", format: "txt", published: "2021-11-08" },
    blocks: plainTextBlocks(body),
  });

  let mentions = 0;
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++) {
    const resolver = new ActorResolver(kb, "2021-11-08");
    for (const s of doc.sentences) mentions += resolver.resolve(s).mentions.length;
  }
  const seconds = (performance.now() - t1) / 1000;
  return {
    loadMs,
    size: kb.size,
    words: doc.words,
    msPerReport: (seconds * 1000) / rounds,
    mentionsPerSecond: mentions / seconds,
    mentionsPerReport: mentions / rounds,
  };
}
