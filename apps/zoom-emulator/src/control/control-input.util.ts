import { ZoomError } from '../gateway/zoom-error.js';

/** The JSON body of a control-plane request, with checked accessors that answer 400 on bad input. */
export class ControlInput {
  private constructor(readonly fields: Record<string, unknown>) {}

  static of(body: unknown): ControlInput {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw ZoomError.badRequest('Request Body should be a valid JSON object.');
    }
    return new ControlInput(body as Record<string, unknown>);
  }

  has(name: string): boolean {
    return this.fields[name] !== undefined;
  }

  number(name: string, min: number, max: number): number {
    const value = this.fields[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw ZoomError.validation(name, `${name} must be a number between ${min} and ${max}.`);
    }
    return value;
  }

  string(name: string): string {
    const value = this.fields[name];
    if (typeof value !== 'string' || value === '') throw ZoomError.validation(name, `${name} is required.`);
    return value;
  }

  stringArray(name: string): string[] {
    const value = this.fields[name];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw ZoomError.validation(name, `${name} must be an array of strings.`);
    }
    return value as string[];
  }
}
