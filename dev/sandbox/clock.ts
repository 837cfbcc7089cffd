/**
 * The sandbox's clock: real time shifted by an offset a person moves from the page ("+1 day"), so the app's
 * answers (due dates, the special measure's deadline, App Home) can be seen as they will be later.
 */
export class SandboxClock {
  #offsetMs: number;

  /** Starts at `start` (then runs on in real time); at the real time when omitted. */
  constructor(start?: Date) {
    this.#offsetMs = start ? start.getTime() - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  advance(ms: number): Date {
    this.#offsetMs += ms;
    return this.now();
  }

  set(instant: Date): Date {
    this.#offsetMs = instant.getTime() - Date.now();
    return this.now();
  }

  /** Back to the real time. */
  reset(): Date {
    this.#offsetMs = 0;
    return this.now();
  }

  /** How far the clock is from the real time, in milliseconds. */
  get offsetMs(): number {
    return this.#offsetMs;
  }
}
