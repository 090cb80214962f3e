import { loadEmulatorConfig, EmulatorConfigError } from './config/emulator-config.js';
import { createEmulatorApp } from './emulator.app.js';

async function main(): Promise<void> {
  const config = loadEmulatorConfig();
  const started = Date.now();
  const app = await createEmulatorApp(config, true);
  await app.listen(config.port, config.host);
  const lines = [
    `Zoom emulator listening on ${config.publicUrl} (profile ${config.profile}, seed ${config.seed}, ready in ${Date.now() - started} ms)`,
    `  ZOOM_API_URL=${config.publicUrl}/v2`,
    `  ZOOM_OAUTH_URL=${config.publicUrl}/oauth/token`,
    `  ZOOM_ACCOUNT_ID=${config.accountId}`,
    `  ZOOM_CLIENT_ID=${config.clientId}`,
    `  ZOOM_CLIENT_SECRET=${config.clientSecret}`,
    `  control plane: ${config.publicUrl}/_emulator/info`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof EmulatorConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
