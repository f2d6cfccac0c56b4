import "server-only";
import { cookies } from "next/headers";
import { getDb } from "../../db/client";
import { sessionCookieName } from "../auth/cookies";
import { authenticateSession, type Principal } from "../auth/principal";

/** The signed-in caller of a page or server action, from next-auth's session cookie; null when signed out. */
export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(sessionCookieName())?.value;
  return token ? authenticateSession(await getDb(), token) : null;
}
