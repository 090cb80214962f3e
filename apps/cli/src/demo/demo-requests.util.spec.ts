import { execFileSync } from 'node:child_process';
import { curlCommand, demoRequests, pickSearchTerm, shellQuote } from './demo-requests.util.js';

describe('pickSearchTerm', () => {
  it('takes the longest plain word of the first text that has one, lower-cased', () => {
    expect(pickSearchTerm(['ok 🚀', 'Please Settle the invoice today', 'counterparty'])).toBe('invoice');
  });

  it('skips words that would need quoting or encoding in a pasted URL', () => {
    expect(pickSearchTerm(['naïve façade =SUM(A1:A9) café', 'Margin call'])).toBe('margin');
  });

  it('gives null when no text has a usable word', () => {
    expect(pickSearchTerm([])).toBeNull();
    expect(pickSearchTerm(['ok', '+1', ''])).toBeNull();
  });
});

describe('curlCommand', () => {
  it('quotes so that a POSIX shell passes every argument through unchanged', () => {
    const nasty = `it's $HOME \`id\` "x" \\ ; rm -rf /`;
    const echoed = execFileSync('sh', ['-c', `printf %s ${shellQuote(nasty)}`]).toString();
    expect(echoed).toBe(nasty);
  });

  it('sends the key, the JSON body and saves downloads to the named file', () => {
    const command = curlCommand('http://127.0.0.1:3000', 'zca_k', {
      title: 'create',
      role: 'compliance_officer',
      method: 'POST',
      path: '/api/v1/things',
      query: { a: 'x y', b: '1' },
      body: { note: "it's" },
      outputFile: 'out file.zip',
    });
    expect(command).toBe(
      `curl -sS -X POST -H 'Authorization: Bearer zca_k' -H 'Content-Type: application/json' ` +
        `-d '{"note":"it'\\''s"}' -o 'out file.zip' 'http://127.0.0.1:3000/api/v1/things?a=x+y&b=1'`,
    );
  });
});

describe('demoRequests', () => {
  it('searches deleted messages for the picked term and reads the sampled message and conversation', () => {
    const requests = demoRequests({ messageId: 'AB/C', sessionId: 's 1', searchTerm: 'invoice', exportId: null });
    expect(requests[0]).toMatchObject({
      role: 'compliance_officer',
      path: '/api/v1/messages/search',
      query: { q: 'invoice', deleted: 'true' },
    });
    expect(requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/v1/messages/AB%2FC', '/api/v1/sessions/s%201/messages', '/api/v1/audit-log']),
    );
  });

  it('uses each role for what DESIGN.md gives it', () => {
    const roles = new Map(
      demoRequests({ messageId: 'm', sessionId: 's', searchTerm: null, exportId: 'e' }).map((r) => [r.path, r.role]),
    );
    expect(roles.get('/api/v1/audit-log')).toBe('auditor');
    expect(roles.get('/api/v1/api-keys')).toBe('admin');
    expect(roles.get('/api/v1/messages/search')).toBe('compliance_officer');
    expect(roles.get('/api/v1/exports')).toBe('compliance_officer');
    expect(roles.get('/api/v1/exports/e/download')).toBe('auditor');
  });

  it('lists the status and download of an export only when there is one', () => {
    const paths = (exportId: string | null) =>
      demoRequests({ messageId: 'm', sessionId: 's', searchTerm: 't', exportId }).map((r) => r.path);
    expect(paths('x1')).toEqual(expect.arrayContaining(['/api/v1/exports/x1', '/api/v1/exports/x1/download']));
    expect(paths(null).filter((p) => p.startsWith('/api/v1/exports/'))).toEqual([]);
  });
});
