import { createHash } from "node:crypto";
import { getDb } from "./db/client";
import { organizations, organizationDomains, scimRequestLogs } from "./db/schema";
const db = await getDb();
const token = "odscim_" + "a".repeat(43);
const [org] = await db.insert(organizations).values({ name: "X", slug: "x" }).returning();
const [dom] = await db.insert(organizationDomains).values({ organizationId: org.id, domain: "x.example", verificationChallenge: "c".repeat(32), verifiedAt: new Date(), scimEnabled: true, scimTokenHash: createHash("sha256").update(token).digest("hex") }).returning();
const { GET } = await import("./app/scim/v2/[connection_id]/Users/route.ts");
const ctx = { params: Promise.resolve({ connection_id: dom.id }) };
const req = () => new Request(`http://localhost:3000/scim/v2/${dom.id}/Users`, { headers: { authorization: `Bearer ${token}` } });
const count = async () => (await db.select().from(scimRequestLogs)).length;
const r1 = await GET(req(), ctx); await r1.text(); // read at once, as the server sends it
await new Promise((r) => setTimeout(r, 500));
console.log("body read at once:", r1.status, "logs", await count());
const r2 = await GET(req(), ctx); // body left unread
await new Promise((r) => setTimeout(r, 500));
console.log("body left unread:", r2.status, "logs", await count());
process.exit(0);
