import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { scimGroupMembers, scimGroups, scimUsers } from "../../../db/schema";
import { makeOrganization, makeUser } from "../../testing/fixtures";
import { ScimFilterError, scimFilterToSql } from "./filter";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** One organization's tenant with three SCIM users and three groups, plus a second tenant holding Alice's twin. */
async function seed() {
  const db = await getDb();
  const { org } = await makeOrganization();
  const person = await makeUser("scim");
  const tenant = randomUUID();
  const base = { organizationId: org.id, tenantId: tenant, userId: person.id };
  const [alice, bob, carol] = await db
    .insert(scimUsers)
    .values([
      {
        ...base,
        userName: "Alice@Example.com",
        externalId: "ext-A",
        displayName: "Alice Smith",
        givenName: "Alice",
        familyName: "Smith",
        email: "alice@example.com",
        resource: { emails: [{ value: "Alice@Example.com", type: "work", primary: true }, { value: "alice@home.test", type: "home" }] },
        createdAt: day("2026-01-01"),
        updatedAt: day("2026-01-10"),
      },
      {
        ...base,
        userName: "bob@example.com",
        externalId: "ext-a",
        displayName: "Bob 100% Real",
        givenName: "Bob",
        familyName: "Jones",
        email: "bob@example.com",
        active: false,
        resource: { emails: [{ value: "bob@example.com", type: "home" }, { value: "bob@work.test", type: "WORK" }] },
        createdAt: day("2026-02-01"),
        updatedAt: day("2026-02-01"),
      },
      {
        ...base,
        userName: "carol",
        displayName: "",
        familyName: "C:\\dir_1",
        resource: { emails: "not a list" },
        createdAt: day("2026-03-01"),
        updatedAt: new Date("2026-03-01T12:00:00.123456Z"),
      },
    ])
    .returning();
  await db.insert(scimUsers).values({ ...base, tenantId: randomUUID(), userName: "alice@example.com", externalId: "ext-A" });
  const [engineering, sales, empty] = await db
    .insert(scimGroups)
    .values([
      { organizationId: org.id, tenantId: tenant, displayName: "Engineering", externalId: "g-1", createdAt: day("2026-01-01") },
      { organizationId: org.id, tenantId: tenant, displayName: "Sales", createdAt: day("2026-02-01") },
      { organizationId: org.id, tenantId: tenant, displayName: "Empty", createdAt: day("2026-03-01") },
    ])
    .returning();
  await db.insert(scimGroupMembers).values([
    { groupId: engineering.id, scimUserId: alice.id },
    { groupId: engineering.id, scimUserId: bob.id },
    { groupId: sales.id, scimUserId: carol.id },
  ]);
  const userNames = async (filter: string) =>
    (await db.select({ name: scimUsers.userName }).from(scimUsers).where(and(eq(scimUsers.tenantId, tenant), scimFilterToSql(filter, "User"))))
      .map((r) => r.name)
      .sort();
  const groupNames = async (filter: string) =>
    (await db.select({ name: scimGroups.displayName }).from(scimGroups).where(and(eq(scimGroups.tenantId, tenant), scimFilterToSql(filter, "Group"))))
      .map((r) => r.name)
      .sort();
  return { db, tenant, alice, bob, carol, engineering, sales, empty, userNames, groupNames };
}

const ALICE = "Alice@Example.com";
const BOB = "bob@example.com";
const CAROL = "carol";

test("userName eq ignores case in the value and the attribute name, with or without the schema URN", async () => {
  const { userNames } = await seed();
  assert.deepEqual(await userNames('userName eq "ALICE@EXAMPLE.COM"'), [ALICE], "Okta sends the name in another case");
  assert.deepEqual(await userNames('USERNAME EQ "alice@example.com"'), [ALICE]);
  assert.deepEqual(await userNames('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "alice@example.com"'), [ALICE]);
  assert.deepEqual(await userNames('userName eq "nobody@example.com"'), []);
});

