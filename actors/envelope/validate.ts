import type { ValidationIssue } from '../errors/errors.ts';
import type { StandardSchemaV1 } from './standard-schema.ts';

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/**
 * Validates data against a Standard Schema. Fields the schema does not name are kept
 * (rule 2: unknown fields pass through), so the parsed value is laid over the input.
 */
export async function validateData<T>(schema: StandardSchemaV1<unknown, T>, data: unknown): Promise<Validated<T>> {
  return validateDataNow(schema, data);
}

/**
 * The same, but without a promise when the schema answers synchronously (Standard Schema
 * allows either): most do, and the consumer validates every delivery.
 */
export function validateDataNow<T>(schema: StandardSchemaV1<unknown, T>, data: unknown): Validated<T> | Promise<Validated<T>> {
  const result = schema['~standard'].validate(data);
  return result instanceof Promise ? result.then((r) => validatedOf(r, data)) : validatedOf(result, data);
}

function validatedOf<T>(result: StandardSchemaV1.Result<T>, data: unknown): Validated<T> {
  if (result.issues) return { ok: false, issues: result.issues.map(toIssue) };
  const value = isRecord(data) && isRecord(result.value) ? { ...data, ...result.value } : result.value;
  return { ok: true, value: value as T };
}

function toIssue(issue: StandardSchemaV1.Issue): ValidationIssue {
  const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment));
  return { path: path.join('.'), message: issue.message };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
