import { ValidationError } from '../../../actors/mod.ts';
import { Decimal } from '../shared/decimal.ts';
import { configBounds, maxConfigDecimals, maxMaterialLength, type ComponentDefinition, type ConfigName } from './component-definition.ts';
import { checkRules } from './component-rules.ts';
import { componentAt, definitionAt } from './definition-at.ts';
import type { Configuration, DraftComponent } from './draft-component.ts';

/**
 * `PUT /drafts/<id>/config {path, name, value}`: the tree with one configuration changed,
 * or a 400 with the spec's message (value outside the permitted set, rule false).
 */
export function configureComponent(root: ComponentDefinition, components: readonly DraftComponent[], change: { path: string; name: string; value: string | number }): DraftComponent[] {
  const target = componentAt(components, change.path);
  const definition = definitionAt(root, change.path);
  const configDefinition = definition.configs.find((c) => c.name === change.name);
  if (!configDefinition) throw new ValidationError(`Component configuration ${change.name} does not exist at path ${change.path}`);
  const value = normalised(configDefinition.name, change.value, change.path);
  checkConfigValue({ ...configDefinition, value }, change.path);
  const configs: Configuration[] = target.configs.map((c) => (c.name === change.name ? { ...c, value } : c));
  checkRules(definition, configs, change.path);
  return components.map((c) => (c.id === target.id ? { ...c, configs } : c));
}

/** 400 unless the value is in the permitted set (when the definition has one). */
export function checkConfigValue(config: { name: string; value: string; allowed?: readonly string[] }, path: string): void {
  if (!config.allowed) return;
  const permitted = config.name === 'MATERIAL'
    ? config.allowed.includes(config.value)
    : Decimal.isDecimal(config.value) && config.allowed.some((a) => Decimal.of(a).equals(config.value));
  if (!permitted) {
    throw new ValidationError(`Component configuration value ${config.value} is not in the permitted set of values [${config.allowed.join(', ')}] at path ${path}`);
  }
}

/**
 * Numeric configs as canonical decimal text ("1.80" → "1.8"), within their bound
 * (`configBounds`, at most `maxConfigDecimals` decimals); MATERIAL as given, short text.
 */
function normalised(name: ConfigName, value: string | number, path: string): string {
  if (name === 'MATERIAL') {
    const text = String(value).trim();
    if (!text) throw new ValidationError(`Component configuration ${name} needs a value at path ${path}`);
    if (text.length > maxMaterialLength) throw new ValidationError(`Component configuration ${name} is longer than ${maxMaterialLength} characters at path ${path}`);
    return text;
  }
  if (!Decimal.isDecimal(value)) throw new ValidationError(`Component configuration value ${value} is not a number at path ${path}`);
  const decimal = Decimal.of(value);
  if (decimal.compare(0) < 0) throw new ValidationError(`Component configuration value ${value} is negative at path ${path}`);
  const max = configBounds[name];
  if (decimal.compare(max) > 0) throw new ValidationError(`Component configuration value ${value} is more than the largest ${name}, ${max}, at path ${path}`);
  const text = decimal.toString();
  if ((text.split('.')[1]?.length ?? 0) > maxConfigDecimals) {
    throw new ValidationError(`Component configuration value ${value} has more than ${maxConfigDecimals} decimals at path ${path}`);
  }
  return text;
}
