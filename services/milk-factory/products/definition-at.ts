import { ValidationError } from '../../../actors/mod.ts';
import type { ChildDefinition, ComponentDefinition } from './component-definition.ts';
import { definitionNames, type DraftComponent } from './draft-component.ts';

/** The definition a path stands for, walking the product's tree by names. */
export function definitionAt(root: ComponentDefinition, path: string): ComponentDefinition {
  const [first, ...rest] = definitionNames(path);
  if (first !== root.name) throw new ValidationError(`no component definition for path ${path}`);
  let current = root;
  for (const name of rest) {
    const next = current.children.find((c) => c.definition.name === name);
    if (!next) throw new ValidationError(`no component definition for path ${path}`);
    current = next.definition;
  }
  return current;
}

/** The cardinality of a component's definition below its parent's. */
export function childDefinition(parent: ComponentDefinition, name: string): ChildDefinition | undefined {
  return parent.children.find((c) => c.definition.name === name);
}

/** The component at `path`, or 400 naming the path. */
export function componentAt(components: readonly DraftComponent[], path: string): DraftComponent {
  const found = components.find((c) => c.path === path);
  if (!found) throw new ValidationError(`no component at path ${path}`);
  return found;
}
