import type { Generated } from 'kysely';
import type { GroupState, JobState, Step } from './billing-names.ts';

// Days are Postgres `date` columns, read as `::text` (YYYY-MM-DD) wherever they leave SQL.

export interface BillingContractRow {
  contract_id: string;
  product_id: string;
  start_day: string;
  end_day: string;
  state: 'RUNNING' | 'TERMINATED' | 'EXPIRED';
  billed_to: string | null;
  /** A SUBSCRIPTION is billed a contract year at a time. */
  contract_type: 'ONE_OFF' | 'SUBSCRIPTION';
  auto_extend: boolean;
}

export interface BillRow {
  bill_id: Generated<string>;
  contract_id: string;
  from_day: string;
  to_day: string;
  price: string;
  job_id: string;
  group_id: string;
  created_at: Date;
}

export interface AnnouncedRow {
  job_id: string;
  contract_id: string;
}

export interface JobRow {
  job_id: string;
  date: string;
  max_group_size: number;
  state: JobState;
  session_id: string | null;
  started_at: Date;
  completed_at: Date | null;
  contracts: number;
  groups: number;
  completed_groups: number;
  failed_groups: number;
  bills: number;
}

export interface GroupRow {
  group_id: string;
  job_id: string;
  state: GroupState;
  step: Step;
  product_id: string;
  first_day: string;
  contract_ids: string[];
  bills: number;
  failed_reason: string | null;
  split_from: string | null;
  seq: number;
  created_at: Date;
  updated_at: Date;
}

export interface BillingTables {
  contracts: BillingContractRow;
  bills: BillRow;
  announced: AnnouncedRow;
  jobs: JobRow;
  groups: GroupRow;
}
