import type { SyncRun, SyncStateRepository } from '#libs/archive';
import type { PlanJob, SyncQueue } from '#libs/sync';
import { ApiError } from '../common/api.error.js';
import type { ApiConfig } from '../config/api-config.js';
import { SyncApiService } from './sync-api.service.js';
import type { SyncRunsRepository } from './sync-runs.repository.js';

const RUN_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const progress = { total: 0, done: 0, failed: 0, running: 0, pending: 0, messages: 0, versionsAdded: 0 };

function setup(queueFails = false) {
  const created: unknown[][] = [];
  const planned: PlanJob[] = [];
  const failed: string[] = [];
  const state = {
    createRun: (...args: unknown[]) => {
      created.push(args);
      return Promise.resolve(RUN_ID);
    },
    getRun: () =>
      Promise.resolve({
        id: RUN_ID,
        accountId: 'acc',
        kind: 'manual',
        status: 'planning',
        requestedFrom: '2026-11-01',
        requestedTo: '2026-11-15',
        createdAt: new Date('2026-11-20T00:00:00Z'),
        finishedAt: null,
        error: null,
      } as unknown as SyncRun),
    runProgress: () => Promise.resolve(progress),
  };
  const queue = {
    plan: (job: PlanJob) => {
      if (queueFails) return Promise.reject(new Error('Redis is down'));
      planned.push(job);
      return Promise.resolve();
    },
  };
  const runs = { failUnqueued: (id: string) => Promise.resolve(void failed.push(id)) };
  const service = new SyncApiService(
    state as unknown as SyncStateRepository,
    runs as unknown as SyncRunsRepository,
    queue as unknown as SyncQueue,
    { accountId: 'acc' } as ApiConfig,
  );
  return { service, created, planned, failed };
}

describe('SyncApiService.create', () => {
  it('creates a manual run of the configured account and enqueues its plan, as the CLI does', async () => {
    const { service, created, planned } = setup();
    const run = await service.create({ from: '2026-11-01', to: '2026-11-15' });
    expect(created).toEqual([['acc', 'manual', '2026-11-01', '2026-11-15']]);
    expect(planned).toEqual([{ runId: RUN_ID, from: '2026-11-01', to: '2026-11-15', force: true }]);
    expect(run).toMatchObject({ id: RUN_ID, kind: 'manual', status: 'planning', progress: { total: 0 } });
  });

  it.each([
    [{ from: '2026-02-31' }, 'from'],
    [{ to: '2026-13-01' }, 'to'],
    [{ from: '2026-11-15', to: '2026-11-01' }, 'to'],
  ])('refuses %j naming %s, before creating anything', async (body, parameter) => {
    const { service, created } = setup();
    const error = await service.create(body).catch((e: unknown) => e as ApiError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).details[0].parameter).toBe(parameter);
    expect(created).toEqual([]);
  });

  it('marks the run failed when its plan cannot be enqueued, instead of leaving it planning', async () => {
    const { service, failed } = setup(true);
    await expect(service.create({})).rejects.toThrow('Redis is down');
    expect(failed).toEqual([RUN_ID]);
  });
});
