import { X509Certificate } from "node:crypto";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long before a certificate's expiry the console starts warning. */
export const CERTIFICATE_WARNING_DAYS = 30;

export type CertificateSummary = {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 fingerprint, as IdP consoles show it (colon-separated hex). */
  fingerprint: string;
  /** Whole days until expiry; negative once expired. */
  expiresInDays: number;
  expired: boolean;
  expiringSoon: boolean;
};

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a pasted value: PEM blocks, or one bare base64 body as IdP metadata carries it. */
export function certificatePems(value: string): string[] {
  const blocks = value.match(PEM_BLOCK);
  if (blocks) return blocks;
  const body = value.replace(/\s+/g, "");
  if (!body || !/^[A-Za-z0-9+/]+=*$/.test(body)) return [];
  return [`-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----`];
}

/** Subject, issuer, validity and fingerprint of the first certificate in a pasted value; null when none parses. */
export function describeCertificate(value: string, now = new Date()): CertificateSummary | null {
  for (const pem of certificatePems(value)) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      continue;
    }
    const notAfter = new Date(cert.validTo);
    const expiresInDays = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
    return {
      subject: cert.subject.replace(/\n/g, ", "),
      issuer: cert.issuer.replace(/\n/g, ", "),
      notBefore: new Date(cert.validFrom).toISOString(),
      notAfter: notAfter.toISOString(),
      fingerprint: cert.fingerprint256,
      expiresInDays,
      expired: notAfter.getTime() <= now.getTime(),
      expiringSoon: expiresInDays < CERTIFICATE_WARNING_DAYS,
    };
  }
  return null;
}
