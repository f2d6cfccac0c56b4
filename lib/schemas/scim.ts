import { z } from "zod";

export const SCIM_SCHEMAS = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
} as const;

/** The most resources one list answer holds (`count` above it is capped, as `ServiceProviderConfig` says). */
export const SCIM_MAX_RESULTS = 200;

/** An integer query field as SCIM clients send it; anything else is refused as an invalid value. */
const queryInt = z.union([z.number(), z.string().trim().regex(/^-?\d+$/)]).transform(Number);

/** A list's query: `startIndex` below 1 reads as 1, a negative `count` as 0, one above the maximum as the maximum. */
export const scimListInput = z.object({
  filter: z.string().max(1000).optional(),
  startIndex: queryInt.transform((n) => Math.max(1, n)).default(1),
  count: queryInt.transform((n) => Math.min(Math.max(0, n), SCIM_MAX_RESULTS)).default(100),
  attributes: z.string().max(1000).optional(),
  excludedAttributes: z.string().max(1000).optional(),
});
export type ScimListInput = z.output<typeof scimListInput>;

export const scimResourceIdInput = z.object({
  id: z.string(),
  attributes: z.string().max(1000).optional(),
  excludedAttributes: z.string().max(1000).optional(),
});

/** A resource body: any attributes (extensions included); each resource type reads what it knows. */
export const scimResourceBody = z.looseObject({});
export const scimResourceWithId = z.looseObject({ id: z.string() });

/** RFC 7644 PATCH: `op` in any case, with or without `path`. */
export const scimPatchBody = z.looseObject({
  id: z.string(),
  Operations: z
    .array(z.looseObject({ op: z.string(), path: z.string().max(1000).optional(), value: z.unknown().optional() }))
    .min(1)
    .max(1000),
});
export type ScimPatchBody = z.output<typeof scimPatchBody>;
