import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client";
import { personalApiKeys, users } from "../../db/schema";
import { AppError } from "../errors";
import { log } from "../log";
import { hotQuery } from "../services/prepared";
import { findSessionByToken } from "../services/sessions";
import { sha256, tokenKind } from "./tokens";

export type AuthUser = typeof users.$inferSelect;

/** The kinds of caller that are a signed-in person: a cookie session, a personal API key, the admin CLI. */
export const USER_CALLERS = ["session", "api_key", "cli"] as const;
export type UserCallerKind = (typeof USER_CALLERS)[number];

/** What a SCIM token is bound to: a verified domain or an identity-provider config, in one organization. */
export type ScimTarget = { kind: "domain" | "identity_provider_config"; id: string };

/** A service account as a caller: its organization's machine client, with the permissions its access token carries. */
export type ServiceAccountCaller = { id: string; name: string; clientId: string; permissions: string[] };

/**
 * Who is calling: a cookie session, a personal API key, an operator at the admin CLI (with or without a user), an
 * identity provider's SCIM client (no user: one organization, one domain or config), a service account (no user: one
 * organization, by an access token from `/oauth/token`), or nobody (`anonymous`: a SAML post, a signing page, a
 * webhook).
 */
export type Principal = (
  | { kind: "session"; user: AuthUser; session: { id: string; signedInAt: Date; mfa: boolean } }
  | { kind: "api_key"; user: AuthUser; key: { id: string; label: string; scopes: string[]; scopedOrganizations: string[]; scopedTeams?: number[] } }
  | { kind: "cli"; user: AuthUser | null }
  | { kind: "scim"; user: null; organizationId: string; target: ScimTarget; label: string }
  | { kind: "service_account"; user: null; organizationId: string; serviceAccount: ServiceAccountCaller }
  | { kind: "anonymous"; user: null }
) & {
  /** The client's address when the call came over HTTP (REST or a console action); absent for the CLI and workers. */
  address?: string;
};

export type CallerKind = Principal["kind"];

export const ANONYMOUS: Principal = { kind: "anonymous", user: null };

export function isUserCaller(kind: CallerKind): kind is UserCallerKind {
  return (USER_CALLERS as readonly string[]).includes(kind);
}

/**
 * How the audit trail names a caller that is neither a user nor the operator: an identity provider's SCIM client, a
 * service account, or nobody. Null for users (the entry names them) and for the admin CLI (a system entry, as before callers had labels).
 */
export function actorLabel(principal: Principal): string | null {
  if (principal.kind === "scim") return principal.label;
  if (principal.kind === "service_account") return principal.serviceAccount.name;
  if (principal.kind === "anonymous") return "anonymous";
  return null;
}

export type KeyLocation = "header" | "body" | "query";

const LOCATION_WORDS: Record<KeyLocation, string> = {
  header: "Authorization header",
  body: "body",
  query: "query string",
};

const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

const keyByHash = (e: Executor) =>
  e
    .select({ key: personalApiKeys, user: users })
    .from(personalApiKeys)
    .innerJoin(users, eq(users.id, personalApiKeys.userId))
    .where(eq(personalApiKeys.secureValue, sql.placeholder("hash")))
    .limit(1)
    .prepare("api_key_by_hash");

/** One indexed query: the key by its hash, with its (active) owner. */
export async function authenticateApiKey(
  db: Db,
  value: string,
  location: KeyLocation,
  { requestId, now = new Date() }: { requestId?: string; now?: Date } = {},
): Promise<Principal> {
  // A value that is not shaped like a personal API key is refused without a lookup, with the same answer.
  const [row] = tokenKind(value) === "personal_api_key" ? await hotQuery(db, "api_key_by_hash", keyByHash).execute({ hash: sha256(value) }) : [];
  if (!row || !row.user.isActive) {
    throw new AppError("authentication_failed", {
      detail: `Personal API key found in request ${LOCATION_WORDS[location]} is invalid.`,
    });
  }
  const { key } = row;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // At most one write an hour per key; the conditional update keeps concurrent requests from repeating it.
    const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    db.update(personalApiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(personalApiKeys.id, key.id), or(isNull(personalApiKeys.lastUsedAt), lt(personalApiKeys.lastUsedAt, cutoff))))
      .catch((err: unknown) => log.warn({ err, request_id: requestId }, "could not record last_used_at"));
  }
  return {
    kind: "api_key",
    user: row.user,
    key: { id: key.id, label: key.label, scopes: key.scopes, scopedOrganizations: key.scopedOrganizations, scopedTeams: key.scopedTeams },
  };
}

/** One indexed query: the unexpired session by its token's hash, with its active user; null when there is none. */
export async function authenticateSession(db: Db, token: string, now = new Date()): Promise<Principal | null> {
  const row = await findSessionByToken(db, token, now);
  if (!row) return null;
  return {
    kind: "session",
    user: row.user,
    session: { id: row.session.id, signedInAt: row.session.signedInAt, mfa: row.session.mfa },
  };
}

/** The projects a caller is limited to: a project-scoped personal API key's, else null (all it may otherwise reach). */
export function projectLimit(principal: Principal): readonly number[] | null {
  return principal.kind === "api_key" && (principal.key.scopedTeams?.length ?? 0) > 0 ? (principal.key.scopedTeams as number[]) : null;
}

/** The organizations a caller is limited to: an organization-scoped personal API key's, else null (all the user's). */
export function organizationLimit(principal: Principal): readonly string[] | null {
  return principal.kind === "api_key" && principal.key.scopedOrganizations.length > 0 ? principal.key.scopedOrganizations : null;
}
