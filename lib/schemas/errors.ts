import { z } from "zod";

/** The body of every `/api` error: one problem, with the field it concerns when there is one. */
export const ErrorResponse = z
  .strictObject({
    type: z.enum(["validation_error", "authentication_error", "invalid_request", "server_error", "throttled_error"]),
    code: z.string().meta({ description: "What went wrong, e.g. `required`, `invalid_input`, `permission_denied`, `not_found`." }),
    detail: z.string().meta({ description: "A sentence for people." }),
    attr: z.string().nullable().meta({ description: "The field concerned (nested keys joined with `__`), or null." }),
  })
  .meta({ id: "ErrorResponse" });

export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** The few errors answered as `{"detail": …}` alone, as the reference API does (e.g. a SCIM token for a domain without SCIM). */
export const DetailOnlyError = z.strictObject({ detail: z.string() }).meta({ id: "DetailOnlyError" });
