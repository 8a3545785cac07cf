import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** The operations measured: the named one, or every one when no name is given. */
function operationsOf(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode[] {
  return document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName),
  );
}

/**
 * Deepest field nesting of the operation, following fragments. Each fragment is measured once,
 * so fragments spread many times over cost no more than their text.
 */
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = fragmentsOf(document);
  const fragmentDepths = new Map<string, number>();
  const depthOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(
          deepest,
          selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1,
        );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        let depth = fragmentDepths.get(name);
        if (depth === undefined) {
          depth = depthOf(fragment.selectionSet, new Set([...seen, name]));
          fragmentDepths.set(name, depth);
        }
        deepest = Math.max(deepest, depth);
      }
    }
    return deepest;
  };
  let deepest = 0;
  for (const operation of operationsOf(document, operationName)) {
    deepest = Math.max(deepest, depthOf(operation.selectionSet, new Set()));
  }
  return deepest;
}

/**
 * Fields the operation selects, every alias and every use of a fragment counted (what execution
 * will resolve, @skip/@include aside). Counting stops once past `stopAfter`, so a fragment spread
 * exponentially often costs no more than the limit.
 */
export function fieldCount(
  document: DocumentNode,
  operationName: string | null | undefined,
  stopAfter: number,
): number {
  const fragments = fragmentsOf(document);
  let count = 0;
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): void => {
    if (!selectionSet) return;
    for (const selection of selectionSet.selections) {
      if (count > stopAfter) return;
      if (selection.kind === Kind.FIELD) {
        count += 1;
        visit(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) visit(fragment.selectionSet, new Set([...seen, name]));
      }
    }
  };
  for (const operation of operationsOf(document, operationName))
    visit(operation.selectionSet, new Set());
  return count;
}

/** graphql-js's parse error at parseOptions.maxTokens ("Document contains more that N tokens"). */
export function isTokenLimitError(message: string): boolean {
  return /contains more th\w+ \d+ tokens/.test(message);
}
