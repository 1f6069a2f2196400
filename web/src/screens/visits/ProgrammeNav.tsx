// The coordinator's programme screens beside the planner (issue 16): the
// month's plan, the escorts and the dates they can travel, the visit
// requirements of each pair and the route overrides. Each link shows only
// when the role may call the operation behind the screen.
import { useAsync } from "../../components/Async";
import { useI18n, type MessageKey } from "../../i18n";
import { lookup } from "../../lookups";
import { can, useSession } from "../../session";
import type { Me } from "../../api";

const kLinks: { href: string; label: MessageKey; operation: string }[] = [
  { href: "/plan", label: "pnav.plan", operation: "listPlans" },
  { href: "/plan/escorts", label: "pnav.escorts", operation: "setEscort" },
  { href: "/plan/requirements", label: "pnav.requirements", operation: "updateVisitRequirement" },
  { href: "/plan/routes", label: "pnav.routes", operation: "setRouteOverride" },
];

export function ProgrammeNav({ current }: { current: string }) {
  const i18n = useI18n();
  const { me } = useSession();
  const links = kLinks.filter((link) => can(me, link.operation));
  if (links.length < 2) return null;
  return (
    <nav aria-label={i18n.t("pnav.label")} class="subnav no-print">
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} aria-current={link.href === current ? "page" : undefined}>
              {i18n.t(link.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// The organisation whose programme the user runs: her own, or for an
// administrator of every organisation the first one.
export function useOrganisationId(me: Me): number | undefined {
  const organisations = useAsync(() => (me.organisation_id ? Promise.resolve([]) : lookup("organisations")), [me.organisation_id]);
  return me.organisation_id ?? (organisations.data?.[0]?.id as number | undefined);
}
