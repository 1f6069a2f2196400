// The monthly programme report (issue 18): month, file format and language,
// then a download of GET /organisations/{id}/reports/monthly. The server
// builds the file (docs/reports.md); a month after the current one cannot be
// picked, and an installation-wide user picks the organisation.
import { useState } from "preact/hooks";
import { useAsync } from "./Async";
import { SelectField, TextField } from "./Field";
import { useI18n } from "../i18n";
import { lookup } from "../lookups";
import type { Me } from "../api";

const pad = (n: number) => String(n).padStart(2, "0");

export function MonthlyReport({ me }: { me: Me }) {
  const i18n = useI18n();
  const today = new Date();
  const thisMonth = `${today.getUTCFullYear()}-${pad(today.getUTCMonth() + 1)}`;
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const [month, setMonth] = useState(`${last.getUTCFullYear()}-${pad(last.getUTCMonth() + 1)}`);
  const [format, setFormat] = useState("pdf");
  const [lang, setLang] = useState<string>(i18n.lang);
  const [organisation, setOrganisation] = useState(me.organisation_id !== null ? String(me.organisation_id) : "");
  const organisations = useAsync(() => (me.organisation_id === null ? lookup("organisations") : Promise.resolve([])), []);
  const monthError = month > thisMonth ? i18n.t("report.futureMonth") : undefined;
  const ready = organisation !== "" && /^\d{4}-\d{2}$/.test(month) && !monthError;
  const href = `/api/v1/organisations/${organisation}/reports/monthly?month=${month}&format=${format}&lang=${lang}`;
  return (
    <div class="card">
      <h2 class="card-heading" id="report-heading">
        {i18n.t("report.title")}
      </h2>
      <p class="muted">{i18n.t("report.anonymised")}</p>
      {me.organisation_id === null && (
        <SelectField
          id="report-organisation"
          label={i18n.t("report.organisation")}
          value={organisation}
          onChange={setOrganisation}
          placeholder="—"
          options={(organisations.data ?? []).map((row) => ({ value: String(row.id), label: String(row.name ?? row.id) }))}
        />
      )}
      <TextField id="report-month" label={i18n.t("report.month")} type="month" value={month} onInput={setMonth} error={monthError} />
      <SelectField
        id="report-format"
        label={i18n.t("report.format")}
        value={format}
        onChange={setFormat}
        options={[
          { value: "pdf", label: "PDF" },
          { value: "xlsx", label: "Excel (XLSX)" },
          { value: "csv", label: "CSV" },
        ]}
      />
      <SelectField
        id="report-lang"
        label={i18n.t("report.language")}
        value={lang}
        onChange={setLang}
        options={[
          { value: "es", label: "Español" },
          { value: "en", label: "English" },
        ]}
      />
      {ready ? (
        <a class="button primary" href={href} download aria-describedby="report-heading">
          {i18n.t("report.download")}
        </a>
      ) : (
        <button type="button" class="primary" disabled>
          {i18n.t("report.download")}
        </button>
      )}
    </div>
  );
}
