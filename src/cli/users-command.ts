// `crisisdesk users add|list|remove|token`: who may use `crisisdesk serve` on this store. The
// password is read from CRISISDESK_PASSWORD or the first line of standard input, never an argument
// (arguments show in the process list and the shell history).
import type { Command } from "commander";
import { UsageError } from "../domain/index.js";
import { addUser, createToken, removeUser, USER_ROLES } from "../server/index.js";
import { openUserStore, type UserStore } from "../store/index.js";
import { printJson, printTable } from "./output.js";

async function withUsers<T>(command: Command, use: (users: UserStore) => Promise<T>): Promise<T> {
  const users = await openUserStore(command.optsWithGlobals().db);
  try {
    return await use(users);
  } finally {
    await users.close();
  }
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.CRISISDESK_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY)
    throw new UsageError("give the password on standard input or in CRISISDESK_PASSWORD");
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  const password = text.split(/\r?\n/)[0] ?? "";
  if (!password) throw new UsageError("no password on standard input (or set CRISISDESK_PASSWORD)");
  return password;
}

export function registerUsersCommand(program: Command): void {
  const users = program
    .command("users")
    .description("Users of crisisdesk serve on this store: add, list, remove, and API tokens")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ echo 'a long passphrase' | crisisdesk users add alice --role admin",
        "  $ crisisdesk users token alice --label nightly-script",
        "  $ crisisdesk users list",
      ].join("\n"),
    )
    .action(() => {
      throw new UsageError("expected a subcommand: add, list, remove or token");
    });
  users
    .command("add")
    .description("Add a user (or, with --replace, change one's password and role)")
    .argument("<name>", "the user name")
    .option("--role <role>", USER_ROLES.join("|"), "analyst")
    .option("--replace", "change the password and role of an existing user")
    .addHelpText(
      "after",
      "\nExamples:\n  $ CRISISDESK_PASSWORD='a long passphrase' crisisdesk users add bob --role viewer",
    )
    .action(async (name: string, options: { role: string; replace?: boolean }, command: Command) => {
      const password = await readPassword();
      const row = await withUsers(command, (u) =>
        addUser(u, { name, password, role: options.role }, options),
      );
      process.stdout.write(`${options.replace ? "set" : "added"} ${row.name} (${row.role})\n`);
    });
  users
    .command("list")
    .description("The users and their roles")
    .option("--json", "print JSON")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk users list --json")
    .action(async (options: { json?: boolean }, command: Command) => {
      const rows = await withUsers(command, (u) => u.listUsers());
      if (options.json) printJson(rows);
      else
        printTable(rows as unknown as Record<string, unknown>[], [
          { key: "name", label: "NAME" },
          { key: "role", label: "ROLE" },
          { key: "createdAt", label: "CREATED" },
        ]);
    });
  users
    .command("remove")
    .description("Remove a user and their tokens")
    .argument("<name>", "the user name")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk users remove bob")
    .action(async (name: string, _options: unknown, command: Command) => {
      await withUsers(command, (u) => removeUser(u, name));
      process.stdout.write(`removed ${name}\n`);
    });
  users
    .command("token")
    .description("A new API token for a user, printed once (send it as Authorization: Bearer TOKEN)")
    .argument("<name>", "the user name")
    .option("--label <text>", "what the token is for")
    .addHelpText("after", "\nExamples:\n  $ crisisdesk users token alice --label nightly-script")
    .action(async (name: string, options: { label?: string }, command: Command) => {
      const token = await withUsers(command, (u) => createToken(u, name, options.label ?? null));
      process.stdout.write(`${token.token}\n`);
    });
}
