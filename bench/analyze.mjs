// Extraction throughput: the whole engine (actor resolution, context, quotes, events, reactions,
// attributions) over a generated corpus of about 2 million words, beside the throughput of the
// compromise tagger's own part-of-speech tagging of the same text, measured in the same run.
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nlp from "compromise";
import { buildDocument, loadAnalyser, plainTextBlocks } from "../dist/index.js";
import { ensureCorpus } from "./corpus.mjs";

export async function benchAnalyze({ documents = 2000, words = 1000, taggerSample = 200 } = {}) {
  const dir = ensureCorpus(
    join(tmpdir(), `crisisdesk-bench-analyze-${documents}x${words}`),
    documents,
    words,
  );
  const docs = readdirSync(dir).map((f) =>
    buildDocument({
      meta: { source: f, format: "txt", published: "2021-11-08" },
      blocks: plainTextBlocks(readFileSync(join(dir, f), "utf8")),
    }),
  );
  const totalWords = docs.reduce((n, d) => n + d.words, 0);
  const analyse = await loadAnalyser();
  analyse(docs[0]); // warm up
  const t0 = performance.now();
  let reactions = 0;
  for (const d of docs) reactions += analyse(d).reactions.length;
  const seconds = (performance.now() - t0) / 1000;

  // compromise is far slower, so it tags a sample of the same documents.
  const sample = docs.slice(0, taggerSample);
  const sampleWords = sample.reduce((n, d) => n + d.words, 0);
  const t1 = performance.now();
  let terms = 0;
  for (const d of sample) terms += nlp(d.text).terms().length;
  const taggerSeconds = (performance.now() - t1) / 1000;

  return {
    documents: docs.length,
    words: totalWords,
    seconds,
    wordsPerSecond: totalWords / seconds,
    reactions,
    tagger: {
      documents: sample.length,
      words: sampleWords,
      terms,
      seconds: taggerSeconds,
      wordsPerSecond: sampleWords / taggerSeconds,
    },
  };
}
