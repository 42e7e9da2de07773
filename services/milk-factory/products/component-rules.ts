import { ValidationError } from '../../../actors/mod.ts';
import { Decimal } from '../shared/decimal.ts';
import type { ComponentDefinition } from './component-definition.ts';
import type { Configuration } from './draft-component.ts';

const comparison = /^\s*([A-Z_]+)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Evaluates a rule such as `FAT_CONTENT <= 1.5` over a component's configs, exactly. */
export function ruleHolds(rule: string, configs: readonly Configuration[]): boolean {
  const match = comparison.exec(rule);
  if (!match) throw new Error(`unsupported component rule: ${rule}`);
  const [, name, operator, bound] = match;
  const config = configs.find((c) => c.name === name);
  if (!config || !Decimal.isDecimal(config.value)) return false;
  const order = Decimal.of(config.value).compare(bound!);
  switch (operator) {
    case '<=': return order <= 0;
    case '>=': return order >= 0;
    case '<': return order < 0;
    case '>': return order > 0;
    case '==': return order === 0;
    default: return order !== 0;
  }
}

/** Throws the spec's 400 for the first rule of the definition the configs break. */
export function checkRules(definition: ComponentDefinition, configs: readonly Configuration[], path: string): void {
  for (const rule of definition.rules ?? []) {
    if (!ruleHolds(rule, configs)) throw new ValidationError(`Rule evaluated to false: ${rule} at path ${path}`);
  }
}
