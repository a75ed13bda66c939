// What a user types for a document: its id or a unique prefix of it. Prefixes are resolved here,
// at the command line, through the store's range lookup; the library takes exact ids only.
import type { Store } from "../store/index.js";

export interface ResolvedRefs {
  ids: string[];
  /** Inputs that name no document, or more than one (a prefix that is not unique). */
  unresolved: string[];
}

export async function resolveDocumentRefs(store: Store, refs: readonly string[]): Promise<ResolvedRefs> {
  const out: ResolvedRefs = { ids: [], unresolved: [] };
  for (const ref of refs) {
    const matches = ref.trim() ? await store.documentIdsByPrefix(ref.trim()) : [];
    if (matches.length === 1) out.ids.push(matches[0]!);
    else out.unresolved.push(ref);
  }
  return out;
}

export async function resolveDocumentRef(store: Store, ref: string): Promise<string | null> {
  return (await resolveDocumentRefs(store, [ref])).ids[0] ?? null;
}