test("externalId is case-exact and id matches a uuid, while a value that is no uuid matches nothing", async () => {
  const { userNames, alice } = await seed();
  assert.deepEqual(await userNames('externalId eq "ext-A"'), [ALICE]);
  assert.deepEqual(await userNames('externalId eq "ext-a"'), [BOB]);
  assert.deepEqual(await userNames('externalId eq "EXT-A"'), []);
  assert.deepEqual(await userNames(`id eq "${alice.id.toUpperCase()}"`), [ALICE]);
  assert.deepEqual(await userNames('id eq "not-a-uuid"'), []);
  assert.deepEqual(await userNames('id ne "not-a-uuid"'), [ALICE, BOB, CAROL]);
});

test("each comparison operator, and pr as present and not empty", async () => {
  const { userNames } = await seed();
  assert.deepEqual(await userNames('displayName ne "alice smith"'), [BOB, CAROL], "ne includes a user whose value is empty");
  assert.deepEqual(await userNames('externalId ne "ext-A"'), [BOB, CAROL], "ne includes a user without the attribute");
  assert.deepEqual(await userNames('name.familyName co "ONE"'), [BOB]);
  assert.deepEqual(await userNames('name.givenName sw "al"'), [ALICE]);
  assert.deepEqual(await userNames('userName ew "EXAMPLE.COM"'), [ALICE, BOB]);
  assert.deepEqual(await userNames('userName gt "b"'), [BOB, CAROL]);
  assert.deepEqual(await userNames('userName ge "bob@example.com"'), [BOB, CAROL]);
  assert.deepEqual(await userNames('userName lt "BOB"'), [ALICE]);
  assert.deepEqual(await userNames('userName le "carol"'), [ALICE, BOB, CAROL]);
  assert.deepEqual(await userNames("displayName pr"), [ALICE, BOB], "an empty string is not present");
  assert.deepEqual(await userNames("externalId pr"), [ALICE, BOB]);
  assert.deepEqual(await userNames("not (externalId pr)"), [CAROL]);
  assert.deepEqual(await userNames("externalId eq null"), [CAROL]);
});

test("co, sw and ew match %, _ and \\ literally", async () => {
  const { userNames } = await seed();
  assert.deepEqual(await userNames('displayName co "100%"'), [BOB]);
  assert.deepEqual(await userNames('displayName co "%"'), [BOB]);
  assert.deepEqual(await userNames('displayName sw "%"'), []);
  assert.deepEqual(await userNames('name.familyName ew "r_1"'), [CAROL]);
  assert.deepEqual(await userNames('name.familyName co "_"'), [CAROL]);
  assert.deepEqual(await userNames('name.familyName co "s_"'), [], "_ is no wildcard");
  assert.deepEqual(await userNames('name.familyName sw "C:\\dir"'), [CAROL]);
  assert.deepEqual(await userNames('name.familyName co ":\\d"'), [CAROL]);
});

test("active takes JSON booleans and the strings true and false in any case, and nothing else", async () => {
  const { userNames } = await seed();
  assert.deepEqual(await userNames("active eq false"), [BOB]);
  assert.deepEqual(await userNames('active eq "False"'), [BOB]);
  assert.deepEqual(await userNames('active eq "TRUE"'), [ALICE, CAROL]);
  assert.deepEqual(await userNames("active ne true"), [BOB]);
  assert.deepEqual(await userNames("active pr"), [ALICE, BOB, CAROL]);
  assert.throws(() => scimFilterToSql("active gt true", "User"), ScimFilterError);
  assert.throws(() => scimFilterToSql("active eq 1", "User"), ScimFilterError);
  assert.throws(() => scimFilterToSql('active eq "yes"', "User"), ScimFilterError);
  assert.throws(() => scimFilterToSql('active co "t"', "User"), ScimFilterError);
});

