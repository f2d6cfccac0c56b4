import { z } from "zod";
import { checkOutboundUrl, type OutboundUrlOptions } from "./check-url";

/** A zod string for input schemas that accepts only URLs `checkOutboundUrl` accepts (client-safe, no DNS). */
export function outboundUrlSchema(options: OutboundUrlOptions = {}) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = checkOutboundUrl(value, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}
