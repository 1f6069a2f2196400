// Administration: users and their roles (add, enable, disable; a new user may
// be linked to a staff record of her organisation), the co-residence rules of
// each jurisdiction, the needs catalogue and the health schedule.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, listAll, type RecordRow } from "../api";
import { fieldErrors } from "./care";
import { Loaded, useAsync } from "../components/Async";
import { SelectField, TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n, type MessageKey } from "../i18n";
import { lookup, nameOf } from "../lookups";
import { useSession } from "../session";
import { HealthScheduleAdmin, SupplyCatalogue } from "./AdminNursery";

interface User {
  id: number;
  username: string;
  role: string;
  display_name: string;
  language: string;
  disabled: boolean;
  version: number;
  organisation_id: number | null;
  facility_id: number | null;
  staff_id?: number | null;
}

const roles = ["administrator", "programme_coordinator", "caregiver", "social_worker", "nursery_officer", "visits_officer", "auditor"];

export function Admin() {
  const i18n = useI18n();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{i18n.t("admin.title")}</h1>
      <nav class="admin-sections" aria-label={i18n.t("care.adminSections")}>
        <ul>
          <li>
            <a href="#users-title">{i18n.t("admin.users")}</a>
          </li>
          <li>
            <a href="#rules-title">{i18n.t("admin.rules")}</a>
          </li>
          <li>
            <a href="#catalogue-title">{i18n.t("care.catalogue.title")}</a>
          </li>
          <li>
            <a href="#schedule-title">{i18n.t("care.schedule.title")}</a>
          </li>
        </ul>
      </nav>
      <Users />
      <Rules />
      <SupplyCatalogue />
      <HealthScheduleAdmin />
    </section>
  );
}

