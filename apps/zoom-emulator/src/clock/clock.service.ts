/**
 * The emulator's clock: starts at EMULATOR_NOW (or the real time) and runs at real speed from there.
 * Tests move it with set(); everything time-dependent (six-month horizon, visibility of generated
 * messages and edits, token expiry, daily limits) reads it.
 */
export class Clock {
  private offsetMs: number;

  constructor(start?: string | number) {
    this.offsetMs = start === undefined ? 0 : new Date(start).getTime() - Date.now();
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  set(at: string | number): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
