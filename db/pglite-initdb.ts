/**
 * Child-process side of ./pglite-thread.ts's `initialiseDataDirectory`: creates a fresh data directory (PGlite runs
 * initdb on opening an empty one) and exits, so initdb's memory is gone with the process before the server opens the
 * directory. Run with `--liftoff-only`: initdb runs once per directory and does not need V8's optimised code.
 *
 * Node runs this file itself (type stripping under vitest, the compiled .js from dist/): packages only, erasable syntax.
 */
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-initdb <data directory>');
const pg = await PGlite.create({ dataDir });
await pg.close();
