import { defaultIterations, hashPassword } from './passwords.ts';

/** Who a request acts for: what a token carries and a route may check. */
export interface AuthenticatedUser {
  username: string;
  roles: readonly string[];
  /** The partner (customer) this user is, for "own data only" checks. */
  partnerId?: string;
  /**
   * Who issued the user's token when it is not the common login (a landscape's own
   * sign-up, e.g. `open-bank`): its users are another population, see `principalOf`.
   */
  issuer?: string;
}

/**
 * One identity across every issuer: a common-login username as it is, a landscape's own
 * user prefixed with its issuer (`open-bank:alice`), so a self-chosen name never equals a
 * seeded user's. What sessions and streams are bound to.
 */
export function principalOf(user: AuthenticatedUser): string {
  return user.issuer === undefined ? user.username : `${user.issuer}:${user.username}`;
}

/** A user as a directory keeps it: never the plain password. */
export interface StoredUser extends AuthenticatedUser {
  passwordHash: string;
}

/** Where the login looks users up; a landscape may back it with its own tables later. */
export interface UserDirectory {
  find(username: string): Promise<StoredUser | undefined>;
  /** Stores a new hash of the user's password (a login re-hashes one of an older, cheaper cost). */
  rehash?(username: string, passwordHash: string): Promise<void>;
}

/** A user as a landscape declares it (its spec lists the users; the password is hashed at start-up). */
export interface UserSeed {
  username: string;
  password: string;
  roles: readonly string[];
  partnerId?: string;
}

/** The operations user of every landscape (common spec, Operations). */
export const adminSeed: UserSeed = { username: 'admin', password: 'asdf', roles: ['ADMIN'] };

/**
 * Users held in memory, seeded from the landscapes' lists. `admin` is always there.
 * A username seeded again is replaced: the later contribution wins.
 */
export class InMemoryUserDirectory implements UserDirectory {
  readonly #users = new Map<string, StoredUser>();

  private constructor(private readonly iterations: number) {}

  /** A directory holding `admin` and `seeds`, their passwords hashed (in parallel) before it resolves. */
  static async create(seeds: readonly UserSeed[] = [], options: { iterations?: number } = {}): Promise<InMemoryUserDirectory> {
    const directory = new InMemoryUserDirectory(options.iterations ?? defaultIterations);
    await directory.seedUsers([adminSeed, ...seeds]);
    return directory;
  }

  /** Adds (or replaces) users; how a landscape contributes the users its spec lists. */
  async seedUsers(seeds: readonly UserSeed[]): Promise<void> {
    const stored = await Promise.all(seeds.map(async (seed): Promise<StoredUser> => {
      const user: StoredUser = { username: seed.username, roles: [...seed.roles], passwordHash: await hashPassword(seed.password, this.iterations) };
      if (seed.partnerId !== undefined) user.partnerId = seed.partnerId;
      return user;
    }));
    for (const user of stored) this.#users.set(user.username, user);
  }

  async find(username: string): Promise<StoredUser | undefined> {
    return this.#users.get(username);
  }

  async rehash(username: string, passwordHash: string): Promise<void> {
    const user = this.#users.get(username);
    if (user) this.#users.set(username, { ...user, passwordHash });
  }

  /** Every role some user holds: what the start-up security check counts as existing. */
  roles(): Set<string> {
    return new Set([...this.#users.values()].flatMap((u) => u.roles));
  }
}

/** The public part of a user: what login answers and a token carries. */
export function publicUser(user: AuthenticatedUser): AuthenticatedUser {
  const result: AuthenticatedUser = { username: user.username, roles: [...user.roles] };
  if (user.partnerId !== undefined) result.partnerId = user.partnerId;
  return result;
}
