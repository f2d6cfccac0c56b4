import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mock, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { eq, sql } from "drizzle-orm";
import pino from "pino";
import { getDb, type Db } from "../../../db/client";
import { scimRequestLogs } from "../../../db/schema";
import { jobKinds, recurringJobs } from "../../jobs/kinds";
import { PRUNE_SCIM_LOGS } from "../../jobs/kinds/prune-scim-logs";
import { testClock } from "../../jobs/testing";
import type { JobContext } from "../../jobs/types";
import { log } from "../../log";
import { call, makeOrganization, sessionOf } from "../../testing/fixtures";
import { createDomain } from "../domains";
import { createIdentityProviderConfig, deleteIdentityProviderConfig } from "../identity-provider-configs";
import { listDomainScimLogs, maskValue as m } from "../scim-logs";
import { detectIdentityProvider, logScimRequestInBackground, pruneScimRequestLogs, recordScimRequest, type ScimRequestEntry } from "./request-log";

const USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const DAY = 24 * 60 * 60 * 1000;

/** An organization with a domain whose SCIM requests the test records. */
async function tenant() {
  const { org, owner } = await makeOrganization();
  const domain = await call(createDomain, sessionOf(owner), { domain: `scimlog-${randomBytes(4).toString("hex")}.example` }, org.id);
  const entry = (fields: Partial<ScimRequestEntry> = {}): ScimRequestEntry => ({
    organizationId: org.id,
    target: { kind: "domain", id: domain.id },
    method: "POST",
    path: "/scim/v2/Users",
    headers: {},
    requestBody: "",
    status: 200,
    responseBody: "",
    durationMs: 4,
    ...fields,
  });
  return { org, owner, domain, entry };
}

