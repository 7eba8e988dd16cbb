import { ForbiddenException, Injectable, NotFoundException, type CanActivate, type ExecutionContext, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS_POLICY, type AccessPolicy, type ResourceReference } from './access.decorator.js';
import { OWNERSHIP_RESOLVER, type OwnershipResolver, type OwnershipResolverMetadata } from './ownership.js';
import { isStaff, type AuthenticatedPrincipal } from './principal.js';
import { InvalidToken, TokenVerifier } from './token-verifier.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class AccessDenied extends ForbiddenException {
  constructor(message: string) {
    super({ code: 'ACCESS_DENIED', message });
  }
}

/**
 * Authenticates the bearer token and applies the route's access policy. Runs for every route
 * (a global guard); the acting principal it establishes is what the events record.
 */
@Injectable()
export class AccessGuard implements CanActivate, OnApplicationBootstrap {
  private readonly resolvers = new Map<string, { resolver: OwnershipResolver; notFoundCode: string }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const metadata = wrapper.metatype && (Reflect.getMetadata(OWNERSHIP_RESOLVER, wrapper.metatype) as OwnershipResolverMetadata | undefined);
      if (metadata) this.resolvers.set(metadata.kind, { resolver: wrapper.instance as OwnershipResolver, notFoundCode: metadata.notFoundCode });
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new AccessDenied('this route declares no access policy');
    if (policy.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    if (policy.kind === 'roles') {
      if (!principal.roles.some((role) => policy.roles.includes(role))) throw new AccessDenied(`this needs one of the roles ${policy.roles.join(', ')}`);
      return true;
    }
    return isStaff(principal) || this.owns(principal, request, policy.resource, policy.otherwise);
  }

  private async authenticate(request: FastifyRequest): Promise<AuthenticatedPrincipal> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw new InvalidToken('a bearer token is required');
    return this.verifier.verify(token);
  }

  private async owns(principal: AuthenticatedPrincipal, request: FastifyRequest, resource: ResourceReference, otherwise: 'not-found' | 'forbidden'): Promise<boolean> {
    const source = (resource.in === 'param' ? request.params : resource.in === 'query' ? request.query : request.body) as Record<string, unknown> | undefined;
    const id = source?.[resource.name];
    // An id that is not even well formed is refused by validation (400) before anything is read.
    if (typeof id !== 'string' || !uuid.test(id)) return true;
    const known = this.resolvers.get(resource.kind);
    if (!known) throw new Error(`no ownership resolver for ${resource.kind}`);
    const owners = await known.resolver.ownersOf(id);
    if (owners && principal.personId && owners.includes(principal.personId)) return true;
    // Either way the caller learns nothing about resources that are not theirs.
    if (otherwise === 'forbidden') throw new AccessDenied(`this ${resource.kind} is not yours`);
    throw new NotFoundException({ code: known.notFoundCode, message: `${resource.kind} ${id} does not exist` });
  }
}
