import { ApiProperty } from '@nestjs/swagger';
import { EXPORT_FORMATS, EXPORT_STATUSES, type ExportJob } from '#libs/archive';

export class ExportFileDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ type: 'integer' }) bytes!: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex.' }) sha256!: string;
}

export class ExportOptionsViewDto {
  @ApiProperty() time_zone!: string;
  @ApiProperty() bom!: boolean;
  @ApiProperty() formula_guard!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) rows_per_file!: number | null;
}

export class ExportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: string;
  @ApiProperty({
    enum: EXPORT_STATUSES,
    description: 'queued → running → done | failed | cancelled; a done export becomes expired when its zip is removed.',
  })
  status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The filters as requested.' })
  filters!: Record<string, unknown>;
  @ApiProperty({ type: ExportOptionsViewDto }) options!: ExportOptionsViewDto;
  @ApiProperty({ description: 'Who asked: an API key name, or schedule:<name>.' }) requested_by!: string;
  @ApiProperty({ format: 'uuid', nullable: true }) schedule_id!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) scheduled_for!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) started_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) finished_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) expires_at!: string | null;
  @ApiProperty({ type: 'integer', description: 'Rows written so far (the total once done).' }) rows!: number;
  @ApiProperty({ type: [ExportFileDto] }) files!: ExportFileDto[];
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Size of the zip.' }) zip_bytes!: number | null;
  @ApiProperty({ nullable: true, description: 'SHA-256 of the zip, hex.' }) zip_sha256!: string | null;
  @ApiProperty({ nullable: true, description: 'Path of the download, once done.' }) download!: string | null;
  @ApiProperty({ nullable: true }) error!: string | null;

  static from(job: ExportJob): ExportDto {
    return {
      id: job.id,
      format: job.format,
      status: job.status,
      filters: { ...job.filters },
      options: {
        time_zone: job.options.timeZone,
        bom: job.options.bom,
        formula_guard: job.options.formulaGuard,
        rows_per_file: job.options.rowsPerFile,
      },
      requested_by: job.requestedByName,
      schedule_id: job.scheduleId,
      scheduled_for: job.scheduledFor?.toISOString() ?? null,
      created_at: job.createdAt.toISOString(),
      started_at: job.startedAt?.toISOString() ?? null,
      finished_at: job.finishedAt?.toISOString() ?? null,
      expires_at: job.expiresAt?.toISOString() ?? null,
      rows: Number(job.rowsWritten),
      files: job.files,
      warnings: job.warnings,
      zip_bytes: job.artifactBytes === null ? null : Number(job.artifactBytes),
      zip_sha256: job.artifactSha256,
      download: job.status === 'done' ? `/api/v1/exports/${job.id}/download` : null,
      error: job.error,
    };
  }
}
