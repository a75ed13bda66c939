// The store contract on PostgreSQL: each store a new database on the run's server.
import { describePostgres, freshDatabase, sql } from "../postgres.js";
import { storeContract } from "./store-contract.js";

describePostgres("PostgreSQL", () => {
  storeContract("PostgreSQL", () => ({
    freshTarget: () => freshDatabase("contract"),
    markNewerSchema: async (target) => {
      await sql(target, "UPDATE crisisdesk_schema SET version = 99");
    },
  }));
});