/** Records one request and reads back its row (found by a header only it carries). */
async function stored(entry: ScimRequestEntry) {
  const db = await getDb();
  const marker = randomBytes(6).toString("hex");
  const headers = entry.headers instanceof Headers ? new Headers(entry.headers) : { ...entry.headers };
  if (headers instanceof Headers) headers.set("x-test", marker);
  else headers["x-test"] = marker;
  await recordScimRequest(db, { ...entry, headers });
  const [row] = await db.select().from(scimRequestLogs).where(sql`${scimRequestLogs.requestHeaders}->>'x-test' = ${marker}`);
  assert.ok(row, "the request was recorded");
  return row;
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

test("a POST /Users: every personal attribute masked, the password hidden, the rest (title, types, active, ids) kept", async () => {
  const { entry } = await tenant();
  const user = {
    schemas: [USER_URN, ENTERPRISE_URN],
    userName: "john.smith@acme.test",
    externalId: "00u1abcd",
    displayName: "John Smith",
    nickName: "Johnny",
    title: "Engineer",
    active: true,
    password: "S3cret-pass!",
    name: { formatted: "Mr. John Q Smith III", givenName: "John", familyName: "Smith", middleName: "Quincy", honorificPrefix: "Mr.", honorificSuffix: "III" },
    emails: [{ value: "john.smith@acme.test", type: "work", primary: true }],
    phoneNumbers: [{ value: "+1 555 0100", type: "mobile" }],
    addresses: [{ type: "work", streetAddress: "1 Main Street", locality: "Springfield", region: "IL", postalCode: "62701", country: "US", formatted: "1 Main Street, Springfield" }],
    [ENTERPRISE_URN]: { department: "R&D", manager: { value: "mgr-1", displayName: "Alice Boss" } },
  };
  const response = { ...user, password: undefined, id: "4d1f5c1e-0000-4000-8000-000000000001", meta: { resourceType: "User" } };
  const row = await stored(entry({ requestBody: JSON.stringify(user), status: 201, responseBody: JSON.stringify(response) }));

  for (const body of [json(row.requestBody), json(row.responseBody)]) {
    assert.equal(body.userName, "j***h@acme.test");
    assert.equal(body.externalId, m("00u1abcd"));
    assert.equal(body.displayName, m("John Smith"));
    assert.equal(body.nickName, m("Johnny"));
    assert.equal(body.title, "Engineer");
    assert.equal(body.active, true);
    assert.deepEqual(body.schemas, [USER_URN, ENTERPRISE_URN]);
    assert.deepEqual(body.name, Object.fromEntries(Object.entries(user.name).map(([k, v]) => [k, m(v)])));
    assert.deepEqual(body.emails, [{ value: "j***h@acme.test", type: "work", primary: true }]);
    assert.deepEqual(body.phoneNumbers, [{ value: m("+1 555 0100"), type: "mobile" }]);
    const [address] = body.addresses as Record<string, string>[];
    assert.equal(address.type, "work");
    for (const field of ["streetAddress", "locality", "region", "postalCode", "country", "formatted"] as const) {
      assert.equal(address[field], m(user.addresses[0][field]), field);
    }
    assert.deepEqual(body[ENTERPRISE_URN], { department: "R&D", manager: { value: "mgr-1", displayName: m("Alice Boss") } });
  }
  assert.equal(json(row.requestBody).password, "***");
  assert.equal(json(row.responseBody).id, response.id);
  assert.doesNotMatch(JSON.stringify(row), /S3cret|John|Smith|Springfield|555 0100/);
});

test("a PUT body is masked the same way, whatever the case of the attribute names", async () => {
  const { entry } = await tenant();
  const put = { schemas: [USER_URN], id: "u-1", UserName: "mary@acme.test", DisplayName: "Mary Major", Name: { GivenName: "Mary" }, Emails: [{ Value: "mary@acme.test", Type: "home" }], active: false };
  const row = await stored(entry({ method: "PUT", path: "/scim/v2/Users/u-1", requestBody: JSON.stringify(put) }));
  assert.deepEqual(json(row.requestBody), {
    schemas: [USER_URN],
    id: "u-1",
    UserName: "m***y@acme.test",
    DisplayName: m("Mary Major"),
    Name: { GivenName: m("Mary") },
    Emails: [{ Value: "m***y@acme.test", Type: "home" }],
    active: false,
  });
});

test("a ListResponse: each of its Resources masked, a group's members' display too", async () => {
  const { entry } = await tenant();
  const list = {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
    totalResults: 2,
    Resources: [
      { id: "u-1", userName: "ann@acme.test", name: { familyName: "Archer" }, emails: [{ value: "ann@acme.test" }] },
      { id: "g-1", displayName: "Payroll", members: [{ value: "u-1", display: "Ann Archer", $ref: "/Users/u-1" }] },
    ],
  };
  const row = await stored(entry({ method: "GET", responseBody: JSON.stringify(list) }));
  assert.deepEqual(json(row.responseBody).Resources, [
    { id: "u-1", userName: "a***n@acme.test", name: { familyName: m("Archer") }, emails: [{ value: "a***n@acme.test" }] },
    { id: "g-1", displayName: m("Payroll"), members: [{ value: "u-1", display: m("Ann Archer"), $ref: "/Users/u-1" }] },
  ]);
  assert.equal(json(row.responseBody).totalResults, 2);
});

test("PATCH: a path-less value with dotted and URN keys, a userName path, an emails filter path, members added with display, a password", async () => {
  const { entry } = await tenant();
  const patch = {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [
      {
        op: "Replace",
        value: {
          displayName: "Bob Brown",
          "name.givenName": "Bob",
          [`${USER_URN}:userName`]: "bob@acme.test",
          [`${ENTERPRISE_URN}:manager`]: { value: "m-1", displayName: "Carol" },
          'emails[type eq "work"].value': "bob@acme.test",
          title: "Lead",
          active: false,
          password: "Hunter2!",
        },
      },
      { op: "replace", path: "userName", value: "bobby@acme.test" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "x@acme.test" },
      { op: "remove", path: 'emails[value eq "old@acme.test"]' },
      { op: "replace", path: "name", value: { familyName: "Brown" } },
      { op: "add", path: "members", value: [{ value: "u-9", display: "Dave Davis" }] },
      { op: "replace", path: "password", value: "Hunter3!" },
      { op: "replace", path: "title", value: "Manager" },
    ],
  };
  const row = await stored(entry({ method: "PATCH", path: "/scim/v2/Users/u-2", requestBody: JSON.stringify(patch) }));
  const ops = json(row.requestBody).Operations as { op: string; path?: string; value?: unknown }[];
  assert.deepEqual(ops[0].value, {
    displayName: m("Bob Brown"),
    "name.givenName": m("Bob"),
    [`${USER_URN}:userName`]: "b***b@acme.test",
    [`${ENTERPRISE_URN}:manager`]: { value: "m-1", displayName: m("Carol") },
    'emails[type eq "work"].value': "b***b@acme.test",
    title: "Lead",
    active: false,
    password: "***",
  });
  assert.deepEqual(ops[1], { op: "replace", path: "userName", value: "b***y@acme.test" });
  assert.deepEqual(ops[2], { op: "Replace", path: 'emails[type eq "work"].value', value: "*@acme.test" });
  assert.deepEqual(ops[3], { op: "remove", path: 'emails[value eq "o***d@acme.test"]' }, "a filter in a path is masked too");
  assert.deepEqual(ops[4].value, { familyName: m("Brown") });
  assert.deepEqual(ops[5].value, [{ value: "u-9", display: m("Dave Davis") }]);
  assert.deepEqual(ops[6], { op: "replace", path: "password", value: "***" });
  assert.deepEqual(ops[7], { op: "replace", path: "title", value: "Manager" });
  assert.doesNotMatch(row.requestBody, /Hunter|Bob Brown|Dave|Carol|bobby|old@/);
});

test("free text quoting an address (an error's detail) and a search request's filter are masked too", async () => {
  const { entry } = await tenant();
  const error = { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "409", scimType: "uniqueness", detail: "userName 'zoe@acme.test' is already taken." };
  const search = { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter: 'userName eq "zoe@acme.test" and meta.resourceType eq "User"', startIndex: 1 };
  const row = await stored(entry({ path: "/scim/v2/Users/.search", requestBody: JSON.stringify(search), status: 409, responseBody: JSON.stringify(error) }));
  assert.equal(json(row.responseBody).detail, "userName 'z***e@acme.test' is already taken.");
  assert.equal(json(row.responseBody).scimType, "uniqueness");
  assert.equal(json(row.requestBody).filter, 'userName eq "z***e@acme.test" and meta.resourceType eq "User"');
});

test("headers: names lower-cased, the bearer token hidden, cookies left out; the identity provider told from the User-Agent", async () => {
  const { entry } = await tenant();
  const plain = await stored(entry({ headers: { Authorization: "Bearer odscim_secret", Cookie: "session=abc", "User-Agent": "Okta SCIM Client 1.0.0", "Content-Type": "application/scim+json" } }));
  assert.equal(plain.requestHeaders.authorization, "***");
  assert.equal(plain.requestHeaders.cookie, undefined);
  assert.equal(plain.requestHeaders["content-type"], "application/scim+json");
  assert.equal(plain.requestHeaders["user-agent"], "Okta SCIM Client 1.0.0");
  assert.equal(plain.identityProvider, "okta");
  assert.doesNotMatch(JSON.stringify(plain.requestHeaders), /odscim_secret|session=abc|Authorization|Cookie/);

  const fetched = await stored(entry({ headers: new Headers({ authorization: "Bearer odscim_other", "set-cookie": "a=b", "user-agent": "Azure AD SCIM Client" }) }));
  assert.equal(fetched.requestHeaders.authorization, "***");
  assert.equal(fetched.requestHeaders["set-cookie"], undefined);
  assert.equal(fetched.identityProvider, "entra_id");
});

test("identity providers by User-Agent", () => {
  const cases: [string | null, string][] = [
    ["Okta SCIM Client 1.0.0", "okta"],
    ["Okta/2024.01.0", "okta"],
    ["Azure AD SCIM Client", "entra_id"],
    ["AzureAD-Provisioning", "entra_id"],
    ["Microsoft Entra", "entra_id"],
    ["SCIM-Sync/1.0", "entra_id"],
    ["Google-Cloud-Identity-SCIM", "google"],
    ["OneLogin SCIM", "onelogin"],
    ["curl/8.5.0", "other"],
    [null, "other"],
  ];
  for (const [agent, provider] of cases) assert.equal(detectIdentityProvider(agent), provider, String(agent));
});

test("a filter in the query is stored readable with its compared personal values masked, and the log search finds it", async () => {
  const { org, owner, domain, entry } = await tenant();
  const filter = encodeURIComponent('userName eq "john@x.com" or emails[type eq "work" and value eq "jo@x.com"] or id eq "u-1"');
  const row = await stored(entry({ method: "GET", path: `/scim/v2/Users?startIndex=1&filter=${filter}&count=100` }));
  assert.equal(row.requestPath, '/scim/v2/Users?startIndex=1&filter=userName eq "j***n@x.com" or emails[type eq "work" and value eq "*@x.com"] or id eq "u-1"&count=100');
  const found = await call(listDomainScimLogs, sessionOf(owner), { id: domain.id, search: "john@x.com" }, org.id);
  assert.deepEqual(found.results.map((r) => r.id), [row.id]);
});

test("a body that is not JSON is stored as it came, cut to 64 KiB without splitting a character", async () => {
  const { entry } = await tenant();
  const short = await stored(entry({ requestBody: "userName=john&not json", status: 400, responseBody: "<html>Bad Gateway</html>" }));
  assert.equal(short.requestBody, "userName=john&not json");
  assert.equal(short.responseBody, "<html>Bad Gateway</html>");
  const long = "é".repeat(40_000);
  const cut = await stored(entry({ requestBody: long }));
  assert.equal(Buffer.byteLength(cut.requestBody), 64 * 1024);
  assert.ok(long.startsWith(cut.requestBody));
});

/** Polls until `check` holds (the background insert runs on its own time). */
async function eventually(check: () => Promise<boolean> | boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await sleep(25);
  }
  assert.fail(`timed out waiting for ${what}`);
}

