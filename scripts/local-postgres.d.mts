// Types of local-postgres.mjs, for the tests that import it.
export function postgresBinaries(): string;
export function startLocalPostgres(): Promise<{ url: string; port: number; stop: () => void }>;
