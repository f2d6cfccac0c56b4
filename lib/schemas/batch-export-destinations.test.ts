import assert from "node:assert/strict";
import { test } from "node:test";
import { batchExportDestination, DESTINATION_SECRET_KEYS, isSecretConfigKey, publicDestination, s3Destination, withStoredSecrets } from "./batch-export-destinations";

const s3 = {
  type: "S3",
  config: { bucket_name: "exports", region: "eu-west-1", prefix: "/a/b/", aws_access_key_id: "AKIA", aws_secret_access_key: "shh" },
};

test("S3 config gets PostHog's defaults, a prefix without slashes and no endpoint", () => {
  const parsed = batchExportDestination.parse(s3);
  assert.deepEqual(parsed.config, {
    bucket_name: "exports",
    region: "eu-west-1",
    prefix: "a/b",
    endpoint_url: null,
    aws_access_key_id: "AKIA",
    aws_secret_access_key: "shh",
    compression: "gzip",
    file_format: "JSONLines",
  });
  assert.equal(batchExportDestination.safeParse({ ...s3, config: { ...s3.config, compression: "brotli" } }).success, false);
  assert.equal(batchExportDestination.safeParse({ ...s3, config: { ...s3.config, bucket_name: "Bad_Bucket" } }).success, false);
  assert.equal(batchExportDestination.safeParse({ ...s3, config: { ...s3.config, region: "us-east-1.evil.com/" } }).success, false);
});

test("Postgres and HTTP configs: required fields, defaults and an unknown type refused", () => {
  const pg = batchExportDestination.parse({ type: "Postgres", config: { host: "db.example.com", database: "d", user: "u", password: "p", table_name: "t" } });
  assert.deepEqual(pg.config, { host: "db.example.com", port: 5432, database: "d", user: "u", password: "p", schema: "public", table_name: "t", has_self_signed_cert: false });
  assert.equal(batchExportDestination.safeParse({ type: "Postgres", config: { host: "h", database: "d", user: "u", password: "p", table_name: "x".repeat(64) } }).success, false);
  assert.deepEqual(batchExportDestination.parse({ type: "HTTP", config: { url: "https://x.example.com", secret: "" } }).config, { url: "https://x.example.com", secret: null });
  assert.equal(batchExportDestination.safeParse({ type: "HTTP", config: {} }).success, false);
  assert.equal(batchExportDestination.safeParse({ type: "Snowflake", config: {} }).success, false);
});

test("secrets are left out of responses and kept from storage when a request leaves them out", () => {
  const stored = batchExportDestination.parse(s3);
  assert.deepEqual(DESTINATION_SECRET_KEYS, { S3: ["aws_secret_access_key"], Postgres: ["password"], HTTP: ["secret"] });
  assert.ok(isSecretConfigKey("HTTP", "secret") && !isSecretConfigKey("HTTP", "url") && !isSecretConfigKey("Nope", "secret"));
  const shown = publicDestination(stored);
  assert.equal("aws_secret_access_key" in shown.config, false);
  assert.equal(shown.config.aws_access_key_id, "AKIA");

  const patched = s3Destination.parse(withStoredSecrets({ type: "S3", config: { ...shown.config, prefix: "new" } }, stored));
  assert.equal(patched.config.aws_secret_access_key, "shh");
  assert.equal(patched.config.prefix, "new");
  const replaced = s3Destination.parse(withStoredSecrets({ type: "S3", config: { ...shown.config, aws_secret_access_key: "new" } }, stored));
  assert.equal(replaced.config.aws_secret_access_key, "new");
  const otherType = withStoredSecrets({ type: "HTTP", config: { url: "https://x.example.com" } }, stored);
  assert.deepEqual(otherType, { type: "HTTP", config: { url: "https://x.example.com" } }, "secrets never move to another type");
});
