import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/** Zoom GUIDs, with or without braces, any case; ids are printable and short. */
const MESSAGE_ID = /^\{?[A-Za-z0-9._-]{1,100}\}?$/;

export class MessageParamsDto {
  @ApiProperty({
    description: 'Message id, with or without braces, any case: {4C6A11E6-…} and 4c6a11e6-… are the same message.',
    example: '7BA4D98B-0A6A-4FB4-A71B-DD13FD689DC8',
  })
  @IsString()
  @MaxLength(102)
  @Matches(MESSAGE_ID, { message: 'is not a message id' })
  id!: string;
}

export class MessageFileParamsDto extends MessageParamsDto {
  @ApiProperty({ description: 'Zoom file id, as listed in the message’s files.' })
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9._~-]{1,200}$/, { message: 'is not a file id' })
  fileId!: string;
}
