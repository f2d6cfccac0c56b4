import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Principal } from "../../auth/principal";
import { startTestHttp, type TestHttp } from "../../outbound/test-servers";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf, withEnv } from "../../testing/fixtures";
import { createOAuthApplication, getOAuthApplication, updateOAuthApplication } from "../oauth-applications";
import { listDirectorySectors, sectorOf } from "./sectors";

const machineOf = (organizationId: string, permissions: string[]): Principal => ({
  kind: "service_account",
  user: null,
  organizationId,
  serviceAccount: { id: "00000000-0000-4000-8000-000000000001", name: "Sync", clientId: "odsa_client_test", permissions },
});

/** What the test server answers at each path: a JSON value, or a status with a raw body. */
let documents: Record<string, unknown> = {};
let server: TestHttp;
const sectorUrl = (path: string) => `http://127.0.0.1:${server.port}${path}`;

before(async () => {
  server = await startTestHttp((req, res) => {
    const doc = documents[req.url ?? ""];
    if (doc === undefined) return res.writeHead(404).end("missing");
    if (typeof doc === "string") return res.writeHead(200, { "content-type": "application/json" }).end(doc);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
  });
});
after(() => server.close());

const allowPrivate = <T>(fn: () => Promise<T>) => withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, fn);

describe("sectorOf", () => {
  test("the sector identifier URI's host wins; else the single redirect host; several hosts without one give no sector", () => {
    assert.deepEqual(sectorOf({ redirectUris: "https://a.example/cb https://b.example/cb", sectorIdentifierUri: "https://Sector.Example/s.json" }), { sector: "sector.example", hosts: ["sector.example"] });
    assert.deepEqual(sectorOf({ redirectUris: "https://App.example/cb https://app.example:8443/other", sectorIdentifierUri: null }), { sector: "app.example", hosts: ["app.example"] });
    assert.deepEqual(sectorOf({ redirectUris: "https://b.example/cb https://a.example/cb", sectorIdentifierUri: null }), { sector: null, hosts: ["a.example", "b.example"] });
  });
});

describe("GET /directory/admin/{organizationId}/sectors", () => {
  test("distinct sorted sectors of the organization's own applications; an application spanning hosts contributes none", async () => {
    const { org, owner } = await makeOrganization();
    const other = await makeOrganization();
    const create = (name: string, redirect_uris_list: string[], organizationId = org.id, who = owner) =>
      call(createOAuthApplication, sessionOf(who), { name, redirect_uris_list }, organizationId);
    assert.deepEqual(await call(listDirectorySectors, sessionOf(owner), {}, org.id), []);
    await create("Zeta", ["https://zeta.example/cb"]);
    await create("Alpha", ["https://alpha.example/cb", "https://alpha.example/other"]);
    await create("Again", ["https://zeta.example/second"]);
    await create("Spread", ["https://one.example/cb", "https://two.example/cb"]);
    await create("Elsewhere", ["https://elsewhere.example/cb"], other.org.id, other.owner);
    assert.deepEqual(await call(listDirectorySectors, sessionOf(owner), {}, org.id), ["alpha.example", "zeta.example"]);
  });

  test("administrators and owners only: members get 403 naming org.directory.update; keys need directory:read; service accounts need the grant and their own organization", async () => {
    const { org, owner, members: [admin, member] } = await makeOrganization([8, 1]);
    await call(createOAuthApplication, sessionOf(owner), { name: "App", redirect_uris_list: ["https://app.example/cb"] }, org.id);
    assert.deepEqual(await call(listDirectorySectors, sessionOf(admin), {}, org.id), ["app.example"]);
    await expectAppError(call(listDirectorySectors, sessionOf(member), {}, org.id), 403, "permission_denied", { detail: "Missing permission 'org.directory.update'." });
    assert.deepEqual(await call(listDirectorySectors, apiKeyOf(admin, ["directory:read"]), {}, org.id), ["app.example"]);
    await expectAppError(call(listDirectorySectors, apiKeyOf(admin, ["organization:read"]), {}, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'directory:read'",
    });
    assert.deepEqual(await call(listDirectorySectors, machineOf(org.id, ["org.directory.update"]), {}, org.id), ["app.example"]);
    await expectAppError(call(listDirectorySectors, machineOf(org.id, ["org.directory.get", "org.roles.list"]), {}, org.id), 403, "permission_denied", {
      detail: "Missing permission 'org.directory.update'.",
    });
    const stranger = await makeOrganization();
    await expectAppError(call(listDirectorySectors, machineOf(stranger.org.id, ["org.directory.update"]), {}, org.id), 404, "not_found");
    await expectAppError(call(listDirectorySectors, sessionOf(stranger.owner), {}, org.id), 403, "permission_denied");
  });
});

