import { Transform } from 'class-transformer';

/**
 * A boolean query parameter: exactly `true` or `false`. Reads the raw value (obj[key]) because implicit
 * conversion would make Boolean('false') true; anything else is passed on unchanged for @IsBoolean to refuse.
 */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    if (raw === 'true' || raw === true) return true;
    if (raw === 'false' || raw === false) return false;
    return raw;
  });
}
