/** Injection token of the application's Clock (see @openbank/shared-kernel). */
export const CLOCK = Symbol('CLOCK');

/** Injection token of the IdGenerator that names new aggregates. */
export const ID_GENERATOR = Symbol('ID_GENERATOR');
