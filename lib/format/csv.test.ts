import assert from "node:assert/strict";
import { test } from "node:test";
import { csvCell, csvRow } from "./csv";

test("plain values are written as they are; nothing is an empty cell", () => {
  assert.equal(csvCell("Acme"), "Acme");
  assert.equal(csvCell(42), "42");
  assert.equal(csvCell(true), "true");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
});

test("commas, quotes and line breaks are quoted, with quotes doubled (RFC 4180)", () => {
  assert.equal(csvCell("Acme, Inc."), '"Acme, Inc."');
  assert.equal(csvCell('the "best" org'), '"the ""best"" org"');
  assert.equal(csvCell("two\nlines"), '"two\nlines"');
  assert.equal(csvCell("cr\r\nlf"), '"cr\r\nlf"');
});

test("cells a spreadsheet would run as a formula start with a quote mark", () => {
  assert.equal(csvCell("=HYPERLINK(\"http://evil\")"), `"'=HYPERLINK(""http://evil"")"`);
  assert.equal(csvCell("+1+2"), "'+1+2");
  assert.equal(csvCell("-2"), "'-2");
  assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvCell("\tcmd"), "'\tcmd");
  assert.equal(csvCell("a=b"), "a=b");
});

test("objects are written as JSON in one quoted cell", () => {
  assert.equal(csvCell({ a: 1, b: "x" }), '"{""a"":1,""b"":""x""}"');
});

test("a record joins its cells with commas and ends with CRLF", () => {
  assert.equal(csvRow(["a", "b,c", null]), 'a,"b,c",\r\n');
});
