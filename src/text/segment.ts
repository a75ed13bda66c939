// Sentence segmentation over the normalised text. Sentences never cross a block boundary, and
// their spans index the canonical text, so every extracted item can point back at its words.
import type { Block, Sentence } from "../domain/index.js";

// Abbreviations that end with a full stop without ending a sentence in news English.
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof gen lt col maj capt cpt sgt sen rep gov st jr sr no nos vs etc jan feb mar apr jun jul aug " +
    "sep sept oct nov dec u.s u.n u.k e.u u.s.a inc corp ltd co mt ft adm cmdr brig rev hon pres dept est approx fig " +
    "al cf e.g i.e p.m a.m mme mlle messrs sheikh"
  ).split(" "),
);

// A sentence ends at . ! ? or … (possibly followed by closing quotes or brackets) then whitespace.
const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s)/g;

function previousWord(text: string, end: number): string {
  let i = end;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return text.slice(i, end).replace(/^["'“‘([]+/, "");
}

function isAbbreviation(text: string, stopAt: number): boolean {
  const word = previousWord(text, stopAt).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // Initials such as "George W. Bush" or "J.R.R.", but not "posted on X." ending a sentence.
  if (/^([a-z]\.)+[a-z]$/.test(word)) return true;
  if (/^[a-z]$/.test(word)) {
    const before = previousWord(text, stopAt - word.length - 1);
    return before === "" || /^\p{Lu}/u.test(before);
  }
  return false;
}

function startsSentence(text: string, at: number): boolean {
  const c = text[at];
  if (c === undefined) return true;
  return /[\p{Lu}\p{N}"“‘'([—–-]/u.test(c);
}

export function splitSentences(text: string, blocks: readonly Block[]): Sentence[] {
  const sentences: Sentence[] = [];
  blocks.forEach((block, blockIndex) => {
    const [from, to] = block.span;
    const body = text.slice(from, to);
    let start = 0;
    const push = (end: number) => {
      let s = start;
      let e = end;
      while (s < e && body[s] === " ") s++;
      while (e > s && body[e - 1] === " ") e--;
      if (e > s) {
        sentences.push({
          index: sentences.length,
          block: blockIndex,
          span: [from + s, from + e],
          text: body.slice(s, e),
        });
      }
    };
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(body); m !== null; m = BOUNDARY.exec(body)) {
      const end = m.index + m[0].length;
      const stop = body.indexOf(".", m.index) === m.index ? m.index : -1;
      if (stop >= 0 && m[0].startsWith(".") && m[0].length === 1 && isAbbreviation(body, stop)) continue;
      let next = end;
      while (next < body.length && body[next] === " ") next++;
      if (!startsSentence(body, next)) continue;
      push(end);
      start = end;
    }
    push(body.length);
  });
  return sentences;
}
