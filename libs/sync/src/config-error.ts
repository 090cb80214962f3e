/** A setting that is missing or malformed; its message names the variable. */
export class ConfigError extends Error {}
