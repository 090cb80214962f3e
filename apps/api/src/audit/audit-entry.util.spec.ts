import { type AuditedRequest, auditEntry, resultCount } from './audit-entry.util.js';

const request = (overrides: Partial<AuditedRequest> = {}): AuditedRequest => ({
  action: 'message.search',
  requestId: 'req-1',
  principal: { keyId: 'k1', name: 'reviewer', role: 'compliance_officer' },
  method: 'GET',
  params: {},
  query: { q: 'wire', limit: '10' },
  body: undefined,
  clientAddress: '10.0.0.7',
  ...overrides,
});

describe('auditEntry', () => {
  it('records who, what, how and the outcome', () => {
    expect(auditEntry(request({ params: { id: 'M1' } }), { statusCode: 200, resultCount: 3 })).toEqual({
      requestId: 'req-1',
      actorKeyId: 'k1',
      actorName: 'reviewer',
      role: 'compliance_officer',
      action: 'message.search',
      target: { id: 'M1' },
      query: { q: 'wire', limit: '10' },
      resultCount: 3,
      statusCode: 200,
      clientAddress: '10.0.0.7',
    });
  });

  it('adds the body of a write with secrets redacted, and never the body of a read', () => {
    const body = { name: 'k', role: 'auditor', secret: 's', nested: { password: 'p', api_key: 'k', token: 't' } };
    expect(auditEntry(request({ method: 'POST', body }), { statusCode: 201, resultCount: 1 }).query).toEqual({
      q: 'wire',
      limit: '10',
      body: {
        name: 'k',
        role: 'auditor',
        secret: '[redacted]',
        nested: { password: '[redacted]', api_key: '[redacted]', token: '[redacted]' },
      },
    });
    expect(auditEntry(request({ body }), { statusCode: 200, resultCount: 1 }).query).not.toHaveProperty('body');
  });

  it('bounds what a hostile client sends', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1_000; i++) deep = { d: deep };
    const entry = auditEntry(
      request({
        method: 'POST',
        body: { deep, long: 'x'.repeat(10_000), many: Array.from({ length: 1_000 }, () => 1) },
      }),
      { statusCode: 400, resultCount: null },
    );
    const text = JSON.stringify(entry);
    expect(text.length).toBeLessThan(10_000);
    expect(text).toContain('[nested too deeply]');
  });
});

describe('resultCount', () => {
  it.each([
    [{ data: [1, 2, 3], next_cursor: null }, 3],
    [{ data: [] }, 0],
    [{ data: { id: 'M1' } }, 1],
    [{ status: 'ok' }, null],
    [undefined, null],
  ])('of %j is %j', (body, count) => {
    expect(resultCount(body)).toBe(count);
  });
});
