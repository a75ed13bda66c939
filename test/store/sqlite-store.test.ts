// The store contract on SQLite: each store a new file in a temporary folder.
import { join } from "node:path";
import Database from "better-sqlite3";
import { tempDir } from "../helpers.js";
import { storeContract } from "./store-contract.js";

const dir = tempDir("crisisdesk-sqlite-contract-");
let n = 0;

storeContract("SQLite", () => ({
  freshTarget: async () => join(dir, `store-${++n}.db`),
  markNewerSchema: async (target) => {
    const db = new Database(target);
    db.pragma("user_version = 99");
    db.close();
  },
}));
