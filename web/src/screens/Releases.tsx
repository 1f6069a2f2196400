// The release countdown (GET /release-countdown, issue 15): parents in custody
// whose expected release is near, or past without a release recorded, soonest
// first, with the days to go and how often the date moved. What the user sees
// is what the server's scope gives her. The number of days typed is kept
// (a reload shows the same list).
import { useState } from "preact/hooks";
import { api } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type MessageKey } from "../i18n";

interface CountdownEntry {
  parent: { id: number; name: string };
  facility: { id: number; name: string };
  expected_release_date: string;
  days_to_release: number;
  changes: number;
  reunification_plan_id: number | null;
  overdue_steps: number;
  alerts: string[];
}

// A month or less to go, or past: the plan for the day after is urgent.
const kUrgentDays = 30;

export function Releases() {
  const i18n = useI18n();
  const [filter, setFilter] = useDraft("releases", { within_days: "" });
  const withinDays = filter.within_days;
  const [reload, setReload] = useState(0);
  const state = useAsync(
    () => api<{ items: CountdownEntry[] }>("/release-countdown", { query: { within_days: withinDays || undefined } }).then((page) => page.items),
    [reload],
  );
  return (
    <article aria-labelledby="releases-title">
      <h1 id="releases-title">{i18n.t("release.title")}</h1>
      <form
        class="actions"
        onSubmit={(event) => {
          event.preventDefault();
          setReload(reload + 1);
        }}
      >
        <TextField id="within_days" type="number" inputMode="numeric" label={i18n.t("release.within")} value={withinDays || "180"} onInput={(value) => setFilter({ within_days: value })} />
        <button type="submit">{i18n.t("family.apartShow")}</button>
      </form>
      <Loaded state={state}>
        {(entries) =>
          entries.length === 0 ? (
            <p class="muted">{i18n.t("release.none")}</p>
          ) : (
            <table class="stack" data-testid="release-countdown">
              <caption class="sr-only">{i18n.t("release.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{i18n.t("release.parent")}</th>
                  <th scope="col">{i18n.t("field.facility_id")}</th>
                  <th scope="col">{i18n.t("release.date")}</th>
                  <th scope="col">{i18n.t("release.days")}</th>
                  <th scope="col">{i18n.t("release.changes")}</th>
                  <th scope="col">{i18n.t("release.alerts")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.parent.id}>
                    <td data-label={i18n.t("release.parent")}>
                      <a href={`/parents/${entry.parent.id}/reunification`}>{entry.parent.name}</a>
                    </td>
                    <td data-label={i18n.t("field.facility_id")}>{entry.facility.name}</td>
                    <td data-label={i18n.t("release.date")}>{i18n.date(entry.expected_release_date)}</td>
                    <td data-label={i18n.t("release.days")}>
                      <span class={entry.days_to_release <= kUrgentDays ? "tag tag-alert" : ""}>
                        {entry.days_to_release < 0 ? i18n.t("release.overdue", { n: i18n.number(-entry.days_to_release) }) : i18n.number(entry.days_to_release)}
                      </span>
                    </td>
                    <td data-label={i18n.t("release.changes")}>{i18n.number(entry.changes)}</td>
                    <td data-label={i18n.t("release.alerts")} data-testid="release-alerts">
                      {entry.alerts.map((alert) => (
                        <span key={alert} class="tag tag-alert">
                          {i18n.t(("release.alert." + alert) as MessageKey)}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </article>
  );
}
