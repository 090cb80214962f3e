/** Size knobs of a generated tenant. */
export interface TenantProfile {
  readonly name: string;
  readonly users: number;
  readonly externalUsers: number;
  readonly channels: number;
  readonly groupChats: number;
  readonly oneToOnes: number;
  /** Messages generated over the whole history (approximate: counts are Poisson draws). */
  readonly messages: number;
  /** Days of history behind the clock; a little over Zoom's six-month report horizon. */
  readonly historyDays: number;
  /** Largest generated file; small tenants keep files small so tests move few bytes. */
  readonly maxFileBytes: number;
}

const PROFILES: Record<string, TenantProfile> = {
  tiny: {
    name: 'tiny',
    users: 10,
    externalUsers: 4,
    channels: 6,
    groupChats: 2,
    oneToOnes: 10,
    messages: 2_000,
    historyDays: 190,
    maxFileBytes: 200_000,
  },
  small: {
    name: 'small',
    users: 30,
    externalUsers: 8,
    channels: 14,
    groupChats: 4,
    oneToOnes: 40,
    messages: 20_000,
    historyDays: 190,
    maxFileBytes: 500_000,
  },
  demo: {
    name: 'demo',
    users: 60,
    externalUsers: 12,
    channels: 20,
    groupChats: 8,
    oneToOnes: 80,
    messages: 50_000,
    historyDays: 190,
    maxFileBytes: 5_000_000,
  },
  medium: {
    name: 'medium',
    users: 400,
    externalUsers: 60,
    channels: 150,
    groupChats: 60,
    oneToOnes: 1_200,
    messages: 1_000_000,
    historyDays: 190,
    maxFileBytes: 25_000_000,
  },
  large: {
    name: 'large',
    users: 1_500,
    externalUsers: 300,
    channels: 600,
    groupChats: 200,
    oneToOnes: 5_000,
    messages: 5_200_000,
    historyDays: 190,
    maxFileBytes: 25_000_000,
  },
};

export const PROFILE_NAMES = Object.keys(PROFILES);

export function resolveProfile(
  name: string,
  overrides: { messages?: number; users?: number; maxFileBytes?: number } = {},
): TenantProfile {
  const base = PROFILES[name];
  if (!base) throw new Error(`Unknown EMULATOR_PROFILE "${name}" (known: ${PROFILE_NAMES.join(', ')})`);
  const users = overrides.users ?? base.users;
  const scale = users / base.users;
  return {
    ...base,
    users,
    externalUsers: Math.max(1, Math.round(base.externalUsers * scale)),
    channels: Math.max(2, Math.round(base.channels * scale)),
    groupChats: Math.max(1, Math.round(base.groupChats * scale)),
    oneToOnes: Math.max(2, Math.round(base.oneToOnes * scale)),
    messages: overrides.messages ?? base.messages,
    maxFileBytes: overrides.maxFileBytes ?? base.maxFileBytes,
  };
}
