import { developmentSigningKey } from '../actors/mod.ts';
import { developmentJwtSecret } from './auth/jwt.ts';

/** Shorter secrets are guessable offline from one token (HS256) or one message (HMAC). */
const minimumLength = 32;

/**
 * In production (`NODE_ENV=production`, or `REQUIRE_SECRETS=true` anywhere) the process
 * must not run on the development JWT secret or message-signing key, which anyone who
 * read this repository knows: answers why and how to set them, or undefined when all is
 * well. Outside production the defaults keep `npm start` working (logged as SEC-002/003).
 */
export function productionSecretsRefusal(env: Record<string, string | undefined>): string | undefined {
  const production = env.NODE_ENV === 'production' || env.REQUIRE_SECRETS === 'true';
  if (!production) return undefined;
  const problems: string[] = [];
  const check = (name: string, value: string | undefined, development: string) => {
    if (value === undefined || value === '') problems.push(`${name} is not set`);
    else if (value === development) problems.push(`${name} is the public development value`);
    else if (value.length < minimumLength) problems.push(`${name} is shorter than ${minimumLength} characters`);
  };
  check('JWT_SECRET', env.JWT_SECRET, developmentJwtSecret);
  check('MESSAGE_SIGNING_KEY', env.MESSAGE_SIGNING_KEY, developmentSigningKey);
  if (problems.length === 0) return undefined;
  const why = env.NODE_ENV === 'production' ? 'NODE_ENV=production' : 'REQUIRE_SECRETS=true';
  return [
    `Refusing to start (${why}): ${problems.join('; ')}.`,
    'Set both to long random values, for example JWT_SECRET="$(openssl rand -base64 48)" and',
    'MESSAGE_SIGNING_KEY="$(openssl rand -base64 48)"; every process of one deployment needs the same',
    'MESSAGE_SIGNING_KEY (and the same JWT_SECRET where it serves the API).',
  ].join('\n');
}