test("emails: one element must satisfy the type and the value, without case; plain emails means emails.value", async () => {
  const { userNames } = await seed();
  assert.deepEqual(await userNames('emails[type eq "work"].value eq "alice@example.com"'), [ALICE]);
  assert.deepEqual(await userNames('emails[type eq "work"].value eq "bob@work.test"'), [BOB], 'the type "WORK" matches too');
  assert.deepEqual(await userNames('emails[type eq "work"].value eq "bob@example.com"'), [], "Bob's work address is another one");
  assert.deepEqual(await userNames('emails[type eq "work"] and emails.value eq "bob@example.com"'), [BOB], "two conditions, any elements");
  assert.deepEqual(await userNames('emails[type eq "home" and value ew "@home.test"]'), [ALICE]);
  assert.deepEqual(await userNames('emails eq "ALICE@HOME.TEST"'), [ALICE]);
  assert.deepEqual(await userNames('emails.value co "@work."'), [BOB]);
  assert.deepEqual(await userNames('emails.type eq "home"'), [ALICE, BOB]);
  assert.deepEqual(await userNames("emails pr"), [ALICE, BOB], "Carol's emails are not a list: no element, no error");
  assert.deepEqual(await userNames('emails ne "bob@example.com"'), [ALICE, BOB], "some address differs: Bob has two");
});

test("emails.value also matches the email column", async () => {
  const { db, userNames, carol } = await seed();
  await db.update(scimUsers).set({ email: "carol@example.com" }).where(eq(scimUsers.id, carol.id));
  assert.deepEqual(await userNames('emails.value eq "Carol@example.com"'), [CAROL]);
  assert.deepEqual(await userNames('emails[type eq "work"].value eq "carol@example.com"'), [], "the column has no type");
});

test("meta dates compare as instants, to the millisecond shown to clients", async () => {
  const { userNames, groupNames } = await seed();
  assert.deepEqual(await userNames('meta.lastModified gt "2026-01-31T00:00:00Z"'), [BOB, CAROL]);
  assert.deepEqual(await userNames('meta.lastModified ge "2026-02-01T01:00:00+01:00"'), [BOB, CAROL]);
  assert.deepEqual(await userNames('meta.lastModified eq "2026-03-01T12:00:00.123Z"'), [CAROL]);
  assert.deepEqual(await userNames('meta.created lt "2026-02-01"'), [ALICE]);
  assert.deepEqual(await userNames('meta.created le "2026-02-01T00:00:00.000Z"'), [ALICE, BOB]);
  assert.deepEqual(await groupNames('meta.created gt "2026-01-15T00:00:00Z"'), ["Empty", "Sales"]);
  for (const bad of ['"2026-02-30T00:00:00Z"', '"yesterday"', '"0000-01-01T00:00:00Z"', '"2026-01-01T25:00:00Z"', "20260101"]) {
    assert.throws(() => scimFilterToSql(`meta.lastModified gt ${bad}`, "User"), ScimFilterError, bad);
  }
  assert.throws(() => scimFilterToSql('meta.created co "2026"', "User"), ScimFilterError);
});

test("and, or, not and parentheses combine as written", async () => {
  const { userNames } = await seed();
  assert.deepEqual(await userNames('userName sw "a" or userName sw "b" and active eq true'), [ALICE], "and binds tighter than or");
  assert.deepEqual(await userNames('(userName sw "a" or userName sw "b") and active eq false'), [BOB]);
  assert.deepEqual(await userNames('not (userName sw "a" or userName sw "b")'), [CAROL]);
  assert.deepEqual(await userNames('not (displayName eq "Alice Smith") and active eq true'), [CAROL], "not holds for an empty value");
  assert.deepEqual(await userNames('userName eq "carol" AND NOT (emails pr)'), [CAROL]);
  assert.deepEqual(await userNames('userName eq "alice@example.com" and active eq false'), []);
});

test("groups: displayName without case, externalId, and membership by the SCIM user's id", async () => {
  const { groupNames, alice, bob, carol, engineering, sales } = await seed();
  assert.deepEqual(await groupNames('displayName eq "ENGINEERING"'), ["Engineering"]);
  assert.deepEqual(await groupNames('externalId eq "g-1"'), ["Engineering"]);
  assert.deepEqual(await groupNames(`members[value eq "${alice.id}"]`), ["Engineering"]);
  assert.deepEqual(await groupNames(`members eq "${carol.id}"`), ["Sales"]);
  assert.deepEqual(await groupNames(`members.value eq "${bob.id}" or members.value eq "${carol.id}"`), ["Engineering", "Sales"]);
  assert.deepEqual(await groupNames(`id eq "${engineering.id}" and members[value eq "${bob.id}"]`), ["Engineering"], "Entra's membership check");
  assert.deepEqual(await groupNames(`id eq "${sales.id}" and members[value eq "${bob.id}"]`), []);
  assert.deepEqual(await groupNames("members pr"), ["Engineering", "Sales"]);
  assert.deepEqual(await groupNames("not (members pr)"), ["Empty"]);
  assert.deepEqual(await groupNames('members[value eq "not-a-uuid"]'), []);
  assert.throws(() => scimFilterToSql('members co "a"', "Group"), ScimFilterError);
  assert.throws(() => scimFilterToSql('userName eq "a"', "Group"), ScimFilterError);
  assert.throws(() => scimFilterToSql('urn:ietf:params:scim:schemas:core:2.0:User:displayName eq "a"', "Group"), ScimFilterError);
});

