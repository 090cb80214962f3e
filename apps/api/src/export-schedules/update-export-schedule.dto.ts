import { PartialType } from '@nestjs/swagger';
import { CreateExportScheduleDto } from './create-export-schedule.dto.js';

/** Any field of a schedule; those omitted keep their value. */
export class UpdateExportScheduleDto extends PartialType(CreateExportScheduleDto) {}
