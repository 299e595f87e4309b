import type { FastifyInstance } from "fastify";
import ical, { ICalEventStatus } from "ical-generator";
import type { MeetingRow } from "../../../../data/governance/boards-meetings.ts";
import type { Services } from "../../../../services/index.ts";

// A board's meetings as an iCalendar feed (RFC 5545), written by ical-generator.
//
// How Outlook subscribes: Outlook (and Google or Apple calendars) fetch a feed by its address alone,
// without signing in, so each board has a secret address, /calendars/<token>/meetings.ics, shown on
// the board page to members. Anyone holding the address sees that board's meeting dates, times and
// places, nothing else; the coordinator replaces the secret to shut out old copies. Signed-in members
// can also download the same file from /p/<slug>/boards/<id>/calendar.ics.

export const feedPath = (token: string) => `/calendars/${token}/meetings.ics`;

/** Europe/London's rule since 1996: BST from the last Sunday of March, 01:00 UTC, to October's. */
const EUROPE_LONDON = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/**
 * A wall-clock time in London as the library wants it. With a time zone set, ical-generator writes
 * a Date's *local* fields (getHours…) after TZID=Europe/London, so the Date is built from the local
 * fields of the meeting's day and time, whatever time zone the server runs in.
 */
function wallClock(day: string, time: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
}

/** One hour after a start time, for a meeting with a start but no end. */
function hourLater(time: string): string {
  const [hh = 0, mm = 0] = time.split(":").map(Number);
  return `${String(Math.min(hh + 1, 23)).padStart(2, "0")}:${String(mm).padStart(2, "0")}`;
}

export function calendarFile(
  feed: { board: { id: number; name: string }; meetings: MeetingRow[] },
  baseUrl: string,
  slug: string,
): string {
  const calendar = ical({
    name: feed.board.name,
    prodId: { company: "Waymark", product: "Board meetings", language: "EN" },
    timezone: { name: "Europe/London", generator: () => EUROPE_LONDON },
    ttl: 60 * 60,
  });
  const host = new URL(baseUrl).hostname;
  for (const m of feed.meetings) {
    const url = slug ? `${baseUrl}/p/${slug}/meetings/${m.id}` : undefined;
    const description = [
      m.onlineLink ? `Join online: ${m.onlineLink}` : "",
      url ? `Meeting page: ${url}` : "",
    ]
      .filter(Boolean)
      .join("\n");
    calendar.createEvent({
      // Stable across feeds and edits, so a calendar updates the event instead of adding another.
      id: `meeting-${m.id}@${host}`,
      sequence: m.version,
      summary: m.status === "cancelled" ? `Cancelled: ${feed.board.name}` : feed.board.name,
      ...(m.startsAt
        ? {
            start: wallClock(m.meetsOn, m.startsAt),
            end: wallClock(m.meetsOn, m.endsAt ?? hourLater(m.startsAt)),
            timezone: "Europe/London",
          }
        : { start: wallClock(m.meetsOn, "00:00"), allDay: true }),
      location: m.location || (m.onlineLink ? "Online" : null),
      url: m.onlineLink || url || null,
      description: description || null,
      status: m.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** The subscription address: outside /p/:slug, since the calendar program has no session. */
export function registerBoardCalendarFeed(app: FastifyInstance, services: Services): void {
  app.get(
    "/calendars/:calendarToken/meetings.ics",
    { config: { access: "public" } },
    async (request, reply) => {
      const { calendarToken } = request.params as { calendarToken: string };
      const feed = await services.governanceBoards.calendarFeed(calendarToken);
      if (!feed) return reply.code(404).type("text/plain; charset=utf-8").send("No calendar at this address");
      return reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .send(calendarFile(feed, services.config.baseUrl, feed.slug));
    },
  );
}
