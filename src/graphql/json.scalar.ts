import { GraphQLJSON } from 'graphql-scalars';

/** Arbitrary JSON (user and event properties). */
export const JsonScalar = GraphQLJSON;
