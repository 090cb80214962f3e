import {
  AUDIT_GENESIS_HASH,
  type AuditEntryFacts,
  auditEntryHash,
  canonicalAuditEntry,
} from './audit-entry-hash.util.js';

const entry: AuditEntryFacts = {
  id: '1',
  occurredAt: new Date('2026-01-02T03:04:05.678Z'),
  requestId: 'req-1',
  actorKeyId: '0b7e2c1a-5d3f-4e8b-9a6c-1f2e3d4c5b6a',
  actorName: 'reviewer',
  role: 'compliance_officer',
  action: 'message.search',
  target: {},
  query: { q: 'wire transfer', limit: '50' },
  resultCount: 3,
  statusCode: 200,
  clientAddress: '10.0.0.7',
  previousHash: AUDIT_GENESIS_HASH,
};

describe('audit entry hash', () => {
  it('is taken over JSON with sorted keys, the previous hash included', () => {
    expect(canonicalAuditEntry(entry)).toBe(
      '{"action":"message.search","actor_key_id":"0b7e2c1a-5d3f-4e8b-9a6c-1f2e3d4c5b6a","actor_name":"reviewer",' +
        '"client_address":"10.0.0.7","id":"1","occurred_at":"2026-01-02T03:04:05.678Z",' +
        `"previous_hash":"${AUDIT_GENESIS_HASH}","query":{"limit":"50","q":"wire transfer"},"request_id":"req-1",` +
        '"result_count":3,"role":"compliance_officer","status_code":200,"target":{}}',
    );
    expect(auditEntryHash(entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order inside query or target', () => {
    expect(auditEntryHash({ ...entry, query: { limit: '50', q: 'wire transfer' } })).toBe(auditEntryHash(entry));
  });

  it.each<[string, Partial<AuditEntryFacts>]>([
    ['id', { id: '2' }],
    ['time', { occurredAt: new Date('2026-01-02T03:04:05.679Z') }],
    ['actor', { actorName: 'someone else' }],
    ['query', { query: { q: 'wire transfers', limit: '50' } }],
    ['result count', { resultCount: 4 }],
    ['null for a value', { resultCount: null }],
    ['previous hash', { previousHash: 'f'.repeat(64) }],
  ])('changes with the %s', (_, change) => {
    expect(auditEntryHash({ ...entry, ...change })).not.toBe(auditEntryHash(entry));
  });
});
