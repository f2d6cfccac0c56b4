import assert from "node:assert/strict";
import { test } from "node:test";
import { DIRECTORY_GRANTS, DIRECTORY_PERMISSIONS, isDirectoryPermission, serviceAccountGrantProblem } from "./directory-permissions";
import { ADMIN, MEMBER, OWNER } from "./permissions";

test("the built-in levels grant the directory permissions as documented; only owners create and delete organizations", () => {
  assert.deepEqual([...DIRECTORY_GRANTS[MEMBER]].sort(), ["org.directory.get", "org.directory.list", "org.roles.list"]);
  assert.deepEqual([...DIRECTORY_GRANTS[ADMIN]].sort(), [
    "org.directory.get",
    "org.directory.list",
    "org.directory.members.create",
    "org.directory.members.delete",
    "org.directory.update",
    "org.roles.list",
  ]);
  assert.deepEqual([...DIRECTORY_GRANTS[OWNER]].sort(), [...DIRECTORY_PERMISSIONS].sort());
  assert.ok(isDirectoryPermission("org.directory.members.delete"));
  assert.ok(!isDirectoryPermission("organization:read"));
});

test("nobody gives a service account a permission their own level lacks; the operator may give any", () => {
  assert.equal(serviceAccountGrantProblem(ADMIN, ["org.directory.get", "org.directory.members.delete"]), null);
  assert.equal(serviceAccountGrantProblem(ADMIN, ["org.directory.delete"]), "You cannot grant 'org.directory.delete': your own role does not hold it.");
  assert.match(serviceAccountGrantProblem(MEMBER, ["org.directory.update"]) ?? "", /org\.directory\.update/);
  assert.equal(serviceAccountGrantProblem(OWNER, [...DIRECTORY_PERMISSIONS]), null);
  assert.equal(serviceAccountGrantProblem(null, [...DIRECTORY_PERMISSIONS]), null);
});
