import type { Generated } from 'kysely';

/** The command generator's tables (sql/open_bank_command_generator): its copy of the AUTO accounts. */
export interface GeneratorTables {
  auto_accounts: { iban: string; token: string; created_at: Generated<Date> };
}
