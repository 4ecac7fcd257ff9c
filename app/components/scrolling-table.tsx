import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways inside a region, both named by the heading `labelledBy`. The
 * region takes keyboard focus so that the table can be scrolled without a mouse.
 */
export function ScrollingTable({ labelledBy, className, children }: { labelledBy: string; className: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table className={className} aria-labelledby={labelledBy}>
        {children}
      </table>
    </div>
  );
}
