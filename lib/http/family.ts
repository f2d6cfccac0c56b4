import type { Db } from "../../db/client";
import type { Principal } from "../auth/principal";
import type { Page } from "../services/page";

/** A request as a family sees it once its body and path parameters are read. */
export type Prepared = { req: Request; url: URL; body: unknown; params: Record<string, string>; requestId: string };

/**
 * One protocol family (`/api`, and later SCIM, OAuth, the directory API…): how callers authenticate, how bodies are
 * read, and how results, lists and errors are written. The route factory is the same for every family.
 */
export type Family = {
  /** Reads the request body (the family decides media types and what malformed input answers). */
  readBody(req: Request): Promise<unknown>;
  /** Who is calling; null when no credentials were presented. Throws for credentials that are wrong. */
  authenticate(db: Db, prepared: Prepared): Promise<Principal | null>;
  /** The response of a value (status given by the route), with the family's content type. */
  value(status: number, body: unknown, requestId: string): Response;
  /** The body of one page of a list. */
  list(page: Page<unknown>, url: URL): unknown;
  /** The response of any failure: an `AppError` in the family's error body, anything else as a bare 500. */
  error(err: unknown, requestId: string): Response;
  /** Path parameters that say where the caller acts rather than what the operation takes (default `organization_id`). */
  contextParams?: readonly string[];
  /** What runs before a method the path does not have is refused (the `/api` family authenticates first). */
  beforeMethodNotAllowed?(db: Db, prepared: Prepared): Promise<void>;
};
