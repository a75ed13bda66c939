// Fast matching of every known name in a text: a trie over normalised tokens, scanned once left to
// right with the longest match winning. Normalisation folds case, diacritics, apostrophes and
// hyphens and drops the Arabic article ("al-Kadhimi", "Al Kadhimi", "Kadhimi" all meet), so a
// 5,000-word report is resolved in a few milliseconds.

export interface Token {
  /** Normalised form. */
  norm: string;
  start: number;
  end: number;
}

/** The Arabic article and its common transliterations: dropped from names and texts alike. */
const PARTICLES = new Set(["al", "el"]);

const TOKEN = /[\p{L}\p{N}]+(?:['’ʼ`][\p{L}\p{N}]+)*/gu;

function fold(word: string): string {
  // Most words are plain ASCII: skip Unicode decomposition for them (it dominates the cost).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase().replace(/['`]/g, "");
  return word
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’ʼ`]/g, "");
}

/** Tokens of a text with their character offsets; possessive 's is split off, particles dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    let word = m[0];
    const start = m.index;
    if (/['’]s$/i.test(word) && word.length > 2) word = word.slice(0, -2);
    const norm = fold(word);
    if (PARTICLES.has(norm)) continue;
    tokens.push({ norm, start, end: start + word.length });
  }
  return tokens;
}

/** The normalised key of a name, as the trie stores it. */
export function aliasKey(name: string): string {
  return tokenize(name.replace(/^the\s+/i, ""))
    .map((t) => t.norm)
    .join(" ");
}

export interface AliasMatch<T> {
  start: number;
  end: number;
  surface: string;
  /** Index of the first and one-past-last token matched. */
  tokens: [number, number];
  values: T[];
}

interface Node<T> {
  children: Map<string, Node<T>>;
  values: { value: T; exactCase: string | null }[];
}

/** Short all-capital acronyms ("US", "UN", "IS") match only in capitals: "us" is a pronoun. */
function exactCaseOf(alias: string): string | null {
  const letters = alias.replace(/[.\s]/g, "");
  return letters.length <= 5 && /^[A-Z]+$/.test(letters) ? letters : null;
}

export class AliasIndex<T> {
  private readonly root: Node<T> = { children: new Map(), values: [] };
  size = 0;

  add(alias: string, value: T): void {
    const key = aliasKey(alias);
    if (!key) return;
    let node = this.root;
    for (const part of key.split(" ")) {
      let next = node.children.get(part);
      if (!next) {
        next = { children: new Map(), values: [] };
        node.children.set(part, next);
      }
      node = next;
    }
    const exactCase = exactCaseOf(alias.trim());
    const known = node.values.find((v) => v.value === value);
    if (!known) {
      node.values.push({ value, exactCase });
      this.size++;
    } else if (exactCase === null) {
      // An acronym also listed in lower case ("TASS" and "Tass") matches in either.
      known.exactCase = null;
    }
  }

  /** Values stored under exactly this name (no case check). */
  get(name: string): T[] {
    let node: Node<T> | undefined = this.root;
    for (const part of aliasKey(name).split(" ")) {
      node = node?.children.get(part);
      if (!node) return [];
    }
    return node.values.map((v) => v.value);
  }

  /** Longest matches, left to right, without overlaps. */
  scan(text: string, tokens: Token[] = tokenize(text)): AliasMatch<T>[] {
    const matches: AliasMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: Node<T> | undefined = this.root;
      let best: AliasMatch<T> | null = null;
      for (let j = i; j < tokens.length; j++) {
        node = node.children.get(tokens[j]!.norm);
        if (!node) break;
        // A match may not run across a sentence or clause break in the text.
        if (
          j > i &&
          // A full stop inside an abbreviation ("U.S.", "K.U.") joins; one before a space breaks.
          /[;:!?\n]|\.\s/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))
        )
          break;
        if (node.values.length) {
          const start = tokens[i]!.start;
          const end = tokens[j]!.end;
          const surface = text.slice(start, end);
          const letters = surface.replace(/[.\s]/g, "");
          const values = node.values
            .filter((v) => v.exactCase === null || v.exactCase === letters)
            .map((v) => v.value);
          if (values.length) best = { start, end, surface, tokens: [i, j + 1], values };
        }
      }
      if (best) {
        matches.push(best);
        i = best.tokens[1];
      } else i++;
    }
    return matches;
  }
}
