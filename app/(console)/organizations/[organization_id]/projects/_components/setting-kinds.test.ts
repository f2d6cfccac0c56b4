import assert from "node:assert/strict";
import { test } from "node:test";
import { NULL_OPTION, sameAsStored, toDraft, toWire, type SettingField } from "./setting-kinds";

const field = (f: Omit<SettingField, "name" | "label"> & Partial<SettingField>) => ({ name: "x", label: "X", ...f }) as SettingField;

test("a nullable select round-trips null and numbers", () => {
  const weekStart = field({ kind: "select", numeric: true, options: () => [] });
  assert.equal(toDraft(weekStart, null), NULL_OPTION);
  assert.deepEqual(toWire(weekStart, NULL_OPTION), { value: null });
  assert.deepEqual(toWire(weekStart, toDraft(weekStart, 1)), { value: 1 });
});

test("numbers: empty is null, a decimal stays the API's string, a fraction is no whole number", () => {
  const rate = field({ kind: "number", decimal: true, min: 0, max: 1, step: "0.01" });
  const duration = field({ kind: "number", min: 0, max: 30000, step: "1" });
  assert.deepEqual(toWire(rate, " "), { value: null });
  assert.deepEqual(toWire(rate, "0.50"), { value: "0.50" });
  assert.deepEqual(toWire(duration, "1500"), { value: 1500 });
  assert.deepEqual(toWire(duration, "1.5"), { error: "Enter a whole number." });
});

test("lines: one item a line, blanks dropped; URL lists become regex triggers and read back as their URLs", () => {
  const urls = field({ kind: "lines", urls: true });
  assert.deepEqual(toWire(field({ kind: "lines" }), " a \n\n b"), { value: ["a", "b"] });
  assert.deepEqual(toWire(urls, "/checkout"), { value: [{ url: "/checkout", matching: "regex" }] });
  assert.equal(toDraft(urls, [{ url: "/a", matching: "regex" }, { url: "/b" }]), "/a\n/b");
  assert.equal(toDraft(urls, null), "");
});

test("JSON: parsed, empty is null, broken JSON is refused before any request", () => {
  const json = field({ kind: "json" });
  assert.deepEqual(toWire(json, '{"record_canvas": true}'), { value: { record_canvas: true } });
  assert.deepEqual(toWire(json, ""), { value: null });
  assert.deepEqual(toWire(json, "{nope"), { error: "Enter valid JSON." });
});

test("text: blank means null only where the setting may be null; a draft equal to the stored value is no change", () => {
  assert.deepEqual(toWire(field({ kind: "text", maxLength: 10, nullable: true }), ""), { value: null });
  assert.deepEqual(toWire(field({ kind: "text", maxLength: 10 }), ""), { value: "" });
  const flag = field({ kind: "switch" });
  assert.equal(sameAsStored(flag, false, null), true, "an unset flag reads as off");
  assert.equal(sameAsStored(flag, true, null), false);
});
