// The voice of a statement that does not name itself: a foreign ministry's text published on its
// own site says "we" throughout and names its state only where it speaks to its own people ("We
// encourage the Russian citizens residing in Israel ...", "our missions abroad"). Its "we" is that
// state's.
import type { Actor, Document } from "../domain/index.js";
import type { KnowledgeBase } from "../knowledge/index.js";
import { insideQuote, type QuoteSpan } from "./speech.js";

/** The narrator's first person plural (not "US", the country). */
const FIRST_PLURAL = /\b(?:[Ww]e|[Oo]ur|us)\b/g;
/** A state's own people and posts abroad, as a statement addresses them. */
const OWN_PEOPLE =
  /\b(\p{Lu}[\p{L}-]+)\s+(?:citizens|nationals|compatriots|expatriates|diaspora|(?:foreign\s+|diplomatic\s+)?missions|embassies|consulates)\b/gu;
/** A statement speaks in the first person at least this often outside quotations. */
const MIN_FIRST_PERSON = 3;

export function statementVoice(
  kb: KnowledgeBase,
  document: Document,
  quotes: readonly QuoteSpan[],
): Actor | undefined {
  let firstPerson = 0;
  const votes = new Map<string, number>();
  for (const sentence of document.sentences) {
    if (document.blocks[sentence.block]?.kind !== "paragraph") continue;
    const base = sentence.span[0];
    let speaks = false;
    for (const m of sentence.text.matchAll(FIRST_PLURAL)) {
      if (insideQuote(quotes, base + m.index)) continue;
      firstPerson++;
      speaks = true;
    }
    if (!speaks) continue;
    for (const m of sentence.text.matchAll(OWN_PEOPLE)) {
      if (insideQuote(quotes, base + m.index)) continue;
      const demonym = kb.index
        .scan(m[1]!)
        .flatMap((hit) => hit.values)
        .find((v) => v.type === "demonym");
      if (demonym?.type === "demonym" && demonym.state.country)
        votes.set(demonym.state.country, (votes.get(demonym.state.country) ?? 0) + 1);
    }
  }
  if (firstPerson < MIN_FIRST_PERSON || votes.size !== 1) return undefined;
  return kb.state([...votes.keys()][0]!);
}
