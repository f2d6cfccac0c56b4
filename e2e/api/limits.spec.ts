import http from "node:http";
import { expect, test } from "./recording";
import { bearer, makeOrganization } from "../support/cli";
import { err, expectError, expectOk, getOrg, randomName, SITE_URL } from "./helpers";
import { pidListeningOn, rssOf } from "./server-process";

const MiB = 1024 * 1024;
const tooLarge = err("invalid_request", "request_too_large", "Request body is larger than 1 MiB.");
const unsupported = (type: string) => err("invalid_request", "unsupported_media_type", `Unsupported media type "${type}" in request.`);

type Streamed = { status: number; body: string; sent: number };

/** POSTs `total` bytes with chunked transfer encoding (no Content-Length), stopping as soon as the server answers. */
function streamChunked(path: string, total: number, headers: Record<string, string>): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, SITE_URL.replace("localhost", "127.0.0.1")), { method: "POST", headers });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), sent });
        req.destroy();
      });
    });
    // Once the server has answered it may close the connection while we are still writing: that is expected.
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** A raw request through Node's fetch, which sends a byte body with no Content-Type at all. */
async function rawFetch(path: string, init: RequestInit) {
  const res = await fetch(new URL(path, SITE_URL), init);
  return { status: res.status, body: await res.json() };
}

test.describe("request size: bodies over 1 MiB are 413, before they are read whole or anyone is authenticated", () => {
  test("a declared Content-Length over 1 MiB is 413, with or without credentials; 1 MiB itself is read", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const headers = { ...bearer(ownerKey), "content-type": "application/json" };
    const big = Buffer.from(JSON.stringify({ name: "Too big", pad: "x".repeat(MiB) }));
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers, data: big }), 413, tooLarge);
    await expectError(await request.post("/api/organizations/", { headers: { "content-type": "application/json" }, data: big }), 413, tooLarge);
    const pad = MiB - JSON.stringify({ name: "Just fits", pad: "" }).length;
    const fits = Buffer.from(JSON.stringify({ name: "Just fits", pad: "x".repeat(pad) }));
    expect(fits.length).toBe(MiB);
    expect((await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers, data: fits }))).name).toBe("Just fits");
  });

  test("50 MiB streamed without a Content-Length is refused at the limit, and the server does not hold it", async () => {
    test.slow();
    const { org, ownerKey } = await makeOrganization();
    const pid = pidListeningOn(Number(new URL(SITE_URL).port));
    expect(pid, "the server's pid").not.toBeNull();
    const before = rssOf(pid as number);
    const res = await streamChunked(`/api/organizations/${org.id}/`, 50 * MiB, {
      ...bearer(ownerKey),
      "content-type": "application/json",
      "transfer-encoding": "chunked",
    });
    const grew = rssOf(pid as number) - before;
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 413, body: tooLarge });
    expect(grew, `the server's RSS grew by ${Math.round(grew / MiB)} MiB`).toBeLessThan(50 * 1000 * 1000);
    // Without credentials too: the size is checked before authentication.
    const anonymous = await streamChunked("/api/organizations/", 4 * MiB, { "content-type": "application/json", "transfer-encoding": "chunked" });
    expect(anonymous.status).toBe(413);
  });
});

test.describe("media types: request bodies must be JSON", () => {
  test("a body of another media type is 415 naming it, and nothing changes", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await getOrg(request, ownerKey, org.id);
    const cases: Array<[string, string]> = [
      ["text/plain", '{"name": "Plain"}'],
      ["text/plain;charset=UTF-8", '{"name": "Plain"}'],
      ["application/x-www-form-urlencoded", "name=Form"],
      ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nMultipart\r\n--x--\r\n'],
      ["application/xml", "<name>Xml</name>"],
      ["application/jsonx", '{"name": "Jsonx"}'],
    ];
    for (const [type, text] of cases) {
      const headers = { ...bearer(ownerKey), "content-type": type };
      await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers, data: Buffer.from(text) }), 415, unsupported(type));
      await expectError(await request.post("/api/personal_api_keys/", { headers, data: Buffer.from(text) }), 415, unsupported(type));
    }
    expect(await getOrg(request, ownerKey, org.id)).toEqual(before);
  });

  test("a body with no Content-Type is 415 too; an empty body needs none", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const res = await rawFetch(`/api/organizations/${org.id}/`, { method: "PATCH", headers: bearer(ownerKey), body: new TextEncoder().encode('{"name": "Untyped"}') });
    expect(res).toEqual({ status: 415, body: unsupported("") });
    expect((await getOrg(request, ownerKey, org.id)).name).toBe(org.name);
    const empty = await rawFetch(`/api/organizations/${org.id}/`, { method: "PATCH", headers: bearer(ownerKey) });
    expect(empty.status).toBe(200);
    const keys = await expectOk(await request.get("/api/personal_api_keys/", { headers: bearer(ownerKey) }));
    const roll = await request.post(`/api/personal_api_keys/${keys.results[0].id}/roll/`, { headers: { ...bearer(ownerKey), "content-type": "text/plain" } });
    expect(roll.status()).toBe(200);
  });

  test("application/json with parameters, any case, and +json types are JSON", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const types = ["application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json", "application/vnd.orgdeck+json; charset=utf-8"];
    for (const [i, type] of types.entries()) {
      const name = `Typed ${i}`;
      const res = await request.patch(`/api/organizations/${org.id}/`, { headers: { ...bearer(ownerKey), "content-type": type }, data: Buffer.from(JSON.stringify({ name })) });
      expect((await expectOk(res)).name, type).toBe(name);
    }
    const created = await request.post("/api/organizations/", { headers: { ...bearer(ownerKey), "content-type": "application/json;charset=UTF-8" }, data: Buffer.from(JSON.stringify({ name: randomName() })) });
    await expectOk(created, 201);
  });
});

test.describe("error details quote at most 200 characters of the input", () => {
  test("a huge invalid value does not come back in the error body", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1]);
    const huge = "x".repeat(900_000);
    const res = await request.patch(`/api/organizations/${org.id}/members/${members[0].uuid}/`, { headers: bearer(ownerKey), data: { level: huge } });
    expect(res.status()).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(500);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ type: "validation_error", code: "invalid_choice", attr: "level" });
    expect(body.detail).toBe(`"${"x".repeat(199)}…" is not a valid choice.`);
    const invite = await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: "a@example.test", level: huge } });
    expect(invite.status()).toBe(400);
    expect((await invite.text()).length).toBeLessThan(500);
    const user = await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(ownerKey), params: { user: "u".repeat(5000) } });
    expect(user.status()).toBe(400);
    expect((await user.text()).length).toBeLessThan(500);
  });
});

test.describe("page size", () => {
  test("a limit above 1,000 is treated as 1,000", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    for (const limit of ["1001", "5000", "99999999999"]) {
      const page = await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(ownerKey), params: { limit, offset: "1" } }));
      expect(new URL(page.previous).searchParams.get("limit"), limit).toBe("1000");
    }
  });
});
