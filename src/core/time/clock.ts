import { instantFromDate, type InstantUs } from './instant.js';

/** The clock sits at the edge: use cases receive it, the core only ever sees `nowUs`. */
export interface Clock {
  nowUs(): InstantUs;
}

export const systemClock: Clock = { nowUs: () => instantFromDate(new Date()) };

/** A clock that only moves when told to: for tests of expiry and waiver lapses. */
export class ManualClock implements Clock {
  constructor(private currentUs: InstantUs) {}
  nowUs(): InstantUs {
    return this.currentUs;
  }
  set(instantUs: InstantUs): void {
    this.currentUs = instantUs;
  }
  advanceUs(deltaUs: bigint): void {
    this.currentUs += deltaUs;
  }
}
