/** The incident-room sections of a target, in the order the story of an incident walks them. */
export interface Section {
  slug: string;
  label: string;
  /** Shown while the section is not built yet: plainly, with no fake data. */
  comingWith: string | null;
}

export const TARGET_SECTIONS: Section[] = [
  { slug: "health", label: "Health", comingWith: null },
  { slug: "graph", label: "Cascade graph", comingWith: null },
  { slug: "forensics", label: "Forensics", comingWith: "the read-only forensics issue" },
  { slug: "audit", label: "Audit & captures", comingWith: "the audit log issue" },
  { slug: "restore", label: "Restore", comingWith: "the guarded restore issue" },
];
