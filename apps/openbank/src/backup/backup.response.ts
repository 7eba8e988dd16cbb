import { ApiProperty } from '@nestjs/swagger';

export class BackupResponse {
  @ApiProperty({ example: '/var/lib/openbank/backups/openbank-2026-12-05T10-00-00-000Z', description: 'The backup’s directory, on the machine OpenBank runs on.' }) directory!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ example: 'openbank' }) database!: string;
  @ApiProperty({ example: 12, description: 'MongoDB collections dumped.' }) collections!: number;
  @ApiProperty({ example: 5400, description: 'MongoDB documents dumped.' }) documents!: number;
  @ApiProperty({ example: 1048576, description: 'Bytes of the event log copied.' }) event_log_bytes!: number;
}
