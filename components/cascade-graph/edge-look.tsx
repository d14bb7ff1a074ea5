/**
 * How a foreign key's edge looks, and the arrowheads it ends in.
 *
 * The arrowheads are our own SVG markers, referenced by id. Handing React Flow marker objects
 * instead makes it collect and sort them by localeCompare on every edge change; that sort took
 * 20–40 ms of CPU in two profiles of the 1,000-table first visit (its first call in a page most
 * likely builds ICU's collator), spent before the first graph frame.
 */

export interface EdgeLook {
  stroke: string;
  width: number;
  dash?: string;
  cascade: boolean;
}

const CASCADE: EdgeLook = { stroke: "#dc2626", width: 3, cascade: true };
const SET_NULL: EdgeLook = { stroke: "#d97706", width: 2, dash: "7 5", cascade: false };
const QUIET: EdgeLook = { stroke: "#94a3b8", width: 1.25, cascade: false };
/** An emphasised CASCADE edge (in the selected cascade) is drawn this much wider. */
const EMPHASIS_EXTRA_WIDTH = 1.5;

/** Edge look per ON DELETE rule: CASCADE unmistakable, SET NULL distinct, RESTRICT / NO ACTION quiet. */
export function edgeLook(onDelete: string): EdgeLook {
  if (onDelete === "CASCADE") return CASCADE;
  if (onDelete === "SET NULL" || onDelete === "SET DEFAULT") return SET_NULL;
  return QUIET;
}

/** The stroke width of an edge, wider for a CASCADE edge of the selected cascade. */
export function edgeWidth(look: EdgeLook, emphasised: boolean): number {
  return emphasised && look.cascade ? look.width + EMPHASIS_EXTRA_WIDTH : look.width;
}

/** The id of the arrowhead marker for an edge of this colour and width (see ArrowMarkers). */
export function arrowMarkerId(stroke: string, width: number): string {
  return `ir-arrow-${stroke.slice(1)}-${Math.round(width * 100)}`;
}

/** Every colour and width an edge can have (edgeLook × edgeWidth): each gets a marker. */
const ARROWS: Array<{ stroke: string; width: number }> = [
  CASCADE,
  { stroke: CASCADE.stroke, width: edgeWidth(CASCADE, true) },
  SET_NULL,
  QUIET,
];

/** The ids ArrowMarkers draws. */
export const arrowMarkerIds = (): string[] => ARROWS.map(({ stroke, width }) => arrowMarkerId(stroke, width));

/**
 * The arrowhead markers every edge refers to, drawn like React Flow's "arrowclosed" (without its
 * class, whose CSS would paint them all in the default colour). Sized in
 * stroke widths, scaled so that an arrowhead is the same size on a thick and a thin line.
 */
export function ArrowMarkers() {
  return (
    <svg aria-hidden className="pointer-events-none absolute h-0 w-0">
      <defs>
        {ARROWS.map(({ stroke, width }) => (
          <marker
            key={arrowMarkerId(stroke, width)}
            id={arrowMarkerId(stroke, width)}
            markerWidth={24 / width}
            markerHeight={24 / width}
            viewBox="-10 -10 20 20"
            markerUnits="strokeWidth"
            orient="auto-start-reverse"
            refX="0"
            refY="0"
          >
            <polyline
              points="-5,-4 0,0 -5,4 -5,-4"
              stroke={stroke}
              fill={stroke}
              strokeWidth={1}
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
