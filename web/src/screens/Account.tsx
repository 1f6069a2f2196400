// One's own account: changing one's password (issue 13). The current password
// is entered again; on success every other session of the user ends and this
// one continues with the new session the server sets (cookie).
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { TextField } from "../components/Field";
import { useI18n } from "../i18n";
import { useSession } from "../session";
import { CalendarSubscriptions } from "./CalendarSubscriptions";

const empty = { current_password: "", new_password: "", repeat: "" };

export function Account() {
  const i18n = useI18n();
  const { me } = useSession();
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof empty) => (value: string) => setForm({ ...form, [name]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    const found: Record<string, string> = {};
    if (!form.current_password) found.current_password = i18n.t("account.required");
    if (!form.new_password) found.new_password = i18n.t("account.required");
    if (form.new_password && form.repeat !== form.new_password) found.repeat = i18n.t("account.mismatch");
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api("/auth/password", {
        body: { current_password: form.current_password, new_password: form.new_password },
      });
      setForm(empty);
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.field === "current_password") {
        setErrors({ current_password: i18n.t("account.wrongCurrent") });
      } else if (error instanceof ApiError && error.field === "new_password") {
        setErrors({ new_password: i18n.t("account.weak", { detail: error.problem.detail ?? "" }) });
      } else {
        setErrors({ form: i18n.error(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="account-title" class="card">
      <h1 id="account-title">{i18n.t("account.title")}</h1>
      <p class="muted">{i18n.t("account.signedInAs", { user: me.username })}</p>
      <form onSubmit={submit} noValidate>
        <h2>{i18n.t("account.passwordTitle")}</h2>
        <p class="muted">{i18n.t("account.intro")}</p>
        <TextField
          id="current_password"
          type="password"
          label={i18n.t("account.current")}
          value={form.current_password}
          autocomplete="current-password"
          required
          error={errors.current_password}
          onInput={set("current_password")}
        />
        <TextField
          id="new_password"
          type="password"
          label={i18n.t("account.new")}
          hint={i18n.t("account.rules")}
          value={form.new_password}
          autocomplete="new-password"
          required
          error={errors.new_password}
          onInput={set("new_password")}
        />
        <TextField
          id="repeat_password"
          type="password"
          label={i18n.t("account.repeat")}
          value={form.repeat}
          autocomplete="new-password"
          required
          error={errors.repeat}
          onInput={set("repeat")}
        />
        {errors.form && (
          <p class="notice notice-error" role="alert">
            {errors.form}
          </p>
        )}
        {done && (
          <p class="notice" role="status">
            {i18n.t("account.changed")}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {i18n.t("account.submit")}
        </button>
      </form>
      <CalendarSubscriptions me={me} />
    </section>
  );
}
