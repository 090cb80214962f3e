import { Controller } from '@nestjs/common';

@Controller('v2')
export class SessionsController {}
