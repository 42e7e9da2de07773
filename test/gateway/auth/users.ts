import { InMemoryUserDirectory, minimumIterations } from '../../../gateway/auth/index.ts';

/** Some of milk-factory's users (spec), hashed with the least allowed cost to keep tests quick. */
export function testDirectory(): Promise<InMemoryUserDirectory> {
  return InMemoryUserDirectory.create([
    { username: 'john.smith', password: 'asdf', roles: ['SALES_REP'] },
    { username: '180000032', password: 'asdf', roles: ['CUSTOMER'], partnerId: '180000032' },
  ], { iterations: minimumIterations });
}

export const secret = 'test-jwt-secret';
