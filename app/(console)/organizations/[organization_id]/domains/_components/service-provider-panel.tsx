"use client";

import { Panel } from "@/components/ui/panel";
import { Time } from "@/components/ui/time";
import { CopyValue } from "./copy-value";

/** A certificate as the page's server part describes it (subject, fingerprint, expiry). */
export type CertificateFacts = { subject: string; issuer: string; notAfter: string; fingerprint: string; expiresInDays: number; expired: boolean; expiringSoon: boolean };

export type ServiceProviderUrls = { entityId: string; acsUrl: string; metadataUrl: string };

function CertificateFactsList({ certificate }: { certificate: CertificateFacts }) {
  return (
    <div className="space-y-3">
      <h3 className="font-medium">Identity provider certificate</h3>
      {certificate.expired ? (
        <p role="alert" className="rounded-md bg-danger-bg px-3 py-2 text-danger-text">
          This certificate has expired: sign-ins through this identity provider fail until you paste its new certificate.
        </p>
      ) : (
        certificate.expiringSoon && (
          <p role="note" className="rounded-md bg-warn-bg px-3 py-2 text-warn-text">
            This certificate expires in {certificate.expiresInDays} {certificate.expiresInDays === 1 ? "day" : "days"}. Paste the new one before then.
          </p>
        )
      )}
      <dl className="space-y-3">
        <div>
          <dt className="font-medium">Subject</dt>
          <dd className="mt-1 break-all text-muted">{certificate.subject}</dd>
        </div>
        <CopyValue label="SHA-256 fingerprint" value={certificate.fingerprint} />
        <div>
          <dt className="font-medium">Expires</dt>
          <dd className="mt-1 text-muted">
            <Time iso={certificate.notAfter} />
          </dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * What the identity provider needs from us for this connection, each value with Copy, and what the certificate it
 * gave us says (with a warning a month before it expires).
 */
export function ServiceProviderPanel({ urls, certificate, certificateSet }: { urls: ServiceProviderUrls; certificate: CertificateFacts | null; certificateSet: boolean }) {
  return (
    <Panel title="What your identity provider needs" description="Give these to your identity provider when you create the SAML app.">
      <div className="space-y-5">
        <dl className="space-y-3">
          <CopyValue label="Our entity ID (audience)" value={urls.entityId} />
          <CopyValue label="Our ACS URL (reply URL)" value={urls.acsUrl} />
          <CopyValue label="Our metadata URL" value={urls.metadataUrl} />
        </dl>
        {certificate ? (
          <CertificateFactsList certificate={certificate} />
        ) : (
          certificateSet && (
            <p role="alert" className="rounded-md bg-danger-bg px-3 py-2 text-danger-text">
              The certificate could not be read. Paste it again in PEM form.
            </p>
          )
        )}
      </div>
    </Panel>
  );
}
