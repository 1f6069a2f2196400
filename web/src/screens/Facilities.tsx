// Facilities: capacity, population and overcrowding (from the figures),
// each facility's spaces, and (for those who may read them) its visiting
// sessions of a month and the templates they come from.
import { useState } from "preact/hooks";
import { api, listAll, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { ExportLinks } from "../components/ExportLinks";
import { useI18n, type MessageKey } from "../i18n";
import { canRead, useSession } from "../session";
import { FacilitySessions, sessionReaders } from "./visits/FacilitySessions";
import { currentMonth } from "./visits/types";

interface Occupancy {
  facility_id: number;
  official_capacity: number | null;
  current_population: number | null;
  occupancy_percent: number | null;
}

export function Facilities() {
  const i18n = useI18n();
  const { me } = useSession();
  const [month, setMonth] = useState(currentMonth());
  const seesSessions = sessionReaders(me);
  const state = useAsync(async () => {
    const [facilities, spaces, figures] = await Promise.all([
      listAll<RecordRow>("/facilities"),
      canRead(me, "spaces") ? listAll<RecordRow>("/spaces").catch(() => []) : Promise.resolve([]),
      api<{ facilities: Occupancy[] }>("/figures/summary").catch(() => ({ facilities: [] as Occupancy[] })),
    ]);
    return { facilities, spaces, figures: figures.facilities };
  }, []);
  return (
    <section aria-labelledby="facilities-title">
      <h1 id="facilities-title">{i18n.t("facilities.title")}</h1>
      <ExportLinks kind="facilities" label={i18n.t("facilities.title")} />
      {seesSessions && (
        <div class="field facility-month">
          <label for="sessions-month">{i18n.t("fs.month")}</label>
          <input id="sessions-month" type="month" value={month} onInput={(event) => setMonth((event.target as HTMLInputElement).value)} />
        </div>
      )}
      <Loaded state={state}>
        {({ facilities, spaces, figures }) => (
          <ul class="cards wide">
            {facilities.map((facility) => {
              const occupancy = figures.find((row) => row.facility_id === facility.id);
              const capacity = (occupancy?.official_capacity ?? facility.official_capacity) as number | null;
              const population = (occupancy?.current_population ?? facility.current_population) as number | null;
              const percent = occupancy?.occupancy_percent ?? (capacity && population !== null ? (100 * population) / capacity : null);
              const overcrowded = percent !== null && percent > 100;
              const own = spaces.filter((space) => space.facility_id === facility.id);
              return (
                <li key={facility.id} class="card facility" data-testid="facility">
                  <h2>{String(facility.name)}</h2>
                  <p class="muted">{i18n.has("facilities.kind." + facility.kind) ? i18n.t(("facilities.kind." + facility.kind) as MessageKey) : String(facility.kind)}</p>
                  <dl class="facts">
                    <div>
                      <dt>{i18n.t("facilities.capacity")}</dt>
                      <dd>{i18n.number(capacity)}</dd>
                    </div>
                    <div>
                      <dt>{i18n.t("facilities.population")}</dt>
                      <dd>{i18n.number(population)}</dd>
                    </div>
                    <div>
                      <dt>{i18n.t("facilities.occupancy")}</dt>
                      <dd>
                        {percent === null ? "—" : i18n.number(percent / 100, { style: "percent", maximumFractionDigits: 0 })}{" "}
                        {overcrowded && <span class="tag tag-alert">{i18n.t("facilities.overcrowded")}</span>}
                      </dd>
                    </div>
                  </dl>
                  {percent !== null && (
                    <div class="meter" role="img" aria-label={`${i18n.t("facilities.occupancy")}: ${i18n.number(percent / 100, { style: "percent", maximumFractionDigits: 0 })}`}>
                      <span class={overcrowded ? "over" : ""} style={{ width: `${Math.min(100, percent)}%` }} />
                    </div>
                  )}
                  <h3>{i18n.t("facilities.spaces")}</h3>
                  {own.length === 0 ? (
                    <p class="muted">{i18n.t("facilities.noSpaces")}</p>
                  ) : (
                    <ul>
                      {own.map((space) => (
                        <li key={space.id}>
                          {String(space.name)} · {i18n.has("space." + space.kind) ? i18n.t(("space." + space.kind) as MessageKey) : String(space.kind)}
                          {space.capacity_people ? ` · ${i18n.t("fs.people", { n: i18n.number(space.capacity_people as number) })}` : ""}
                        </li>
                      ))}
                    </ul>
                  )}
                  {seesSessions && month && <FacilitySessions facilityId={facility.id} month={month} spaces={own} />}
                </li>
              );
            })}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
