// A labelled form control with its error underneath (aria-describedby), so a
// problem+json error naming this field appears next to it.
import type { ComponentChildren } from "preact";

interface Common {
  id: string;
  label: string;
  error?: string;
  hint?: string;
}

function Wrap({ id, label, error, hint, children }: Common & { children: ComponentChildren }) {
  return (
    <div class={"field" + (error ? " field-invalid" : "")}>
      <label for={id}>{label}</label>
      {children}
      {hint && !error && (
        <small id={id + "-hint"} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={id + "-error"} class="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

const describedBy = (id: string, error?: string, hint?: string) =>
  error ? id + "-error" : hint ? id + "-hint" : undefined;

export function TextField(
  props: Common & {
    value: string;
    onInput: (value: string) => void;
    type?: string;
    required?: boolean;
    autocomplete?: string;
    inputMode?: "text" | "numeric" | "search";
  },
) {
  const { id, error, hint } = props;
  return (
    <Wrap {...props}>
      <input
        id={id}
        name={id}
        type={props.type ?? "text"}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onInput={(event) => props.onInput((event.target as HTMLInputElement).value)}
      />
    </Wrap>
  );
}

export function SelectField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    options: { value: string; label: string }[];
    required?: boolean;
    placeholder?: string;
  },
) {
  const { id, error, hint } = props;
  return (
    <Wrap {...props}>
      <select
        id={id}
        name={id}
        value={props.value}
        required={props.required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => props.onChange((event.target as HTMLSelectElement).value)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}
