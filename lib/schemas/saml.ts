import { z } from "zod";
import { SSO_ENFORCEMENT_VALUES } from "./domains";
import { withoutNul } from "./common";

/** A blank form field counts as not sent, so a form may post both fields with one left empty. */
const optionalText = (schema: z.ZodString) =>
  withoutNul(schema)
    .optional()
    .transform((value) => (value?.trim() ? value : undefined));

/** IdP metadata for one SAML connection (a domain or an identity-provider config, by id): pasted XML or a URL serving it. */
export const importSamlMetadataInput = z
  .object({
    id: z.string(),
    metadata_xml: optionalText(z.string()),
    metadata_url: optionalText(z.string().trim().max(2048)),
  })
  .superRefine((input, ctx) => {
    if ((input.metadata_xml === undefined) === (input.metadata_url === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: "Send exactly one of metadata_xml and metadata_url." });
    }
  });

export const previewSsoLockoutInput = z.object({
  domain_id: z.string(),
  sso_enforcement: z.enum(SSO_ENFORCEMENT_VALUES),
});

/** The members an enforcement would lock out: how many, and the first 50 by email. */
export const SsoLockoutPreview = z
  .strictObject({
    count: z.int(),
    people: z.array(z.strictObject({ id: z.uuid(), email: z.string(), name: z.string() })),
  })
  .meta({ id: "SSOLockoutPreview" });
export type SsoLockoutPreview = z.infer<typeof SsoLockoutPreview>;
