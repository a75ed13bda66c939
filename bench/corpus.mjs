// A generated corpus of crisis-report-like documents for the benchmarks: deterministic (seeded),
// varied sentences built from a small vocabulary of actors, verbs and places.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ACTORS = [
  "The Iraqi government",
  "Saudi Arabia's foreign ministry",
  "President Barham Salih",
  "The United Nations",
  "Kuwait",
  "The Arab League",
  "Iran's foreign ministry spokesman",
  "The US State Department",
  "Prime Minister Mustafa al-Kadhimi",
  "The GCC",
  "Qatar",
  "France",
  "The African Union",
  "Hezbollah",
  "Turkey's foreign ministry",
];
const VERBS = [
  "condemned",
  "denounced",
  "welcomed",
  "called for restraint after",
  "expressed concern over",
  "rejected",
  "offered to assist the investigation into",
  "described as a cowardly crime",
];
const OBJECTS = [
  "the drone attack on the prime minister's residence",
  "the assassination attempt in Baghdad",
  "the strike on the embassy",
  "the attack in the Green Zone",
  "the shelling of the border town",
  "the bombing of the convoy",
];
const TAILS = [
  "on Sunday",
  "in a statement",
  "according to officials",
  "late on Saturday",
  "in a televised address",
  "citing intelligence reports",
  "after an emergency meeting",
];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeDocument(i, words = 1000) {
  const r = rng(i + 1);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const paragraphs = [`Report ${i}: ${pick(ACTORS)} ${pick(VERBS)} ${pick(OBJECTS)}`];
  let count = 0;
  while (count < words) {
    const sentences = [];
    for (let k = 0; k < 4; k++) {
      const s =
        r() < 0.25
          ? `"We ${pick(VERBS)} ${pick(OBJECTS)}," said ${pick(ACTORS).replace(/^The /, "the ")}.`
          : `${pick(ACTORS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`;
      sentences.push(s);
      count += s.split(" ").length;
    }
    paragraphs.push(sentences.join(" "));
  }
  return paragraphs.join("\n\n");
}

/** Writes (once) `count` documents of about `words` words into `dir`, and returns the folder. */
export function ensureCorpus(dir, count, words = 1000) {
  if (existsSync(dir) && readdirSync(dir).length === count) return dir;
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++)
    writeFileSync(join(dir, `doc-${String(i).padStart(5, "0")}.txt`), makeDocument(i, words));
  return dir;
}
