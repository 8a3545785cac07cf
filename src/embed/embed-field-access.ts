import { type GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import type { EmbedViewName } from '../auth/embed-token';
import type { Views } from './embed-view-groups';
import { ALERT_FIELD_ACCESS } from './alert-field-access';
import { PRIVATE_FIELD_ACCESS } from './private-field-access';
import { VIEW_FIELD_ACCESS } from './view-field-access';

/**
 * Which embed views may select each field of the schema, by schema coordinate (Type.field): what
 * the dashboard's view really queries (client/src/operations), nothing more. Views that show no
 * person get no personal data. A field of the schema missing here is refused to every embed link
 * and fails the spec until it is classified. Mutations are listed as NONE: links only read.
 * Introspection (`__schema`, `__type`, `__typename`) is outside this list: whether the schema may
 * be introspected at all is the GraphQL options' decision.
 */
export const EMBED_FIELD_ACCESS: Readonly<Record<string, Readonly<Record<string, Views>>>> = {
  ...VIEW_FIELD_ACCESS,
  ...PRIVATE_FIELD_ACCESS,
  ...ALERT_FIELD_ACCESS,
};

/** Whether an embed link of `view` may select `Type.field`; unknown coordinates are refused. */
export function embedViewMaySelect(view: string, typeName: string, fieldName: string): boolean {
  const views = Object.hasOwn(EMBED_FIELD_ACCESS, typeName)
    ? EMBED_FIELD_ACCESS[typeName]
    : undefined;
  const allowed = views && Object.hasOwn(views, fieldName) ? views[fieldName] : undefined;
  return allowed?.includes(view as EmbedViewName) ?? false;
}

/** `Type.field` of every field of the schema's object types (introspection types aside). */
export function schemaCoordinates(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !isIntrospectionType(type))
    .flatMap((type) =>
      isObjectType(type)
        ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`)
        : [],
    )
    .sort();
}

/** The coordinates the allowlist names, with the views allowed each. */
export function classifiedCoordinates(): Map<string, Views> {
  return new Map(
    Object.entries(EMBED_FIELD_ACCESS).flatMap(([type, fields]) =>
      Object.entries(fields).map(([field, views]) => [`${type}.${field}`, views] as const),
    ),
  );
}
