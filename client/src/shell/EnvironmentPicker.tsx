import type { EnvironmentInfoFragment } from '../generated/graphql';

/** The environment shown: a picker when the key reaches several (standalone), else its name. */
export function EnvironmentPicker({
  environment,
  environments,
  onEnvironment,
}: {
  environment: EnvironmentInfoFragment;
  environments: EnvironmentInfoFragment[];
  /** Absent in embed links, which show one environment. */
  onEnvironment?: (id: string) => void;
}) {
  if (environments.length <= 1 || !onEnvironment) {
    return (
      <span class="env-name" data-testid="environment-name">
        {environment.name}
      </span>
    );
  }
  return (
    <div class="control env-select">
      <label for="ctl-environment" class="visually-hidden">
        Environment
      </label>
      <select
        id="ctl-environment"
        name="environment"
        value={environment.id}
        onChange={(event) => onEnvironment(event.currentTarget.value)}
      >
        {environments.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name} (#{env.id})
          </option>
        ))}
      </select>
    </div>
  );
}
