#!/usr/bin/env node
// The `incident-room` command. The engine is TypeScript run through tsx, so there is no build
// step: register tsx's loader with this checkout's tsconfig (for its paths), then run the CLI.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = new URL("../", import.meta.url);
register({ tsconfig: fileURLToPath(new URL("tsconfig.json", root)) });
const { main } = await import(new URL("lib/cli/main.ts", root).href);
process.exitCode = await main(process.argv.slice(2));
