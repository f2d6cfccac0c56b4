/**
 * SAML sign-in state that any instance must see: the requests we sent (a response must answer one of them, once) and
 * the assertions already accepted (an assertion is accepted once, whichever instance receives it again).
 */
import { index, pgTable, primaryKey, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";

/** An AuthnRequest we sent to an identity provider, by its ID: the response's InResponseTo consumes it. */
export const samlRequests = pgTable(
  "saml_requests",
  {
    id: varchar("id", { length: 64 }).primaryKey(),
    /** The SAML connection (a domain id or an identity-provider config id) the request went through. */
    connectionId: uuid("connection_id").notNull(),
    /** Where to go once signed in: a path on this site. */
    returnTo: varchar("return_to", { length: 2048 }).notNull().default("/"),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("saml_requests_expires_idx").on(t.expiresAt)],
);

/** Assertion ids accepted per connection, kept until the assertion itself expires, so a replay is refused. */
export const samlAssertionsUsed = pgTable(
  "saml_assertions_used",
  {
    connectionId: uuid("connection_id").notNull(),
    assertionId: varchar("assertion_id", { length: 256 }).notNull(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.assertionId] }), index("saml_assertions_used_expires_idx").on(t.expiresAt)],
);
