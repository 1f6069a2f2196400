import { useState } from "preact/hooks";
import { api, ApiError, type Me } from "../api";
import { TextField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n } from "../i18n";

export function Login({ expired, onSignedIn }: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const i18n = useI18n();
  const [form, setForm] = useDraft("login", { username: "", password: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await api("/auth/login", { body: { username: form.username, password: form.password } });
      const me = await api<Me>("/auth/me");
      setForm({ username: form.username, password: "" });
      onSignedIn(me);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setErrors({ form: i18n.t("login.failed") });
      else if (error instanceof ApiError && error.field) setErrors({ [error.field]: i18n.error(error) });
      else setErrors({ form: i18n.error(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="login">
      <div class="login-card">
        <h1 class="brand-title">{i18n.t("app.name")}</h1>
        <p class="muted">{i18n.t("login.intro")}</p>
        {expired && (
          <p class="notice notice-warn" role="status">
            {i18n.t("login.expired")}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <h2>{i18n.t("login.title")}</h2>
          <TextField
            id="username"
            label={i18n.t("login.username")}
            value={form.username}
            autocomplete="username"
            required
            error={errors.username}
            onInput={(username) => setForm({ ...form, username })}
          />
          <TextField
            id="password"
            type="password"
            label={i18n.t("login.password")}
            value={form.password}
            autocomplete="current-password"
            required
            error={errors.password}
            onInput={(password) => setForm({ ...form, password })}
          />
          {errors.form && (
            <p class="notice notice-error" role="alert">
              {errors.form}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {i18n.t("login.submit")}
          </button>
        </form>
      </div>
    </main>
  );
}
