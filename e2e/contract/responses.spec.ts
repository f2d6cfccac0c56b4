import { expect, test } from "@playwright/test";
import type { OpenApiDocument } from "../../lib/openapi/types";
import * as activityLog from "../../lib/schemas/activity-log";
import * as batchExports from "../../lib/schemas/batch-exports";
import * as directory from "../../lib/schemas/directory";
import * as directoryRoles from "../../lib/schemas/directory-roles";
import * as directorySectors from "../../lib/schemas/directory-sectors";
import * as domains from "../../lib/schemas/domains";
import * as errors from "../../lib/schemas/errors";
import * as integrations from "../../lib/schemas/integrations";
import * as invites from "../../lib/schemas/invites";
import * as legalDocuments from "../../lib/schemas/legal-documents";
import * as members from "../../lib/schemas/members";
import * as oauthApplications from "../../lib/schemas/oauth-applications";
import * as organizations from "../../lib/schemas/organizations";
import * as outbox from "../../lib/schemas/outbox";
import * as personalApiKeys from "../../lib/schemas/personal-api-keys";
import * as projectMembers from "../../lib/schemas/project-members";
import * as projects from "../../lib/schemas/projects";
import * as serviceAccounts from "../../lib/schemas/service-accounts";
import * as users from "../../lib/schemas/users";
import { recordingsDir } from "../api/recording";
import { checkResponses, namedSchemas, readRecordings } from "./check-responses";

/** Runs after the api project (its teardown): every response its specs received must be one the document describes. */
test("the api specs' responses match their schemas in the OpenAPI document", async ({ request }, testInfo) => {
  const records = readRecordings(recordingsDir(testInfo.project.outputDir));
  test.skip(records.length === 0, "no api spec ran");
  const res = await request.get("/api/schema/");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as OpenApiDocument;
  const named = namedSchemas([activityLog, batchExports, directory, directoryRoles, directorySectors, domains, errors, integrations, invites, legalDocuments, members, oauthApplications, organizations, outbox, personalApiKeys, projectMembers, projects, serviceAccounts, users]);
  const { problems, counts } = checkResponses(doc, records, named);
  testInfo.annotations.push({ type: "checked", description: JSON.stringify({ responses: records.length, ...counts }) });
  console.log(`contract: ${records.length} responses`, counts);
  expect(problems).toEqual([]);
  expect(counts.documented).toBeGreaterThan(0);
});
