import { type ChildProcess, spawn } from 'node:child_process';
import { type WriteStream, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('./parent-watch.preload.js', import.meta.url));
const TAIL_LINES = 25;

export interface ChildSpec {
  readonly name: string;
  /** Path of the built entry point, e.g. dist/apps/api/src/main.js. */
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  /** A line the process prints once it serves requests. */
  readonly readyMarker: string;
  /** A URL that answers once it serves requests: readiness does not rest on one line of output alone. */
  readonly readyUrl: string;
}

export interface StartedChild {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
}

interface Managed {
  readonly spec: ChildSpec;
  readonly child: ChildProcess;
  readonly log: WriteStream;
  readonly exited: Promise<string>;
  lines: string[];
  done: boolean;
}

/** Resolves once the URL answers with anything but a server error; polls until then or until aborted. */
async function answers(url: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const status = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(2_000)]) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status > 0 && status < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return new Promise(() => undefined);
}

/**
 * The demo's child processes: each started from the build with its output in a log file, watched until it
 * says it is ready, and stopped in reverse order with SIGTERM (SIGKILL after a grace period). Children run in
 * their own process group, so a Ctrl-C in the terminal reaches the demo alone and each child is stopped once.
 */
export class DemoSupervisor {
  private readonly children: Managed[] = [];
  private stopping: Promise<void> | undefined;
  /** Called when a child that was ready exits while the demo is not stopping. */
  onUnexpectedExit: (name: string, how: string, lastLines: string[]) => void = () => undefined;

  constructor(
    private readonly logDir: string,
    private readonly startTimeoutMs = 120_000,
    private readonly stopTimeoutMs = 20_000,
  ) {}

  get pids(): number[] {
    return this.children.map((m) => m.child.pid!).filter((pid) => pid !== undefined);
  }

  async start(spec: ChildSpec): Promise<StartedChild> {
    if (this.stopping) throw new Error('the demo is stopping');
    mkdirSync(this.logDir, { recursive: true });
    const logFile = join(this.logDir, `${spec.name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`--- ${new Date().toISOString()} starting ${spec.script}\n`);
    const child = spawn(process.execPath, ['--import', PRELOAD, spec.script], {
      // Plain text in the log files: Nest colours its output unless told not to.
      env: { ...spec.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    const managed: Managed = {
      spec,
      child,
      log,
      lines: [],
      done: false,
      exited: new Promise((resolve) => {
        child.once('exit', (code, signal) => {
          managed.done = true;
          resolve(signal ? `signal ${signal}` : `exit code ${code}`);
        });
        child.once('error', (error) => {
          managed.done = true;
          resolve(`error ${error.message}`);
        });
      }),
    };
    this.children.push(managed);
    const stopPolling = new AbortController();
    const how = await Promise.race([
      this.watchOutput(managed).then(() => null),
      answers(spec.readyUrl, stopPolling.signal).then(() => null),
      managed.exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), this.startTimeoutMs).unref()),
    ]);
    stopPolling.abort();
    if (how !== null) {
      const detail = managed.lines.join('\n').trim();
      throw new Error(
        `The ${spec.name} did not start (${how === 'timeout' ? `not ready after ${this.startTimeoutMs / 1000} s` : how}). ` +
          `Its last output (${logFile}):\n${detail || '(none)'}`,
      );
    }
    void managed.exited.then((exit) => {
      if (!this.stopping) this.onUnexpectedExit(spec.name, exit, managed.lines);
    });
    return { name: spec.name, pid: child.pid!, logFile };
  }

  /** Stops every child, last started first; safe to call any number of times. */
  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const managed of [...this.children].reverse()) await this.stop(managed);
    })();
    return this.stopping;
  }

  private async stop(managed: Managed): Promise<void> {
    if (!managed.done) {
      managed.child.kill('SIGTERM');
      const timer = setTimeout(() => managed.child.kill('SIGKILL'), this.stopTimeoutMs);
      await managed.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => managed.log.end(resolve));
  }

  /** Copies the output to the log, keeps its last lines for messages, and resolves when the marker shows. */
  private watchOutput(managed: Managed): Promise<void> {
    let seen = '';
    let ready = false;
    return new Promise((resolve) => {
      const onData = (chunk: Buffer) => {
        managed.log.write(chunk);
        const text = chunk.toString('utf8');
        // The last entry is the line still being written; it is kept so a message without a newline shows.
        const lines = (managed.lines.pop() ?? '') + text;
        managed.lines = [...managed.lines, ...lines.split('\n')].slice(-TAIL_LINES);
        if (!ready) {
          seen = (seen + text).slice(-4_096);
          ready = seen.includes(managed.spec.readyMarker);
          if (ready) resolve();
        }
      };
      managed.child.stdout!.on('data', onData);
      managed.child.stderr!.on('data', onData);
    });
  }
}
