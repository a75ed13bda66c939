// The HTTP interface: `crisisdesk serve` and its users. Routes are thin: each parses, calls one
// library function and formats (src/server/routes/); the gate in app.ts authenticates, checks the
// role and validates with the routes' zod schemas, which also make the OpenAPI document.

export { createApp, ROUTES, VERSION } from "./app.js";
export { addUser, createToken, MIN_PASSWORD, removeUser, USER_ROLES } from "./auth/accounts.js";
export { type ErrorBody, errorResponse, HttpError } from "./http-error.js";
export { type Job, JobTable, type JobView } from "./jobs.js";
export { openApiDocument } from "./openapi.js";
export { allows, type Caller, ROLES, type Role, type Route, type ServerDeps } from "./route.js";
export {
  DEFAULT_UPLOAD_BYTES,
  isLoopback,
  type RunningServer,
  type ServeOptions,
  startServer,
} from "./serve.js";
