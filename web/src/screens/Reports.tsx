// The month's reports on a page of their own (issue 16): for the auditor
// above all, whose job is the month's anonymised figures, one tap from the
// menu instead of below the charts. The same form as on the home
// (components/MonthlyReport): the reports her role may download, the month,
// the format; the server builds the file, without names and with the small
// figures withheld (docs/reports.md).
import { MonthlyReport } from "../components/MonthlyReport";
import { useI18n } from "../i18n";
import { useSession } from "../session";

export function Reports() {
  const i18n = useI18n();
  const { me } = useSession();
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{i18n.t("reports.title")}</h1>
      <p class="hint">{i18n.t("reports.hint")}</p>
      <MonthlyReport me={me} />
    </section>
  );
}
