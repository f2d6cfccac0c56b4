import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keyGrantDenial } from "../../auth/rules";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../../testing/fixtures";
import { listMembers } from "../members";
import { createPersonalApiKey, updatePersonalApiKey } from "../personal-api-keys";
import { getMe } from "../users";
import { createProject, deleteProject, getProject, listProjects, updateProject } from "./index";

describe("project-scoped personal API keys", () => {
  test("scoped_teams takes projects of the caller's organizations only, and is returned on the key", async () => {
    const { org, owner } = await makeOrganization();
    const project = await call(createProject, sessionOf(owner), { name: "Scoped" }, org.id);
    const other = await makeOrganization();
    const foreign = await call(createProject, sessionOf(other.owner), { name: "Foreign" }, other.org.id);
    const key = await call(createPersonalApiKey, { kind: "cli", user: owner }, { label: "p", scopes: ["project:read"], scoped_teams: [project.id, project.id] });
    assert.deepEqual(key.scoped_teams, [project.id]);
    for (const scoped_teams of [[foreign.id], [999_999_999], ["1"]]) {
      await expectAppError(call(createPersonalApiKey, { kind: "cli", user: owner }, { label: "p", scopes: ["*"], scoped_teams }, undefined), 400, "invalid_input", { attr: scoped_teams[0] === "1" ? "scoped_teams__0" : "scoped_teams" });
    }
    const updated = await call(updatePersonalApiKey, { kind: "cli", user: owner }, { id: key.id, scoped_teams: [] });
    assert.deepEqual(updated.scoped_teams, []);
  });

  test("a scoped key reaches its projects only, and no endpoint that is not a project's", async () => {
    const { org, owner } = await makeOrganization();
    const mine = await call(createProject, sessionOf(owner), { name: "Mine" }, org.id);
    const notMine = await call(createProject, sessionOf(owner), { name: "Not mine" }, org.id);
    const key = apiKeyOf(owner, ["*"], [], [mine.id]);
    const list = await call(listProjects, key, {}, org.id);
    assert.deepEqual(list.results.map((p) => p.id), [mine.id]);
    assert.equal((await call(getProject, key, { id: String(mine.id) }, org.id)).id, mine.id);
    assert.equal((await call(getProject, key, { id: "@current" }, org.id)).id, mine.id);
    const refused = `API key does not have access to the requested project: ID ${notMine.id}.`;
    await expectAppError(call(getProject, key, { id: String(notMine.id) }, org.id), 403, "permission_denied", { detail: refused });
    await expectAppError(call(updateProject, key, { id: String(notMine.id), anonymize_ips: true }, org.id), 403, "permission_denied", { detail: refused });
    await expectAppError(call(deleteProject, key, { id: String(notMine.id) }, org.id), 403, "permission_denied", { detail: refused });
    await expectAppError(call(createProject, key, { name: "New" }, org.id), 403, "permission_denied");
    const projectsOnly = "API keys with scoped projects are only supported on project-based endpoints.";
    await expectAppError(call(listMembers, key, {}, org.id), 403, "permission_denied", { detail: projectsOnly });
    await expectAppError(call(getMe, key, { user_id: "@me" }), 403, "permission_denied", { detail: projectsOnly });
    await expectAppError(call(createPersonalApiKey, key, { label: "wider", scopes: ["*"] }), 403, "permission_denied", { detail: projectsOnly });
  });

  test("a project-scoped calling key cannot grant other projects or no project limit", () => {
    const caller = { scopes: ["*"], scopedOrganizations: [], scopedTeams: [1, 2] };
    assert.equal(keyGrantDenial(caller, { scopedTeams: [2] }), null);
    assert.equal(keyGrantDenial(caller, {}), null);
    assert.match(keyGrantDenial(caller, { scopedTeams: [] })?.message ?? "", /scoped to some projects and cannot grant access to all of them/);
    assert.match(keyGrantDenial(caller, { scopedTeams: [1, 3] })?.message ?? "", /not scoped to: 3\.$/);
    assert.equal(keyGrantDenial({ scopes: ["*"], scopedOrganizations: [] }, { scopedTeams: [] }), null);
  });
});
