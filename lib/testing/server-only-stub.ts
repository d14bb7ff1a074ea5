// Vitest runs server modules directly, outside Next's bundler; `server-only` is a bundler guard.
export {};
