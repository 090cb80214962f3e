import type { TenantUser } from '../tenant/tenant-model.js';

type Json = Record<string, unknown>;

/** The tenant keeps one number per person, written `+<country code> <rest>`. */
function phoneNumbers(user: TenantUser): Json[] {
  const match = /^(\+\d+)\s+(.+)$/.exec(user.phoneNumber);
  if (!match) return [];
  // Only North American numbers are generated; nothing says they were ever verified.
  return [{ code: match[1], country: 'US', label: 'Office', number: match[2].replace(/\D/g, ''), verified: false }];
}

/**
 * An item of #30. `id`, `email` and names come from the tenant's already anonymised values
 * (REFERENCE §7.2): external contacts keep email and names but never a user id.
 */
export function contactJson(user: TenantUser): Json {
  return {
    id: user.id,
    member_id: user.memberId,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
  };
}

/** #29: presence only when `query_presence_status=true` (REFERENCE §3 #29). */
export function contactDetailJson(user: TenantUser, withPresence: boolean): Json {
  const body: Json = {
    ...contactJson(user),
    phone_number: user.phoneNumber,
    phone_numbers: phoneNumbers(user),
    direct_numbers: [],
  };
  if (withPresence) body.presence_status = user.presence;
  return body;
}

/**
 * An item of #7 for a Zoom user (contact_type 1). The tenant has no Zoom Phone, IM directory groups
 * or SIP, so extension, im_group_*, sip_* and the call-queue `activity` are left out.
 */
export function companyContactJson(user: TenantUser, withPresence: boolean): Json {
  const body: Json = {
    contact_type: 1,
    ...contactJson(user),
    display_name: user.displayName,
    dept: user.dept,
    job_title: user.jobTitle,
    location: user.location,
    phone_number: user.phoneNumber,
    phone_numbers: phoneNumbers(user),
    direct_numbers: [],
    user_status: user.status,
  };
  if (withPresence) body.presence_status = user.presence;
  return body;
}
