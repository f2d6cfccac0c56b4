import type { z } from "zod";

/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = z.core.JSONSchema.BaseSchema;

/** The methods the REST API routes (lower case, as OpenAPI keys them). */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Every routed method, in the order the document lists them. */
export const HTTP_METHODS: readonly HttpMethod[] = ["get", "post", "put", "patch", "delete"];

/** A pointer to a component of the document. */
export type Reference = { $ref: string };

/** A JSON body and its schema. */
/** Bodies by media type: `application/json` everywhere, a file's types for downloads. */
export type MediaContent = Record<string, { schema: JsonSchema }>;

/** A path or query parameter. */
export type Parameter = { name: string; in: "path" | "query"; required: boolean; description?: string; schema: JsonSchema };

/** One response of an operation. */
export type ResponseObject = {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: MediaContent;
  /** The answer may also have no body at all (where one endpoint answers both ways for one status). */
  "x-empty-body"?: true;
};

/** One method of one path. */
export type OperationObject = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  /** The personal-API-key scope the operation needs; null when keys are refused or no credentials are needed. */
  "x-required-scope": string | null;
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: MediaContent };
  responses: Record<string, ResponseObject | Reference>;
};

/** The operations of one path, by method. */
export type PathItem = Partial<Record<HttpMethod, OperationObject>>;

/** The OpenAPI 3.1 document, as far as Orgdeck writes it. */
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, Record<string, string>>;
  };
};
