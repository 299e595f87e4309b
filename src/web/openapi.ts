// The read-only JSON API's contract: zod schemas for every response, the endpoints that return them,
// and the OpenAPI 3.1 document built from both. The routes (routes/api.ts) are registered from the
// same endpoint definitions and their handlers must return the schemas' types, so the document, the
// code and the tests (which validate real responses against these schemas) cannot drift apart.
//
// To add an endpoint: define its response schema with `component(...)` (openapi/schemas*.ts), add an
// entry to `endpoints` (openapi/endpoints.ts), and register a handler for it in routes/api.ts with
// `get(endpoints.yourEndpoint, …)`. This file gathers the parts.
export * from "./openapi/document.ts";
export * from "./openapi/endpoints.ts";
export { API_PREFIX, IdParam, idParam } from "./openapi/registry.ts";
export * from "./openapi/schemas.ts";
export * from "./openapi/schemas-funding.ts";
export * from "./openapi/schemas-governance.ts";
export * from "./openapi/schemas-rounds.ts";
