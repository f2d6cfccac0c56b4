import assert from "node:assert/strict";
import { test } from "node:test";
import { editExportSchema, newExportSchema } from "./export-schemas";
import { configOf, filtersOf, filterValuesOf, valuesOf } from "./export-values";

const definition = { name: "Out", model: "events", interval: "hour" } as const;

test("a new destination's config passes the API's schema; an empty required secret is sent empty and refused", () => {
  const http = configOf("HTTP", { url: " https://example.com/in ", secret: "" }, false);
  assert.deepEqual(http, { url: "https://example.com/in" });
  assert.equal(newExportSchema.safeParse({ ...definition, destination: { type: "HTTP", config: http } }).success, true);

  const s3 = configOf("S3", { bucket_name: "bucket", aws_access_key_id: "AKIA", aws_secret_access_key: "", region: "", prefix: "" }, false);
  assert.deepEqual(s3, { bucket_name: "bucket", aws_access_key_id: "AKIA", aws_secret_access_key: "" });
  const refused = newExportSchema.safeParse({ ...definition, destination: { type: "S3", config: s3 } });
  assert.equal(refused.success, false);
  assert.deepEqual(refused.error?.issues.map((i) => i.path.join("__")), ["destination__config__aws_secret_access_key"]);
});

test("Postgres: the port is a number, the self-signed flag a boolean, an empty password is a password", () => {
  const config = configOf("Postgres", { host: "db", port: "6543", database: "d", user: "u", password: "", table_name: "t", has_self_signed_cert: true }, false);
  assert.deepEqual(config, { host: "db", port: 6543, database: "d", user: "u", password: "", table_name: "t", has_self_signed_cert: true });
  assert.equal(newExportSchema.safeParse({ ...definition, destination: { type: "Postgres", config } }).success, true);
});

test("editing: an empty secret is left out (the stored one is kept), a removed optional one is sent as null", () => {
  const stored = valuesOf({ url: "https://example.com/in", has_self_signed_cert: false, prefix: null });
  assert.deepEqual(stored, { url: "https://example.com/in", has_self_signed_cert: false, prefix: "" });
  assert.deepEqual(configOf("HTTP", stored, true), { url: "https://example.com/in" });
  assert.deepEqual(configOf("HTTP", { ...stored, secret: "typed", "remove:secret": true }, true), { url: "https://example.com/in", secret: null });
  const s3 = configOf("S3", { bucket_name: "bucket", aws_access_key_id: "AKIA", aws_secret_access_key: "" }, true);
  assert.equal(editExportSchema.safeParse({ id: "x", destination: { type: "S3", config: s3 } }).success, true);
});

test("filters keep only the keys the model understands, and none means every row", () => {
  const values = { scope: "OrganizationMembership, , Project", activity: "", levels: [8] };
  assert.deepEqual(filtersOf("events", values), { scope: ["OrganizationMembership", "Project"] });
  assert.deepEqual(filtersOf("persons", values), { level: [8] });
  assert.equal(filtersOf("sessions", values), null);
  assert.equal(filtersOf("events", { scope: " ", activity: "", levels: [] }), null);
  assert.deepEqual(filterValuesOf({ scope: ["A", "B"], level: [1, 15] }), { scope: "A, B", activity: "", levels: [1, 15] });
});
