import assert from "node:assert/strict";
import { test } from "node:test";
import { plainMessage } from "./plain-message";

test("missing values ask for the field by its label", () => {
  assert.equal(plainMessage({ code: "blank", detail: "This field may not be blank." }, "Name"), "Enter a name.");
  assert.equal(plainMessage({ code: "required", detail: "This field is required." }, "Email address"), "Enter an email address.");
  assert.equal(plainMessage({ code: "required", detail: "This field is required." }, "Level", true), "Choose a level.");
  assert.equal(plainMessage({ code: "blank", detail: "This field may not be blank." }, null), "Fill this in.");
});

test("length, choice and type errors say what to do", () => {
  assert.equal(plainMessage({ code: "max_length", detail: "Ensure this field has no more than 30 characters." }, "First name (optional)"), "Use 30 characters or fewer.");
  assert.equal(plainMessage({ code: "invalid_choice", detail: '"x" is not a valid choice.' }, "Level", true), "Choose a level from the list.");
  assert.equal(plainMessage({ code: "invalid_input", detail: "A valid integer is required." }, "Level"), "Enter a whole number.");
  assert.equal(plainMessage({ code: "invalid_input", detail: "Invalid input." }, "URL slug"), "Check the URL slug.");
});

test("messages written for people pass through", () => {
  const detail = "Enter a valid email address.";
  assert.equal(plainMessage({ code: "invalid_input", detail }, "Email address"), detail);
  const taken = "This slug is already taken.";
  assert.equal(plainMessage({ code: "unique", detail: taken }, "URL slug"), taken);
});