test("refusals are ScimFilterError, never another error", () => {
  const refused = [
    "",
    "userName",
    'userName eq "unterminated',
    "userName eq alice",
    'userName xx "a"',
    '(userName eq "a"',
    'userName eq "a" or',
    'foo eq "x"',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "1"',
    "userName eq 5",
    "userName gt true",
    'id gt "a"',
    'name eq "a"',
    'emails[foo eq "a"]',
    'emails[type eq "work"].foo eq "a"',
    'displayName[value eq "a"]',
    'emails[value[type eq "a"]]',
    'constructor eq "x"',
    "__proto__ pr",
    'emails.toString eq "x"',
    'emails[hasOwnProperty eq "x"]',
    `userName eq "${"a".repeat(990)}"`,
  ];
  for (const filter of refused) {
    assert.throws(() => scimFilterToSql(filter, "User"), ScimFilterError, filter.slice(0, 60));
  }
  assert.doesNotThrow(() => scimFilterToSql(`userName eq "${"a".repeat(985)}"`, "User"), "1,000 characters are allowed");
});

test("userName eq with the tenant condition uses the unique index on (tenant_id, lower(user_name))", async () => {
  const { db, tenant } = await seed();
  const plan = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const result = await tx.execute(sql`explain select id from ${scimUsers} where ${scimUsers.tenantId} = ${tenant} and ${scimFilterToSql('userName eq "x"', "User")}`);
    const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Array<Record<string, string>>;
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
  assert.match(plan, /Index Scan using scim_users_tenant_user_name_idx/, plan);
  assert.match(plan, /Index Cond: .*tenant_id = .*lower\(\(user_name\)::text\)/, plan);
});

test("every attribute, operator and kind of value either refuses with ScimFilterError or runs, never null", async () => {
  const { db, tenant, alice } = await seed();
  const values = ['"x"', '"%_\\\\"', '"ÄÖ"', "true", '"False"', "null", "5", '"2026-01-01T00:00:00Z"', '"not-a-uuid"', `"${alice.id}"`];
  const ops = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];
  const paths = {
    User: ["id", "userName", "externalId", "displayName", "name.givenName", "name.familyName", "active", "meta.created", "meta.lastModified"].concat(
      ["emails", "emails.value", "emails.type", 'emails[type eq "work"].value', "urn:ietf:params:scim:schemas:core:2.0:User:emails.value"],
    ),
    Group: ["id", "displayName", "externalId", "meta.created", "meta.lastModified", "members", "members.value", "members[value pr].value"],
  };
  let ran = 0;
  for (const [resource, names] of Object.entries(paths) as Array<["User" | "Group", string[]]>) {
    const table = resource === "User" ? scimUsers : scimGroups;
    for (const path of names) {
      const conditions = [];
      for (const filter of [`${path} pr`, ...ops.flatMap((op) => values.map((v) => `${path} ${op} ${v}`))]) {
        try {
          // Conditions are never null, so a filter or its negation holds for every row.
          conditions.push(scimFilterToSql(`not (${filter}) or ${filter}`, resource));
        } catch (err) {
          assert.ok(err instanceof ScimFilterError, `${filter}: ${String(err)}`);
        }
      }
      ran += conditions.length;
      const rows = await db
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.tenantId, tenant), ...conditions))
        .catch((err) => assert.fail(`${resource} ${path}: ${String(err)}`));
      assert.equal(rows.length, 3, path);
    }
  }
  assert.ok(ran > 300, `${ran} filters ran`);
});
