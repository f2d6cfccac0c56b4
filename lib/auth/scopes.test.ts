import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isValidScope, SCOPE_OBJECTS, scopesAllow } from "./scopes";

describe("scopesAllow", () => {
  test("* satisfies every scope of the table", () => {
    for (const object of SCOPE_OBJECTS) {
      assert.ok(scopesAllow(["*"], `${object}:read`), `${object}:read`);
      assert.ok(scopesAllow(["*"], `${object}:write`), `${object}:write`);
    }
  });

  test("write implies read of the same object only", () => {
    assert.ok(scopesAllow(["organization:write"], "organization:read"));
    assert.ok(scopesAllow(["organization:write"], "organization:write"));
    assert.equal(scopesAllow(["organization:write"], "organization_member:read"), false);
    assert.equal(scopesAllow(["organization_member:write"], "organization:read"), false);
  });

  test("read does not imply write", () => {
    assert.ok(scopesAllow(["organization:read"], "organization:read"));
    assert.equal(scopesAllow(["organization:read"], "organization:write"), false);
  });

  test("a missing scope is refused, whatever else is granted", () => {
    assert.equal(scopesAllow([], "user:read"), false);
    assert.equal(scopesAllow(["user:write", "project:read"], "activity_log:read"), false);
    assert.ok(scopesAllow(["user:write", "activity_log:read"], "activity_log:read"));
  });
});

describe("isValidScope", () => {
  test("accepts * and <object>:read|write for the table's objects", () => {
    assert.ok(isValidScope("*"));
    for (const object of SCOPE_OBJECTS) {
      assert.ok(isValidScope(`${object}:read`));
      assert.ok(isValidScope(`${object}:write`));
    }
  });

  test("refuses unknown objects, unknown access and malformed names", () => {
    for (const bad of ["", "organization", "organization:delete", "team:read", "Organization:read", " organization:read", "organization:read ", "**", "*:read", "organization:read:write", "organization:"]) {
      assert.equal(isValidScope(bad), false, JSON.stringify(bad));
    }
  });
});