test("the background variant returns before the insert is done, and the row still arrives", async () => {
  const { domain, entry } = await tenant();
  const db = await getDb();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = false;
  // The insert waits for the test to open the gate, as a slow database would make it.
  const slow = new Proxy(db, {
    get: (target, prop, receiver) =>
      prop === "insert"
        ? (table: typeof scimRequestLogs) => ({
            values: (values: typeof scimRequestLogs.$inferInsert) => {
              started = true;
              return gate.then(() => target.insert(table).values(values));
            },
          })
        : Reflect.get(target, prop, receiver),
  }) as Db;
  const rows = () => db.select().from(scimRequestLogs).where(eq(scimRequestLogs.domainId, domain.id));

  const returned = logScimRequestInBackground(slow, entry({ requestBody: JSON.stringify({ userName: "eve@acme.test" }) }));
  assert.equal(returned, undefined);
  assert.equal(started, false, "nothing runs before the caller goes on");
  await eventually(() => started, "the insert to start");
  assert.equal((await rows()).length, 0, "the insert is still waiting");
  release();
  await eventually(async () => (await rows()).length === 1, "the row");
  assert.equal(json((await rows())[0].requestBody).userName, "e***e@acme.test");
});

test("a failing insert (its config deleted meanwhile) is logged, never thrown", async () => {
  const { org, owner, entry } = await tenant();
  const config = await call(createIdentityProviderConfig, sessionOf(owner), { name: "Gone" }, org.id);
  await call(deleteIdentityProviderConfig, sessionOf(owner), { id: config.id }, org.id);
  const logged = mock.method(log, "error", () => {});
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  const db = await getDb();
  assert.doesNotThrow(() => logScimRequestInBackground(db, entry({ target: { kind: "identity_provider_config", id: config.id } })));
  try {
    await eventually(() => logged.mock.callCount() > 0, "the error to be logged");
    const [fields, message] = logged.mock.calls[0].arguments as unknown as [Record<string, unknown>, string];
    assert.equal(message, "SCIM request log not written");
    assert.ok(fields.err instanceof Error);
    assert.deepEqual(fields.target, { kind: "identity_provider_config", id: config.id });
    await sleep(50);
    assert.deepEqual(unhandled, []);
  } finally {
    logged.mock.restore();
    process.off("unhandledRejection", onUnhandled);
  }
});

