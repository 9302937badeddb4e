/**
 * The timeout the graded reference clients declare (and use: the grader passes it as
 * DUTYCLAIMS_TIMEOUT_MS). Long enough that a cold client on two busy cores does not time out on an
 * answer it was about to read, and that a flawed client's quick retry of a 4xx is never mistaken for
 * a timeout retry (the grader excuses a repeat only when it comes at least this long after).
 */
export const CLIENT_TIMEOUT_MS = 2_000;
