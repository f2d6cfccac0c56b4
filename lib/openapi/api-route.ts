import type { z } from "zod";
import type { Operation } from "../services/operation";
import type { Page } from "../services/page";
import type { FileResult, Redirect } from "../services/results";
import type { HttpMethod } from "./types";

/** One method of one documented path: the operation it runs and how its success looks on the wire. */
export type ApiRoute = {
  method: HttpMethod;
  /** The path as documented, ids as `{name}` templates, with its trailing slash. */
  path: string;
  operation: Operation;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  status: 200 | 201 | 204 | 302;
  /** The success body's schema; null for 204. */
  response: z.ZodType | null;
  /** The request body when it is not the operation's input (which some operations validate in steps). */
  body?: z.ZodType;
  /** Whether the object may clash with another (409). */
  conflict?: true;
  /** Whether an abuse limit may answer 429. */
  throttled?: true;
  /** A file download instead of a JSON body: its media types, and what the file holds. */
  download?: { mediaTypes: string[]; description: string };
  /** A 400 this endpoint answers as `{"detail": …}` alone, and when. */
  detailOnly400?: string;
  /** Whether an outside system's failure may answer 503 (nothing changed). */
  unavailable?: true;
  /** A redirect (302) instead of a body: what its `Location` points at. */
  redirect?: string;
  /** Its 400 and 404 have an empty body. */
  bodyless4xx?: true;
};

type Envelope<T> = { count: number; next: string | null; previous: string | null; results: T[] };
type Wire<R> = R extends Page<infer T> ? Envelope<T> : R;
/** One impossible extra argument when the operation's result does not fit its response schema, so the entry fails to compile. */
type Fits<R, Z> = Z extends z.ZodType
  ? [Wire<R>] extends [z.output<Z>]
    ? []
    : [resultDoesNotFitSchema: Wire<R>]
  : [R] extends [null]
    ? []
    : [R] extends [FileResult]
      ? []
      : [R] extends [Redirect]
        ? []
        : [resultIsNotEmpty: R];

type Details = Pick<
  ApiRoute,
  "operationId" | "tag" | "summary" | "description" | "body" | "conflict" | "throttled" | "download" | "detailOnly400" | "redirect" | "unavailable" | "bodyless4xx"
> & {
  status?: 201 | 204 | 302;
};

/** Declares one documented endpoint; it does not compile when the operation's result does not fit `response`. */
export function api<S extends z.ZodType, R, Z extends z.ZodType | null>(
  method: HttpMethod,
  path: string,
  operation: Operation<S, R>,
  response: Z,
  details: Details,
  ..._fits: Fits<R, Z>
): ApiRoute {
  return { method, path, operation: operation as Operation, response, status: details.status ?? 200, ...details };
}
