import { Badge } from "@/components/ui/badge";

export function TargetStatusBadge({ reachable }: { reachable: boolean }) {
  return reachable ? <Badge tone="green">● Reachable</Badge> : <Badge tone="striped">✕ UNREACHABLE</Badge>;
}
