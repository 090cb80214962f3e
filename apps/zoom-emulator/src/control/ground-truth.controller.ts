import { Controller } from '@nestjs/common';

@Controller('_emulator')
export class GroundTruthController {}
