// The e-mail a board member gets when a meeting's pack is published: which board and meeting, which
// version (and why it replaces the last), the link. Plain text in the style of notify/templates.ts.
// It names the board and the meeting only; the pack itself stays behind the sign-in.

import { mailDate } from "../../notify/templates.ts";

const FOOTER = "This is an automatic email from Waymark. Replies to it are not read.";

export interface PackMailInput {
  partnershipName: string;
  recipientName: string;
  boardName: string;
  meetsOn: string;
  packVersion: number;
  reason: string;
  packUrl: string;
}

export function packPublishedMail(input: PackMailInput): { subject: string; text: string } {
  const when = mailDate(input.meetsOn);
  const again = input.packVersion > 1;
  const subject = again
    ? `Updated pack (version ${input.packVersion}) for the ${input.boardName} on ${when}`
    : `The pack for the ${input.boardName} on ${when} is ready`;
  const parts = [
    `Hello ${input.recipientName},`,
    again
      ? `Version ${input.packVersion} of the pack for the ${input.boardName} meeting on ${when} has been published. It replaces the earlier version.\n\nWhy: ${input.reason.replace(/\s+/g, " ").trim()}`
      : `The pack for the ${input.boardName} meeting on ${when} has been published.`,
    `Read it, or download the Word file, in Waymark:\n${input.packUrl}`,
    `${input.partnershipName}`,
  ];
  return { subject, text: `${parts.join("\n\n")}\n\n${FOOTER}\n` };
}
