import "server-only";
import { cookies, headers } from "next/headers";
import { getDb } from "../../db/client";
import { sessionCookieName } from "../auth/cookies";
import { authenticateSession, type Principal } from "../auth/principal";
import { safeReturnPath } from "../auth/return-path";
import { env } from "../env";
import { withAddress } from "../http/request-address";
import { signInRoutesFor, ssoRequirementOfDomain } from "../services/saml/sso-policy";

/** The signed-in caller of a page or server action, from next-auth's session cookie, with the client's address; null when signed out. */
export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(sessionCookieName())?.value;
  const principal = token ? await authenticateSession(await getDb(), token) : null;
  return principal && withAddress(principal, await headers());
}

/** A return path on this site (SITE_URL's origin), else the fallback. */
export function siteReturnPath(value: unknown, fallback = "/") {
  return safeReturnPath(value, env().SITE_URL, fallback);
}

/** How an address may sign in (the email-first sign-in page and the refusal page read it). */
export async function signInRoutes(email: string) {
  return signInRoutesFor(await getDb(), email);
}

/** The single sign-on a domain's addresses must use, if any (the refusal page names it). */
export async function ssoRequirementOf(domain: string) {
  return ssoRequirementOfDomain(await getDb(), domain);
}
