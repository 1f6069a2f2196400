// Children: search, filters and pages over /api/v1/children, and the
// registration form for roles that may write children.
import { useState } from "preact/hooks";
import { api, type Page, type RecordRow } from "../api";
import { fieldErrors } from "./care";
import { Loaded, useAsync } from "../components/Async";
import { ExportLinks } from "../components/ExportLinks";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type MessageKey } from "../i18n";
import { ageText, clearLookups, fullName, lookup, nameOf } from "../lookups";
import { navigate, useLocation } from "../router";
import { canWrite, useSession } from "../session";

const PAGE_SIZE = 25;
export const placements = ["inside_with_mother", "relatives", "care_home", "state_care", "other", "with_released_parent"];
// A child is placed with her released parent by a placement change, never at registration.
const registrationPlacements = placements.filter((value) => value !== "with_released_parent");
export const sexes = ["female", "male", "unspecified"];

export function Children() {
  const i18n = useI18n();
  const { me } = useSession();
  const [filters, setFilters] = useDraft("children.filters", { q: "", placement: "", facility_id: "", archived: "false" });
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  // The form's open state lives in the URL, so that signing in again after an
  // expired session comes back to the open form with its draft.
  const showForm = useLocation().query.get("new") === "1";
  const setShowForm = (open: boolean) => navigate(open ? "/children?new=1" : "/children", true);
  const cursor = cursors[cursors.length - 1];
  const facilities = useAsync(() => lookup("facilities"), []);
  const page = useAsync(
    () => api<Page<RecordRow>>("/children", { query: { ...filters, limit: PAGE_SIZE, cursor } }),
    [JSON.stringify(filters), cursor],
  );
  const setFilter = (name: string, value: string) => {
    setFilters({ ...filters, [name]: value });
    setCursors([undefined]);
  };
  return (
    <section aria-labelledby="children-title">
      <div class="title-row">
        <h1 id="children-title">{i18n.t("children.title")}</h1>
        {canWrite(me, "children") && (
          <button type="button" class="primary" aria-expanded={showForm} aria-controls="new-child" onClick={() => setShowForm(!showForm)}>
            {i18n.t("children.new")}
          </button>
        )}
      </div>
      {showForm && <NewChild onCreated={(id) => navigate("/children/" + id)} />}
      <ExportLinks kind="children" label={i18n.t("children.title")} />
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField id="q" type="search" label={i18n.t("children.search")} value={filters.q} onInput={(value) => setFilter("q", value)} />
        <SelectField
          id="placement"
          label={i18n.t("children.placement")}
          value={filters.placement}
          placeholder={i18n.t("children.any")}
          options={placements.map((value) => ({ value, label: i18n.t(("placement." + value) as MessageKey) }))}
          onChange={(value) => setFilter("placement", value)}
        />
        <SelectField
          id="facility_filter"
          label={i18n.t("children.facility")}
          value={filters.facility_id}
          placeholder={i18n.t("children.any")}
          options={(facilities.data ?? []).map((row) => ({ value: String(row.id), label: String(row.name) }))}
          onChange={(value) => setFilter("facility_id", value)}
        />
        <SelectField
          id="archived"
          label={i18n.t("children.archived")}
          value={filters.archived}
          options={["false", "true", "all"].map((value) => ({ value, label: i18n.t(("children.archived." + value) as MessageKey) }))}
          onChange={(value) => setFilter("archived", value)}
        />
      </form>
      <Loaded state={page}>
        {(data) =>
          data.items.length === 0 ? (
            <p class="muted">{i18n.t("children.empty")}</p>
          ) : (
            <>
              <ul class="cards" aria-label={i18n.t("children.title")}>
                {data.items.map((child) => (
                  <li key={child.id} class="card child-card">
                    <a href={"/children/" + child.id} class="card-title">
                      {fullName(child)}
                    </a>
                    <span class="muted">
                      {i18n.t("children.pseudonym")}: {String(child.pseudonym ?? "—")}
                    </span>
                    <span>
                      {i18n.t("children.age")}: {ageText(child.date_of_birth, i18n.lang)}
                    </span>
                    <span>
                      <span class={"tag tag-" + String(child.placement)}>{i18n.t(("placement." + child.placement) as MessageKey)}</span>
                      {child.facility_id ? " · " + nameOf(facilities.data, child.facility_id) : ""}
                    </span>
                  </li>
                ))}
              </ul>
              <nav class="pager" aria-label={i18n.t("children.more")}>
                <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
                  ← {i18n.t("app.back")}
                </button>
                <span class="muted">{i18n.t("children.count", { n: i18n.number((cursors.length - 1) * PAGE_SIZE + data.items.length) })}</span>
                <button type="button" disabled={!data.next_cursor} onClick={() => setCursors([...cursors, data.next_cursor ?? undefined])}>
                  {i18n.t("children.more")} →
                </button>
              </nav>
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function NewChild({ onCreated }: { onCreated: (id: number) => void }) {
  const i18n = useI18n();
  const { me } = useSession();
  const initial = {
    given_names: "",
    family_names: "",
    date_of_birth: "",
    sex: "",
    placement: me.facility_id ? "inside_with_mother" : "relatives",
    organisation_id: me.organisation_id ? String(me.organisation_id) : "",
    facility_id: me.facility_id ? String(me.facility_id) : "",
    home_id: "",
  };
  const [form, setForm, clear] = useDraft("children.new", initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const facilities = useAsync(() => lookup("facilities"), []);
  const organisations = useAsync(() => lookup("organisations"), []);
  const homes = useAsync(() => lookup("homes"), []);
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    const body: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(form)) {
      if (value === "") continue;
      body[name] = name.endsWith("_id") ? Number(value) : value;
    }
    try {
      const created = await api<RecordRow>("/children", { body });
      clear();
      clearLookups();
      onCreated(created.id);
    } catch (error) {
      setErrors(fieldErrors(i18n, error, Object.keys(initial)));
    } finally {
      setBusy(false);
    }
  };
  const options = (rows: RecordRow[] | undefined) => (rows ?? []).map((row) => ({ value: String(row.id), label: String(row.name) }));
  return (
    <form id="new-child" class="card form-card" onSubmit={submit} noValidate aria-labelledby="new-child-title">
      <h2 id="new-child-title">{i18n.t("children.new")}</h2>
      <div class="form-grid">
        <TextField id="given_names" label={i18n.t("field.given_names")} value={form.given_names} required error={errors.given_names} onInput={set("given_names")} />
        <TextField id="family_names" label={i18n.t("field.family_names")} value={form.family_names} required error={errors.family_names} onInput={set("family_names")} />
        <TextField id="date_of_birth" type="date" label={i18n.t("field.date_of_birth")} value={form.date_of_birth} required error={errors.date_of_birth} onInput={set("date_of_birth")} />
        <SelectField
          id="sex"
          label={i18n.t("field.sex")}
          value={form.sex}
          required
          placeholder={i18n.t("field.choose")}
          error={errors.sex}
          options={sexes.map((value) => ({ value, label: i18n.t(("sex." + value) as MessageKey) }))}
          onChange={set("sex")}
        />
        <SelectField
          id="new_placement"
          label={i18n.t("field.placement")}
          value={form.placement}
          required
          error={errors.placement}
          options={registrationPlacements.map((value) => ({ value, label: i18n.t(("placement." + value) as MessageKey) }))}
          onChange={set("placement")}
        />
        <SelectField
          id="organisation_id"
          label={i18n.t("field.organisation_id")}
          value={form.organisation_id}
          placeholder={i18n.t("app.none")}
          error={errors.organisation_id}
          options={options(organisations.data)}
          onChange={set("organisation_id")}
        />
        <SelectField
          id="facility_id"
          label={i18n.t("field.facility_id")}
          value={form.facility_id}
          placeholder={i18n.t("app.none")}
          error={errors.facility_id}
          options={options(facilities.data)}
          onChange={set("facility_id")}
        />
        <SelectField
          id="home_id"
          label={i18n.t("field.home_id")}
          value={form.home_id}
          placeholder={i18n.t("app.none")}
          error={errors.home_id}
          options={options(homes.data)}
          onChange={set("home_id")}
        />
      </div>
      {errors.form && (
        <p class="notice notice-error" role="alert">
          {errors.form}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {i18n.t("app.save")}
        </button>
        <button
          type="button"
          onClick={() => {
            clear();
            navigate("/children", true);
          }}
        >
          {i18n.t("app.cancel")}
        </button>
      </div>
    </form>
  );
}
