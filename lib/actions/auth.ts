"use server";

import { headers } from "next/headers";
import { getDb } from "../../db/client";
import { redirect } from "next/navigation";
import { signIn, signOut } from "../auth/nextauth";
import { oidcSettings } from "../auth/oidc-settings";
import { AppError } from "../errors";
import { countSignInAttempt } from "../http/auth-route";
import { canonicalEmail } from "../schemas/common";
import { signInRoutesFor } from "../services/saml/sso-policy";
import { siteReturnPath as safePath } from "./session";

/** Starting a sign-in counts against the client's sign-in limit; over it, the refusal page says to wait. */
async function countAttempt() {
  try {
    await countSignInAttempt(await headers());
  } catch (err) {
    if (err instanceof AppError && err.key === "throttled") redirect("/signin/refused?reason=throttled");
    throw err;
  }
}

/** Starts a sign-in at the OpenID Connect provider, suggesting an address when known. The development provider always asks who is signing in. */
async function signInWithOidc(callbackUrl: string, loginHint: string | null) {
  if (!oidcSettings()) redirect(`/signin?${new URLSearchParams({ callbackUrl, error: "Configuration" })}`);
  await countAttempt();
  const params: Record<string, string> = {};
  if (oidcSettings()?.development) params.prompt = "login";
  if (loginHint) params.login_hint = loginHint.slice(0, 254);
  await signIn("oidc", { redirectTo: callbackUrl }, params);
}

const samlLoginPath = (connectionId: string, callbackUrl: string) => `/saml/${connectionId}/login?${new URLSearchParams({ return_to: callbackUrl })}`;

/**
 * Email first: an address under a verified domain that enforces single sign-on goes to the required method (its SAML
 * identity provider, or the OpenID Connect provider); one whose domain offers SAML without enforcing it chooses on the
 * sign-in page; any other goes to the OpenID Connect provider.
 */
export async function continueSignInAction(formData: FormData) {
  const callbackUrl = safePath(formData.get("callbackUrl"));
  const email = canonicalEmail(String(formData.get("email") ?? ""));
  if (!email) redirect(`/signin?${new URLSearchParams({ callbackUrl, error: "InvalidEmail" })}`);
  const routes = await signInRoutesFor(await getDb(), email);
  if (routes.required?.kind === "saml" && routes.samlConnectionId) redirect(samlLoginPath(routes.samlConnectionId, callbackUrl));
  if (!routes.required && routes.samlConnectionId) redirect(`/signin?${new URLSearchParams({ callbackUrl, email })}`);
  await signInWithOidc(callbackUrl, email);
}

/** Starts a sign-in with a chosen method: `saml` (with the connection) or the OpenID Connect provider. */
export async function signInAction(formData: FormData) {
  const callbackUrl = safePath(formData.get("callbackUrl"));
  const connection = formData.get("samlConnection");
  if (typeof connection === "string" && connection) redirect(samlLoginPath(connection, callbackUrl));
  const loginHint = formData.get("loginHint");
  await signInWithOidc(callbackUrl, typeof loginHint === "string" && loginHint ? loginHint : null);
}

/** A fresh sign-in that proves the person is still there (re-authentication, or to add a second factor). */
export async function reauthenticateAction(formData: FormData) {
  await countAttempt();
  await signIn("oidc", { redirectTo: safePath(formData.get("callbackUrl")) }, { prompt: "login", max_age: "0" });
}

/** Ends the session: its row is deleted and the cookie cleared; then back to sign-in (or a given page). */
export async function signOutAction(formData?: FormData) {
  const back = formData?.get("callbackUrl");
  await signOut({ redirectTo: safePath(back, "/signin") });
}
