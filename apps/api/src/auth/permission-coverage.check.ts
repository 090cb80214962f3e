import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { routeCatalogue } from '../common/route-catalogue.util.js';

/** Refuses to start an API with a route that declares no permission (issue #5: every route has one). */
@Injectable()
export class PermissionCoverageCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype as Type | null)
      .filter((metatype): metatype is Type => !!metatype);
    const missing = routeCatalogue(controllers).filter((route) => !route.permission);
    if (missing.length > 0) {
      const list = missing.map((r) => `${r.method} ${r.path} (${r.controller.name}.${r.handlerName})`).join(', ');
      throw new Error(`Routes without @RequirePermission: ${list}`);
    }
  }
}
