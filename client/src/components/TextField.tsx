/** A labelled text input of the sign-in and people forms (email, name, password). */
export function TextField({
  label,
  name,
  value,
  onValue,
  type = 'text',
  autoComplete,
  required = false,
}: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  required?: boolean;
}) {
  const common = {
    name,
    autoComplete,
    required,
    value,
    onInput: (event: { currentTarget: HTMLInputElement }) => onValue(event.currentTarget.value),
  };
  // Preact types password inputs apart from text-like ones, so each is written out.
  return (
    <label class="control">
      <span>{label}</span>
      {type === 'password' ? (
        <input type="password" {...common} />
      ) : type === 'email' ? (
        <input type="email" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
    </label>
  );
}
