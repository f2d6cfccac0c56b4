import type { Transporter } from "nodemailer";
import { env } from "../../env";

/** An email as the outbox holds it; the Message-ID is fixed when the message is written. */
export type OutgoingEmail = {
  messageId: string;
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
};

export interface MailTransport {
  send(message: OutgoingEmail): Promise<{ response: string }>;
}

export function defaultFromAddress() {
  return env().EMAIL_FROM ?? `Orgdeck <no-reply@${new URL(env().SITE_URL).hostname}>`;
}

/**
 * nodemailer over an SMTP URL; null without one. nodemailer is loaded on the first message, so processes that never
 * send (the admin CLI, every request path) do not pay for loading it.
 */
export function mailTransportFor(url: string | undefined): MailTransport | null {
  if (!url) return null;
  let transporter: Promise<Transporter> | undefined;
  return {
    async send(message) {
      transporter ??= import("nodemailer").then(({ default: nodemailer }) =>
        nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
      );
      const info = await (await transporter).sendMail({
        messageId: message.messageId,
        from: message.from,
        to: message.to,
        replyTo: message.replyTo ?? undefined,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      return { response: String(info.response ?? "") };
    },
  };
}
