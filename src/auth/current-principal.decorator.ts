import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import type { Principal } from './principal';

export interface AuthenticatedRequest extends Request {
  principal?: Principal | null;
  /** Why a credential that was sent was refused; absent when none was sent. */
  authFailure?: string;
  requestId?: string;
}

export function principalOf(request: AuthenticatedRequest): Principal | null {
  if (request.authFailure) throw AppError.unauthenticated(request.authFailure);
  return request.principal ?? null;
}

/**
 * The caller resolved by AuthenticationMiddleware, for GraphQL resolvers and REST handlers alike.
 * A credential that was sent but refused fails here with UNAUTHENTICATED; none at all yields null,
 * and the access checks then ask for a key.
 */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | null => {
    const request =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req
        : context.switchToHttp().getRequest<AuthenticatedRequest>();
    return principalOf(request);
  },
);
