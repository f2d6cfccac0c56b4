import http from "node:http";
import { expect, test, type APIResponse } from "./recording";
import { bearer, makeKey, makeUser } from "../support/cli";
import { SITE_URL } from "./helpers";

function expectBrowserHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-content-type-options"], res.url()).toBe("nosniff");
  expect(h["referrer-policy"], res.url()).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"], res.url()).toBe("DENY");
  // The site is http here: no HSTS.
  expect(h["strict-transport-security"], res.url()).toBeUndefined();
}

/** The nonce of a page's policy, after checking the policy's directives. */
function nonceOf(csp: string | undefined) {
  expect(csp).toBeDefined();
  const directives = csp!.split(";").map((d) => d.trim());
  expect(directives).toEqual(
    expect.arrayContaining([
      "default-src 'self'",
      expect.stringMatching(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: https:",
      "object-src 'none'",
      "base-uri 'self'",
      expect.stringMatching(/^form-action 'self'( \S+)*$/),
      "frame-ancestors 'none'",
    ]),
  );
  return csp!.match(/'nonce-([^']+)'/)![1];
}

test.describe("security headers", () => {
  test("API responses carry nosniff, a referrer policy and DENY framing, success and error alike, and no page policy", async ({ request }) => {
    const user = await makeUser("headers");
    const key = await makeKey(user.email, "*");
    const ok = await request.get("/api/users/@me/", { headers: bearer(key) });
    expect(ok.status()).toBe(200);
    const refused = await request.get("/api/users/@me/");
    expect(refused.status()).toBe(401);
    const missing = await request.get("/api/no-such-thing/");
    expect(missing.status()).toBe(404);
    const health = await request.get("/healthz");
    const ready = await request.get("/readyz");
    const providers = await request.get("/api/auth/providers");
    for (const res of [health, ready, providers]) expect(res.status(), res.url()).toBe(200);
    for (const res of [ok, refused, missing, health, ready, providers]) {
      expectBrowserHeaders(res);
      expect(res.headers()["content-security-policy"]).toBeUndefined();
    }
  });

  test("pages carry a Content-Security-Policy whose nonce is new on every response and is on every script tag", async ({ request }) => {
    const nonces: string[] = [];
    for (const path of ["/signin", "/signin", "/docs/api"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expectBrowserHeaders(res);
      const nonce = nonceOf(res.headers()["content-security-policy"]);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  test("the sign-in form may lead to the identity provider", async ({ request }) => {
    const csp = (await request.get("/signin")).headers()["content-security-policy"];
    const port = Number(new URL(SITE_URL).port) + 1;
    expect(csp).toContain(`form-action 'self' http://127.0.0.1:${port}`);
  });
});

test("the development identity provider refuses a request whose Host is not a loopback name", async () => {
  const port = Number(new URL(SITE_URL).port) + 1;
  const get = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/.well-known/openid-configuration", headers: { host }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
  expect(await get("orgdeck.example.com")).toBe(403);
  expect(await get(`127.0.0.1:${port}`)).toBe(200);
});
