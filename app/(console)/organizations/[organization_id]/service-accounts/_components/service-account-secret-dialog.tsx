"use client";

import { ClientSecretDialog, type ClientSecret } from "@/components/ui/client-secret-dialog";

/** A client secret just made: at creation, or by a rotation (which leaves the previous one working a while). */
export type ServiceAccountSecret = ClientSecret & { rotatedWithOverlapSeconds?: number };

const UNITS: [number, string][] = [
  [86_400, "day"],
  [3_600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/** "24 hours" → "1 day": the overlap window in the largest whole unit. */
export function durationWords(seconds: number) {
  const [size, unit] = UNITS.find(([size]) => seconds % size === 0) ?? UNITS[3];
  const n = seconds / size;
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

function description(secret: ServiceAccountSecret | null) {
  const once = "Copy the secret now: you will not see it again.";
  const overlap = secret?.rotatedWithOverlapSeconds;
  if (overlap === undefined) return `Give the client its ID and secret to get access tokens at /oauth/token. ${once}`;
  if (overlap === 0) return `The previous secret has stopped working. ${once}`;
  return `The previous secret keeps working for ${durationWords(overlap)}, so clients can move over; then only this one works. ${once}`;
}

/** The client ID and a client secret of a service account, the secret shown this once. */
export function ServiceAccountSecretDialog({ secret, onClose }: { secret: ServiceAccountSecret | null; onClose: () => void }) {
  return <ClientSecretDialog secret={secret} description={description(secret)} onClose={onClose} />;
}
