/** The largest time a Date can hold (ECMAScript time values), either side of 1970. */
const MAX_TIME = 8.64e15;

/**
 * Formats arrival times as ISO strings (`observedAt`), one formatter per store.
 * `toISOString` was one of the largest costs of recording a response; responses
 * mostly arrive within the same second as the one before, so only the
 * milliseconds are formatted again. Same output as `toISOString`, and the same
 * RangeError for a time a Date cannot hold.
 */
export class ArrivalTimeFormatter {
  private lastTime = Number.NaN;
  private lastText = '';
  /** Start of the second `secondPrefix` spells, in ms since the epoch. */
  private second = Number.NaN;
  /** `toISOString` of that second without the milliseconds, e.g. `2024-05-01T12:00:00.`. */
  private secondPrefix = '';

  /** `time` in ms since the epoch, as `Date.now()` or `getTime()` give it. */
  format(time: number): string {
    // Responses of the same millisecond share one string.
    if (time === this.lastTime) return this.lastText;
    // Times before 1970 are negative: the milliseconds still count up from the second's start.
    const millis = ((time % 1000) + 1000) % 1000;
    const second = time - millis;
    let text: string;
    // Anything `toISOString` would truncate or reject goes to it.
    if (second === this.second && Number.isInteger(time) && Math.abs(time) <= MAX_TIME) {
      text = `${this.secondPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
    } else {
      text = new Date(time).toISOString();
      this.second = second;
      this.secondPrefix = text.slice(0, -'000Z'.length);
    }
    this.lastTime = time;
    this.lastText = text;
    return text;
  }
}
