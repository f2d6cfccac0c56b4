import { expect, test, type APIRequestContext } from "./recording";
import { bearer, makeKey, makeOrganization } from "../support/cli";
import { E, expectError, expectOk } from "./helpers";

type Entry = { id: string; scope: string; activity: string; detail: { name: string; via?: { kind: string; key_label?: string }; address?: string } };

const exportOf = (request: APIRequestContext, key: string, orgId: string, query: string) =>
  request.get(`/api/organizations/${orgId}/activity_log/export/?${query}`, { headers: bearer(key) });

const jsonLines = (text: string) => text.trimEnd().split("\n").map((line) => JSON.parse(line) as Entry);

/** An organization whose owner (key "owner") renamed it twice and made a member an administrator. */
async function history(request: APIRequestContext) {
  const made = await makeOrganization([1]);
  const { org, ownerKey, members } = made;
  for (const name of ["Export One", "Export, \"Two\""]) await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { name } }));
  await expectOk(await request.patch(`/api/organizations/${org.id}/members/${members[0].uuid}/`, { headers: bearer(ownerKey), data: { level: 8 } }));
  return made;
}

test.describe("activity log export", () => {
  test("JSON Lines: the list's entries, newest first, as attachments, with how each actor came in", async ({ request }) => {
    const { org, ownerKey } = await history(request);
    const res = await exportOf(request, ownerKey, org.id, "format=jsonl");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="activity-log-[\w-]+-\d{4}-\d{2}-\d{2}\.jsonl"; filename\*=UTF-8''activity-log-.+\.jsonl$/);
    const entries = jsonLines(await res.text());
    const list = await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(ownerKey) }));
    expect(entries).toEqual(list.results);
    expect(entries[0]).toMatchObject({ scope: "OrganizationMembership", activity: "updated", detail: { via: { kind: "api_key", key_label: "owner" } } });
    expect(entries[0].detail.address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await res.text()).not.toContain("odk_");
  });

  test("CSV: a header, RFC 4180 quoting, words for people, and the filters applied", async ({ request }) => {
    const { org, ownerKey } = await history(request);
    const res = await exportOf(request, ownerKey, org.id, "format=csv&scope=Organization&activity=updated");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="activity-log-[\w-]+-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''activity-log-.+\.csv$/);
    const rows = (await res.text()).trimEnd().split("\r\n");
    expect(rows[0]).toBe("id,created_at,person,person_email,way_in,address,summary,object,activity,item_id,item_name,changes");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain('"Export, ""Two"""');
    expect(rows[1]).toContain("API key “owner”");
    expect(rows[1]).toContain('"Name: Export One → Export, ""Two"""');
    expect(rows[2]).toContain(",Export One,");

    const members = await exportOf(request, ownerKey, org.id, "format=csv&scope=OrganizationMembership&activity=updated");
    const memberRows = (await members.text()).trimEnd().split("\r\n");
    expect(memberRows).toHaveLength(2);
    expect(memberRows[1]).toContain("Level: member → administrator");
  });

  test("the list's permission: a member is refused, a key needs activity_log:read, an admin's scoped key may", async ({ request }) => {
    const { org, members } = await makeOrganization([1, 8]);
    await expectError(await exportOf(request, members[0].key, org.id, "format=csv"), 403, E.levelInsufficient);
    const narrow = await makeKey(members[1].email, "organization:read");
    await expectError(await exportOf(request, narrow, org.id, "format=csv"), 403, E.missingScope("activity_log:read"));
    const reader = await makeKey(members[1].email, "activity_log:read");
    expect((await exportOf(request, reader, org.id, "format=jsonl")).status()).toBe(200);
    await expectError(await exportOf(request, reader, org.id, "format=xml"), 400, E.invalidChoice("xml", "format"));
  });

  test("1,200 entries arrive complete and each once", async ({ request }) => {
    test.slow();
    const { org, ownerKey } = await makeOrganization();
    const TOTAL = 1200;
    let next = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++;
        const res = await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { name: `Bulk ${i}` } });
        expect(res.status()).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    const res = await exportOf(request, ownerKey, org.id, "format=jsonl&activity=updated");
    const entries = jsonLines(await res.text());
    expect(entries).toHaveLength(TOTAL);
    expect(new Set(entries.map((e) => e.id)).size).toBe(TOTAL);
    expect(new Set(entries.map((e) => e.detail.name)).size).toBe(TOTAL);
    const csv = (await (await exportOf(request, ownerKey, org.id, "format=csv")).text()).trimEnd().split("\r\n");
    expect(csv).toHaveLength(TOTAL + 2);
  });
});
