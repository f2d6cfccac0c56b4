import { BUSINESS_MODELS, CURRENCIES, RETENTION_PERIODS } from "@/lib/schemas/projects";

export type Option = { value: string; label: string };

/** Every IANA time zone the browser knows, UTC first (some runtimes leave it out of the list). */
export function timeZoneOptions(): Option[] {
  const zones = Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC");
  return ["UTC", ...zones].map((z) => ({ value: z, label: z.replaceAll("_", " ") }));
}

/** The viewer's own time zone when the list has it, else UTC. */
export function localTimeZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return Intl.supportedValuesOf("timeZone").includes(zone) ? zone : "UTC";
}

const currencyNames = () => new Intl.DisplayNames(["en"], { type: "currency" });

export function currencyOptions(): Option[] {
  const names = currencyNames();
  return CURRENCIES.map((c) => ({ value: c, label: `${c} · ${names.of(c) ?? c}` }));
}

export const RETENTION_LABELS: Record<(typeof RETENTION_PERIODS)[number], string> = { "30d": "30 days", "90d": "90 days", "1y": "1 year", "5y": "5 years" };

export const BUSINESS_MODEL_LABELS: Record<(typeof BUSINESS_MODELS)[number], string> = { b2b: "Business to business", b2c: "Business to consumer", other: "Other", "": "Not said" };
