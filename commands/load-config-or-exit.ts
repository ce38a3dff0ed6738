import { ConfigError, loadConfig, type Config } from '../platform/config.js';

/** A bad environment stops start-up with a message naming each variable, never a stack trace. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
}
