import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { developmentSigningKey } from '../../actors/mod.ts';
import { developmentJwtSecret } from '../../gateway/auth/index.ts';
import { productionSecretsRefusal } from '../../gateway/production-secrets.ts';

const strong = 'x'.repeat(40);
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the production start refusal', () => {
  it('refuses NODE_ENV=production or REQUIRE_SECRETS=true on missing, development or short secrets, saying how to set them', () => {
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', JWT_SECRET: developmentJwtSecret, MESSAGE_SIGNING_KEY: strong },
      { NODE_ENV: 'production', JWT_SECRET: strong, MESSAGE_SIGNING_KEY: developmentSigningKey },
      { REQUIRE_SECRETS: 'true', JWT_SECRET: 'short', MESSAGE_SIGNING_KEY: strong },
    ]) {
      const refusal = productionSecretsRefusal(env);
      expect(refusal, JSON.stringify(env)).toMatch(/^Refusing to start/);
      expect(refusal).toContain('openssl rand');
    }
    expect(productionSecretsRefusal({ NODE_ENV: 'production' })).toMatch(/JWT_SECRET is not set; MESSAGE_SIGNING_KEY is not set/);
  });

  it('lets a configured production start, and development run on the defaults', () => {
    expect(productionSecretsRefusal({ NODE_ENV: 'production', JWT_SECRET: strong, MESSAGE_SIGNING_KEY: `${strong}y` })).toBeUndefined();
    expect(productionSecretsRefusal({})).toBeUndefined();
    expect(productionSecretsRefusal({ NODE_ENV: 'development' })).toBeUndefined();
  });

  it('stops `npm start` (main.ts) with exit code 1 and the message before it connects to anything', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', AMQP_URL: 'amqp://127.0.0.1:1', DATABASE_URL: 'postgres://127.0.0.1:1/none', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('Refusing to start (NODE_ENV=production): JWT_SECRET is not set');
    expect(output).not.toContain('listening');
  });
});
