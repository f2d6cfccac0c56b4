import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getDb } from "../../db/client";
import { projectMemberships } from "../../db/schema";
import type { AuthUser } from "../auth/principal";
import { call, expectAppError, makeOrganization, makeProject, sessionOf, uniqueEmail } from "../testing/fixtures";
import { createInvite } from "./invites";

const invite = (as: AuthUser, orgId: string, private_project_access: unknown, extra: Record<string, unknown> = {}) =>
  call(createInvite, sessionOf(as), { target_email: uniqueEmail(), private_project_access, ...extra }, orgId);

const NO_PROJECT = "Project does not exist on this organization, or it is private and you do not have access to it.";

describe("private_project_access: its shape", () => {
  const cases: Array<[unknown, string]> = [
    [{ id: 1, level: "member" }, "The field must be a list of dictionaries."],
    ["[]", "The field must be a list of dictionaries."],
    [7, "The field must be a list of dictionaries."],
    [[1], "Each item in the list must be a dictionary."],
    [[null], "Each item in the list must be a dictionary."],
    [[[{ id: 1, level: "member" }]], "Each item in the list must be a dictionary."],
    [[{ id: 1 }], 'Each dictionary must contain "id" and "level" keys.'],
    [[{ level: "admin" }], 'Each dictionary must contain "id" and "level" keys.'],
    [[{ id: "1", level: "member" }], 'The "id" field must be an integer.'],
    [[{ id: 1.5, level: "member" }], 'The "id" field must be an integer.'],
    [[{ id: null, level: "member" }], 'The "id" field must be an integer.'],
    [[{ id: 1, level: "owner" }], 'The "level" field must be a valid access level.'],
    [[{ id: 1, level: 8 }], 'The "level" field must be a valid access level.'],
    [[{ id: 1, level: "Admin" }], 'The "level" field must be a valid access level.'],
  ];

  for (const [value, detail] of cases) {
    test(`${JSON.stringify(value)} is 400: ${detail}`, async () => {
      const { org, owner } = await makeOrganization();
      await expectAppError(invite(owner, org.id, value), 400, "invalid_input", { detail, attr: "private_project_access" });
    });
  }

  test("the shape is checked before the existing-member rule", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    await expectAppError(invite(owner, org.id, "bad", { target_email: members[0].email }), 400, "invalid_input", {
      detail: "The field must be a list of dictionaries.",
      attr: "private_project_access",
    });
  });
});

describe("private_project_access: the projects", () => {
  test("a project of another organization, or one that does not exist, is refused", async () => {
    const { org, owner } = await makeOrganization();
    const other = await makeOrganization();
    const theirs = await makeProject(other.org.id);
    const mine = await makeProject(org.id);
    for (const access of [[{ id: theirs.id, level: "member" }], [{ id: mine.id, level: "member" }, { id: 2_000_000_000, level: "admin" }]]) {
      await expectAppError(invite(owner, org.id, access), 400, "invalid_input", { detail: NO_PROJECT, attr: "private_project_access" });
    }
  });

  test("the projects are checked before the existing-member rule", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    await expectAppError(invite(owner, org.id, [{ id: 2_000_000_000, level: "member" }], { target_email: members[0].email }), 400, "invalid_input", {
      detail: NO_PROJECT,
    });
  });

  test("org admins and owners may grant any project of the organization, private or not", async () => {
    const { org, owner, members } = await makeOrganization([8]);
    const open = await makeProject(org.id);
    const closed = await makeProject(org.id, { private: true });
    const access = [{ id: open.id, level: "admin" }, { id: closed.id, level: "admin" }];
    assert.deepEqual((await invite(owner, org.id, access)).private_project_access, access);
    assert.deepEqual((await invite(members[0], org.id, access)).private_project_access, access);
  });

  test("a member may grant a public project, and a private one only with project-admin access to it", async () => {
    const db = await getDb();
    const { org, members } = await makeOrganization([1]);
    const [member] = members;
    const open = await makeProject(org.id);
    const closed = await makeProject(org.id, { private: true });
    const joined = await makeProject(org.id, { private: true });
    const administered = await makeProject(org.id, { private: true });
    await db.insert(projectMemberships).values([
      { projectId: joined.id, userId: member.id, level: 1 },
      { projectId: administered.id, userId: member.id, level: 8 },
    ]);
    assert.deepEqual((await invite(member, org.id, [{ id: open.id, level: "member" }])).private_project_access, [{ id: open.id, level: "member" }]);
    assert.deepEqual((await invite(member, org.id, [{ id: administered.id, level: "admin" }])).private_project_access, [
      { id: administered.id, level: "admin" },
    ]);
    for (const project of [closed, joined]) {
      await expectAppError(invite(member, org.id, [{ id: project.id, level: "member" }]), 400, "invalid_input", {
        detail: NO_PROJECT,
        attr: "private_project_access",
      });
    }
  });
});
