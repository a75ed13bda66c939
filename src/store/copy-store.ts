// Copies one store into another (`crisisdesk migrate`: a SQLite file into PostgreSQL, or back):
// the analyst's overlay, source grades and actor resolutions, every report as it was recorded (one
// transaction each, so an interrupted copy leaves whole reports and a second run goes on where it
// stopped), then the cases, then the users and their tokens. What the target already holds is kept.
import type { Store } from "./store-port.js";
import type { UserStore } from "./user-store-port.js";

export interface CopyReport {
  reports: { copied: number; present: number };
  cases: number;
  overlayActors: number;
  sources: number;
  actorResolutions: number;
  users: { copied: number; present: number };
  tokens: number;
}

export async function copyStore(
  from: { store: Store; users: UserStore },
  to: { store: Store; users: UserStore },
  onReport?: (done: number, total: number) => void,
): Promise<CopyReport> {
  const overlay = await from.store.overlayActors();
  if (overlay.length) await to.store.putOverlayActors(overlay);
  const sources = await from.store.listSources();
  for (const grade of sources) await to.store.putSource(grade);
  const resolutions = await from.store.actorResolutions();
  for (const r of resolutions) await to.store.putActorResolution(r);

  const ids = await from.store.documentIds();
  const reports = { copied: 0, present: 0 };
  for (const [i, id] of ids.entries()) {
    const record = await from.store.exportReport(id);
    if (record && (await to.store.importReport(record)) === "added") reports.copied++;
    else reports.present++;
    onReport?.(i + 1, ids.length);
  }
  const cases = await from.store.exportCases();
  for (const c of cases) await to.store.importCase(c);

  const users = { copied: 0, present: 0 };
  const copiedUsers = new Set<string>();
  for (const row of await from.users.listUsers()) {
    const user = await from.users.getUser(row.name);
    if (!user) continue;
    if (await to.users.getUser(user.name)) users.present++;
    else {
      await to.users.putUser(user);
      copiedUsers.add(user.name);
      users.copied++;
    }
  }
  let tokens = 0;
  for (const token of await from.users.tokens()) {
    if (!copiedUsers.has(token.user)) continue;
    await to.users.addToken(token);
    tokens++;
  }
  return {
    reports,
    cases: cases.length,
    overlayActors: overlay.length,
    sources: sources.length,
    actorResolutions: resolutions.length,
    users,
    tokens,
  };
}