function Users() {
  const i18n = useI18n();
  const { me } = useSession();
  const [notice, setNotice] = useState("");
  // The user being edited is kept as a draft too: a reload or an expired
  // session reopens her form, read afresh, with the changes typed.
  const [edit, setEdit, stopEditing] = useDraft("admin.editing", { user_id: "" });
  const state = useAsync(async () => {
    const [users, organisations, facilities, staff] = await Promise.all([
      api<{ items: User[] }>("/users").then((page) => page.items),
      lookup("organisations"),
      lookup("facilities"),
      listAll<RecordRow>("/staff").catch(() => [] as RecordRow[]),
    ]);
    return { users, organisations, facilities, staff };
  }, []);
  const toggle = async (user: User) => {
    // Disabling ends her sessions at once: asked first (issue 16).
    if (!user.disabled && !window.confirm(i18n.t("admin.confirmDisable", { user: user.username }))) return;
    try {
      await api(`/users/${user.id}/${user.disabled ? "enable" : "disable"}`, { method: "POST", ifMatch: user.version });
      state.reload();
    } catch (error) {
      setNotice(i18n.error(error));
    }
  };
  return (
    <section aria-labelledby="users-title" class="card">
      <h2 id="users-title">{i18n.t("admin.users")}</h2>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <Loaded state={state}>
        {({ users, organisations, facilities, staff }) => {
          const editing = users.find((user) => String(user.id) === edit.user_id);
          return (
            <>
              <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("admin.users")}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{i18n.t("field.username")}</th>
                      <th scope="col">{i18n.t("field.display_name")}</th>
                      <th scope="col">{i18n.t("field.role")}</th>
                      <th scope="col">{i18n.t("field.organisation_id")} / {i18n.t("field.facility_id")}</th>
                      <th scope="col">{i18n.t("admin.staffLink")}</th>
                      <th scope="col">{i18n.t("field.language")}</th>
                      <th scope="col">
                        <span class="sr-only">{i18n.t("admin.disable")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {users.map((user) => (
                      <tr key={user.id} class={user.disabled ? "muted" : ""}>
                        <td>{user.username}</td>
                        <td>{user.display_name}</td>
                        <td>{i18n.t(("role." + user.role) as MessageKey)}</td>
                        <td>{user.organisation_id ? nameOf(organisations, user.organisation_id) : user.facility_id ? nameOf(facilities, user.facility_id) : "—"}</td>
                        <td>{user.staff_id ? staffName(staff, user.staff_id) : "—"}</td>
                        <td>{user.language}</td>
                        <td>
                          <div class="actions">
                          <button type="button" aria-label={`${i18n.t("ue.edit")} ${user.username}`} onClick={() => setEdit({ user_id: String(user.id) })}>
                            {i18n.t("ue.edit")}
                          </button>
                          {user.id !== me.user_id && (
                            <button type="button" aria-label={`${user.disabled ? i18n.t("admin.enable") : i18n.t("admin.disable")} ${user.username}`} onClick={() => toggle(user)}>
                              {user.disabled ? i18n.t("admin.enable") : i18n.t("admin.disable")}
                            </button>
                          )}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {editing && (
                <EditUser
                  key={editing.id + ":" + editing.version}
                  user={editing}
                  self={editing.id === me.user_id}
                  staff={staff}
                  onDone={(message) => {
                    stopEditing();
                    if (message) setNotice(message);
                    state.reload();
                  }}
                />
              )}
              <NewUser
                organisations={organisations}
                facilities={facilities}
                staff={staff}
                onCreated={(name) => {
                  setNotice(i18n.t("admin.userAdded", { name }));
                  state.reload();
                }}
              />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

// Changes a user's role, name, language or staff link (PATCH with If-Match on
// the version the table showed); her organisation or facility stays. A staff
// link must be a staff record of her own organisation, which the choices
// already are; the server checks it again and names the field if not.
function EditUser({ user, self, staff, onDone }: { user: User; self: boolean; staff: RecordRow[]; onDone: (message?: string) => void }) {
  const i18n = useI18n();
  // Only her changes are kept, over the user as read now (never an old version).
  const [form, setForm, clear] = useDraft("user-edit." + user.id, {
    role: user.role,
    display_name: user.display_name,
    language: user.language,
    staff_id: user.staff_id ? String(user.staff_id) : "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The form opens below the users table: bring it into view, focus on its first field.
  useEffect(() => {
    const first = document.getElementById("edit_display_name");
    first?.scrollIntoView({ block: "center" });
    first?.focus();
  }, []);
  const ownStaff = staff.filter((row) => user.organisation_id !== null && row.organisation_id === user.organisation_id);
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    const body: Record<string, unknown> = { display_name: form.display_name, language: form.language };
    if (!self) body.role = form.role;
    if (user.organisation_id !== null) body.staff_id = form.staff_id === "" ? null : Number(form.staff_id);
    try {
      await api(`/users/${user.id}`, { method: "PATCH", body, ifMatch: user.version });
      clear();
      onDone(i18n.t("ue.saved", { name: user.username }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setErrors({ form: i18n.t("ue.stale") });
        return;
      }
      setErrors(fieldErrors(i18n, error, Object.keys(form)));
    }
  };
  return (
    <form class="form-card" onSubmit={submit} noValidate aria-labelledby="edit-user-title">
      <h3 id="edit-user-title">{i18n.t("ue.title", { name: user.username })}</h3>
      <div class="form-grid">
        <TextField id="edit_display_name" label={i18n.t("field.display_name")} value={form.display_name} error={errors.display_name} onInput={(display_name) => setForm({ ...form, display_name })} />
        {!self && (
          <SelectField
            id="edit_role"
            label={i18n.t("field.role")}
            value={form.role}
            error={errors.role}
            options={roles.map((value) => ({ value, label: i18n.t(("role." + value) as MessageKey) }))}
            onChange={(role) => setForm({ ...form, role })}
          />
        )}
        <SelectField
          id="edit_language"
          label={i18n.t("field.language")}
          value={form.language}
          error={errors.language}
          options={[
            { value: "es", label: i18n.t("lang.es") },
            { value: "en", label: i18n.t("lang.en") },
          ]}
          onChange={(language) => setForm({ ...form, language })}
        />
        {user.organisation_id !== null && (
          <SelectField
            id="edit_staff_id"
            label={i18n.t("admin.staffLink")}
            value={form.staff_id}
            placeholder={i18n.t("app.none")}
            error={errors.staff_id}
            options={ownStaff.map((row) => ({ value: String(row.id), label: staffName(staff, row.id) }))}
            onChange={(staff_id) => setForm({ ...form, staff_id })}
          />
        )}
      </div>
      {errors.form && (
        <p class="notice notice-error" role="alert">
          {errors.form}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          {i18n.t("ue.save")}
        </button>
        <button
          type="button"
          onClick={() => {
            clear();
            onDone();
          }}
        >
          {i18n.t("ue.cancel")}
        </button>
      </div>
    </form>
  );
}

const staffName = (staff: RecordRow[], id: unknown) => {
  const row = staff.find((one) => one.id === id);
  return row ? [row.given_names, row.family_names].filter(Boolean).join(" ") : "#" + String(id);
};

function NewUser({ organisations, facilities, staff, onCreated }: { organisations: RecordRow[]; facilities: RecordRow[]; staff: RecordRow[]; onCreated: (name: string) => void }) {
  const i18n = useI18n();
  const initial = { username: "", password: "", role: "", display_name: "", organisation_id: "", facility_id: "", staff_id: "", language: "es" };
  const [form, setForm, clear] = useDraft("admin.newUser", initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (name: keyof typeof initial) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    const body: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(form)) if (value !== "") body[name] = name.endsWith("_id") ? Number(value) : value;
    try {
      const user = await api<User>("/users", { body });
      clear();
      onCreated(user.username);
    } catch (error) {
      setErrors(fieldErrors(i18n, error, Object.keys(initial)));
    }
  };
  return (
    <form class="form-card" onSubmit={submit} noValidate aria-labelledby="new-user-title">
      <h3 id="new-user-title">{i18n.t("admin.newUser")}</h3>
      <div class="form-grid">
        <TextField id="new_username" label={i18n.t("field.username")} value={form.username} required error={errors.username} onInput={set("username")} autocomplete="off" />
        <TextField id="new_password" type="password" label={i18n.t("field.password")} value={form.password} required error={errors.password} onInput={set("password")} autocomplete="new-password" />
        <TextField id="new_display_name" label={i18n.t("field.display_name")} value={form.display_name} error={errors.display_name} onInput={set("display_name")} />
        <SelectField
          id="new_role"
          label={i18n.t("field.role")}
          value={form.role}
          required
          placeholder={i18n.t("field.choose")}
          error={errors.role}
          options={roles.map((value) => ({ value, label: i18n.t(("role." + value) as MessageKey) }))}
          onChange={set("role")}
        />
        <SelectField
          id="new_organisation_id"
          label={i18n.t("field.organisation_id")}
          value={form.organisation_id}
          placeholder={i18n.t("app.none")}
          error={errors.organisation_id}
          options={organisations.map((row) => ({ value: String(row.id), label: String(row.name) }))}
          onChange={(organisation_id) => setForm({ ...form, organisation_id, staff_id: "" })}
        />
        <SelectField
          id="new_facility_id"
          label={i18n.t("field.facility_id")}
          value={form.facility_id}
          placeholder={i18n.t("app.none")}
          error={errors.facility_id}
          options={facilities.map((row) => ({ value: String(row.id), label: String(row.name) }))}
          onChange={set("facility_id")}
        />
        <SelectField
          id="new_staff_id"
          label={i18n.t("admin.staffLink")}
          value={form.staff_id}
          placeholder={i18n.t(form.organisation_id ? "app.none" : "admin.staffChooseOrg")}
          hint={i18n.t("admin.staffHint")}
          error={errors.staff_id}
          // A user is linked only to a staff record of her own organisation.
          options={staff
            .filter((row) => String(row.organisation_id) === form.organisation_id && !row.archived)
            .map((row) => ({ value: String(row.id), label: `${staffName(staff, row.id)} (${i18n.has("admin.staffRole." + row.staff_role) ? i18n.t(("admin.staffRole." + row.staff_role) as MessageKey) : String(row.staff_role)})` }))}
          onChange={set("staff_id")}
        />
        <SelectField
          id="new_language"
          label={i18n.t("field.language")}
          value={form.language}
          options={[
            { value: "es", label: "Español" },
            { value: "en", label: "English" },
          ]}
          onChange={set("language")}
        />
      </div>
      {errors.form && (
        <p class="notice notice-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" class="primary">
        {i18n.t("admin.newUser")}
      </button>
    </form>
  );
}

function Rules() {
  const i18n = useI18n();
  const state = useAsync(async () => {
    const [jurisdictions, rules] = await Promise.all([lookup("jurisdictions"), listAll<RecordRow>("/coresidence_rules")]);
    return { jurisdictions, rules };
  }, []);
  return (
    <section aria-labelledby="rules-title" class="card">
      <h2 id="rules-title">{i18n.t("admin.rules")}</h2>
      <Loaded state={state}>
        {({ jurisdictions, rules }) => (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={i18n.t("admin.rules")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{i18n.t("admin.jurisdiction")}</th>
                  <th scope="col">{i18n.t("admin.maxAge")}</th>
                  <th scope="col">{i18n.t("admin.validFrom")}</th>
                  <th scope="col">{i18n.t("admin.ruleKind")}</th>
                  <th scope="col">{i18n.t("admin.extension")}</th>
                </tr>
              </thead>
              <tbody>
                {[...rules]
                  .sort((a, b) => nameOf(jurisdictions, a.jurisdiction_id).localeCompare(nameOf(jurisdictions, b.jurisdiction_id)) || String(a.effective_from).localeCompare(String(b.effective_from)))
                  .map((rule) => (
                    <tr key={rule.id}>
                      <th scope="row">{nameOf(jurisdictions, rule.jurisdiction_id)}</th>
                      <td>{rule.allowed ? (rule.max_age_months === null ? "∞" : i18n.number(rule.max_age_months as number)) : i18n.t("app.no")}</td>
                      <td>{rule.effective_from ? i18n.date(rule.effective_from as string) : i18n.t("ruleForm.sinceAlways")}</td>
                      <td>{String(rule.rule_kind)}</td>
                      <td>{String(rule.extension_possible)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
      <Loaded state={state}>{({ jurisdictions }) => <RuleVersionForm jurisdictions={jurisdictions} onSaved={state.reload} />}</Loaded>
    </section>
  );
}

// A new version of a jurisdiction's rule (issue 15). An empty "valid from"
// is a version open-ended in the past: in force since always until the next
// one (one per jurisdiction). Adding one never moves a child's kept age-out
// date: where it would, the nursery board shows a proposal to accept.
function RuleVersionForm({ jurisdictions, onSaved }: { jurisdictions: RecordRow[]; onSaved: () => void }) {
  const i18n = useI18n();
  const empty = { jurisdiction_id: "", allowed: "yes", max_age_months: "", rule_kind: "law", extension_possible: "unknown", effective_from: "", source: "", notes: "" };
  const [form, setForm, clear] = useDraft("rule-version", empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState("");
  const set = (name: keyof typeof empty) => (value: string) => setForm({ ...form, [name]: value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    setNotice("");
    const months = form.max_age_months.trim();
    const body: Record<string, unknown> = {
      jurisdiction_id: form.jurisdiction_id ? Number(form.jurisdiction_id) : undefined,
      allowed: form.allowed === "yes",
      max_age_months: months === "" ? undefined : /^\d+$/.test(months) ? Number(months) : months,
      rule_kind: form.rule_kind,
      extension_possible: form.extension_possible,
      effective_from: form.effective_from || undefined,
      source: form.source,
      notes: form.notes || undefined,
    };
    try {
      await api("/coresidence_rules", { body });
      clear();
      setNotice(i18n.t("ruleForm.added"));
      onSaved();
    } catch (error) {
      setErrors(fieldErrors(i18n, error, Object.keys(empty)));
    }
  };
  return (
    <details class="form-card" data-testid="rule-version-form">
      <summary>{i18n.t("ruleForm.add")}</summary>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <SelectField
          id="rule-jurisdiction"
          label={i18n.t("admin.jurisdiction")}
          value={form.jurisdiction_id}
          placeholder="—"
          options={jurisdictions.map((row) => ({ value: String(row.id), label: String(row.name) }))}
          error={errors.jurisdiction_id}
          onChange={set("jurisdiction_id")}
        />
        <SelectField
          id="rule-allowed"
          label={i18n.t("ruleForm.allowed")}
          value={form.allowed}
          options={[
            { value: "yes", label: i18n.t("app.yes") },
            { value: "no", label: i18n.t("app.no") },
          ]}
          error={errors.allowed}
          onChange={set("allowed")}
        />
        <TextField id="rule-months" label={i18n.t("admin.maxAge")} inputMode="numeric" value={form.max_age_months} error={errors.max_age_months} onInput={set("max_age_months")} />
        <SelectField
          id="rule-kind"
          label={i18n.t("admin.ruleKind")}
          value={form.rule_kind}
          options={["law", "regulation", "practice", "programme"].map((value) => ({ value, label: value }))}
          error={errors.rule_kind}
          onChange={set("rule_kind")}
        />
        <SelectField
          id="rule-extension"
          label={i18n.t("admin.extension")}
          value={form.extension_possible}
          options={["yes", "no", "unknown"].map((value) => ({ value, label: value }))}
          error={errors.extension_possible}
          onChange={set("extension_possible")}
        />
        <TextField
          id="rule-from"
          type="date"
          label={i18n.t("admin.validFrom")}
          hint={i18n.t("ruleForm.fromHint")}
          value={form.effective_from}
          error={errors.effective_from}
          onInput={set("effective_from")}
        />
        <TextField id="rule-source" label={i18n.t("ruleForm.source")} value={form.source} error={errors.source} onInput={set("source")} />
        <TextField id="rule-notes" label={i18n.t("ruleForm.notes")} value={form.notes} error={errors.notes} onInput={set("notes")} />
        {errors.form && (
          <p class="notice notice-error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" class="primary">
          {i18n.t("ruleForm.add")}
        </button>
      </form>
    </details>
  );
}

