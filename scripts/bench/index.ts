/**
 * `npm run bench -- <section> [options]`. Each section is a module with a `run(argv)` export;
 * add new ones to SECTIONS.
 */
interface Section {
  run(argv: string[]): Promise<void>;
}

const SECTIONS: Record<string, { describe: string; load: () => Promise<Section> }> = {
  engine: {
    describe: "introspection, cascade closure, health pass and blast radius on 5,000 tables / 10,000 FKs",
    load: () => import("./engine"),
  },
  graph: {
    describe: "navigation to an interactive cascade graph in Chromium, 1,000 and 5,000 tables",
    load: () => import("./graph"),
  },
  health: {
    describe:
      "one sampler pass over 5,000 tables vs the count(*) loop; the health page rendering them in Chromium",
    load: () => import("./health"),
  },
};

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const section = name === undefined ? undefined : SECTIONS[name];
  if (!section) {
    const list = Object.entries(SECTIONS)
      .map(([key, s]) => `  ${key.padEnd(10)} ${s.describe}`)
      .join("\n");
    console.error(`usage: npm run bench -- <section> [options]\n\nsections:\n${list}`);
    process.exitCode = 2;
    return;
  }
  await (await section.load()).run(rest);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
