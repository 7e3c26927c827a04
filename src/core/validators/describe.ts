/** Wording for validator ages and clock offsets, shared by the tree, hovers and reports. */
export function describeAge(then: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (Number.isNaN(seconds)) return 'unknown time';
  const future = seconds < 0;
  const magnitude = Math.abs(seconds);
  const text =
    magnitude < 5 ? 'just now'
    : magnitude < 60 ? `${magnitude} s`
    : magnitude < 3600 ? `${Math.round(magnitude / 60)} min`
    : magnitude < 86400 ? `${Math.round(magnitude / 3600)} h`
    : `${Math.round(magnitude / 86400)} d`;
  if (text === 'just now') return text;
  return future ? `in ${text}` : `${text} ago`;
}

/** Server clock minus local clock, in whole seconds, from a response's Date and its arrival time. */
export function clockOffsetSeconds(serverDate: string | undefined, observedAt: string): number | undefined {
  if (!serverDate) return undefined;
  const server = Date.parse(serverDate);
  const local = Date.parse(observedAt);
  if (Number.isNaN(server) || Number.isNaN(local)) return undefined;
  // Date has second resolution: anything within a second is "in sync".
  return Math.trunc((server - local) / 1000);
}

export function describeClockOffset(seconds: number | undefined): string {
  if (seconds === undefined) return 'unknown (no Date header)';
  if (Math.abs(seconds) <= 1) return 'in sync with this machine';
  return `server ${Math.abs(seconds)} s ${seconds > 0 ? 'ahead of' : 'behind'} this machine`;
}
