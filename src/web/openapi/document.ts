// The OpenAPI 3.1 document, built from the endpoints and the registered component schemas.
import { z } from "zod";
import { type ApiEndpoint, endpoints } from "./endpoints.ts";
import { API_PREFIX, componentRegistry, ID_PARAM_JSON, idParams } from "./registry.ts";

// ---------------------------------------------------------------------------------------------------
// The document

type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  responses: Record<
    string,
    {
      description: string;
      headers?: Record<string, unknown>;
      content?: Record<string, { schema: JsonSchema }>;
    }
  >;
}

// A type alias, not an interface, so it is assignable to the OpenApiDocument schema's loose object.
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description?: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<ApiEndpoint["method"], OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
};

const ref = (schema: z.ZodType): JsonSchema => {
  const meta = componentRegistry.get(schema);
  if (!meta) throw new Error("an endpoint's response must be a registered component schema");
  return { $ref: `#/components/schemas/${meta.id}` };
};

/** Component schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect), referring to each other by $ref. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(componentRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    // The format says it; zod's long regular expressions for ISO dates only add noise.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === "date" || jsonSchema.format === "date-time") delete jsonSchema.pattern;
    },
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

function parameters(schema: z.ZodObject | undefined, location: "path" | "query"): OpenApiParameter[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = field as z.ZodType;
    const json = z.toJSONSchema(fieldSchema, {
      io: "input",
      // Ids travel as text but are whole numbers; say so rather than give the regular expression.
      override: (ctx) => {
        if (!idParams.has(ctx.zodSchema as unknown as z.ZodType)) return;
        const { description } = ctx.jsonSchema;
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
        Object.assign(ctx.jsonSchema, ID_PARAM_JSON, description === undefined ? {} : { description });
      },
    }) as JsonSchema;
    const { $schema: _dialect, description, ...rest } = json;
    const parameter: OpenApiParameter = {
      name,
      in: location,
      required: location === "path" || !fieldSchema.safeParse(undefined).success,
      schema: rest,
    };
    const text = fieldSchema.description ?? (typeof description === "string" ? description : undefined);
    if (text) parameter.description = text;
    return parameter;
  });
}

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };

function operation(e: ApiEndpoint): OpenApiOperation {
  const path = parameters(e.params, "path");
  const query = parameters(e.query, "query");
  const responses: OpenApiOperation["responses"] = {
    "200": {
      description: e.response.description ?? "OK",
      content: { "application/json": { schema: ref(e.response) } },
    },
  };
  if (query.length > 0)
    responses["400"] = { description: "A query parameter is not valid", content: errorContent };
  if (!e.public) {
    responses["401"] = {
      description: "The bearer token is missing, unknown or revoked",
      headers: { "WWW-Authenticate": { schema: { type: "string" }, description: "Bearer" } },
      content: errorContent,
    };
  }
  if (path.length > 0 || e.notFound) {
    responses["404"] = {
      description: "Not found, or belongs to another partnership",
      content: errorContent,
    };
  }
  const op: OpenApiOperation = {
    operationId: e.operationId,
    summary: e.summary,
    tags: [e.tag],
    parameters: [...path, ...query],
    responses,
  };
  if (e.description) op.description = e.description;
  if (e.public) op.security = [];
  return op;
}

export function buildOpenApiDocument(list: readonly ApiEndpoint[]): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const e of list) {
    const item = paths[e.path] ?? {};
    paths[e.path] = item;
    if (item[e.method]) throw new Error(`${e.method.toUpperCase()} ${e.path} is defined twice`);
    item[e.method] = operation(e);
  }
  const tags = [...new Set(list.map((e) => e.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Waymark API",
      version: "1.0.0",
      description:
        "Read-only access to one partnership's strategy, action plans and key statistics. Send an API token, issued " +
        "from the command line, as `Authorization: Bearer wmk_…`; the token decides the partnership.",
    },
    servers: [{ url: API_PREFIX }],
    tags,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "wmk_ token",
          description:
            "A partnership API token from `waymark token create --partnership <slug> --name <name>`.",
        },
      },
    },
  };
}

export const openApiDocument: OpenApiDocument = buildOpenApiDocument(Object.values(endpoints));

/** Turns an OpenAPI path ("/strategies/{id}") into a Fastify one ("/strategies/:id"). */
export function fastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ":$1");
}
