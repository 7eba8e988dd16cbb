import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@openbank/http-api';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ListPersonsRequest extends PageQuery {
  @ApiPropertyOptional({ example: 'ali', description: 'Persons one of whose names starts with these words (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}