test("pruning deletes the requests older than 30 days in batches, whatever their number; the job runs daily", async () => {
  const { domain, entry } = await tenant();
  const db = await getDb();
  const clock = testClock();
  const at = (days: number) => new Date(clock.start + days * DAY);
  for (const days of [-45, -40, -31, -30.5, -30.01, -29.9, -1, 0]) await recordScimRequest(db, entry({ at: at(days), path: `/scim/v2/Users?d=${days}` }));
  const left = async () => (await db.select().from(scimRequestLogs).where(eq(scimRequestLogs.domainId, domain.id))).map((r) => r.requestPath).sort();

  assert.equal(await pruneScimRequestLogs(db, clock.now(), { batchSize: 2 }), 5, "two full batches and a short one");
  assert.deepEqual(await left(), ["/scim/v2/Users?d=-1", "/scim/v2/Users?d=-29.9", "/scim/v2/Users?d=0"]);
  assert.equal(await pruneScimRequestLogs(db, clock.now(), { batchSize: 2 }), 0);

  clock.set(1 * DAY);
  const silent = pino({ level: "silent" });
  await jobKinds[PRUNE_SCIM_LOGS]({ db, now: clock.now(), log: silent } as JobContext);
  assert.deepEqual(await left(), ["/scim/v2/Users?d=-1", "/scim/v2/Users?d=0"], "the job prunes with its runner's clock");
  assert.deepEqual(recurringJobs.find((s) => s.kind === PRUNE_SCIM_LOGS), { name: PRUNE_SCIM_LOGS, kind: PRUNE_SCIM_LOGS, intervalSeconds: 86_400 });
});
