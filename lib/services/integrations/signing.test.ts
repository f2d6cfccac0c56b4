import assert from "node:assert/strict";
import { test } from "node:test";
import { deliveryIdOf, generateWebhookSecret, signWebhook, webhookHeaders, webhookMessageId } from "./signing";

test("the Standard Webhooks reference vector", () => {
  const signature = signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}');
  assert.equal(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
});

test("headers carry the id, the timestamp and the signature over both and the body", () => {
  const secret = generateWebhookSecret();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.equal(Buffer.from(secret.slice(6), "base64").length, 32);
  const headers = webhookHeaders(secret, "msg_1", 1700000000, "{}");
  assert.deepEqual(headers, {
    "content-type": "application/json",
    "webhook-id": "msg_1",
    "webhook-timestamp": "1700000000",
    "webhook-signature": signWebhook(secret, "msg_1", 1700000000, "{}"),
  });
  assert.notEqual(signWebhook(secret, "msg_1", 1700000001, "{}"), headers["webhook-signature"]);
});

test("a delivery's webhook-id maps back to its UUID", () => {
  const id = "0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
  assert.equal(webhookMessageId(id), "msg_0f8e2c1a3b4d4e5f8a9b0c1d2e3f4a5b");
  assert.equal(deliveryIdOf(webhookMessageId(id)), id);
  assert.equal(deliveryIdOf(id), id);
  assert.equal(deliveryIdOf("msg_nope"), null);
});
