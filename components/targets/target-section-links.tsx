import { NavLink } from "@/components/layout/nav-link";
import { TARGET_SECTIONS } from "@/components/layout/sections";

/** Links to every section of one target, in the order an incident walks them. */
export function TargetSectionLinks({ targetId }: { targetId: string }) {
  return (
    <div className="flex flex-wrap gap-x-3 gap-y-1">
      {TARGET_SECTIONS.map((s) => (
        <NavLink
          key={s.slug}
          href={`/targets/${targetId}/${s.slug}`}
          className="text-blue-700 hover:underline"
        >
          {s.label}
        </NavLink>
      ))}
    </div>
  );
}
