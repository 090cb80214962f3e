import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { X } from '#libs/zoom-contract';

@Controller()
class C {
  @Get('x') x() { return { x: X }; }
}
@Module({ controllers: [C] })
class M {}

test('nest esm works', async () => {
  const app = await NestFactory.create(M, { logger: false });
  await app.init();
  const r = await request(app.getHttpServer()).get('/x');
  expect(r.body).toEqual({ x: 1 });
  await app.close();
});
