// Browser sessions, kept in memory: a server restart logs everyone out, which is the safe failure.
// Each session carries its CSRF token, which every mutating request made with the cookie must echo
// in the X-CSRF-Token header (a cross-site form cannot read it). Login attempts are rate-limited per
// user name and per client address.
import type { UserRole } from "../../store/index.js";
import { randomSecret } from "./passwords.js";

export interface Session {
  id: string;
  csrf: string;
  name: string;
  role: UserRole;
  expires: number;
}

export const SESSION_COOKIE = "crisisdesk_session";
const LIFETIME_MS = 12 * 60 * 60 * 1000;

export class SessionTable {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  open(name: string, role: UserRole): Session {
    const session = {
      id: randomSecret(),
      csrf: randomSecret(),
      name,
      role,
      expires: this.now() + LIFETIME_MS,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    if (s.expires < this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return s;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session of a user (removed, or their role changed). */
  closeAll(name: string): void {
    for (const [id, s] of this.sessions) if (s.name === name) this.sessions.delete(id);
  }
}

/** At most `limit` failed logins per key in a sliding window; a success clears the key. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the next attempt, or 0. */
  retryAfter(keys: string[]): number {
    const t = this.now();
    let wait = 0;
    for (const key of keys) {
      const recent = (this.failures.get(key) ?? []).filter((x) => x > t - this.windowMs);
      this.failures.set(key, recent);
      if (recent.length >= this.limit)
        wait = Math.max(wait, Math.ceil((recent[0]! + this.windowMs - t) / 1000));
    }
    return wait;
  }

  fail(keys: string[]): void {
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), this.now()]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
