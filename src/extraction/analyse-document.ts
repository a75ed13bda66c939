// The analysis of one document in the JSON contract's shape. The extraction stages fill the
// lists; the document header (id, sentences, words) comes straight from the text stages.
import type { Analysis, Document } from "../domain/index.js";

export function documentHeader(document: Document): Analysis["document"] {
  return {
    id: document.id,
    title: document.title,
    published: document.published,
    source: document.url ?? document.source,
    language: document.language,
    sentences: document.sentences.length,
    words: document.words,
  };
}

export function analyseDocument(document: Document): Analysis {
  return {
    document: documentHeader(document),
    actors: [],
    events: [],
    reactions: [],
    quotes: [],
    attributions: [],
  };
}
