import { Logger } from '@nestjs/common';
import { Plugin } from '@nestjs/apollo';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  TypeInfo,
  isIntrospectionType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { AuthenticatedRequest } from '../auth/current-principal.decorator';
import { embedViewMaySelect } from './embed-field-access';

/** The fragment definitions the operations spread, directly or through other fragments. */
function reachableFragments(
  document: DocumentNode,
  operations: OperationDefinitionNode[],
): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) byName.set(definition.name.value, definition);
  }
  const reached = new Map<string, FragmentDefinitionNode>();
  const pending: Array<OperationDefinitionNode | FragmentDefinitionNode> = [...operations];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (fragment && !reached.has(spread.name.value)) {
          reached.set(spread.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...reached.values()];
}

/**
 * The schema coordinates (Type.field) the operation selects that an embed link of `view` may not.
 * Fragments are followed; introspection fields are left to the GraphQL options. Without a
 * resolved operation (it will not run) every operation of the document is checked.
 */
export function fieldsRefusedToView(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  view: string,
): string[] {
  const operations = operation
    ? [operation]
    : document.definitions.filter(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION,
      );
  const refused = new Set<string>();
  for (const definition of [...operations, ...reachableFragments(document, operations)]) {
    const typeInfo = new TypeInfo(schema);
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          // Validation has passed, so both are known; should they not be, refuse.
          if (!parent || !field) {
            refused.add(`${parent?.name ?? '?'}.${node.name.value}`);
            return;
          }
          // __typename and the introspection fields carry no data of the environment.
          if (field.name.startsWith('__') || isIntrospectionType(parent)) return;
          if (!embedViewMaySelect(view, parent.name, field.name))
            refused.add(`${parent.name}.${field.name}`);
        },
      }),
    );
  }
  return [...refused];
}

/**
 * An embed link reads only what its view shows: the whole operation is refused (403, FORBIDDEN,
 * naming the fields and the view) before any resolver runs when it selects a field the view's
 * allowlist (embed-field-access.ts) lacks.
 */
@Plugin()
export class EmbedFieldAccessPlugin implements ApolloServerPlugin<{ req?: AuthenticatedRequest }> {
  private readonly logger = new Logger('EmbedFieldAccess');

  async requestDidStart(): Promise<GraphQLRequestListener<{ req?: AuthenticatedRequest }>> {
    const logger = this.logger;
    return {
      async didResolveOperation({ contextValue, schema, document, operation }) {
        const principal = contextValue.req?.principal;
        if (principal?.kind !== 'embed') return;
        // A link without its view (never minted so) may select nothing.
        const embed = { view: principal.embed?.view ?? 'UNKNOWN' };
        const refused = fieldsRefusedToView(schema, document, operation, embed.view);
        if (refused.length === 0) return;
        // A link asking for more than its dashboard does is worth noticing (the token is not logged).
        logger.warn(`Refused fields to an embed link of view ${embed.view}: ${refused.join(', ')}`);
        throw new GraphQLError(
          `This ${embed.view} embed link cannot read ${refused.join(', ')}: it reads only what the ${embed.view} view shows.`,
          {
            extensions: {
              code: 'FORBIDDEN',
              embedView: embed.view,
              fields: refused,
              http: { status: 403 },
            },
          },
        );
      },
    };
  }
}
