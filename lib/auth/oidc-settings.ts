import { env } from "../env";

export type OidcSettings = { issuer: string; clientId: string; clientSecret?: string; development: boolean };

const store = globalThis as typeof globalThis & { __orgdeckDevIdp?: OidcSettings };

/** Called once at start-up when the bundled development identity provider is listening. */
export function registerDevelopmentIdp(settings: Omit<OidcSettings, "development">) {
  store.__orgdeckDevIdp = { ...settings, development: true };
}

/** The identity provider to sign in with: OIDC_ISSUER when set, else the bundled development one. */
export function oidcSettings(): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env();
  if (OIDC_ISSUER && OIDC_CLIENT_ID) {
    return { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, development: false };
  }
  return store.__orgdeckDevIdp ?? null;
}

/** Where sign-in forms lead: the configured issuer's origin, or the bundled provider's on loopback; null when neither. */
export function identityProviderOrigin(): string | null {
  const { OIDC_ISSUER, DEV_IDP, DEV_IDP_PORT } = env();
  if (OIDC_ISSUER) return new URL(OIDC_ISSUER).origin;
  return DEV_IDP ? `http://127.0.0.1:${DEV_IDP_PORT}` : null;
}

/** The ID token's `amr` names a multi-factor method, so the sign-in counts as two-factor. */
export function amrHasSecondFactor(amr: unknown) {
  return Array.isArray(amr) && amr.some((m) => ["mfa", "otp", "hwk", "swk", "sms"].includes(String(m)));
}
