// Every list export as Excel (XLSX) or CSV (issue 18): links to
// GET /api/v1/{kind}/export, which writes every record of the kind the user
// may see (children under their pseudonyms). The CSV starts with a byte
// order mark so that Excel for Windows reads accents right.
import { useI18n } from "../i18n";
import { canRead, useSession } from "../session";

export function ExportLinks({ kind, label }: { kind: string; label: string }) {
  const i18n = useI18n();
  const { me } = useSession();
  if (!canRead(me, kind)) return null;
  const base = `/api/v1/${kind}/export`;
  return (
    <p class="exports" aria-label={i18n.t("export.of", { what: label })}>
      <span class="muted">{i18n.t("export.download")}</span>{" "}
      <a href={`${base}?format=xlsx`} download data-testid={`export-${kind}-xlsx`}>
        Excel (XLSX)
      </a>{" "}
      ·{" "}
      <a href={`${base}?format=csv&bom=true`} download data-testid={`export-${kind}-csv`}>
        CSV
      </a>
    </p>
  );
}
