"use server";

import { signIn, signOut } from "../auth/nextauth";
import { oidcSettings } from "../auth/oidc-settings";

/** Only same-site paths may be returned to after sign-in. */
function safePath(path: unknown) {
  return typeof path === "string" && path.startsWith("/") && !path.startsWith("//") ? path : "/";
}

/** Starts a sign-in at the identity provider. The development provider always asks who is signing in. */
export async function signInAction(formData: FormData) {
  const development = oidcSettings()?.development ?? false;
  await signIn("oidc", { redirectTo: safePath(formData.get("callbackUrl")) }, development ? { prompt: "login" } : undefined);
}

/** A fresh sign-in that proves the person is still there (re-authentication, or to add a second factor). */
export async function reauthenticateAction(formData: FormData) {
  await signIn("oidc", { redirectTo: safePath(formData.get("callbackUrl")) }, { prompt: "login", max_age: "0" });
}

/** Ends the session: its row is deleted and the cookie cleared. */
export async function signOutAction() {
  await signOut({ redirectTo: "/signin" });
}
