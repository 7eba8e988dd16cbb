/**
 * `node --import ./register-typescript.js app.ts`: runs the project's TypeScript sources as they
 * are. `openbank start` runs the application this way when the CLI itself runs from its sources;
 * the processes it forks (the embedded stores) inherit the flag.
 */
import { register } from 'node:module';

register('./typescript-hooks.js', import.meta.url);
