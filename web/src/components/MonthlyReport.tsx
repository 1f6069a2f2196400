// The monthly reports (issue 18): which report (the organisation's programme,
// a prison facility, or a jurisdiction's open data), month, file format and
// language, then a download of GET /organisations/{id}/reports/monthly,
// /facilities/{id}/reports/monthly or /jurisdictions/{id}/open-data. The
// server builds the file (docs/reports.md); a month after the current one
// cannot be picked, only the reports the user's role may ask for are offered,
// and an installation-wide user picks the organisation.
import { useState } from "preact/hooks";
import { useAsync } from "./Async";
import { SelectField, TextField } from "./Field";
import { useI18n, type MessageKey } from "../i18n";
import { lookup } from "../lookups";
import { can } from "../session";
import type { Me, RecordRow } from "../api";

const pad = (n: number) => String(n).padStart(2, "0");

type ReportKind = "organisation" | "facility" | "openData";
const operations: Record<ReportKind, string> = {
  organisation: "getMonthlyReport",
  facility: "getFacilityMonthlyReport",
  openData: "getJurisdictionOpenData",
};

// The report kinds `me` may download, in the order they are offered.
export function reportKinds(me: Me): ReportKind[] {
  return (Object.keys(operations) as ReportKind[]).filter((kind) => can(me, operations[kind]));
}

const options = (rows: RecordRow[] | undefined) => (rows ?? []).map((row) => ({ value: String(row.id), label: String(row.name ?? row.id) }));

export function MonthlyReport({ me }: { me: Me }) {
  const i18n = useI18n();
  const kinds = reportKinds(me);
  const today = new Date();
  const thisMonth = `${today.getUTCFullYear()}-${pad(today.getUTCMonth() + 1)}`;
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const [kind, setKind] = useState<ReportKind>(kinds[0] ?? "organisation");
  const [month, setMonth] = useState(`${last.getUTCFullYear()}-${pad(last.getUTCMonth() + 1)}`);
  const [format, setFormat] = useState("pdf");
  const [openDataFormat, setOpenDataFormat] = useState("csv");
  const [lang, setLang] = useState<string>(i18n.lang);
  const [organisation, setOrganisation] = useState(me.organisation_id !== null ? String(me.organisation_id) : "");
  const [facility, setFacility] = useState(me.facility_id !== null ? String(me.facility_id) : "");
  const [jurisdiction, setJurisdiction] = useState("");
  const organisations = useAsync(() => (me.organisation_id === null && kinds.includes("organisation") ? lookup("organisations") : Promise.resolve([])), []);
  // The facilities she may report on: her own facility, her organisation's, or (installation-wide) all.
  const facilities = useAsync(async () => {
    if (!kinds.includes("facility")) return [];
    const rows = await lookup("facilities");
    if (me.facility_id !== null) return rows.filter((row) => row.id === me.facility_id);
    if (me.organisation_id !== null) return rows.filter((row) => row.organisation_id === me.organisation_id);
    return rows;
  }, []);
  const jurisdictions = useAsync(() => (kinds.includes("openData") ? lookup("jurisdictions") : Promise.resolve([])), []);
  // An organisation that runs no facility is not offered the facility report.
  const offered = kinds.filter((value) => value !== "facility" || (facilities.data ?? []).length > 0);
  if (offered.length === 0) return null;
  const monthError = month > thisMonth ? i18n.t("report.futureMonth") : undefined;
  const subject = kind === "organisation" ? organisation : kind === "facility" ? facility : jurisdiction;
  const ready = subject !== "" && /^\d{4}-\d{2}$/.test(month) && !monthError;
  const href =
    kind === "openData"
      ? `/api/v1/jurisdictions/${jurisdiction}/open-data?month=${month}&format=${openDataFormat}`
      : `/api/v1/${kind === "organisation" ? "organisations/" + organisation : "facilities/" + facility}/reports/monthly?month=${month}&format=${format}&lang=${lang}`;
  return (
    <div class="card">
      <h2 class="card-heading" id="report-heading">
        {i18n.t("report.title")}
      </h2>
      <p class="muted">{i18n.t("report.anonymised")}</p>
      {offered.length > 1 && (
        <SelectField
          id="report-kind"
          label={i18n.t("report.kind")}
          value={kind}
          onChange={(value) => setKind(value as ReportKind)}
          options={offered.map((value) => ({ value, label: i18n.t(`report.kind.${value}` as MessageKey) }))}
        />
      )}
      {kind === "organisation" && me.organisation_id === null && (
        <SelectField id="report-organisation" label={i18n.t("report.organisation")} value={organisation} onChange={setOrganisation} placeholder="—" options={options(organisations.data)} />
      )}
      {kind === "facility" && (
        <SelectField id="report-facility" label={i18n.t("report.facility")} value={facility} onChange={setFacility} placeholder="—" options={options(facilities.data)} />
      )}
      {kind === "openData" && (
        <SelectField id="report-jurisdiction" label={i18n.t("report.jurisdiction")} value={jurisdiction} onChange={setJurisdiction} placeholder="—" options={options(jurisdictions.data)} />
      )}
      <TextField id="report-month" label={i18n.t("report.month")} type="month" value={month} onInput={setMonth} error={monthError} />
      {kind === "openData" && (
        <SelectField
          id="report-open-data-format"
          label={i18n.t("report.format")}
          value={openDataFormat}
          onChange={setOpenDataFormat}
          options={[
            { value: "csv", label: "CSV" },
            { value: "xlsx", label: "Excel (XLSX)" },
          ]}
        />
      )}
      {kind !== "openData" && (
        <>
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
        </>
      )}
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
