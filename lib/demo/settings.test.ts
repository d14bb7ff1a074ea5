import { describe, expect, it } from "vitest";
import { demoTargetSettings } from "./settings";

describe("demoTargetSettings", () => {
  it("archives into the folder without overwriting, with logical decoding and commit timestamps", () => {
    const settings = demoTargetSettings("/var/lib/incident-room/demo-archive");
    expect(settings.archive_mode).toBe("on");
    expect(settings.archive_command).toBe(
      "test ! -f '/var/lib/incident-room/demo-archive/%f' && cp '%p' '/var/lib/incident-room/demo-archive/%f'",
    );
    expect(settings.wal_level).toBe("logical");
    expect(settings.track_commit_timestamp).toBe("on");
    expect(Number(settings.max_replication_slots)).toBeGreaterThan(0);
  });

  it("refuses a folder whose name could break out of the shell command", () => {
    expect(() => demoTargetSettings("/tmp/it's")).toThrow(/unsafe/);
    expect(() => demoTargetSettings("/tmp/a;rm -rf x")).toThrow(/unsafe/);
  });
});
