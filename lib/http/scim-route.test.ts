import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizationDomains, scimRequestLogs } from "../../db/schema";
import { sha256 } from "../auth/tokens";
import { makeOrganization } from "../testing/fixtures";
import { GET } from "../../app/scim/v2/[connection_id]/Users/route";

test("a SCIM request is logged even when the server has sent the answer's body before the log is written", async () => {
  const { org } = await makeOrganization();
  const token = `odscim_${randomBytes(32).toString("base64url")}`;
  const db = await getDb();
  const [domain] = await db
    .insert(organizationDomains)
    .values({ organizationId: org.id, domain: `${randomBytes(4).toString("hex")}.example`, verificationChallenge: "c".repeat(32), verifiedAt: new Date(), scimEnabled: true, scimTokenHash: sha256(token) })
    .returning();
  const res = await GET(new Request(`http://localhost/scim/v2/${domain.id}/Users`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ connection_id: domain.id }) });
  assert.equal(res.status, 200);
  await res.text();
  let rows: (typeof scimRequestLogs.$inferSelect)[] = [];
  for (let i = 0; i < 50 && rows.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
    rows = await db.select().from(scimRequestLogs).where(eq(scimRequestLogs.domainId, domain.id));
  }
  assert.equal(rows.length, 1);
  assert.equal(rows[0].responseStatus, 200);
  assert.match(rows[0].responseBody, /ListResponse/);
});
