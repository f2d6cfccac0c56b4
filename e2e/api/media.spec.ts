import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, test, type APIResponse } from "./recording";
import { bearer, cli, makeOrganization, makeSession, makeUser } from "../support/cli";
import { latestInviteToken } from "./invite-links";

const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Writes a file the CLI (handed to the server on this machine) reads as the logo. */
function fileOf(name: string, bytes: Uint8Array | string) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "orgdeck-logo-")), name);
  writeFileSync(file, bytes);
  return file;
}

async function setLogo(orgId: string, email: string, file: string) {
  return (await cli<{ logo_media_id: string; content_type: string }>("org", "logo", "--org", orgId, "--email", email, "--file", file)).logo_media_id;
}

function expectImageHeaders(res: APIResponse, contentType: string) {
  const h = res.headers();
  expect(h["content-type"]).toBe(contentType);
  expect(h["content-security-policy"]).toBe(MEDIA_CSP);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["cache-control"]).toBe("private, max-age=3600");
}

test.describe("GET /media/<id>", () => {
  test("members get the image with a policy that lets nothing in it run; outsiders, the signed-out and unknown ids get 404", async ({ request }) => {
    const { org, owner, members: [member] } = await makeOrganization([1]);
    const outsider = await makeUser("outsider");
    const png = await sharp({ create: { width: 800, height: 400, channels: 3, background: "#c00" } }).png().toBuffer();
    const id = await setLogo(org.id, owner.email, fileOf("logo.txt", png));

    const asMember = await request.get(`/media/${id}`, { headers: { Cookie: await makeSession(member.email) } });
    expect(asMember.status()).toBe(200);
    expectImageHeaders(asMember, "image/png");
    const served = await sharp(await asMember.body()).metadata();
    expect([served.format, served.width, served.height]).toEqual(["png", 256, 128]);
    expect((await request.get(`/media/${id}/`, { headers: { Cookie: await makeSession(owner.email) } })).status()).toBe(200);

    for (const headers of [{ Cookie: await makeSession(outsider.email) }, {} as Record<string, string>]) {
      const res = await request.get(`/media/${id}`, { headers });
      expect(res.status()).toBe(404);
      expect(res.headers()["content-type"]).not.toContain("image");
    }
    const memberCookie = await makeSession(member.email);
    expect((await request.get(`/media/${randomUUID()}`, { headers: { Cookie: memberCookie } })).status()).toBe(404);
    expect((await request.get("/media/not-an-id", { headers: { Cookie: memberCookie } })).status()).toBe(404);
    expect((await request.get(`/media/${id}?sig=AAAAAAAAAAAAAAAAAAAAAA`)).status()).toBe(404);
  });

  test("an SVG is served cleaned, as image/svg+xml with the sandboxing policy; a removed logo is gone", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4" onload="alert(1)"><script>alert(2)</script><rect width="4" height="4" fill="#06c"/></svg>';
    const id = await setLogo(org.id, owner.email, fileOf("logo.png", svg));
    const cookie = await makeSession(owner.email);
    const res = await request.get(`/media/${id}`, { headers: { Cookie: cookie } });
    expect(res.status()).toBe(200);
    expectImageHeaders(res, "image/svg+xml");
    const body = await res.text();
    expect(body).toContain("<rect");
    expect(body).not.toContain("alert");
    await cli("org", "logo", "--org", org.id, "--email", owner.email, "--remove");
    expect((await request.get(`/media/${id}`, { headers: { Cookie: cookie } })).status()).toBe(404);
  });

  test("the invitation page's signed link opens the logo without a session", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><circle r="2" cx="2" cy="2"/></svg>';
    const id = await setLogo(org.id, owner.email, fileOf("logo.svg", svg));
    const email = `invitee-${randomUUID().slice(0, 8)}@example.test`;
    const created = await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: email } });
    expect(created.status()).toBe(201);
    const token = await latestInviteToken(request, org.id, await makeSession(owner.email), email);
    const page = await (await request.get(`/invites/${token}`)).text();
    const link = page.match(new RegExp(`https?://[^"]+/media/${id}\\?sig=[\\w-]+`))?.[0];
    expect(link, "the logo's signed link on the invitation page").toBeTruthy();
    const res = await request.get(link!);
    expect(res.status()).toBe(200);
    expectImageHeaders(res, "image/svg+xml");
    expect((await request.get(`/media/${id}`)).status()).toBe(404);
  });
});
