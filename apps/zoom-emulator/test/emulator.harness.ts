import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { loadEmulatorConfig, type EmulatorConfig } from '../src/config/emulator-config.js';
import { createEmulatorApp } from '../src/emulator.app.js';
import { CONFIG, TENANT } from '../src/gateway/emulator-state.js';
import type { TenantService } from '../src/tenant/tenant.service.js';

/** The fixed clock of the test tenant: reports reach back six months from here. */
export const TEST_NOW = '2026-11-20T12:00:00Z';

export interface ZoomResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A running emulator on a real HTTP port, with helpers to get tokens and call it. */
export class EmulatorHandle {
  constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly config: EmulatorConfig,
  ) {}

  get tenant(): TenantService {
    return this.app.get<TenantService>(TENANT);
  }

  async accountToken(clientId = this.config.clientId, secret = this.config.clientSecret): Promise<string> {
    const res = await fetch(
      `${this.url}/oauth/token?grant_type=account_credentials&account_id=${this.config.accountId}`,
      {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
      },
    );
    const body = (await res.json()) as { access_token: string };
    if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  /** A user-level token through the authorization-code flow, for the user named by loginHint. */
  async userToken(loginHint: string): Promise<{ access_token: string; refresh_token: string }> {
    const redirect = 'http://localhost/callback';
    const authorize = await fetch(
      `${this.url}/oauth/authorize?response_type=code&client_id=${this.config.userClientId}&redirect_uri=${encodeURIComponent(redirect)}&login_hint=${encodeURIComponent(loginHint)}`,
      { redirect: 'manual' },
    );
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code');
    if (!code) throw new Error(`authorize: ${authorize.status}`);
    const res = await fetch(`${this.url}/oauth/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${this.config.userClientId}:${this.config.userClientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect }).toString(),
    });
    const body = (await res.json()) as { access_token: string; refresh_token: string };
    if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ZoomResponse<T>> {
    const url = new URL(this.url + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: RequestInit['body'];
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options: RequestOptions = {}) {
    return this.request<T>('GET', path, options);
  }

  /** Follows next_page_token to the end; returns every page's body. */
  async allPages<T = any>(path: string, options: RequestOptions, maxPages = 10_000): Promise<T[]> {
    const pages: T[] = [];
    let token = '';
    for (let i = 0; i < maxPages; i++) {
      const res = await this.get<T & { next_page_token: string }>(path, {
        ...options,
        query: { ...options.query, next_page_token: token || undefined },
      });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
      pages.push(res.body);
      token = res.body.next_page_token;
      if (!token) return pages;
    }
    throw new Error(`${path}: more than ${maxPages} pages`);
  }

  async control<T = any>(method: string, path: string, body?: unknown): Promise<ZoomResponse<T>> {
    return this.request<T>(method, `/_emulator${path}`, { body });
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/** Starts an emulator on an ephemeral port. Defaults: tiny profile, seed 1, clock at TEST_NOW, no rate limits. */
export async function startEmulator(env: Record<string, string> = {}): Promise<EmulatorHandle> {
  const config = loadEmulatorConfig({
    EMULATOR_PROFILE: 'tiny',
    EMULATOR_SEED: '1',
    EMULATOR_NOW: TEST_NOW,
    EMULATOR_PORT: '0',
    // Tests run faster than Zoom's limits allow; the rate-limit tests switch limits on themselves.
    EMULATOR_RATE_LIMITS: 'off',
    ...env,
  });
  const app = await createEmulatorApp(config);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  // Download links and the token response carry the public URL, known only once the port is.
  app.get<EmulatorConfig>(CONFIG).publicUrl = url;
  return new EmulatorHandle(app, url, { ...config, port, publicUrl: url });
}
