import "server-only";
import { cookies } from "next/headers";
import { getDb } from "../../db/client";
import { sessionCookieName } from "../auth/cookies";
import { authenticateSession, type Principal } from "../auth/principal";
import { safeReturnPath } from "../auth/return-path";
import { env } from "../env";

/** The signed-in caller of a page or server action, from next-auth's session cookie; null when signed out. */
export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(sessionCookieName())?.value;
  return token ? authenticateSession(await getDb(), token) : null;
}

/** A return path on this site (SITE_URL's origin), else the fallback. */
export function siteReturnPath(value: unknown, fallback = "/") {
  return safeReturnPath(value, env().SITE_URL, fallback);
}
