import "server-only";
import NextAuth from "next-auth";
import { getDb } from "../../db/client";
import { env } from "../env";
import { getAuthSecret } from "../services/instance";
import { orgdeckAdapter } from "./adapter";
import { SESSION_MAX_AGE_SECONDS } from "./cookies";

/**
 * next-auth with database sessions in our own tables. Configuration is built per request (lazy), so the secret
 * may come from the database and one build starts with any settings. Sign-in providers arrive with the sign-in issue.
 */
export const { handlers, auth, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    adapter: orgdeckAdapter(getDb),
    secret: await getAuthSecret(db),
    trustHost: true,
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: env().SITE_URL.startsWith("https://"),
    providers: [],
  };
});
