import { randomBytes, randomUUID } from "node:crypto";
import { bearer, makeKey, makeUser } from "../../support/cli";
import type { TestDnsServer } from "../../support/dns";
import { expectOk } from "../helpers";
import { expect, test } from "../recording";
import { client, ERROR, GROUP_SCHEMA, LIST, oktaUser, patch, q, scimTenant } from "./support";

/** What Okta sends, in order: its SCIM 2.0 spec test, a user's lifecycle and Group Push. */
export function oktaSequences(dns: () => TestDnsServer) {
  test.describe("SCIM as Okta drives it", () => {
    test("the spec test: list, read, filters, 404s, create, 409 on a duplicate, a case-insensitive userName filter, groups, 401", async ({ request }) => {
      const t = await scimTenant(request, dns());
      const seeded = await t.post("/Users", oktaUser(`seed@${t.domain}`));
      expect([seeded.status, seeded.type]).toEqual([201, "application/scim+json"]);

      const r1 = await t.get("/Users?count=1&startIndex=1");
      expect(r1.status).toBe(200);
      expect(r1.body).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
      const [first] = r1.body.Resources;
      expect(first).toMatchObject({ id: seeded.body.id, userName: `seed@${t.domain}`, name: { givenName: "Test", familyName: "User" }, emails: [{ value: `seed@${t.domain}` }], active: true });
      expect((await t.get(`/Users/${first.id}`)).body).toMatchObject({ id: first.id, userName: first.userName, name: first.name, active: true });
      for (const missing of [`nobody-${randomBytes(3).toString("hex")}@${t.domain}`, `${randomUUID()}@example.com`]) {
        expect((await t.get(`/Users?${q(`userName eq "${missing}"`)}`)).body).toMatchObject({ totalResults: 0, Resources: [] });
      }
      const r4 = await t.get(`/Users/${randomUUID()}`);
      expect(r4).toMatchObject({ status: 404, body: { schemas: [ERROR], status: "404", detail: expect.any(String) } });

      const userName = `Jane.Doe-${randomBytes(2).toString("hex")}@${t.domain}`;
      const r6 = await t.post("/Users", oktaUser(userName, { name: { givenName: "Jane", familyName: "Doe" }, displayName: "Jane Doe" }));
      expect(r6.status).toBe(201);
      expect(r6.body).toMatchObject({ id: expect.any(String), userName, name: { givenName: "Jane", familyName: "Doe" }, displayName: "Jane Doe", active: true, meta: { resourceType: "User" } });
      expect((await t.get(`/Users/${r6.body.id}`)).body).toMatchObject({ userName, name: { givenName: "Jane" } });
      const r8 = await t.post("/Users", oktaUser(userName));
      expect(r8).toMatchObject({ status: 409, body: { schemas: [ERROR], status: "409", scimType: "uniqueness" } });
      const r9 = await t.get(`/Users?${q(`userName eq "${userName.toUpperCase()}"`)}`);
      expect(r9.body.totalResults).toBe(1);
      expect(r9.body.Resources[0].id).toBe(r6.body.id);

      expect((await t.get("/Groups")).body).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
      expect((await t.get("/Users?startIndex=1&count=2")).body).toMatchObject({ totalResults: 2, itemsPerPage: 2 });
      expect((await t.get("/Groups?startIndex=1&count=100")).status).toBe(200);
      const wrong = await client(request, t.base, `odscim_${"x".repeat(43)}`).get("/Users");
      expect(wrong).toMatchObject({ status: 401, body: { schemas: [ERROR], status: "401", detail: expect.any(String) } });
      expect((await client(request, t.base, "").get("/Users")).status).toBe(401);

      // Every request is in the domain's SCIM log, the token hidden and the person masked (written in the background).
      const logs = `/api/organizations/${t.org.id}/domains/${t.domainId}/scim/logs/?page_size=100`;
      await expect.poll(async () => (await expectOk(await request.get(logs, { headers: t.session }))).count).toBeGreaterThanOrEqual(15);
      const { results } = await expectOk(await request.get(`${logs}&status_min=409&status_max=409`, { headers: t.session }));
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ request_method: "POST", request_path: `${t.base}/Users`, response_status: 409, identity_provider: "okta", request_headers: { authorization: "***" } });
      expect(results[0].request_body).not.toContain(userName);
    });

    test("a user's lifecycle: assigned (password never kept), a profile change by PUT, deactivated and reactivated by PATCH; the suspended member has no access", async ({ request }) => {
      const t = await scimTenant(request, dns());
      const userName = `test.user-${randomBytes(2).toString("hex")}@${t.domain}`;
      expect((await t.get(`/Users?${q(`userName eq "${userName}"`)}&startIndex=1&count=100`)).body.totalResults).toBe(0);
      const created = await t.post("/Users", oktaUser(userName, { externalId: "00u1abcd", locale: "en-US", groups: [], password: "Sup3rSecret!" }));
      expect(created.status).toBe(201);
      expect(JSON.stringify(created.body)).not.toContain("Sup3rSecret");
      expect(created.body).not.toHaveProperty("password");
      expect(created.body).toMatchObject({ externalId: "00u1abcd", locale: "en-US" });

      const current = (await t.get(`/Users/${created.body.id}`)).body;
      const put = await t.call("PUT", `/Users/${created.body.id}`, { ...current, name: { ...current.name, familyName: "Renamed" } });
      expect(put).toMatchObject({ status: 200, body: { id: created.body.id, name: { familyName: "Renamed" }, externalId: "00u1abcd" } });

      const members = await expectOk(await request.get(`/api/organizations/${t.org.id}/members/?email=${encodeURIComponent(userName)}`, { headers: bearer(t.ownerKey) }));
      expect(members.results[0]).toMatchObject({ is_suspended: false, user: { email: userName.toLowerCase(), last_name: "Renamed" } });

      const personalKey = await makeKey(userName.toLowerCase(), "*");
      const org = `/api/organizations/${t.org.id}/`;
      expect((await request.get(org, { headers: bearer(personalKey) })).status()).toBe(200);
      const off = await t.call("PATCH", `/Users/${created.body.id}`, patch({ op: "replace", value: { active: false } }));
      const stranger = await request.get(org, { headers: bearer(await makeKey((await makeUser("stranger")).email, "*")) });
      const whileSuspended = await request.get(org, { headers: bearer(personalKey) });
      expect([whileSuspended.status(), await whileSuspended.json()]).toEqual([stranger.status(), await stranger.json()]);
      expect(off).toMatchObject({ status: 200, body: { active: false } });
      const suspended = await expectOk(await request.get(`/api/organizations/${t.org.id}/members/?email=${encodeURIComponent(userName)}`, { headers: bearer(t.ownerKey) }));
      expect(suspended.results[0].is_suspended).toBe(true);
      expect((await t.get(`/Users?${q("active eq false")}`)).body.Resources.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
      expect((await t.call("PATCH", `/Users/${created.body.id}`, patch({ op: "replace", value: { active: false } }))).body.active).toBe(false);
      const on = await t.call("PATCH", `/Users/${created.body.id}`, patch({ op: "replace", value: { active: true } }));
      expect(on.body.active).toBe(true);
      const restored = await expectOk(await request.get(`/api/organizations/${t.org.id}/members/?email=${encodeURIComponent(userName)}`, { headers: bearer(t.ownerKey) }));
      expect(restored.results[0].is_suspended).toBe(false);
      expect((await request.get(org, { headers: bearer(personalKey) })).status()).toBe(200);

      // Import pages in creation order.
      await t.post("/Users", oktaUser(`second-${randomBytes(2).toString("hex")}@${t.domain}`));
      const page2 = await t.get("/Users?startIndex=2&count=1");
      expect(page2.body).toMatchObject({ totalResults: 2, startIndex: 2, itemsPerPage: 1 });
      expect(page2.body.Resources[0].id).not.toBe(created.body.id);
    });

    test("Group Push: create, rename with the id in the value, members by remove/add and by replace, read, delete", async ({ request }) => {
      const t = await scimTenant(request, dns());
      const alice = (await t.post("/Users", oktaUser(`alice@${t.domain}`))).body;
      const bob = (await t.post("/Users", oktaUser(`bob@${t.domain}`))).body;
      const group = await t.post("/Groups", { schemas: [GROUP_SCHEMA], displayName: "Test SCIMv2", members: [] });
      expect(group).toMatchObject({ status: 201, body: { id: expect.any(String), displayName: "Test SCIMv2", members: [] } });
      const gid = group.body.id;

      expect((await t.call("PATCH", `/Groups/${gid}`, patch({ op: "replace", value: { id: gid, displayName: "Test SCIMv2 renamed" } }))).status).toBe(204);
      expect((await t.get(`/Groups/${gid}`)).body).toMatchObject({ id: gid, displayName: "Test SCIMv2 renamed" });

      const add = patch({ op: "remove", path: `members[value eq "${bob.id}"]` }, { op: "add", path: "members", value: [{ value: alice.id, display: alice.userName }] });
      expect((await t.call("PATCH", `/Groups/${gid}`, add)).status).toBe(204);
      expect((await t.call("PATCH", `/Groups/${gid}`, add)).status).toBe(204);
      expect((await t.get(`/Groups/${gid}`)).body.members.map((m: { value: string }) => m.value)).toEqual([alice.id]);
      expect((await t.call("PATCH", `/Groups/${gid}`, patch({ op: "replace", path: "members", value: [{ value: bob.id }] }))).status).toBe(204);
      expect((await t.get(`/Groups/${gid}`)).body.members).toEqual([expect.objectContaining({ value: bob.id, display: bob.userName })]);
      expect((await t.get("/Groups?startIndex=1&count=100")).body).toMatchObject({ totalResults: 1, Resources: [{ id: gid }] });

      expect((await t.call("DELETE", `/Groups/${gid}`)).status).toBe(204);
      expect((await t.get(`/Groups/${gid}`)).status).toBe(404);
    });
  });
}
