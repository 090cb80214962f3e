import { Controller, Get, Post } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { PermissionCoverageCheck } from './permission-coverage.check.js';
import { RequirePermission } from './require-permission.decorator.js';

@Controller('covered')
@RequirePermission('sync:read')
class CoveredByClass {
  @Get()
  list(): void {}
}

@Controller('mixed')
class Mixed {
  @Get()
  @RequirePermission('public')
  open(): void {}

  @Post('forgotten')
  forgotten(): void {}
}

const discovery = (...controllers: unknown[]) =>
  ({ getControllers: () => controllers.map((metatype) => ({ metatype })) }) as unknown as DiscoveryService;

describe('PermissionCoverageCheck', () => {
  it('accepts routes with a permission on the handler or the controller', () => {
    expect(() => new PermissionCoverageCheck(discovery(CoveredByClass)).onModuleInit()).not.toThrow();
  });

  it('refuses to boot with a route that has none, naming it', () => {
    expect(() => new PermissionCoverageCheck(discovery(CoveredByClass, Mixed)).onModuleInit()).toThrow(
      'Routes without @RequirePermission: POST /api/v1/mixed/forgotten (Mixed.forgotten)',
    );
  });
});
