import type { App } from '../app.js';
import type { ActorContext } from '../../app/shared/actor-context.js';

export interface ActorOptions {
  readonly actor?: string;
  readonly reason?: string;
}

/** Who runs the command: --actor, else QANAT_ACTOR, else the login name. Roles come from the store, never from here. */
export function actorName(options: ActorOptions): string {
  return options.actor ?? process.env.QANAT_ACTOR ?? process.env.USER ?? 'cli';
}

export function actorContext(app: App, options: ActorOptions, defaultReason = ''): ActorContext {
  return { actor: actorName(options), reason: options.reason ?? defaultReason, nowUs: app.clock.nowUs() };
}
