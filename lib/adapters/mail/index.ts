import nodemailer from "nodemailer";
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

/** nodemailer over an SMTP URL; null without one. */
export function mailTransportFor(url: string | undefined): MailTransport | null {
  if (!url) return null;
  const transporter = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(message) {
      const info = await transporter.sendMail({
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
