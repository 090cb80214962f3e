const FINAL = new Set(['done', 'failed', 'cancelled', 'expired']);

export interface DemoExport {
  readonly id: string;
  readonly status: string;
  readonly rows: number;
  readonly error: string | null;
}

async function call(url: string, token: string, init: RequestInit = {}): Promise<DemoExport> {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { data: DemoExport }).data;
}

/**
 * Asks the API for an export, as a compliance officer would, and waits while the worker renders it, so the
 * download command the demo prints names an export that is ready.
 */
export async function createDemoExport(
  apiUrl: string,
  token: string,
  body: unknown,
  timeoutMs = 180_000,
): Promise<DemoExport> {
  let job = await call(`${apiUrl}/api/v1/exports`, token, { method: 'POST', body: JSON.stringify(body) });
  const started = Date.now();
  while (!FINAL.has(job.status)) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`export ${job.id} still ${job.status} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = await call(`${apiUrl}/api/v1/exports/${encodeURIComponent(job.id)}`, token);
  }
  return job;
}
