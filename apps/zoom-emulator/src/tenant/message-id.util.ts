import { hash32 } from './prng.util.js';

/**
 * Generated message ids are GUIDs that encode where the message lives (session, day, index), so a
 * lookup by id needs no index. The fields are masked with seed-derived constants and carry a
 * checksum, so ids look random and a made-up GUID does not decode.
 */
export interface MessageCoordinates {
  readonly sessionIdx: number;
  readonly day: number;
  readonly index: number;
}

function hex(value: number, width: number): string {
  return (value >>> 0).toString(16).toUpperCase().padStart(width, '0').slice(-width);
}

function masks(seed: number): [number, number, number] {
  return [hash32(seed, 901), hash32(seed, 902) & 0xffff, hash32(seed, 903) & 0xffff];
}

export function encodeMessageId(seed: number, c: MessageCoordinates, braced: boolean): string {
  const [ms, md, mi] = masks(seed);
  const check1 = hash32(seed, 904, c.sessionIdx, c.day, c.index);
  const check2 = hash32(seed, 905, c.sessionIdx, c.day, c.index) & 0xffff;
  const s = hex(c.sessionIdx ^ ms, 8);
  const d = hex(c.day ^ md, 4);
  const i = hex(c.index ^ mi, 4);
  const guid = `${s}-${d}-${i}-${hex(check2, 4)}-${hex(check1, 8)}${hex(check1 ^ check2, 4)}`;
  return braced ? `{${guid}}` : guid;
}

const GUID = /^\{?([0-9A-F]{8})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{12})\}?$/i;

export function decodeMessageId(seed: number, id: string): MessageCoordinates | null {
  const m = GUID.exec(id);
  if (!m) return null;
  const [ms, md, mi] = masks(seed);
  const sessionIdx = (parseInt(m[1], 16) ^ ms) >>> 0;
  const day = (parseInt(m[2], 16) ^ md) & 0xffff;
  const index = (parseInt(m[3], 16) ^ mi) & 0xffff;
  const c = { sessionIdx, day, index };
  const canonical = encodeMessageId(seed, c, false);
  return canonical === m[0].replace(/[{}]/g, '').toUpperCase() ? c : null;
}
