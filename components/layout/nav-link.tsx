"use client";

import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * A link that prefetches its route on hover or focus, not when it scrolls into view. Every page
 * shows a dozen navigation links; prefetching all of them on load makes the server render a dozen
 * pages while the browser is busy drawing the one asked for (measured on the graph page of a
 * 1,000-table schema: ten RSC requests during load on a two-core machine).
 */
export function NavLink(props: Omit<ComponentProps<typeof Link>, "prefetch">) {
  const [armed, setArmed] = useState(false);
  return (
    <Link
      {...props}
      prefetch={armed ? null : false}
      onMouseEnter={(event) => {
        setArmed(true);
        props.onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        setArmed(true);
        props.onFocus?.(event);
      }}
    />
  );
}
