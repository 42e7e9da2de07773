import type { ComponentDefinition } from './component-definition.ts';
import { childPath, type DraftComponent } from './draft-component.ts';

export type NewId = () => string;

/** A new draft's components: the definition tree with each kid `initial` times, configs at their defaults. */
export function instantiateTree(root: ComponentDefinition, newId: NewId): DraftComponent[] {
  return instantiate(root, null, null, 1, newId);
}

/** One component of `definition` (and its default kids) under `parent`, with the given counter. */
export function instantiate(definition: ComponentDefinition, parentId: string | null, parentPath: string | null, counter: number, newId: NewId): DraftComponent[] {
  const self: DraftComponent = {
    id: newId(),
    parentId,
    path: childPath(parentPath, definition.name, counter),
    componentDefinitionId: definition.name,
    configs: definition.configs.map(({ name, value, units }) => ({ name, value, units })),
  };
  const kids = definition.children.flatMap((child) =>
    Array.from({ length: child.initial }, (_, i) => instantiate(child.definition, self.id, self.path, i + 1, newId)).flat());
  return [self, ...kids];
}
