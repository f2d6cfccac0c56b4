import { expect, test } from "./recording";
import { makeSession, makeUser } from "../support/cli";
import { E, SITE_URL, expectError } from "./helpers";

/** Where a response's Location sends a browser that is on SITE_URL. */
const destination = (location: string | undefined) => new URL(location ?? "", SITE_URL);

test.describe("return paths after sign-in", () => {
  test("a signed-in visit to /signin with a callbackUrl off the site stays on the site", async ({ request }) => {
    const cookie = await makeSession((await makeUser("redirect")).email);
    // As typed in a link: raw, and percent-encoded the ways a browser would send them.
    const queries = [
      "callbackUrl=/\\evil.example",
      "callbackUrl=/%5Cevil.example",
      "callbackUrl=/%09/evil.example",
      "callbackUrl=https:evil.example",
      "callbackUrl=%2F%2Fevil.example",
      "callbackUrl=https%3A%2F%2Fevil.example%2F",
    ];
    for (const query of queries) {
      const res = await request.get(`/signin?${query}`, { headers: { Cookie: cookie }, maxRedirects: 0 });
      expect(res.status(), query).toBe(307);
      const to = destination(res.headers().location);
      expect(to.origin, query).toBe(SITE_URL);
      expect(to.pathname, query).toBe("/");
    }
  });

  test("a callbackUrl on the site is followed", async ({ request }) => {
    const cookie = await makeSession((await makeUser("redirect-ok")).email);
    const res = await request.get(`/signin?callbackUrl=${encodeURIComponent("/account/profile?x=1")}`, { headers: { Cookie: cookie }, maxRedirects: 0 });
    expect(res.status()).toBe(307);
    const to = destination(res.headers().location);
    expect(to.origin).toBe(SITE_URL);
    expect(`${to.pathname}${to.search}`).toBe("/account/profile?x=1");
  });
});

test.describe("a malformed session cookie", () => {
  const cookie = "authjs.session-token=%E0%A4%A";

  test("is 401 on the API, not a server error", async ({ request }) => {
    await expectError(await request.get("/api/users/@me/", { headers: { Cookie: cookie } }), 401, E.notAuthenticated);
    await expectError(await request.get("/api/organizations/", { headers: { Cookie: cookie } }), 401, E.notAuthenticated);
  });

  test("reads as signed out on pages", async ({ request }) => {
    const console = await request.get("/account/profile", { headers: { Cookie: cookie }, maxRedirects: 0 });
    expect(console.status()).toBe(307);
    expect(destination(console.headers().location).pathname).toBe("/signin");
    const signIn = await request.get("/signin", { headers: { Cookie: cookie } });
    expect(signIn.status()).toBe(200);
    expect(await signIn.text()).toContain("Sign in");
  });
});
