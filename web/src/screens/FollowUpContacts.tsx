// A released parent's follow-up contacts (issue 15): the release date, the
// organisation's follow-up period and whether a contact is due (GET
// /follow-ups-due), the contacts made (GET /parents/{id}/follow-up-contacts)
// and a form to record one (POST, the server checks the date: not before the
// release, not in the future; its field errors show under the fields). What
// she types is kept as a draft until the contact is saved.
// Reached from the follow-ups list and the reunification plan.
import { useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { useDraft } from "../draft";
import { SelectField, TextField } from "../components/Field";
import { useI18n, type MessageKey } from "../i18n";
import { can, useSession } from "../session";
import { fieldErrors, FormError, TextArea, todayIso } from "./care";
import type { ScreenProps } from "./registry";

export const followUpKinds = ["home_visit", "phone", "office_meeting", "other"];

interface Contact {
  id: number;
  contacted_on: string;
  kind: string;
  note: string;
}
interface Parent {
  id: number;
  given_names: string;
  family_names: string;
  custody_status: string | null;
  released_on: string | null;
}
interface Due {
  follow_up_days: number;
  items: { parent: { id: number }; follow_up_until: string; due: boolean }[];
}

async function loadContacts(parentId: string) {
  const [parent, contacts, due] = await Promise.all([
    api<Parent>(`/parents/${parentId}`),
    api<{ items: Contact[] }>(`/parents/${parentId}/follow-up-contacts`).then((page) => page.items),
    api<Due>("/follow-ups-due"),
  ]);
  return { parent, contacts, period: due.follow_up_days, entry: due.items.find((item) => item.parent.id === parent.id) ?? null };
}

export function FollowUpContacts({ params }: ScreenProps) {
  const i18n = useI18n();
  const { me } = useSession();
  const [reload, setReload] = useState(0);
  const state = useAsync(() => loadContacts(params.id), [params.id, reload]);
  return (
    <article aria-labelledby="fu-contacts-title">
      <p>
        <a href="/follow-ups">← {i18n.t("followUp.title")}</a>
      </p>
      <Loaded state={state}>
        {({ parent, contacts, period, entry }) => (
          <>
            <h1 id="fu-contacts-title">
              {i18n.t("fuc.title")}{" "}
              <span class="h1-sub">
                {parent.given_names} {parent.family_names}
              </span>
            </h1>
            {parent.custody_status === "released" && parent.released_on ? (
              <dl class="facts card" data-testid="fuc-period">
                <div>
                  <dt>{i18n.t("followUp.released")}</dt>
                  <dd>{i18n.date(parent.released_on)}</dd>
                </div>
                <div>
                  <dt>{i18n.t("followUp.until")}</dt>
                  <dd>{entry ? i18n.date(entry.follow_up_until) : i18n.t("fuc.periodOver")}</dd>
                </div>
                <div>
                  <dt>{i18n.t("fuc.periodDays")}</dt>
                  <dd>
                    {i18n.number(period)}{" "}
                    {entry?.due && (
                      <span class="tag tag-alert" data-testid="fuc-due">
                        {i18n.t("followUp.due")}
                      </span>
                    )}
                  </dd>
                </div>
              </dl>
            ) : (
              <p class="notice" data-testid="fuc-not-released">
                {i18n.t("fuc.notReleased")}
              </p>
            )}
            <h2>{i18n.t("fuc.made")}</h2>
            {contacts.length === 0 ? (
              <p class="muted" data-testid="fuc-none">
                {i18n.t("fuc.none")}
              </p>
            ) : (
              <table class="stack" data-testid="fuc-list">
                <caption class="sr-only">{i18n.t("fuc.made")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t("fuc.date")}</th>
                    <th scope="col">{i18n.t("fuc.kind")}</th>
                    <th scope="col">{i18n.t("fuc.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {contacts.map((contact) => (
                    <tr key={contact.id}>
                      <td data-label={i18n.t("fuc.date")}>{i18n.date(contact.contacted_on)}</td>
                      <td data-label={i18n.t("fuc.kind")}>{i18n.t(("fuc.kind." + contact.kind) as MessageKey)}</td>
                      <td data-label={i18n.t("fuc.note")}>{contact.note || i18n.t("app.none")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {can(me, "recordFollowUpContact") && parent.custody_status === "released" && (
              <ContactForm parentId={parent.id} onDone={() => setReload(reload + 1)} />
            )}
          </>
        )}
      </Loaded>
    </article>
  );
}

function ContactForm({ parentId, onDone }: { parentId: number; onDone: () => void }) {
  const i18n = useI18n();
  const empty = { contacted_on: todayIso(), kind: "", note: "" };
  const [form, setForm, clear] = useDraft("follow-up." + parentId, empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors({});
    try {
      await api(`/parents/${parentId}/follow-up-contacts`, {
        body: { contacted_on: form.contacted_on || undefined, kind: form.kind || undefined, note: form.note || undefined },
      });
      clear();
      onDone();
    } catch (error) {
      const errors = fieldErrors(i18n, error, ["contacted_on", "kind", "note"]);
      // Before the release: the server's generic refusal naming contacted_on, in words.
      if (error instanceof ApiError && error.field === "contacted_on" && error.problem.code === "invalid_argument") errors.contacted_on = i18n.t("fuc.error.date");
      setErrors(errors);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="fuc-form-title" class="card form-card">
      <h2 id="fuc-form-title">{i18n.t("fuc.record")}</h2>
      <TextField id="contacted_on" type="date" label={i18n.t("fuc.date")} value={form.contacted_on} error={errors.contacted_on} onInput={(value) => setForm({ ...form, contacted_on: value })} />
      <SelectField
        id="kind"
        label={i18n.t("fuc.kind")}
        value={form.kind}
        placeholder={i18n.t("field.choose")}
        error={errors.kind}
        options={followUpKinds.map((value) => ({ value, label: i18n.t(("fuc.kind." + value) as MessageKey) }))}
        onChange={(value) => setForm({ ...form, kind: value })}
      />
      <TextArea id="note" label={i18n.t("fuc.note")} value={form.note} error={errors.note} onInput={(value) => setForm({ ...form, note: value })} />
      <FormError text={errors.form} />
      <button type="submit" class="primary">
        {i18n.t("fuc.save")}
      </button>
    </form>
  );
}
