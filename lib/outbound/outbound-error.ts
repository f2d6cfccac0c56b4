/**
 * Why an outbound request to an admin-typed URL was refused or failed. Callers map these to 400 bodies; the codes
 * are stable, the messages are for people.
 */
export type OutboundReason =
  | "invalid_url"
  | "scheme"
  | "ip_literal"
  | "reserved_name"
  | "private_address"
  | "dns"
  | "timeout"
  | "too_large"
  | "network"
  | "bad_response";

/** The one error an outbound request throws: a stable `reason` code and a message an admin can act on. */
export class OutboundError extends Error {
  readonly reason: OutboundReason;

  constructor(reason: OutboundReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OutboundError";
    this.reason = reason;
  }
}
