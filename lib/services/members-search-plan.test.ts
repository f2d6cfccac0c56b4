import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizationMemberships, users } from "../../db/schema";
import { env } from "../env";
import { listMembersInput } from "../schemas/members";
import { makeOrganization } from "../testing/fixtures";
import { memberListStatements, setSearchThreshold } from "./members";

const SYLLABLES = ["ka", "lo", "mi", "ren", "to", "sha", "vel", "dor", "quin", "bra", "zel", "mor", "fen", "gal", "hup", "jor", "nyx", "pel", "ras", "tiv", "umb", "wex", "yar", "zon"];
/** A name of `parts` syllables picked by the digits of `n` in base 24: varied, so that one query matches few people. */
function nameOf(n: number, parts: number) {
  let name = "";
  for (let i = 0; i < parts; i++, n = Math.floor(n / SYLLABLES.length)) name += SYLLABLES[n % SYLLABLES.length];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

// The embedded database's planner has no realistic statistics or costs to speak of; CI runs unit tests on PostgreSQL.
const skip = env().DATABASE_URL ? false : "needs PostgreSQL (DATABASE_URL): the plan is PostgreSQL's";

describe("member search's plan", { skip }, () => {
  test("a search uses the trigram GIN indexes on users, not a scan of every member", async () => {
    const db = await getDb();
    const { org } = await makeOrganization();
    const tag = randomBytes(3).toString("hex");
    const people = Array.from({ length: 5000 }, (_, i) => ({
      email: `${nameOf(i * 7919, 3).toLowerCase()}-${tag}@example.test`,
      firstName: nameOf(i * 104729, 3),
      lastName: nameOf(i, 4),
      distinctId: `plan-${tag}-${i}`,
    }));
    const made = await db.insert(users).values(people).returning({ id: users.id });
    await db.insert(organizationMemberships).values(made.map((u) => ({ organizationId: org.id, userId: u.id, level: 1, source: "cli" as const })));
    await db.execute(sql`analyze users`);
    await db.execute(sql`analyze organization_memberships`);

    const input = listMembersInput.parse({ search: `${people[1234].lastName.slice(0, -1)}x` }) // one typo;
    const plan = await db.transaction(async (tx) => {
      await setSearchThreshold(tx);
      // Scans that read every user are priced out, so the plan shows whether the search can use an index at all.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_indexscan = off`);
      const rows = (await tx.execute(sql`explain ${memberListStatements(tx, org.id, true, input).rows.getSQL()}`)) as unknown as Array<Record<string, string>>;
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    assert.match(plan, /users_(first_name|last_name|email|full_name)_trgm_idx/, plan);
    assert.doesNotMatch(plan, /Seq Scan on users/, plan);
  });
});
