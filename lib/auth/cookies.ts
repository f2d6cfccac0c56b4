import { env } from "../env";

/** next-auth's session cookie name: with the `__Secure-` prefix when the site is served over https. */
export function sessionCookieName() {
  return env().SITE_URL.startsWith("https://") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** Session lifetime, as next-auth's default (30 days). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
