// Calendar subscriptions (issue 18), on the account screen: a secret URL per
// feed the user may read (a facility's visiting sessions, an escort's trips,
// her own workshop sessions) for a calendar application to subscribe to with
// no sign-in. The URL is shown once, with a copy button; the list shows the
// user's subscriptions; revoking asks for confirmation. The server decides
// who may subscribe to what (the feed's own rules). The feed and subject
// chosen are kept as a draft until the subscription is made; the secret URL
// never is.
import { useState } from "preact/hooks";
import { api, listAll, type Me, type RecordRow } from "../api";
import { Loaded, useAsync } from "../components/Async";
import { SelectField } from "../components/Field";
import { useDraft } from "../draft";
import { useI18n } from "../i18n";
import { fullName, lookup } from "../lookups";
import { can } from "../session";
import { loadEscorts } from "./visits/types";

type Feed = "facility" | "escort" | "facilitator";
interface Subscription {
  id: number;
  feed: Feed;
  subject_id: number;
  created_at: string;
  revoked_at: string | null;
}
// The operation each feed is (GET /auth/me's capabilities say who may read it).
const feedOperation: Record<Feed, string> = {
  facility: "facilityVisitCalendar",
  escort: "escortCalendar",
  facilitator: "getFacilitatorCalendar",
};

async function loadSubjects(me: Me): Promise<Record<Feed, { value: string; label: string }[]>> {
  const month = new Date().toISOString().slice(0, 7);
  const [facilities, escorts, staff] = await Promise.all([
    can(me, feedOperation.facility) ? lookup("facilities").catch(() => []) : Promise.resolve([]),
    can(me, feedOperation.escort) && me.organisation_id ? loadEscorts(me.organisation_id, month) : Promise.resolve([]),
    can(me, feedOperation.escort) && me.organisation_id ? listAll<RecordRow>("/staff").catch(() => []) : Promise.resolve([]),
  ]);
  return {
    facility: facilities
      .filter((row) => !me.facility_id || row.id === me.facility_id)
      .map((row) => ({ value: String(row.id), label: String(row.name ?? "#" + row.id) })),
    escort: escorts.map((escort) => {
      const person = staff.find((row) => row.id === escort.staff_id);
      return { value: String(escort.id), label: person ? fullName(person) : "#" + escort.id };
    }),
    facilitator: can(me, feedOperation.facilitator) ? [{ value: String(me.user_id), label: me.username }] : [],
  };
}

export function CalendarSubscriptions({ me }: { me: Me }) {
  const i18n = useI18n();
  const subjects = useAsync(() => loadSubjects(me), [me.user_id]);
  const mine = useAsync(() => api<{ items: Subscription[] }>("/calendar-subscriptions").then((r) => r.items), []);
  const [choice, setChoice, clear] = useDraft("calendar-subscription", { feed: "", subject: "" });
  const feed = choice.feed as Feed | "";
  const subject = choice.subject;
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setCreated(null);
    setCopied(false);
    if (!feed || !subject) {
      setError(i18n.t("calsub.choose"));
      return;
    }
    setBusy(true);
    try {
      const answer = await api<{ path: string }>("/calendar-subscriptions", {
        body: { feed, subject_id: Number(subject) },
      });
      setCreated(window.location.origin + answer.path);
      clear();
      mine.reload();
    } catch (failure) {
      setError(i18n.error(failure));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const revoke = async (subscription: Subscription) => {
    if (!window.confirm(i18n.t("calsub.confirmRevoke"))) return;
    setError(null);
    try {
      await api(`/calendar-subscriptions/${subscription.id}`, { method: "DELETE" });
      mine.reload();
    } catch (failure) {
      setError(i18n.error(failure));
    }
  };
  const subjectName = (subscription: Subscription): string =>
    subjects.data?.[subscription.feed].find((option) => option.value === String(subscription.subject_id))?.label ??
    "#" + subscription.subject_id;

  return (
    <section aria-labelledby="calsub-title" data-testid="calendar-subscriptions">
      <h2 id="calsub-title">{i18n.t("calsub.title")}</h2>
      <p class="muted">{i18n.t("calsub.intro")}</p>
      <Loaded state={subjects}>
        {(options) => {
          const feeds = (Object.keys(feedOperation) as Feed[]).filter((one) => options[one].length > 0);
          if (feeds.length === 0) return <p class="muted">{i18n.t("calsub.none")}</p>;
          return (
            <form onSubmit={create} noValidate>
              <SelectField
                id="calsub-feed"
                label={i18n.t("calsub.feed")}
                value={feed}
                placeholder=""
                options={feeds.map((one) => ({ value: one, label: i18n.t(`calsub.feed.${one}`) }))}
                onChange={(value) => setChoice({ feed: value, subject: value ? options[value as Feed][0]?.value ?? "" : "" })}
              />
              {feed && feeds.includes(feed) && (
                <SelectField id="calsub-subject" label={i18n.t(`calsub.subject.${feed}`)} value={subject} options={options[feed]} onChange={(value) => setChoice({ feed, subject: value })} />
              )}
              <button type="submit" class="primary" disabled={busy}>
                {i18n.t("calsub.create")}
              </button>
            </form>
          );
        }}
      </Loaded>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div class="notice" role="status">
          <p>{i18n.t("calsub.created")}</p>
          <input id="calsub-url" class="calsub-url" type="text" readOnly value={created} aria-label={i18n.t("calsub.url")} data-testid="calsub-url" />{" "}
          <button type="button" onClick={copy}>
            {copied ? i18n.t("calsub.copied") : i18n.t("calsub.copy")}
          </button>
        </div>
      )}
      <Loaded state={mine}>
        {(items) =>
          items.length === 0 ? (
            <p class="muted">{i18n.t("calsub.empty")}</p>
          ) : (
            <ul class="plain-list" data-testid="calsub-list">
              {items.map((subscription) => (
                <li key={subscription.id} data-testid="calsub-item">
                  {i18n.t(`calsub.feed.${subscription.feed}`)}: {subjectName(subscription)} · {i18n.date(subscription.created_at.slice(0, 10))}{" "}
                  {subscription.revoked_at ? (
                    <span class="muted">{i18n.t("calsub.revoked", { date: i18n.date(subscription.revoked_at.slice(0, 10)) })}</span>
                  ) : (
                    <button type="button" class="link" onClick={() => revoke(subscription)}>
                      {i18n.t("calsub.revoke")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
