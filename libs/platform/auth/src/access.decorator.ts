import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from '@openbank/http-api';
import type { Role } from './principal.js';

export const ACCESS_POLICY = Symbol('ACCESS_POLICY');

/** A resource a customer may own, and where the request names it. */
export interface ResourceReference {
  readonly kind: string;
  readonly in: 'param' | 'body' | 'query';
  readonly name: string;
}

export type AccessPolicy =
  | { readonly kind: 'public' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] }
  /**
   * Staff always; a customer only for a resource of their own. Otherwise `not-found` (for reads:
   * the answer is the same as for a resource that does not exist, so nothing leaks) or
   * `forbidden` (for moving money out of an account that is not theirs).
   */
  | { readonly kind: 'owner'; readonly resource: ResourceReference; readonly otherwise: 'not-found' | 'forbidden' };

/**
 * Every route declares who may call it; a route without a declaration is refused to everyone and
 * stops the application at start-up (see AccessDeclarationsCheck), so none can be forgotten.
 */
const declare = (policy: AccessPolicy) => {
  if (policy.kind === 'public') return applyDecorators(SetMetadata(ACCESS_POLICY, policy), ApiProblems(429));
  // What the policy may answer is documented with it: no token (401), not allowed (403 or 404), too many (429).
  const denial = policy.kind === 'owner' && policy.otherwise === 'not-found' ? 404 : 403;
  return applyDecorators(SetMetadata(ACCESS_POLICY, policy), ApiBearerAuth('bearer'), ApiProblems(401, denial, 429));
};

export const Access = {
  /** No token needed. */
  public: () => declare({ kind: 'public' }),
  /** Any valid token: customers, tellers, admins. */
  authenticated: () => declare({ kind: 'roles', roles: ['customer', 'teller', 'admin'] }),
  /** Bank staff: tellers and admins. */
  staff: () => declare({ kind: 'roles', roles: ['teller', 'admin'] }),
  /** Operations: admins only. */
  admin: () => declare({ kind: 'roles', roles: ['admin'] }),
  /** Staff, and the customer who owns the resource the request names. */
  owner: (resource: ResourceReference, otherwise: 'not-found' | 'forbidden' = 'not-found') => declare({ kind: 'owner', resource, otherwise }),
};

/** Shorthands for where requests name their resources. */
export const param = (kind: string, name = 'id'): ResourceReference => ({ kind, in: 'param', name });
export const bodyField = (kind: string, name: string): ResourceReference => ({ kind, in: 'body', name });
