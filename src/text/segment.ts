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

/** No sentence is longer than this. A run of text without sentence punctuation (a scraped table,
 * a list pasted as one line, a hostile file) is cut into pieces of at most this length, so that
 * the extraction stages, which compare the mentions and cues of a sentence with each other, cost
 * a bounded amount per sentence (issue 14). News sentences stay well under it: the longest in the
 * dev set is under 600 characters. */
export const MAX_SENTENCE_CHARS = 1000;

/** Where to cut a run that starts at `start` and is too long: after the last clause mark (; , : or
 * a dash) in the second half of the allowed length, else at the last space, else at the length
 * itself (never inside a surrogate pair). */
function cutPoint(body: string, start: number): number {
  const limit = start + MAX_SENTENCE_CHARS;
  const half = start + MAX_SENTENCE_CHARS / 2;
  let space = -1;
  for (let i = limit; i > half; i--) {
    if (body[i] !== " ") continue;
    const mark = body[i - 1]!;
    if (mark === ";" || mark === "," || mark === ":" || mark === "—" || mark === "–") return i;
    if (space < 0) space = i;
  }
  if (space > 0) return space;
  const code = body.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
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
      const e = end;
      for (;;) {
        while (s < e && body[s] === " ") s++;
        const cut = e - s > MAX_SENTENCE_CHARS ? cutPoint(body, s) : e;
        let last = cut;
        while (last > s && body[last - 1] === " ") last--;
        if (last > s) {
          sentences.push({
            index: sentences.length,
            block: blockIndex,
            span: [from + s, from + last],
            text: body.slice(s, last),
          });
        }
        if (cut >= e) return;
        s = cut;
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
