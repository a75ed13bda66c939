// The users of a served store and their API tokens. Passwords and tokens are kept only as hashes
// (scrypt for passwords, SHA-256 for random tokens); the server checks them, the store keeps them.

export type UserRole = "viewer" | "analyst" | "admin";

export interface UserRow {
  name: string;
  role: UserRole;
  createdAt: string;
}

export interface StoredUser extends UserRow {
  /** "scrypt$N$r$p$salt$hash", base64 parts. */
  passwordHash: string;
}

export interface TokenRow {
  id: string;
  user: string;
  label: string | null;
  createdAt: string;
}

export interface UserStore {
  countUsers(): Promise<number>;
  listUsers(): Promise<UserRow[]>;
  getUser(name: string): Promise<StoredUser | null>;
  /** Adds a user or, with `replace`, changes the password and role of one. */
  putUser(user: StoredUser, options?: { replace?: boolean }): Promise<void>;
  /** Removes the user and their tokens; false if there was no such user. */
  removeUser(name: string): Promise<boolean>;
  addToken(token: TokenRow & { hash: string }): Promise<void>;
  /** Every token with its hash, oldest first (for copying a store's users to another). */
  tokens(): Promise<(TokenRow & { hash: string })[]>;
  /** The user a token hash belongs to, if any. */
  tokenUser(hash: string): Promise<StoredUser | null>;
  close(): Promise<void>;
}
