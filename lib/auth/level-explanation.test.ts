import assert from "node:assert/strict";
import { test } from "node:test";
import { levelExplanation, ownerChange, withArticle } from "./level-explanation";
import { ADMIN, LEVELS, MEMBER, OWNER } from "./permissions";

test("a member sees the organization, its members and invitations, and invites only where allowed", () => {
  assert.deepEqual(levelExplanation(MEMBER), [
    "Sees the organization's settings, its members, pending invitations, the personal API keys that reach it, its domains and identity providers, its OAuth applications, its integrations and its batch exports.",
    "Invites people when the organization allows it.",
  ]);
});

test("an administrator adds the logs, settings, cancelling invitations and managing others up to administrator", () => {
  assert.deepEqual(levelExplanation(ADMIN), [
    "Everything a member may do.",
    "Also sees the activity log, the outbox and its legal documents.",
    "Invites people, changes the organization's settings, cancels invitations, manages domains, single sign-on and SCIM, registers OAuth applications, manages webhooks, generates legal documents for signature, manages batch exports, manages service accounts and manages custom directory roles.",
    "Changes the level of members and administrators, up to administrator, and removes them.",
  ]);
});

test("an owner adds deleting, making owners, and cannot leave", () => {
  assert.deepEqual(levelExplanation(OWNER), [
    "Everything an administrator may do.",
    "Also deletes the organization.",
    "Changes anyone's level, owners included, and removes anyone.",
    "Can't leave until another owner lowers their level.",
  ]);
});

test("every level gets two to four full sentences, none repeated from the level below", () => {
  for (const level of LEVELS) {
    const sentences = levelExplanation(level);
    assert.ok(sentences.length >= 2 && sentences.length <= 4, `level ${level}: ${sentences.length} sentences`);
    for (const sentence of sentences) assert.match(sentence, /^[A-Z].*\.$/);
  }
  const [member, admin] = [levelExplanation(MEMBER), levelExplanation(ADMIN)];
  assert.ok(admin.every((sentence) => !member.includes(sentence)));
});

test("articles follow the word", () => {
  assert.equal(withArticle("administrator"), "an administrator");
  assert.equal(withArticle("member"), "a member");
  assert.equal(withArticle("Owner"), "an Owner");
});

test("making or unmaking an owner is an owner change; other changes are not", () => {
  assert.equal(ownerChange(ADMIN, OWNER), "promote");
  assert.equal(ownerChange(MEMBER, OWNER), "promote");
  assert.equal(ownerChange(OWNER, ADMIN), "demote");
  assert.equal(ownerChange(OWNER, MEMBER), "demote");
  assert.equal(ownerChange(MEMBER, ADMIN), null);
  assert.equal(ownerChange(ADMIN, MEMBER), null);
  assert.equal(ownerChange(OWNER, OWNER), null);
});
