import { Injectable } from '@nestjs/common';

type Listener = (environmentId: string) => void;

/**
 * Tells listeners (alerts) that survey responses of an environment were stored: after a sync run,
 * a webhook and an import. A hint to look now, nothing more: what to alert on is derived from the
 * stored responses, so a missed hint only delays an alert to the next scheduled evaluation.
 */
@Injectable()
export class SurveyWrites {
  private readonly listeners = new Set<Listener>();

  /** Adds a listener; returns its removal. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stored(environmentId: string): void {
    for (const listener of this.listeners) listener(environmentId);
  }
}
