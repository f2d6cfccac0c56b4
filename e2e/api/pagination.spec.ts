import { expect, test } from "./recording";
import { bearer } from "../support/cli";
import { SITE_URL, createOrgViaApi, expectOk, lonelyUser } from "./helpers";

test.describe("limit/offset pagination", () => {
  test("limit=1 pages through with count and absolute next/previous links that work", async ({ request }) => {
    const { key } = await lonelyUser();
    const orgs = [];
    for (let i = 0; i < 3; i++) orgs.push(await createOrgViaApi(request, key));
    const headers = bearer(key);

    const first = await expectOk(await request.get("/api/organizations/?limit=1", { headers }));
    expect(first).toEqual({ count: 3, next: `${SITE_URL}/api/organizations/?limit=1&offset=1`, previous: null, results: [orgs[0]] });
    expect(first.next.startsWith(`${SITE_URL}/`)).toBe(true);

    const second = await expectOk(await request.get(first.next, { headers }));
    expect(second).toEqual({
      count: 3,
      next: `${SITE_URL}/api/organizations/?limit=1&offset=2`,
      previous: `${SITE_URL}/api/organizations/?limit=1`,
      results: [orgs[1]],
    });

    const third = await expectOk(await request.get(second.next, { headers }));
    expect(third).toMatchObject({ count: 3, next: null, results: [orgs[2]] });
    expect(third.previous.startsWith(`${SITE_URL}/`)).toBe(true);

    const back = await expectOk(await request.get(second.previous, { headers }));
    expect(back).toEqual(first);
  });

  test("other query parameters are kept in the links, and a path without a slash keeps its form", async ({ request }) => {
    const { key } = await lonelyUser();
    for (let i = 0; i < 2; i++) await createOrgViaApi(request, key);
    const page = await expectOk(await request.get("/api/organizations?limit=1&foo=bar", { headers: bearer(key) }));
    const next = new URL(page.next);
    expect(next.origin).toBe(SITE_URL);
    expect(next.pathname).toBe("/api/organizations");
    expect(Object.fromEntries(next.searchParams)).toEqual({ limit: "1", offset: "1", foo: "bar" });
    expect((await expectOk(await request.get(page.next, { headers: bearer(key) }))).results).toHaveLength(1);
  });

  test("an invalid limit falls back to the default of 100", async ({ request }) => {
    const { key } = await lonelyUser();
    const orgs = [];
    for (let i = 0; i < 3; i++) orgs.push(await createOrgViaApi(request, key));
    for (const limit of ["abc", "0", "-1", "1.5", ""]) {
      const page = await expectOk(await request.get(`/api/organizations/?limit=${limit}`, { headers: bearer(key) }));
      expect(page, `limit=${limit}`).toEqual({ count: 3, next: null, previous: null, results: orgs });
      // The previous link names the limit actually used.
      const shifted = await expectOk(await request.get(`/api/organizations/?limit=${limit}&offset=1`, { headers: bearer(key) }));
      expect(shifted, `limit=${limit}&offset=1`).toEqual({
        count: 3,
        next: null,
        previous: `${SITE_URL}/api/organizations/?limit=100`,
        results: orgs.slice(1),
      });
    }
  });

  test("an offset past the end gives an empty page with a previous link", async ({ request }) => {
    const { key } = await lonelyUser();
    await createOrgViaApi(request, key);
    const page = await expectOk(await request.get("/api/organizations/?limit=2&offset=5", { headers: bearer(key) }));
    expect(page).toEqual({ count: 1, next: null, previous: `${SITE_URL}/api/organizations/?limit=2&offset=3`, results: [] });
  });
});
