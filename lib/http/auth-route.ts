import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "../../db/client";
import { env } from "../env";
import { consumeRateLimit, signInsPerClient } from "../services/rate-limits";
import { error as apiError } from "./families/api";
import { requestClientAddress } from "./request-address";
import { withSecurityHeaders } from "./security-headers";

const COUNTED = /^\/api\/auth\/(signin|callback)\//;

/** Counts one sign-in attempt of the request's client (RATE_LIMIT_SIGNINS_PER_MINUTE); throws 429 over the limit. */
export async function countSignInAttempt(headers: Headers) {
  await consumeRateLimit(await getDb(), signInsPerClient(), requestClientAddress(headers), new Date());
}

/**
 * next-auth's routes: sign-in attempts (starting one, and the identity provider's callback) are limited per client
 * address per minute (RATE_LIMIT_SIGNINS_PER_MINUTE), over the limit answering 429 with `Retry-After`; every answer
 * carries the API's security headers.
 */
export function authRoute<R extends Request>(handler: (req: R) => Promise<Response>): (req: R) => Promise<Response> {
  return async (req) => {
    if (COUNTED.test(new URL(req.url).pathname)) {
      try {
        await countSignInAttempt(req.headers);
      } catch (err) {
        return withSecurityHeaders(apiError(err, randomUUID()), env().SITE_URL);
      }
    }
    return withSecurityHeaders(await handler(req), env().SITE_URL);
  };
}
