import { SetMetadata } from '@nestjs/common';

export const OWNERSHIP_RESOLVER = Symbol('OWNERSHIP_RESOLVER');

/**
 * Tells who owns a resource of one kind: the person ids of its owners, or null when there is no
 * such resource. Each bounded context provides the resolvers of its own resources.
 */
export interface OwnershipResolver {
  ownersOf(id: string): Promise<readonly string[] | null>;
}

export interface OwnershipResolverMetadata {
  readonly kind: string;
  /** The code answered when a customer asks for such a resource that is not theirs (or does not exist). */
  readonly notFoundCode: string;
}

/** Marks a provider as the OwnershipResolver of one resource kind. */
export const ResolvesOwnershipOf = (kind: string, notFoundCode: string) => SetMetadata(OWNERSHIP_RESOLVER, { kind, notFoundCode } satisfies OwnershipResolverMetadata);
