import { loadEmulatorConfig } from '../config/emulator-config.js';
import { generateDirectory } from './directory.generator.js';
import { DAY_MS, MessageGenerator } from './message.generator.js';
import { resolveProfile } from './tenant-profile.js';

describe('tenant profile overrides', () => {
  it('caps generated file sizes at EMULATOR_MAX_FILE_BYTES instead of the profile default', () => {
    const config = loadEmulatorConfig({ EMULATOR_PROFILE: 'small', EMULATOR_MAX_FILE_BYTES: '4096' });
    const profile = resolveProfile(config.profile, config);
    expect(profile.maxFileBytes).toBe(4096);
    expect(resolveProfile('small').maxFileBytes).toBeGreaterThan(4096);

    const dir = generateDirectory(5, profile);
    const generator = new MessageGenerator(5, dir, profile.maxFileBytes);
    const first = Math.floor(Date.parse('2026-10-01T00:00:00Z') / DAY_MS);
    const sizes = dir.sessions.flatMap((s) =>
      [0, 1, 2, 3, 4, 5, 6].flatMap((d) =>
        generator.generateDay(s.idx, first + d).flatMap((m) => m.versions[0].files.map((f) => f.fileSize)),
      ),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4096);
  });

  it('rejects a file cap that is not a positive integer, naming the variable', () => {
    expect(() => loadEmulatorConfig({ EMULATOR_MAX_FILE_BYTES: '-1' })).toThrow(/EMULATOR_MAX_FILE_BYTES/);
  });
});
