export * from './access.decorator.js';
export { AccessDenied } from './access.guard.js';
export * from './auth.module.js';
export * from './auth.options.js';
export * from './dev-token-issuer.js';
export * from './ownership.js';
export * from './principal.js';
export { rateLimitsCollection, RateLimiters, SharedRateLimiter, type RateLimitDecision, type RateLimits } from './rate-limits.js';
