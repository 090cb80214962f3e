import type { MessageFilterLookups, MessageFilters, ResolvedMessageFilters } from './message-filters.types.js';

/**
 * People and conversations to id lists; null when a filter matches nobody, so nothing can be selected.
 * Session filters (session, channel, participant) intersect.
 */
export async function resolveMessageFilters<T extends MessageFilters>(
  filters: T,
  lookups: MessageFilterLookups,
): Promise<(T & ResolvedMessageFilters) | null> {
  // Independent look-ups, one round trip's wait instead of several.
  const [senderIds, channelSessions, participantSessions] = await Promise.all([
    filters.sender === undefined ? undefined : lookups.senderIds(filters.sender),
    filters.channel === undefined ? undefined : lookups.channelSessions(filters.channel),
    filters.participant === undefined ? undefined : lookups.participantSessions(filters.participant),
  ]);
  const resolved: T & ResolvedMessageFilters = { ...filters, senderIds };
  if (senderIds?.length === 0) return null;
  const sessionSets = [
    filters.session === undefined ? undefined : [filters.session],
    channelSessions,
    participantSessions,
  ].filter((set): set is string[] => set !== undefined);
  if (sessionSets.length > 0) {
    const [first, ...rest] = sessionSets;
    resolved.sessionIds = first.filter((id) => rest.every((set) => set.includes(id)));
    if (resolved.sessionIds.length === 0) return null;
  }
  return resolved;
}
