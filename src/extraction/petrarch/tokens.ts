// The token stream the PETRARCH-style coder works on: the knowledge base's word tokens (case, accents
// and apostrophes folded, possessive 's split off, the Arabic article dropped), plus the punctuation
// and possessive marks that matter for phrase structure, and Treebank-style contractions ("didn't" →
// "did" + "n't"), which is how the PETRARCH dictionaries write them (&NEGATVAUXVRB: DID N'T, WO N'T).
import { tokenize } from "../../knowledge/index.js";

export type TokenKind = "word" | "punct" | "possessive";

export interface CoderToken {
  /** Folded form: "gondor", "nt" for n't, "'s" for a possessive, "," for a comma. */
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
}

/** Tokens of one sentence, in order. */
export function tokenizeSentence(text: string): CoderToken[] {
  const tokens: CoderToken[] = [];
  let cursor = 0;
  for (const word of tokenize(text)) {
    pushGap(text, cursor, word.start, tokens);
    const raw = text.slice(word.start, word.end);
    const negation = /n['’]t$/i.exec(raw);
    if (negation && word.norm.endsWith("nt")) {
      const stemEnd = word.end - 3;
      if (stemEnd > word.start) {
        tokens.push({ norm: word.norm.slice(0, -2), start: word.start, end: stemEnd, kind: "word" });
      }
      tokens.push({ norm: "nt", start: stemEnd, end: word.end, kind: "word" });
    } else {
      tokens.push({ norm: word.norm, start: word.start, end: word.end, kind: "word" });
    }
    cursor = word.end;
  }
  pushGap(text, cursor, text.length, tokens);
  return tokens;
}

/** Token norms of a dictionary phrase ("DID N'T" → ["did", "nt"], "ANTI-" → ["anti"]). */
export function phraseNorms(phrase: string): string[] {
  return tokenizeSentence(phrase)
    .filter((token) => token.kind === "word")
    .map((token) => token.norm);
}

const ABBREVIATION = /(?:^|[^\p{L}\p{N}])[\p{L}]$/u;

/** Punctuation between two words, as tokens: only what marks phrase or clause structure. */
function pushGap(text: string, from: number, to: number, tokens: CoderToken[]): void {
  let i = from;
  while (i < to) {
    const char = text[i]!;
    const next = text[i + 1] ?? "";
    const push = (norm: string, length: number, kind: TokenKind = "punct") => {
      tokens.push({ norm, start: i, end: i + length, kind });
      i += length;
    };
    const previousWord = tokens.at(-1);
    if (/['’]/.test(char) && i === from && previousWord?.kind === "word") {
      // "Gondor's" (tokenize left the 's in the gap) or "nations’ boundary".
      if (/s/i.test(next) && !/[\p{L}\p{N}]/u.test(text[i + 2] ?? "")) push("'s", 2, "possessive");
      else if (!/[\p{L}\p{N}]/u.test(next)) push("'s", 1, "possessive");
      else i += 1;
    } else if (char === "," && !/\d/.test(next)) {
      push(",", 1);
    } else if (char === "." && !/\S/.test(next)) {
      // "U.S." and "K.U." keep their periods: a period after a lone letter is an abbreviation's.
      if (!ABBREVIATION.test(text.slice(Math.max(0, i - 2), i))) push(".", 1);
      else i += 1;
    } else if (/[;:!?()[\]]/.test(char)) {
      push(char === "[" ? "(" : char === "]" ? ")" : char, 1);
    } else if ((char === "-" && next === "-") || char === "—" || char === "–") {
      push("--", char === "-" ? 2 : 1);
    } else {
      i += 1;
    }
  }
}
