import type { ComponentChildren } from 'preact';

/** One numbered step of the Source wizard: done, current or waiting for an earlier one. */
export function Step({
  number,
  title,
  state,
  children,
}: {
  number: number;
  title: string;
  state: 'done' | 'current' | 'waiting';
  children: ComponentChildren;
}) {
  return (
    <li class={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
      <div class="step-marker" aria-hidden="true">
        {state === 'done' ? '✓' : number}
      </div>
      <div class="step-body">
        <h3>
          {title}
          <span class="visually-hidden">
            {state === 'done' ? ' (done)' : state === 'current' ? ' (current step)' : ' (later)'}
          </span>
        </h3>
        {children}
      </div>
    </li>
  );
}
