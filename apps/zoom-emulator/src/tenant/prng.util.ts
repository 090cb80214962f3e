/**
 * Deterministic randomness: every generated fact is a pure function of the seed and the
 * coordinates of the thing it belongs to, so nothing has to be kept in memory.
 */

// Module-level bindings: a property lookup on Math per call costs a lot under jest's module VM.
const { imul, floor, log, sqrt, cos, exp, round, max, PI } = Math;

/** 32-bit integer hash of any number of 32-bit inputs (murmur3 finaliser mixing). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    let k = imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= parts.length;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A small, fast PRNG (mulberry32) seeded from hash32 of the coordinates. */
export class Rng {
  private state: number;

  constructor(...parts: number[]) {
    this.state = hash32(...parts);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uint32(): number {
    return floor(this.next() * 4294967296) >>> 0;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)];
  }

  /** Poisson-distributed count (Knuth for small means, normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) {
      const u = max(this.next(), 1e-12);
      const v = this.next();
      const normal = sqrt(-2 * log(u)) * cos(2 * PI * v);
      return max(0, round(mean + sqrt(mean) * normal));
    }
    const limit = exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Exponentially distributed value with the given mean. */
  exponential(mean: number): number {
    return -log(1 - this.next()) * mean;
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789abcdef';

export function randomChars(rng: Rng, length: number, alphabet: string = B64URL): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[floor(rng.next() * alphabet.length)];
  return out;
}

export function randomHex(rng: Rng, length: number): string {
  return randomChars(rng, length, HEX);
}
