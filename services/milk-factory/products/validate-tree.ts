import { ValidationError } from '../../../actors/mod.ts';
import type { ComponentDefinition } from './component-definition.ts';
import { checkRules } from './component-rules.ts';
import { checkConfigValue } from './configure-component.ts';
import { definitionAt } from './definition-at.ts';
import type { DraftComponent } from './draft-component.ts';

/**
 * The whole tree against the product's definitions (before an offer): every configuration
 * permitted, every rule true, every kind of kid within its cardinality. Throws the first
 * problem as the same 400 a change would have got.
 */
export function validateTree(root: ComponentDefinition, components: readonly DraftComponent[]): void {
  for (const component of components) {
    const definition = definitionAt(root, component.path);
    for (const config of component.configs) {
      const allowed = definition.configs.find((c) => c.name === config.name)?.allowed;
      checkConfigValue(allowed ? { ...config, allowed } : config, component.path);
    }
    checkRules(definition, component.configs, component.path);
    for (const child of definition.children) {
      const count = components.filter((c) => c.parentId === component.id && c.componentDefinitionId === child.definition.name).length;
      if (count > child.max) throw new ValidationError(`too many kids of type ${child.definition.name} in path ${component.path}`);
      if (count < child.min) throw new ValidationError(`too few kids of type ${child.definition.name} in path ${component.path}`);
    }
  }
}
