// A child's page: her record, the timeline of placements, and her parents
// with the facilities where they are held (offence only for roles allowed).
import { api, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { useI18n, type MessageKey } from "../i18n";
import { ageText, fullName, lookup, nameOf } from "../lookups";
import { canRead, useSession } from "../session";

interface Placement {
  id: number;
  placement: string;
  started_on: string;
  ended_on: string | null;
  facility_id: number | null;
  home_id: number | null;
  note: string;
}

interface ChildData {
  child: RecordRow;
  placements: Placement[];
  parents: { link: RecordRow; parent: RecordRow | null }[];
  siblings: RecordRow[];
  facilities: RecordRow[];
  homes: RecordRow[];
  ageOut: { age_out_date: string | null; days_remaining: number | null; alert_level: string } | null;
}

export function Child({ params }: { params: Record<string, string> }) {
  const i18n = useI18n();
  const { me } = useSession();
  const state = useAsync<ChildData>(async () => {
    const id = params.id;
    const [child, placements, links, siblings, facilities, homes] = await Promise.all([
      api<RecordRow>(`/children/${id}`),
      api<{ items: Placement[] }>(`/children/${id}/placements`).then((page) => page.items),
      canRead(me, "parent_child_links") ? listAll<RecordRow>("/parent_child_links", { child_id: id }).catch(() => []) : Promise.resolve([]),
      api<{ items: RecordRow[] }>(`/children/${id}/siblings`).then((page) => page.items).catch(() => []),
      lookup("facilities"),
      lookup("homes"),
    ]);
    const parents = await Promise.all(
      links.map(async (link) => ({ link, parent: canRead(me, "parents") ? await api<RecordRow>(`/parents/${link.parent_id}`).catch(() => null) : null })),
    );
    // A child living inside has an age-out date on the nursery board.
    const ageOut =
      child.placement === "inside_with_mother"
        ? ((await api<{ items: (ChildData["ageOut"] & { child_id: number })[] }>("/nursery/ageouts").catch(() => ({ items: [] }))).items.find(
            (row) => row?.child_id === child.id,
          ) ?? null)
        : null;
    return { child, placements, parents, siblings, facilities, homes, ageOut };
  }, [params.id]);
  return (
    <Loaded state={state}>
      {({ child, placements, parents, siblings, facilities, homes, ageOut }) => (
        <article aria-labelledby="child-title">
          <p>
            <a href="/children">← {i18n.t("children.title")}</a>
          </p>
          <h1 id="child-title">{fullName(child)}</h1>
          <dl class="facts card">
            <div>
              <dt>{i18n.t("children.pseudonym")}</dt>
              <dd>{String(child.pseudonym ?? "—")}</dd>
            </div>
            <div>
              <dt>{i18n.t("field.date_of_birth")}</dt>
              <dd>
                {i18n.date(child.date_of_birth as string)} ({ageText(child.date_of_birth, i18n.lang)})
              </dd>
            </div>
            <div>
              <dt>{i18n.t("field.sex")}</dt>
              <dd>{i18n.t(("sex." + child.sex) as MessageKey)}</dd>
            </div>
            <div>
              <dt>{i18n.t("field.placement")}</dt>
              <dd>{i18n.t(("placement." + child.placement) as MessageKey)}</dd>
            </div>
            {child.facility_id ? (
              <div>
                <dt>{i18n.t("field.facility_id")}</dt>
                <dd>{nameOf(facilities, child.facility_id)}</dd>
              </div>
            ) : null}
            {ageOut ? (
              <div>
                <dt>{i18n.t("child.ageout")}</dt>
                <dd>
                  {i18n.date(ageOut.age_out_date)}{" "}
                  {ageOut.days_remaining !== null && (
                    <span class={"tag alert-tag-" + ageOut.alert_level}>{i18n.t("nursery.days", { n: i18n.number(ageOut.days_remaining) })}</span>
                  )}
                </dd>
              </div>
            ) : null}
            {child.school_name ? (
              <div>
                <dt>{i18n.t("field.school_name")}</dt>
                <dd>{String(child.school_name)}</dd>
              </div>
            ) : null}
          </dl>

          <h2>{i18n.t("child.timeline")}</h2>
          <ol class="timeline">
            {[...placements]
              .sort((a, b) => b.started_on.localeCompare(a.started_on))
              .map((placement) => (
                <li key={placement.id} class={placement.ended_on ? "" : "current"}>
                  <strong>{i18n.t(("placement." + placement.placement) as MessageKey)}</strong>
                  {placement.facility_id ? " · " + nameOf(facilities, placement.facility_id) : ""}
                  {placement.home_id ? " · " + nameOf(homes, placement.home_id) : ""}
                  <br />
                  <span class="muted">
                    {i18n.t("child.from", { date: i18n.date(placement.started_on) })}
                    {placement.ended_on ? " " + i18n.t("child.until", { date: i18n.date(placement.ended_on) }) : ` (${i18n.t("child.current")})`}
                  </span>
                  {placement.note && <p>{placement.note}</p>}
                </li>
              ))}
          </ol>

          <h2>{i18n.t("child.parents")}</h2>
          {parents.length === 0 ? (
            <p class="muted">{i18n.t("child.noParents")}</p>
          ) : (
            <ul class="cards">
              {parents.map(({ link, parent }) => (
                <li key={link.id} class="card">
                  <strong>{parent ? fullName(parent) : "#" + String(link.parent_id)}</strong>{" "}
                  <span class="tag">{i18n.t(("relation." + link.relation) as MessageKey)}</span>
                  {parent && (
                    <>
                      <br />
                      {i18n.t("child.heldIn", { facility: nameOf(facilities, parent.facility_id) })}
                      {parent.expected_release_date ? (
                        <>
                          <br />
                          <span class="muted">{i18n.t("child.release", { date: i18n.date(parent.expected_release_date as string) })}</span>
                        </>
                      ) : null}
                      {me.sees_restricted_fields && parent.offence_category ? (
                        <>
                          <br />
                          <span class="offence">
                            {i18n.t("child.offence")}: {i18n.t(("offence." + parent.offence_category) as MessageKey)}
                          </span>
                        </>
                      ) : null}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {siblings.length > 0 && (
            <>
              <h2>{i18n.t("child.siblings")}</h2>
              <ul>
                {siblings.map((sibling) => (
                  <li key={sibling.id}>
                    <a href={"/children/" + sibling.id}>{fullName(sibling)}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      )}
    </Loaded>
  );
}
