/** A configuration of a component in a draft. Values are decimal (or MATERIAL) text, never floats. */
export interface Configuration {
  name: string;
  value: string;
  units: string;
}

/** A component of a contract's tree: the shape `GET /contracts/<id>` answers and `Draft` carries. */
export interface DraftComponent {
  id: string;
  parentId: string | null;
  /** Definition names with counters joined by `->`: `CardboardBox1->Drink1->Milk1`. */
  path: string;
  componentDefinitionId: string;
  configs: Configuration[];
}

export const pathSeparator = '->';

/** `Sugar2` → `{ name: 'Sugar', counter: 2 }`. */
export function segmentOf(segment: string): { name: string; counter: number } {
  const match = /^(.*?)(\d+)$/.exec(segment);
  if (!match) return { name: segment, counter: 0 };
  return { name: match[1] ?? segment, counter: Number(match[2]) };
}

export function childPath(parentPath: string | null, name: string, counter: number): string {
  return parentPath === null ? `${name}${counter}` : `${parentPath}${pathSeparator}${name}${counter}`;
}

/** The definition names along a path: `CardboardBox1->Drink1` → `['CardboardBox', 'Drink']`. */
export function definitionNames(path: string): string[] {
  return path.split(pathSeparator).map((segment) => segmentOf(segment).name);
}

/** A component and all below it. */
export function subtreeIds(components: readonly DraftComponent[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of components) {
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}
