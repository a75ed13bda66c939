// Users of a served store: add, list, remove, and API tokens for scripts. `crisisdesk users` and
// the API's admin routes call these.
import { CrisisdeskError, FieldError } from "../../domain/index.js";
import type { UserRole, UserRow, UserStore } from "../../store/index.js";
import { hashPassword, randomSecret, tokenHash } from "./passwords.js";

export const USER_ROLES: readonly UserRole[] = ["viewer", "analyst", "admin"];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const MIN_PASSWORD = 10;

export async function addUser(
  users: UserStore,
  input: { name: string; password: string; role: string },
  options: { replace?: boolean } = {},
): Promise<UserRow> {
  if (!NAME.test(input.name))
    throw new FieldError("name", "a user name of letters, digits and . _ @ - (up to 64)");
  if (!USER_ROLES.includes(input.role as UserRole))
    throw new FieldError("role", `one of ${USER_ROLES.join(", ")}, not "${input.role}"`);
  if (input.password.length < MIN_PASSWORD)
    throw new FieldError("password", `at least ${MIN_PASSWORD} characters`);
  const row: UserRow = {
    name: input.name,
    role: input.role as UserRole,
    createdAt: new Date().toISOString(),
  };
  await users.putUser({ ...row, passwordHash: await hashPassword(input.password) }, options);
  return row;
}

export async function removeUser(users: UserStore, name: string): Promise<void> {
  if (!(await users.removeUser(name)))
    throw new CrisisdeskError("NOT_FOUND", "no such user", { where: name });
}

/** A new API token for `name`: shown once, kept only as a hash. */
export async function createToken(
  users: UserStore,
  name: string,
  label: string | null = null,
): Promise<{ token: string; id: string; user: string }> {
  if (!(await users.getUser(name))) throw new CrisisdeskError("NOT_FOUND", "no such user", { where: name });
  const id = randomSecret(6);
  const token = `cdk_${randomSecret(32)}`;
  await users.addToken({
    id,
    user: name,
    label,
    createdAt: new Date().toISOString(),
    hash: tokenHash(token),
  });
  return { token, id, user: name };
}
