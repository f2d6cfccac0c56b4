type Text = { title: string; body: string };

const RESPONSE_PROBLEM = "Ask an administrator of your organization to check the single sign-on settings in Orgdeck against those of the identity provider.";

/** The words for each refusal reason; `domain` is the domain the reason concerns, when it has one. */
export const REFUSALS: Record<string, (domain: string) => Text> = {
  deactivated: () => ({
    title: "This account is deactivated",
    body: "An administrator of this Orgdeck installation deactivated your account, so you cannot sign in. Ask them to reactivate it if you still need access.",
  }),
  unverified: () => ({
    title: "Your identity provider has not verified this email address",
    body: "Orgdeck finds your account and your invitations by your email address, so your identity provider must confirm that the address is yours. Verify the address with your identity provider, then sign in again.",
  }),
  throttled: () => ({
    title: "Too many sign-in attempts",
    body: "This address has started too many sign-ins in the last minute. Wait a minute, then sign in again.",
  }),
  no_email: () => ({
    title: "No email address was shared",
    body: "Your identity provider did not send an email address, which Orgdeck needs to know who you are. Allow the email scope (or the email attribute) for this application and sign in again.",
  }),
  sso_required: () => ({ title: "Single sign-on is required", body: "Your organization requires you to sign in with its single sign-on." }),
  saml_unavailable: () => ({ title: "Single sign-on is not set up yet", body: `This SAML connection is missing its identity provider's entity id, sign-on URL or certificate. ${RESPONSE_PROBLEM}` }),
  saml_unknown_connection: () => ({ title: "Unknown single sign-on connection", body: "The identity provider sent you to a SAML connection that does not exist here (any more)." }),
  saml_malformed: () => ({ title: "The identity provider's response could not be read", body: `Orgdeck received no SAML response it could read. ${RESPONSE_PROBLEM}` }),
  saml_unsigned: () => ({
    title: "The response was not signed by your identity provider",
    body: `Neither the SAML response nor its assertion carried a valid signature from the certificate configured for this connection, so it was refused. ${RESPONSE_PROBLEM}`,
  }),
  saml_encrypted: () => ({ title: "Encrypted assertions are not supported", body: "Turn off assertion encryption for this application at the identity provider: the response is protected by its signature and the HTTPS connection." }),
  saml_expired: () => ({ title: "The sign-in response has expired", body: "The identity provider's response is outside its validity period (more than 90 seconds of clock difference is refused). Sign in again; if it persists, check the identity provider's clock." }),
  saml_wrong_issuer: () => ({ title: "The response came from another identity provider", body: `Its issuer is not the entity id configured for this connection. ${RESPONSE_PROBLEM}` }),
  saml_wrong_audience: () => ({ title: "The response was meant for another application", body: `Its audience is not this connection's entity id. ${RESPONSE_PROBLEM}` }),
  saml_wrong_recipient: () => ({ title: "The response was meant for another address", body: `Its recipient is not this connection's ACS URL. ${RESPONSE_PROBLEM}` }),
  saml_wrong_destination: () => ({ title: "The response was sent to another address", body: `Its destination is not this connection's ACS URL. ${RESPONSE_PROBLEM}` }),
  saml_idp_error: () => ({ title: "The identity provider refused the sign-in", body: "It answered with an error instead of an assertion. Try again, or ask your IT department." }),
  saml_unsolicited: () => ({
    title: "This sign-in was not started here",
    body: "The response does not answer a sign-in started in Orgdeck in the last 10 minutes, and this connection does not accept sign-ins started at the identity provider. Start again from the Orgdeck sign-in page.",
  }),
  saml_replayed: () => ({ title: "This sign-in response was already used", body: "Each response signs in once. Start again from the Orgdeck sign-in page." }),
  saml_outside_domain: (domain) => ({
    title: "This address cannot sign in here",
    body: `This identity provider may only sign in addresses at ${domain ? domain : "its organization's verified domains"}.`,
  }),
};