describe("sector_identifier_uri", () => {
  test("accepted when its JSON array lists every redirect URI; its host becomes the application's sector", async () => {
    const { org, owner } = await makeOrganization();
    documents = { "/ok.json": ["https://a.example/cb", "https://b.example/cb", "https://c.example/cb"] };
    const app = await allowPrivate(() =>
      call(createOAuthApplication, sessionOf(owner), { name: "Multi", redirect_uris_list: ["https://a.example/cb", "https://b.example/cb"], sector_identifier_uri: sectorUrl("/ok.json") }, org.id),
    );
    assert.equal(app.sector_identifier_uri, sectorUrl("/ok.json"));
    assert.equal((await call(getOAuthApplication, sessionOf(owner), { id: app.id }, org.id)).sector_identifier_uri, sectorUrl("/ok.json"));
    assert.deepEqual(await call(listDirectorySectors, sessionOf(owner), {}, org.id), ["127.0.0.1"]);
    assert.equal(server.seen.at(-1)?.url, "/ok.json");

    const moved = await allowPrivate(() => call(updateOAuthApplication, sessionOf(owner), { id: app.id, redirect_uris_list: ["https://c.example/cb"] }, org.id));
    assert.deepEqual(moved.redirect_uris_list, ["https://c.example/cb"]);
    await expectAppError(
      allowPrivate(() => call(updateOAuthApplication, sessionOf(owner), { id: app.id, redirect_uris_list: ["https://d.example/cb"] }, org.id)),
      400,
      "invalid_input",
      { attr: "sector_identifier_uri", detail: `The sector identifier URI's list does not include the redirect URI "https://d.example/cb"; it must list every redirect URI of the application.` },
    );
    const seen = server.seen.length;
    await call(updateOAuthApplication, sessionOf(owner), { id: app.id, name: "Renamed" }, org.id);
    assert.equal(server.seen.length, seen, "a rename fetches nothing");
    const cleared = await call(updateOAuthApplication, sessionOf(owner), { id: app.id, sector_identifier_uri: null }, org.id);
    assert.equal(cleared.sector_identifier_uri, null);
    assert.deepEqual(await call(listDirectorySectors, sessionOf(owner), {}, org.id), ["c.example"]);
  });

  test("refused with 400 on sector_identifier_uri: a list missing a redirect URI, not an array, not JSON, an HTTP error, a private address, plain http elsewhere", async () => {
    const { org, owner } = await makeOrganization();
    documents = { "/partial.json": ["https://a.example/cb"], "/object.json": { redirect_uris: ["https://a.example/cb"] }, "/numbers.json": [1, 2], "/broken.json": "[not json" };
    const create = (sector_identifier_uri: unknown) =>
      call(createOAuthApplication, sessionOf(owner), { name: "App", redirect_uris_list: ["https://a.example/cb", "https://b.example/cb"], sector_identifier_uri }, org.id);
    const refused = async (uri: unknown, detail: RegExp, allow = true) => {
      await assert.rejects(allow ? allowPrivate(() => create(uri)) : create(uri), (err: { status: number; body: { code: string; attr: string; detail: string } }) => {
        assert.deepEqual([err.status, err.body.code, err.body.attr], [400, "invalid_input", "sector_identifier_uri"], String(uri));
        assert.match(err.body.detail, detail);
        return true;
      });
    };
    await refused(sectorUrl("/partial.json"), /does not include the redirect URI "https:\/\/b\.example\/cb"/);
    await refused(sectorUrl("/object.json"), /must answer a JSON array of URIs/);
    await refused(sectorUrl("/numbers.json"), /must answer a JSON array of URIs/);
    await refused(sectorUrl("/broken.json"), /not valid JSON/);
    await refused(sectorUrl("/absent.json"), /answered HTTP 404/);
    // Without ORGDECK_ALLOW_PRIVATE_URLS, the outbound rule reaches public https hosts only.
    await refused(sectorUrl("/partial.json"), /must start with https:\/\//, false);
    await refused("https://localhost/s.json", /local or internal name/, false);
    await refused("http://sector.example/s.json", /must use https/);
    await refused("https://sector.example/s.json#x", /fragment/);
    await refused("sector.example", /absolute URL/);
    const before = await call(listDirectorySectors, sessionOf(owner), {}, org.id);
    assert.deepEqual(before, [], "nothing was created");
  });
});
