/**
 * Replaces the client test suite's global setup, which checks for Docker and pulls images:
 * the embedded servers need neither.
 */
module.exports = async () => undefined;
