import { ValidationError } from '../../../actors/mod.ts';
import type { ComponentDefinition } from './component-definition.ts';
import { childDefinition, componentAt, definitionAt } from './definition-at.ts';
import { segmentOf, subtreeIds, type DraftComponent } from './draft-component.ts';
import { instantiate, type NewId } from './instantiate-tree.ts';

/**
 * `POST /drafts/<id>/components {path}`: a sibling of the component at `path`, with the
 * highest counter of its kind + 1 (removing never renumbers); over the maximum → 400.
 */
export function addSibling(root: ComponentDefinition, components: readonly DraftComponent[], path: string, newId: NewId): DraftComponent[] {
  const { parent, siblings, cardinality, name } = kinOf(root, components, path);
  if (siblings.length + 1 > cardinality.max) throw new ValidationError(`too many kids of type ${name} in path ${parent.path}`);
  const counter = Math.max(0, ...siblings.map((s) => segmentOf(s.path.slice(parent.path.length + 2)).counter)) + 1;
  return [...components, ...instantiate(cardinality.definition, parent.id, parent.path, counter, newId)];
}

/** `DELETE /drafts/<id>/components?path=`: the tree without that component and its kids; under the minimum → 400. */
export function removeComponent(root: ComponentDefinition, components: readonly DraftComponent[], path: string): DraftComponent[] {
  const { parent, siblings, cardinality, name, target } = kinOf(root, components, path);
  if (siblings.length - 1 < cardinality.min) throw new ValidationError(`too few kids of type ${name} in path ${parent.path}`);
  const removed = subtreeIds(components, target.id);
  return components.filter((c) => !removed.has(c.id));
}

function kinOf(root: ComponentDefinition, components: readonly DraftComponent[], path: string) {
  const target = componentAt(components, path);
  if (target.parentId === null) throw new ValidationError(`the root component ${path} cannot be added or removed`);
  const parent = components.find((c) => c.id === target.parentId);
  if (!parent) throw new ValidationError(`no parent of ${path}`);
  const name = target.componentDefinitionId;
  const cardinality = childDefinition(definitionAt(root, parent.path), name);
  if (!cardinality) throw new ValidationError(`no component definition for path ${path}`);
  const siblings = components.filter((c) => c.parentId === parent.id && c.componentDefinitionId === name);
  return { target, parent, siblings, cardinality, name };
}
