import { expect, test } from "./recording";
import { IP_URL, SITE_URL } from "./helpers";

test.describe("pages answer only on SITE_URL's address", () => {
  test("a page under another host goes to the same path and query on SITE_URL; the API and health checks do not move", async ({ request }) => {
    for (const path of ["/signin?callbackUrl=%2Faccount%2Fprofile", "/", "/organizations/new", "/no-such-page"]) {
      const res = await request.get(`${IP_URL}${path}`, { maxRedirects: 0 });
      expect(res.status(), path).toBe(307);
      expect(res.headers().location, path).toBe(`${SITE_URL}${path}`);
    }
    expect((await request.get(`${SITE_URL}/signin`, { maxRedirects: 0 })).status()).toBe(200);
    // The proxy's header cannot be sent from outside to redirect anywhere.
    const forged = await request.get(`${SITE_URL}/signin`, { headers: { "x-orgdeck-canonical-path": "//evil.example/" }, maxRedirects: 0 });
    expect(forged.status()).toBe(200);
    for (const path of ["/api/schema/", "/healthz", "/readyz"]) {
      expect((await request.get(`${IP_URL}${path}`, { maxRedirects: 0 })).status(), path).toBe(200);
    }
  });
});
