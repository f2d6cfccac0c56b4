"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "../auth/nextauth";
import { oidcSettings } from "../auth/oidc-settings";
import { AppError } from "../errors";
import { countSignInAttempt } from "../http/auth-route";
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

/**
 * Starts a sign-in at the identity provider, optionally suggesting an email (`loginHint`, e.g. an invitation's).
 * The development provider always asks who is signing in.
 */
export async function signInAction(formData: FormData) {
  await countAttempt();
  const development = oidcSettings()?.development ?? false;
  const loginHint = formData.get("loginHint");
  const params: Record<string, string> = {};
  if (development) params.prompt = "login";
  if (typeof loginHint === "string" && loginHint) params.login_hint = loginHint.slice(0, 254);
  await signIn("oidc", { redirectTo: safePath(formData.get("callbackUrl")) }, params);
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
