/** The OpenAPI entries of an organization's pairwise subjects (OpenID Connect sectors). */
import { DirectorySectorList, PaginatedPairwiseSubjectList } from "../schemas/directory-sectors";
import { exportPairwiseSubjects, listPairwiseSubjects } from "../services/directory/pairwise-subjects";
import { listDirectorySectors } from "../services/directory/sectors";
import { api, type ApiRoute } from "./api-route";
import { DIRECTORY_TAG } from "./api-routes-directory-members";

const ORG = "/api/organizations/{organization_id}";
const TAG = "OAuth applications";
const WHO = "Administrators and owners (the directory permission `org.directory.update`), with a key holding `directory:read`.";
const SECTORS =
  "An application's sector is the host of its `sector_identifier_uri`, else the single host of its redirect URIs; an application whose redirect URIs span several hosts has none until it sets a `sector_identifier_uri`.";

export const DIRECTORY_SECTOR_ROUTES: ApiRoute[] = [
  api("get", "/directory/admin/{organization_id}/sectors", listDirectorySectors, DirectorySectorList, {
    operationId: "directory_sectors_retrieve", tag: DIRECTORY_TAG,
    summary: "The organization's OpenID Connect sector identifiers",
    description: `Needs \`org.directory.update\` (administrators and owners, a custom role or a service account granted it); without it 403 \`Missing permission 'org.directory.update'.\`. A cookie session, a personal API key (scope \`directory:read\`) or a service account's access token. ${SECTORS} The pairwise subject an application sees for a member is derived from its sector, so applications of one sector see the same subject.`,
  }),
  api("get", `${ORG}/pairwise_subjects/`, listPairwiseSubjects, PaginatedPairwiseSubjectList, {
    operationId: "pairwise_subjects_list", tag: TAG,
    summary: "The pairwise subject each member gets in one sector",
    description: `${WHO} ${SECTORS} Members in the order their accounts were created; a sector no application of the organization has is 400 on \`sector\`.`,
  }),
  api("post", `${ORG}/pairwise_subjects/export/`, exportPairwiseSubjects, null, {
    operationId: "pairwise_subjects_export", tag: TAG,
    summary: "Export every member's pairwise subject in every sector",
    description: `${WHO} ${SECTORS} A POST, since each export is recorded in the activity log; the file is streamed in the response. An empty body exports every sector.`,
    download: {
      mediaTypes: ["text/csv"],
      description: "A header row `user_id,email,sector,subject`, then one row per member and sector, sector by sector (RFC 4180; cells a spreadsheet would run as a formula start with `'`).",
    },
  }),
];
