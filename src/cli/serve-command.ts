// `crisisdesk serve`: the HTTP API over the store. Prints the URL and the mode, then serves until
// interrupted.
import type { Command } from "commander";
import { UsageError } from "../domain/index.js";
import { DEFAULT_UPLOAD_BYTES, startServer } from "../server/index.js";
import { openStore, openUserStore } from "../store/index.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("Serve the HTTP API (OpenAPI at /openapi.json) over the store")
    .option("--host <address>", "the address to listen on; any but loopback requires users", "127.0.0.1")
    .option("--port <n>", "the port (0: any free port)", "8080")
    .option("--max-upload <MB>", "largest upload accepted, in MB", String(DEFAULT_UPLOAD_BYTES / 1024 / 1024))
    .option("--allow-private", "let URL ingest reach loopback, private and link-local addresses")
    .addHelpText(
      "after",
      [
        "",
        "On loopback with no users the server is single-user: whoever can reach it may do anything.",
        "Add users (crisisdesk users add) to require a login or an API token on every route.",
        "",
        "Examples:",
        "  $ crisisdesk serve",
        "  $ crisisdesk users add alice --role admin && crisisdesk serve --host 0.0.0.0 --port 8080",
      ].join("\n"),
    )
    .action(
      async (
        options: { host: string; port: string; maxUpload: string; allowPrivate?: boolean },
        command: Command,
      ) => {
        const port = Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port expects a port number 0–65535, not "${options.port}"`);
        const mb = Number(options.maxUpload);
        if (!(mb > 0))
          throw new UsageError(`--max-upload expects a positive number of MB, not "${options.maxUpload}"`);
        const db = command.optsWithGlobals().db;
        const store = await openStore(db);
        const users = await openUserStore(db);
        let server: Awaited<ReturnType<typeof startServer>>;
        try {
          server = await startServer({
            store,
            users,
            host: options.host,
            port,
            maxUploadBytes: mb * 1024 * 1024,
            allowPrivateFetch: options.allowPrivate,
          });
        } catch (error) {
          await users.close();
          await store.close();
          throw error;
        }
        process.stdout.write(
          `crisisdesk serving ${store.path} at ${server.url}/ (API description: ${server.url}/openapi.json)\n${
            server.singleUser
              ? "single-user mode: loopback only and no users, so every request acts as the local analyst (add users with crisisdesk users add)\n"
              : "users required: log in (POST /api/session) or send an API token\n"
          }`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await server.close();
        await users.close();
        await store.close();
      },
    );
}
