import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accounts, users } from "../../db/schema";
import { findUserByEmail } from "../services/admin";
import { oidcSettings } from "./oidc-settings";
import { provisionUser } from "../services/provision-user";
import { createSessionRow, deleteSessionByToken, findSessionByToken, updateSessionExpiry } from "../services/sessions";

type UserRow = typeof users.$inferSelect;

/** next-auth sees our users by their uuid; integer ids stay inside. */
function toAdapterUser(user: UserRow): AdapterUser {
  const name = `${user.firstName} ${user.lastName}`.trim();
  return { id: user.uuid, email: user.email, emailVerified: null, name: name || null };
}

function toAdapterSession(token: string, userUuid: string, expires: Date): AdapterSession {
  return { sessionToken: token, userId: userUuid, expires };
}

async function userByUuid(db: Db, uuid: string) {
  const [user] = await db.select().from(users).where(eq(users.uuid, uuid));
  return user ?? null;
}

/**
 * next-auth's database sessions over our own tables (the stock drizzle adapter wants its own table shapes).
 * Identities are keyed by the configured issuer and the subject, whatever next-auth calls the provider.
 * Session tokens are stored as their SHA-256. Deactivated users are refused by the sign-in callback and have no session.
 */
export function orgdeckAdapter(getDb: () => Promise<Db>): Adapter {
  return {
    async createUser(user) {
      const [first, ...rest] = (user.name ?? "").trim().split(/\s+/);
      const db = await getDb();
      const created = await db.transaction((tx) =>
        provisionUser(tx, { email: user.email, firstName: first, lastName: rest.join(" "), emailVerified: null, source: "oidc" }),
      );
      return toAdapterUser(created);
    },
    async getUser(id) {
      const user = await userByUuid(await getDb(), id);
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const user = await findUserByEmail(await getDb(), email);
      return user ? toAdapterUser(user) : null;
    },
    async getUserByAccount({ providerAccountId }) {
      const issuer = oidcSettings()?.issuer;
      if (!issuer) return null;
      const [row] = await (await getDb())
        .select({ user: users })
        .from(accounts)
        .innerJoin(users, eq(users.id, accounts.userId))
        .where(and(eq(accounts.issuer, issuer), eq(accounts.providerAccountId, providerAccountId)));
      return row ? toAdapterUser(row.user) : null;
    },
    async linkAccount(account) {
      const db = await getDb();
      const user = await userByUuid(db, account.userId);
      if (!user) throw new Error("No such user");
      await db
        .insert(accounts)
        .values({
          userId: user.id,
          type: account.type,
          provider: account.provider,
          issuer: oidcSettings()?.issuer ?? null,
          providerAccountId: account.providerAccountId,
        })
        .onConflictDoNothing();
    },
    async updateUser(partial) {
      const db = await getDb();
      const user = await userByUuid(db, partial.id);
      if (!user) throw new Error("No such user");
      return toAdapterUser(user);
    },
    async createSession({ sessionToken, userId, expires }) {
      const db = await getDb();
      const user = await userByUuid(db, userId);
      if (!user) throw new Error("No such user");
      // A session made by a sign-in carries that sign-in's second factor, recorded on the user just before.
      await createSessionRow(db, { userId: user.id, token: sessionToken, expires, mfa: user.is2faEnabled });
      return toAdapterSession(sessionToken, userId, expires);
    },
    async getSessionAndUser(sessionToken) {
      const row = await findSessionByToken(await getDb(), sessionToken);
      if (!row) return null;
      return { session: toAdapterSession(sessionToken, row.user.uuid, row.session.expires), user: toAdapterUser(row.user) };
    },
    async updateSession({ sessionToken, expires }) {
      if (!expires) return null;
      const db = await getDb();
      const row = await updateSessionExpiry(db, sessionToken, expires);
      const user = row && (await db.select({ uuid: users.uuid }).from(users).where(eq(users.id, row.userId)))[0];
      return row && user ? toAdapterSession(sessionToken, user.uuid, row.expires) : null;
    },
    async deleteSession(sessionToken) {
      await deleteSessionByToken(await getDb(), sessionToken);
    },
  };
}
