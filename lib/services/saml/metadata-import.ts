import { z } from "zod";
import { USER_CALLERS } from "../../auth/principal";
import { AppError } from "../../errors";
import { domainOf, serializeDomain } from "../domain-rows";
import { operation } from "../operation";

/** Stand-in until the real metadata import lands: same input and answer, refuses every document. */
export const importSamlMetadata = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: z.object({ organization_id: z.string(), id: z.string(), metadata_xml: z.string().optional(), metadata_url: z.string().optional() }),
  run: async ({ db, organization }, { id }) => {
    const row = await domainOf(db, organization.id, id);
    if (row) throw new AppError("invalid_input", { detail: "Importing metadata is not available yet.", attr: "metadata_xml" });
    return serializeDomain(row);
  },
});
