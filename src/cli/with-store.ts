// The store a command works on (--db, CRISISDESK_DB or ./crisisdesk.db), opened for the command's
// duration and closed whatever happens.
import type { Command } from "commander";
import { openStore, type Store } from "../store/index.js";

export async function withStore<T>(command: Command, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(command.optsWithGlobals().db);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
