import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { samlAssertionsUsed, samlRequests } from "../../../db/schema";
import { isMultiFactorClass, validateSamlResponse, type SamlResponseRefusal } from "../../adapters/saml/response";
import { safeReturnPath } from "../../auth/return-path";
import { env } from "../../env";
import { canonicalEmail, emailDomain } from "../../schemas/common";
import { prepareSignIn, type SignInRefusal } from "../sign-in";
import { findSamlConnection, type SamlConnection } from "./connections";
import { samlIssuerOf } from "./sso-policy";

/** Refusals of SAML's own (prefixed `saml_` for the refusal page), beside those any sign-in may meet. */
type SamlOwnRefusal = SamlResponseRefusal | "unknown_connection" | "unsolicited" | "replayed" | "outside_domain";
export type SamlRefusal = `saml_${SamlOwnRefusal}` | SignInRefusal;

export type SamlSignIn = { ok: true; userId: number; mfa: boolean; returnTo: string } | { ok: false; reason: SamlRefusal; domain?: string };

const refuse = (reason: SamlOwnRefusal, domain?: string) => ({ ok: false as const, reason: `saml_${reason}` as const, domain });

/** The request this response answers, consumed (single use); its return path, or null when there is none to answer. */
async function consumeRequest(db: Db, connection: SamlConnection, requestId: string, now: Date) {
  const [request] = await db
    .delete(samlRequests)
    .where(and(eq(samlRequests.id, requestId), eq(samlRequests.connectionId, connection.id), gt(samlRequests.expiresAt, now)))
    .returning({ returnTo: samlRequests.returnTo });
  return request?.returnTo ?? null;
}

/** Records an assertion as used; false when it already was (a replay, whichever instance saw it first). */
async function firstUseOf(db: Db, connection: SamlConnection, assertionId: string, validUntil: Date, now: Date) {
  await db.delete(samlAssertionsUsed).where(lt(samlAssertionsUsed.expiresAt, now));
  const inserted = await db
    .insert(samlAssertionsUsed)
    .values({ connectionId: connection.id, assertionId, expiresAt: validUntil })
    .onConflictDoNothing()
    .returning({ id: samlAssertionsUsed.assertionId });
  return inserted.length === 1;
}

/**
 * Finishes a SAML sign-in at a connection's ACS: the response must be validly signed and meant for us
 * (`validateSamlResponse`), its assertion never seen before, and it must answer a request we sent within the last
 * 10 minutes (unless the admin accepts sign-ins started at the identity provider, whose RelayState may then only name a
 * path on this site). The address must belong to one of the connection's verified domains; the sign-in then goes
 * through the same rules as any other (deactivated users, enforcement, just-in-time provisioning). A multi-factor
 * authentication context counts as a second factor.
 */
export async function finishSamlLogin(db: Db, connectionId: string, posted: { samlResponse: string; relayState?: string }, now = new Date()): Promise<SamlSignIn> {
  const connection = await findSamlConnection(db, connectionId);
  if (!connection) return refuse("unknown_connection");
  const validated = await validateSamlResponse(posted.samlResponse, {
    idpEntityId: connection.idpEntityId,
    certificates: connection.certificates,
    spEntityId: connection.sp.entityId,
    acsUrl: connection.sp.acsUrl,
  });
  if (!validated.ok) return refuse(validated.reason);
  const { assertion } = validated;
  if (!(await firstUseOf(db, connection, assertion.assertionId, assertion.validUntil, now))) return refuse("replayed");

  let returnTo: string | null;
  if (assertion.inResponseTo) returnTo = await consumeRequest(db, connection, assertion.inResponseTo, now);
  else returnTo = connection.allowIdpInitiated ? safeReturnPath(posted.relayState, env().SITE_URL) : null;
  if (returnTo === null) return refuse("unsolicited");

  const email = canonicalEmail(assertion.email);
  if (!email) return { ok: false, reason: "no_email" };
  if (!connection.domains.includes(emailDomain(email))) return refuse("outside_domain", connection.domains[0]);

  const secondFactor = isMultiFactorClass(assertion.authnContextClassRef);
  const decision = await prepareSignIn(db, {
    kind: "saml",
    provider: "saml",
    issuer: samlIssuerOf(connection.id),
    providerAccountId: assertion.nameId || email,
    email,
    // The organization proved it owns the domain and chose this identity provider to vouch for its addresses.
    emailVerified: true,
    givenName: assertion.givenName,
    familyName: assertion.familyName,
    secondFactor,
  }, now);
  if (!decision.ok) return decision;
  return { ok: true, userId: decision.userId, mfa: secondFactor, returnTo };
}
