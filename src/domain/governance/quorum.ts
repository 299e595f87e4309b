import type { AttendanceStatus } from "./vocabulary.ts";

/** A seat as the quorum counts it: voting or not, and how it was attended (undefined: not recorded). */
export interface SeatAttendance {
  voting: boolean;
  status: AttendanceStatus | undefined;
}

export interface QuorumResult {
  /** Voting seats present in person or by a deputy. */
  present: number;
  votingSeats: number;
  /** The quorum the terms set, or null when they set none. */
  quorum: number | null;
  quorate: boolean | null;
  /** The rule in words, for the page: "Quorate: 6 of 9 voting seats present (quorum 5)". */
  sentence: string;
}

/**
 * A meeting is quorate when at least `quorum` voting seats were filled, by their holder or by a
 * deputy. Advisers (non-voting seats) never count. With no quorum in the terms there is no judgement.
 */
export function assessQuorum(seats: readonly SeatAttendance[], quorum: number | null): QuorumResult {
  const voting = seats.filter((s) => s.voting);
  const present = voting.filter((s) => s.status === "present" || s.status === "deputy").length;
  const counted = `${present} of ${voting.length} voting seats present`;
  if (quorum === null) {
    return {
      present,
      votingSeats: voting.length,
      quorum,
      quorate: null,
      sentence: `${counted} (no quorum set)`,
    };
  }
  const quorate = present >= quorum;
  return {
    present,
    votingSeats: voting.length,
    quorum,
    quorate,
    sentence: `${quorate ? "Quorate" : "Not quorate"}: ${counted} (quorum ${quorum})`,
  };
}
