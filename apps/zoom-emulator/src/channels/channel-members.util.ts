import type { TenantService } from '../tenant/tenant.service.js';
import type { MemberRole, TenantChannel, TenantUser } from '../tenant/tenant-model.js';

export interface MemberEntry {
  readonly user: TenantUser;
  readonly role: MemberRole;
  /** Increases along the join order and never changes while the person stays: the paging key. */
  readonly seq: number;
}

interface JoinOrder {
  next: number;
  readonly seq: Map<number, number>;
}

const orders = new WeakMap<TenantChannel, JoinOrder>();

function joinOrder(channel: TenantChannel): JoinOrder {
  let order = orders.get(channel);
  if (!order) {
    order = { next: 0, seq: new Map() };
    orders.set(channel, order);
  }
  return order;
}

/**
 * The members in join order, each with a stable sequence number. A position would shift when someone
 * leaves and a page token would then skip a member; the sequence does not. People who joined (or
 * rejoined) since the last call are numbered as they now stand, at the end.
 */
export function memberEntries(tenant: TenantService, channel: TenantChannel): MemberEntry[] {
  const order = joinOrder(channel);
  const out: MemberEntry[] = [];
  let previous = -1;
  for (const [idx, role] of channel.members) {
    let seq = order.seq.get(idx);
    if (seq === undefined || seq <= previous) {
      seq = order.next++;
      order.seq.set(idx, seq);
    }
    previous = seq;
    out.push({ user: tenant.dir.users[idx], role, seq });
  }
  return out;
}

/** Adds the people who are not members yet, as plain members; returns those added. */
export function addMembers(channel: TenantChannel, users: readonly TenantUser[]): TenantUser[] {
  const added: TenantUser[] = [];
  for (const user of users) {
    if (channel.members.has(user.idx)) continue;
    channel.members.set(user.idx, 'member');
    added.push(user);
  }
  return added;
}

/** Removes people; the channel's history stays as it was (generated messages never change). */
export function removeMembers(channel: TenantChannel, users: readonly TenantUser[]): void {
  const order = joinOrder(channel);
  const gone = new Set(users.map((u) => u.memberId));
  for (const user of users) {
    channel.members.delete(user.idx);
    order.seq.delete(user.idx);
  }
  const designated = channel.settings.designated_posting_members;
  if (designated.some((d) => gone.has(d.member_id))) {
    channel.settings = {
      ...channel.settings,
      designated_posting_members: designated.filter((d) => !gone.has(d.member_id)),
    };
  }
}

/** Changes a member's role in place: the join order is kept. */
export function setRole(channel: TenantChannel, user: TenantUser, role: MemberRole): void {
  channel.members.set(user.idx, role);
}
