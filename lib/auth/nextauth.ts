import "server-only";
import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { getDb } from "../../db/client";
import { env } from "../env";
import { getAuthSecret } from "../services/instance";
import { deleteSessionByToken } from "../services/sessions";
import { prepareSignIn, providerVouchesForEmail } from "../services/sign-in";
import { pictureFromClaim } from "../services/sign-in-picture";
import { orgdeckAdapter } from "./adapter";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from "./cookies";
import { amrHasSecondFactor, oidcSettings } from "./oidc-settings";
import { refusedPath } from "./refused-path";
import { safeReturnPath } from "./return-path";

type Claims = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * next-auth: one generic OpenID Connect provider (`oidc`, authorization code with PKCE) and database sessions in
 * our own tables. Built per request (lazy), so the secret may come from the database and one build starts with
 * any settings. Nothing here is specific to the bundled development provider.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  const oidc = oidcSettings();
  return {
    adapter: orgdeckAdapter(getDb),
    secret: await getAuthSecret(db),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: env().SITE_URL.startsWith("https://"),
    pages: { signIn: "/signin", error: "/signin/error" },
    providers: oidc
      ? [
          {
            id: "oidc",
            name: oidc.development ? "Development identity provider" : "Single sign-on",
            type: "oidc",
            issuer: oidc.issuer,
            clientId: oidc.clientId,
            clientSecret: oidc.clientSecret,
            checks: ["pkce", "state", "nonce"],
            client: oidc.clientSecret ? undefined : { token_endpoint_auth_method: "none" },
            authorization: { params: { scope: "openid email profile" } },
            profile: (p: Claims) => ({
              id: str(p.sub),
              email: str(p.email).toLowerCase(),
              name: str(p.name) || `${str(p.given_name)} ${str(p.family_name)}`.trim() || null,
            }),
          },
        ]
      : [],
    callbacks: {
      // Every return after signing in or out stays on this site.
      redirect: ({ url }) => new URL(safeReturnPath(url, env().SITE_URL), env().SITE_URL).href,
      async signIn({ account, profile }) {
        if (!account || !profile || !oidc) return "/signin/refused?reason=no_email";
        const claims = profile as Claims;
        // Linking an identity to an existing user by email is decided here, only for a verified address.
        const decision = await prepareSignIn(db, {
          kind: "oidc",
          provider: account.provider,
          issuer: oidc.issuer,
          providerAccountId: account.providerAccountId,
          email: str(claims.email),
          emailVerified: providerVouchesForEmail(claims.email_verified, env().OIDC_TRUST_EMAILS),
          givenName: str(claims.given_name),
          familyName: str(claims.family_name),
          secondFactor: amrHasSecondFactor(claims.amr),
          picture: pictureFromClaim(claims.picture),
        });
        if (!decision.ok) return refusedPath(decision);
        // Every sign-in makes a fresh session (its own sign-in time and second factor): end the one in the cookie.
        const current = (await cookies()).get(sessionCookieName())?.value;
        if (current) await deleteSessionByToken(db, current);
        return true;
      },
    },
  };
});
