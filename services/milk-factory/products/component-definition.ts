/** The configuration kinds of the spec, with their units. */
export const configUnits = {
  VOLUME: 'ml',
  WEIGHT: 'g',
  FAT_CONTENT: '%',
  QUANTITY: 'pieces',
  SPACES: 'pieces',
  MATERIAL: 'material',
} as const;

export type ConfigName = keyof typeof configUnits;

/**
 * The largest value of each numeric configuration and the decimals any may have (the
 * spec names none; these hold every real product with room to spare and keep every price
 * far inside what pricing stores). MATERIAL is text of at most `maxMaterialLength`.
 */
export const configBounds: Record<Exclude<ConfigName, 'MATERIAL'>, number> = {
  VOLUME: 100_000,
  WEIGHT: 100_000,
  FAT_CONTENT: 100,
  QUANTITY: 10_000,
  SPACES: 10_000,
};
export const maxConfigDecimals = 3;
export const maxMaterialLength = 50;

/** A configuration of a component definition: its default, and the permitted set when there is one. */
export interface ConfigDefinition {
  name: ConfigName;
  value: string;
  units: string;
  allowed?: readonly string[];
}

/** How many kids of one definition a parent has: at least `min`, at most `max`, `initial` in a new draft. */
export interface ChildDefinition {
  definition: ComponentDefinition;
  min: number;
  max: number;
  initial: number;
}

/** A node of a product's component tree (spec, Products). */
export interface ComponentDefinition {
  name: string;
  configs: readonly ConfigDefinition[];
  children: readonly ChildDefinition[];
  /** Rules over this component's configs, e.g. `FAT_CONTENT <= 1.5`. */
  rules?: readonly string[];
}

export function config(name: ConfigName, value: string, allowed?: readonly string[]): ConfigDefinition {
  return allowed ? { name, value, units: configUnits[name], allowed } : { name, value, units: configUnits[name] };
}

export function component(name: string, configs: readonly ConfigDefinition[], children: readonly ChildDefinition[] = [], rules?: readonly string[]): ComponentDefinition {
  return rules ? { name, configs, children, rules } : { name, configs, children };
}

/** Exactly one kid, unless a cardinality is given. */
export function kid(definition: ComponentDefinition, cardinality: { min: number; max: number; initial: number } = { min: 1, max: 1, initial: 1 }): ChildDefinition {
  return { definition, ...cardinality };
}
