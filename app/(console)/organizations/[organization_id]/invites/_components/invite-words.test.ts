import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { alreadyInvited, bulkMessage, delegatedMessage, invitedMessage, NO_EMAIL_NOTE, resentMessage } from "./invite-words";

const SMTP = { emailed: true, emailConfigured: true };
const UNCHECKED = { emailed: false, emailConfigured: true };
const NO_SMTP = { emailed: false, emailConfigured: false };

describe("invitation words", () => {
  test("one invitation: sent, not sent by choice, or kept because email isn't set up", () => {
    assert.equal(invitedMessage("a@x.test", SMTP), "Invitation sent to a@x.test.");
    assert.equal(invitedMessage("a@x.test", UNCHECKED), "Invitation created for a@x.test, without an email: copy its link from the Invites list to share it.");
    assert.equal(invitedMessage("a@x.test", NO_SMTP), "Invitation created for a@x.test. Email isn't set up: copy its link from the Invites list or find it in the Outbox.");
    assert.match(NO_EMAIL_NOTE, /^Email isn't set up on this server: the invitation waits in the Outbox, or copy its link/);
  });

  test("a resend keeps the link; without email it says nothing was sent", () => {
    assert.equal(resentMessage("a@x.test", SMTP), "Invitation sent to a@x.test again. Their link stays the same.");
    assert.equal(resentMessage("a@x.test", NO_SMTP), "Email isn't set up, so nothing was sent to a@x.test: copy their link from the Invites list or find it in the Outbox.");
  });

  test("bulk: invited and resent counts, and the missing email transport", () => {
    assert.equal(bulkMessage(2, 0, true), "Invited 2 people.");
    assert.equal(bulkMessage(1, 1, true), "Invited 1 person and sent 1 invitation again.");
    assert.equal(bulkMessage(0, 3, true), "Sent 3 invitations again.");
    assert.equal(bulkMessage(2, 0, false), "Invited 2 people. Email isn't set up: copy their links from the Invites list or find them in the Outbox.");
  });

  test("a setup request names the organization once, with no second full stop", () => {
    assert.equal(delegatedMessage("a@x.test", "Acme Inc.", SMTP), "Asked a@x.test to finish setting up Acme Inc.");
    assert.equal(delegatedMessage("a@x.test", "Acme", SMTP), "Asked a@x.test to finish setting up Acme.");
    assert.equal(delegatedMessage("a@x.test", "Acme Inc.", NO_SMTP), "Setup invitation created for a@x.test. Email isn't set up: copy its link from the Invites list or find it in the Outbox.");
  });

  test("the mark on an address with a pending invitation names its day", () => {
    assert.equal(alreadyInvited("a@x.test", "2026-03-04T12:00:00Z"), "a@x.test was already invited on Mar 4, 2026 — inviting again replaces the link they have.");
  });
});
