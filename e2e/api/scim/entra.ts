import { randomBytes, randomUUID } from "node:crypto";
import { bearer } from "../../support/cli";
import type { TestDnsServer } from "../../support/dns";
import { expectOk } from "../helpers";
import { expect, test } from "../recording";
import { client, ENTERPRISE, GROUP_SCHEMA, patch, q, scimTenant, USER_SCHEMA } from "./support";

const ENTRA = "Azure AD SCIM Client";

/** What Microsoft Entra ID sends, in order: its random-GUID probe, a user's sequence and a group's. */
export function entraSequences(dns: () => TestDnsServer) {
  test.describe("SCIM as Microsoft Entra ID drives it", () => {
    test("a user: probe, create with the enterprise schema, capitalised PATCH ops, \"False\", several attributes in one op, delete (the Orgdeck user stays)", async ({ request }) => {
      const t = await scimTenant(request, dns());
      const e = client(request, t.base, t.token, ENTRA);
      const probe = await e.get(`/Users?${q(`userName eq "${randomUUID()}"`)}`);
      expect([probe.status, probe.type, probe.body.totalResults, probe.body.startIndex, probe.body.itemsPerPage]).toEqual([200, "application/scim+json", 0, 1, 0]);

      const upn = `adele.vance-${randomBytes(2).toString("hex")}@${t.domain}`;
      const created = await e.post("/Users", {
        schemas: [USER_SCHEMA, ENTERPRISE],
        externalId: "AdeleV",
        userName: upn,
        active: true,
        emails: [{ primary: true, type: "work", value: upn }],
        meta: { resourceType: "User" },
        name: { formatted: "Adele Vance", familyName: "Vance", givenName: "Adele" },
        roles: [],
        [ENTERPRISE]: { department: "Retail" },
      });
      expect(created.status).toBe(201);
      expect(created.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE]);
      expect(JSON.stringify(created.body)).not.toContain("null");
      const id = created.body.id;
      expect((await e.get(`/Users?${q(`externalId eq "AdeleV"`)}`)).body.totalResults).toBe(1);
      expect((await e.get(`/Users?${q(`externalId eq "adelev"`)}`)).body.totalResults).toBe(0);
      expect((await e.get(`/Users?${q(`emails[type eq "work"].value eq "${upn.toUpperCase()}"`)}`)).body.totalResults).toBe(1);

      const renamed = `adele.v-${randomBytes(2).toString("hex")}@${t.domain}`;
      const ops = patch(
        { op: "Replace", path: 'emails[type eq "work"].value', value: renamed },
        { op: "Replace", path: "name.familyName", value: "Vance-Smith" },
        { op: "Add", path: "title", value: "Buyer" },
      );
      const changed = await e.call("PATCH", `/Users/${id}`, ops);
      expect(changed).toMatchObject({ status: 200, body: { emails: [{ value: renamed }], name: { familyName: "Vance-Smith" }, title: "Buyer" } });
      expect((await e.call("PATCH", `/Users/${id}`, ops)).body).toEqual({ ...changed.body, meta: expect.any(Object) });

      const many = patch({ op: "replace", value: { displayName: "Adele V.", "name.givenName": "Ada", [`${ENTERPRISE}:employeeNumber`]: "701" } });
      expect((await e.call("PATCH", `/Users/${id}`, many)).body).toMatchObject({ displayName: "Adele V.", name: { givenName: "Ada" }, [ENTERPRISE]: { department: "Retail", employeeNumber: "701" } });

      expect((await e.call("PATCH", `/Users/${id}`, patch({ op: "Replace", path: "active", value: "False" }))).body.active).toBe(false);
      const disabled = await e.get(`/Users?${q(`userName eq "${upn}"`)}`);
      expect(disabled.body.Resources[0]).toMatchObject({ id, active: false });

      expect((await e.call("DELETE", `/Users/${id}`)).status).toBe(204);
      expect((await e.get(`/Users/${id}`)).status).toBe(404);
      const gone = await expectOk(await request.get(`/api/organizations/${t.org.id}/members/?email=${encodeURIComponent(upn)}`, { headers: bearer(t.ownerKey) }));
      expect(gone.count).toBe(0);
      const again = await e.post("/Users", { schemas: [USER_SCHEMA], userName: upn, active: true });
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(id);
    });

    test("a group: probe by displayName, create with an unknown schema URN and no members, reads without members, rename, add with $ref null, both removes, membership check, delete", async ({ request }) => {
      const t = await scimTenant(request, dns());
      const e = client(request, t.base, t.token, ENTRA);
      const user = (await e.post("/Users", { schemas: [USER_SCHEMA], userName: `megan@${t.domain}`, active: true })).body;
      expect((await e.get(`/Groups?excludedAttributes=members&${q('displayName eq "Sales"')}`)).body.totalResults).toBe(0);
      const created = await e.post("/Groups", {
        schemas: [GROUP_SCHEMA, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
        externalId: randomUUID(),
        displayName: "Sales",
        meta: { resourceType: "Group" },
      });
      expect(created).toMatchObject({ status: 201, body: { displayName: "Sales", members: [] } });
      const gid = created.body.id;
      const lean = await e.get(`/Groups/${gid}?excludedAttributes=members`);
      expect(lean.body).not.toHaveProperty("members");
      expect((await e.call("PATCH", `/Groups/${gid}`, patch({ op: "Replace", path: "displayName", value: "Sales EMEA" }))).status).toBe(204);
      expect((await e.call("PATCH", `/Groups/${gid}`, patch({ op: "Add", path: "members", value: [{ $ref: null, value: user.id }] }))).status).toBe(204);
      expect((await e.call("PATCH", `/Groups/${gid}`, patch({ op: "Add", path: "members", value: [{ $ref: null, value: user.id }] }))).status).toBe(204);
      expect((await e.get(`/Groups/${gid}`)).body).toMatchObject({ displayName: "Sales EMEA", members: [{ value: user.id }] });
      const check = `/Groups?excludedAttributes=members&${q(`id eq "${gid}" and members[value eq "${user.id}"]`)}`;
      expect((await e.get(check)).body.totalResults).toBe(1);
      expect((await e.call("PATCH", `/Groups/${gid}`, patch({ op: "Remove", path: "members", value: [{ value: user.id }] }))).status).toBe(204);
      expect((await e.get(check)).body.totalResults).toBe(0);
      await e.call("PATCH", `/Groups/${gid}`, patch({ op: "add", path: "members", value: [{ value: user.id }] }));
      expect((await e.call("PATCH", `/Groups/${gid}`, patch({ op: "remove", path: `members[value eq "${user.id}"]` }))).status).toBe(204);
      expect((await e.get(`/Groups/${gid}`)).body.members).toEqual([]);
      expect((await e.post("/Groups", { schemas: [GROUP_SCHEMA], displayName: "sales emea" })).body).toMatchObject({ status: "409", scimType: "uniqueness" });
      expect((await e.call("DELETE", `/Groups/${gid}`)).status).toBe(204);
    });

    test("beyond the vendors: tenants are isolated, paging reads as documented, bad filters are 400 invalidFilter, a regenerated token replaces the old at once", async ({ request }) => {
      const a = await scimTenant(request, dns());
      const b = await scimTenant(request, dns());
      const ann = (await a.post("/Users", { schemas: [USER_SCHEMA], userName: `ann@${a.domain}` })).body;
      expect((await b.get(`/Users/${ann.id}`)).status).toBe(404);
      expect((await b.call("PATCH", `/Users/${ann.id}`, patch({ op: "replace", value: { active: false } }))).status).toBe(404);
      expect((await b.get("/Users")).body.totalResults).toBe(0);
      expect((await client(request, b.base, a.token).get("/Users")).status).toBe(401);
      const outside = await b.post("/Users", { schemas: [USER_SCHEMA], userName: `ann@${a.domain}` });
      expect(outside).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });

      // An identity-provider config of the same organization is its own tenant, with its own token.
      const configs = `/api/organizations/${a.org.id}/identity_provider_configs/`;
      const config = await expectOk(await request.post(configs, { headers: bearer(a.ownerKey), data: { name: "Okta", scim_enabled: true } }), 201);
      const c = client(request, `/scim/v2/${config.id}`, config.scim_bearer_token);
      expect((await c.get("/Users")).body.totalResults).toBe(0);
      expect((await c.get(`/Users/${ann.id}`)).status).toBe(404);
      expect((await client(request, `/scim/v2/${config.id}`, a.token).get("/Users")).status).toBe(401);

      await a.post("/Users", { schemas: [USER_SCHEMA], userName: `bo@${a.domain}` });
      expect((await a.get("/Users?startIndex=0&count=1")).body).toMatchObject({ startIndex: 1, itemsPerPage: 1, totalResults: 2 });
      expect((await a.get("/Users?count=0")).body).toMatchObject({ totalResults: 2, itemsPerPage: 0, Resources: [] });
      expect((await a.get("/Users?count=100000")).body).toMatchObject({ itemsPerPage: 2 });
      for (const filter of ['userName xx "a"', 'nosuch eq "a"', "userName eq", 'active gt "x"']) {
        expect((await a.get(`/Users?${q(filter)}`)).body, filter).toMatchObject({ status: "400", scimType: "invalidFilter" });
      }
      expect((await a.get(`/Users?${q(`userName sw "ann" or userName co "bo@"`)}`)).body.totalResults).toBe(2);

      const fresh = await expectOk(await request.post(`/api/organizations/${a.org.id}/domains/${a.domainId}/scim/token/`, { headers: a.session }));
      expect((await a.get("/Users")).status).toBe(401);
      expect((await client(request, a.base, fresh.scim_bearer_token).get("/Users")).status).toBe(200);
    });
  });
}
