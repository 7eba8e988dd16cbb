// The transactions context publishes nothing of its own: it reports on the money the accounts move.
export {};
